// The back office's orders: the list with status tabs and counts, search and date range; one order
// with its history; the merchant's remark; shipping, pickup hand-over and cancelling an unpaid
// order; CSV exports (a job with progress). Recipients' phones and addresses are masked for roles
// without orders:contact.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZBatchShipRequest,
  ZBatchShipResult,
  ZCancelOrderRequest,
  ZMerchantOrder,
  ZMerchantOrderList,
  ZMerchantOrderQuery,
  ZOrderExport,
  ZOrderExportList,
  ZOrderExportRequest,
  ZOrderPayment,
  ZOrderRemarkRequest,
  ZPickupRequest,
  ZShipOrderRequest,
  ZShippingUpload,
  ZUuid,
} from "@mallwright/schema";
import type { Context } from "hono";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { notFound } from "../../http/errors.ts";
import { body, csvBody, csvDownloadHeaders, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import { batchShip } from "../../services/orders/batch-ship.ts";
import { cancelInTx } from "../../services/orders/cancel-order.ts";
import {
  getOrderExport,
  listOrderExports,
  orderExportFile,
  startOrderExport,
} from "../../services/orders/export-orders.ts";
import { handOverPickup, retryShippingUpload, shipOrder } from "../../services/orders/fulfil-order.ts";
import { listMerchantOrders } from "../../services/orders/list-merchant-orders.ts";
import { loadOrders, presentOrder } from "../../services/orders/present-order.ts";

const tags = ["merchant: orders"];
const ZRefundStatus = ZOrderPayment.shape.refunds.element.shape.status;
const common = { 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404], 423: ERRORS[423] };
const params = z.strictObject({ id: ZUuid });
const read = { kind: "merchant", permission: "orders:read", params: { id: "order" } } as const;
const manage = { kind: "merchant", permission: "orders:manage", params: { id: "order" } } as const;

/** Staff without orders:contact see contact details masked; nobody here sees a pickup code. */
async function merchantOrder(c: Context<AppEnv>, id: string) {
  const { db, env } = c.get("deps");
  const m = c.get("merchant");
  return db.withTenant(m.tenantId, async (tx) => {
    const [row] = await loadOrders(tx, { id });
    if (!row) throw notFound("order");
    const order = presentOrder(fieldCipher(env), row, !m.permissions.has("orders:contact"));
    const payment = await tx.payment.findUnique({ where: { tenantId_orderId: { tenantId: m.tenantId, orderId: id } } });
    const refunds = payment ? await tx.refund.findMany({ where: { orderId: id }, orderBy: { createdAt: "asc" } }) : [];
    const upload = ZShippingUpload.shape.status.safeParse(row.shippingUploadStatus);
    return {
      ...order,
      pickup: order.pickup ? { ...order.pickup, code: "******" } : null,
      merchantRemark: row.merchantRemark,
      shippingUpload: upload.success
        ? {
            status: upload.data,
            error: row.shippingUploadError,
            uploadedAt: row.shippingUploadedAt?.toISOString() ?? null,
          }
        : null,
      payment: payment
        ? {
            provider: "wechat" as const,
            status: payment.status,
            transactionId: payment.transactionId,
            late: payment.late,
            refunds: refunds.map((r) => ({
              amount: r.amount,
              status: ZRefundStatus.parse(r.status),
              error: r.error,
              createdAt: r.createdAt.toISOString(),
            })),
          }
        : row.paymentProvider === "dev"
          ? { provider: "dev" as const, status: "paid", transactionId: row.paymentRef, late: false, refunds: [] }
          : null,
    };
  });
}

export const merchantOrderRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/orders",
      tags,
      summary: "Orders, newest first: status tab, search (number, phone's last 4 digits, product words), date range",
      access: { kind: "merchant", permission: "orders:read" },
      request: { query: ZMerchantOrderQuery },
      responses: { 200: json(ZMerchantOrderList, "A page of orders and the tab counts"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const m = c.get("merchant");
      const list = await listMerchantOrders(
        db,
        env,
        m.tenantId,
        c.req.valid("query"),
        !m.permissions.has("orders:contact"),
      );
      return c.json(
        {
          ...list,
          items: list.items.map((o) => ({ ...o, pickup: o.pickup ? { ...o.pickup, code: "******" } : null })),
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders/ship-batch",
      tags,
      summary: "Ship many paid express orders from a CSV (订单号,快递公司,运单号): every row reported",
      description:
        "Each row ships on its own; failed rows (unknown, unpaid, already shipped, bad tracking number) are listed with the reason and nothing else of them changes. At most 500 rows.",
      access: { kind: "merchant", permission: "orders:manage" },
      request: {
        body: body(ZBatchShipRequest, { csv: "订单号,快递公司,运单号\n261202000001,顺丰速运,SF1234567890\n" }),
      },
      responses: { 200: json(ZBatchShipResult, "What happened to each row"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const m = c.get("merchant");
      return c.json(await batchShip(c.get("deps").db, m.tenantId, m.membershipId, c.req.valid("json").csv), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders/exports",
      tags,
      summary: "Export the orders matching the list's filters as CSV (a job: poll it for progress)",
      description:
        "One row per order line (订单号, 下单时间, 状态, …, 快递公司, 运单号, 买家留言, 商家备注), UTF-8 with BOM. Contact details are masked for roles without orders:contact. At most 50,000 orders per export.",
      access: { kind: "merchant", permission: "orders:read" },
      request: { body: body(ZOrderExportRequest, { status: "paid", from: "2026-11-01", to: "2026-11-30" }) },
      responses: { 202: json(ZOrderExport, "The export, queued"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const m = c.get("merchant");
      const created = await startOrderExport(
        c.get("deps").db,
        { tenantId: m.tenantId, membershipId: m.membershipId },
        c.req.valid("json"),
        !m.permissions.has("orders:contact"),
      );
      c.get("deps").kickOutbox?.();
      return c.json(created, 202);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/orders/exports",
      tags,
      summary: "The store's ten latest order exports, newest first",
      access: { kind: "merchant", permission: "orders:read" },
      responses: { 200: json(ZOrderExportList, "Exports"), ...common },
    }),
    async (c) => c.json({ items: await listOrderExports(c.get("deps").db, c.get("merchant").tenantId) }, 200),
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/orders/exports/{id}",
      tags,
      summary: "One export and its progress (processedOrders of totalOrders)",
      access: { kind: "merchant", permission: "orders:read", params: { id: "order-export" } },
      request: { params },
      responses: { 200: json(ZOrderExport, "The export"), ...common, 422: ERRORS[422] },
    }),
    async (c) =>
      c.json(await getOrderExport(c.get("deps").db, c.get("merchant").tenantId, c.req.valid("param").id), 200),
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/orders/exports/{id}/download",
      tags,
      summary: "The finished export's CSV; 409 until it is done",
      access: { kind: "merchant", permission: "orders:read", params: { id: "order-export" } },
      request: { params },
      responses: {
        200: csvBody("The CSV (UTF-8 with BOM), one row per order line"),
        ...common,
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const file = await orderExportFile(c.get("deps").db, c.get("merchant").tenantId, c.req.valid("param").id);
      return c.body(file.csv, 200, csvDownloadHeaders(file.filename));
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/orders/{id}",
      tags,
      summary: "One order with its lines and timeline",
      access: read,
      request: { params },
      responses: { 200: json(ZMerchantOrder, "The order"), ...common, 422: ERRORS[422] },
    }),
    async (c) => c.json(await merchantOrder(c, c.req.valid("param").id), 200),
  )
  .openapi(
    defineRoute({
      method: "patch",
      path: "/orders/{id}",
      tags,
      summary: "The merchant's remark on an order (shoppers never see it)",
      access: manage,
      request: { params, body: body(ZOrderRemarkRequest, { remark: "客户要求周末送达" }) },
      responses: { 200: json(ZMerchantOrder, "The order"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const m = c.get("merchant");
      const updated = await c
        .get("deps")
        .db.withTenant(m.tenantId, (tx) =>
          tx.order.updateMany({ where: { id }, data: { merchantRemark: c.req.valid("json").remark } }),
        );
      if (updated.count === 0) throw notFound("order");
      return c.json(await merchantOrder(c, id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders/{id}/ship",
      tags,
      summary: "Ship a paid order (express: carrier and tracking number; pickup: ready to collect)",
      access: manage,
      request: { params, body: body(ZShipOrderRequest, { carrier: "顺丰速运", trackingNo: "SF1234567890" }) },
      responses: { 200: json(ZMerchantOrder, "Shipped"), ...common, 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const m = c.get("merchant");
      await shipOrder(c.get("deps").db, m.tenantId, m.membershipId, id, c.req.valid("json"));
      return c.json(await merchantOrder(c, id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders/{id}/shipping-upload",
      tags,
      summary: "Send a shipped WeChat order's shipping info to WeChat again (after a failure)",
      access: manage,
      request: { params },
      responses: { 200: json(ZMerchantOrder, "Queued"), ...common, 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const m = c.get("merchant");
      const { db, kickOutbox } = c.get("deps");
      await retryShippingUpload(db, m.tenantId, id);
      kickOutbox?.();
      return c.json(await merchantOrder(c, id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders/{id}/pickup",
      tags,
      summary: "Hand a pickup order over: the shopper's 6-digit code must match",
      access: manage,
      request: { params, body: body(ZPickupRequest, { code: "123456" }) },
      responses: { 200: json(ZMerchantOrder, "Completed"), ...common, 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const m = c.get("merchant");
      await handOverPickup(c.get("deps").db, m.tenantId, m.membershipId, id, c.req.valid("json").code);
      return c.json(await merchantOrder(c, id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders/{id}/cancel",
      tags,
      summary: "Cancel an unpaid order (its stock returns)",
      access: manage,
      request: { params, body: body(ZCancelOrderRequest, { reason: "缺货" }) },
      responses: { 200: json(ZMerchantOrder, "Cancelled"), ...common, 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const m = c.get("merchant");
      await c.get("deps").db.withTenant(m.tenantId, async (tx) => {
        await cancelInTx(
          tx,
          m.tenantId,
          id,
          { kind: "merchant", id: m.membershipId },
          c.req.valid("json").reason ?? null,
        );
      });
      return c.json(await merchantOrder(c, id), 200);
    },
  );
