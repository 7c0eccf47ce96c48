// Checkout and the shopper's orders: preview (every problem before submitting), submission under
// an Idempotency-Key, the order list by tab and one order, paying (the development provider for
// now) and cancelling an unpaid order.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZAfterSale,
  ZAfterSaleList,
  ZAfterSaleRequest,
  ZCancelOrderRequest,
  ZCheckoutPreview,
  ZCheckoutRequest,
  ZOrder,
  ZOrderList,
  ZOrderStatus,
  ZPayOrderResponse,
  ZUuid,
} from "@mallwright/schema";
import { z } from "zod";
import { shopperOrToken, shopperPrincipal } from "../../auth/middleware.ts";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import { previewCheckout } from "../../services/checkout/preview-checkout.ts";
import { loadAfterSales, presentAfterSale, requestAfterSale } from "../../services/orders/after-sales.ts";
import { cancelInTx } from "../../services/orders/cancel-order.ts";
import { confirmReceipt } from "../../services/orders/fulfil-order.ts";
import { startPayment } from "../../services/orders/payments.ts";
import { loadOrders, presentOrder } from "../../services/orders/present-order.ts";
import { submitOrder } from "../../services/orders/submit-order.ts";

const tags = ["store: orders"];
/** Orders per page of the shopper's list. */
const PAGE = 20;
const access = { kind: "shopper" } as const;
const one = { kind: "shopper", params: { id: "order" } } as const;
const common = { 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404], 423: ERRORS[423] };
const params = z.strictObject({ id: ZUuid });
const ZIdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces")
    .optional()
    .describe("Required: the same key and body replays the first answer"),
});
const checkoutExample = { delivery: "express" as const };

async function orderOf(
  c: { get(k: "deps"): AppEnv["Variables"]["deps"]; get(k: "shopper"): AppEnv["Variables"]["shopper"] },
  id: string,
) {
  const { db, env } = c.get("deps");
  const { tenantId, shopperId } = c.get("shopper");
  return db.withTenant(tenantId, async (tx) => {
    const [row] = await loadOrders(tx, { id, shopperId });
    if (!row) throw notFound("order");
    return presentOrder(fieldCipher(env), row);
  });
}

export const storeOrderRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "post",
      path: "/checkout/preview",
      tags,
      summary: "What submitting the selected cart lines would order: lines, shipping, totals, problems",
      access,
      request: { body: body(ZCheckoutRequest, checkoutExample) },
      responses: { 200: json(ZCheckoutPreview, "The preview"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { reader, env } = c.get("deps");
      const actor = c.get("shopper");
      return c.json(await previewCheckout(reader, env, actor, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders",
      tags,
      summary: "Submit the selected cart lines as an order (Idempotency-Key required)",
      description:
        "Reserves stock, snapshots prices and lines, and starts the payment timeout. Same key and body: the first answer again (Idempotent-Replayed: true); same key, other body: 422 idempotency_mismatch; while the first is running: 409 idempotency_in_flight; no key: 400.",
      // The session is looked up in the submission's first read (services/orders/submit-order.ts).
      access: { kind: "shopper", session: "in-handler" },
      request: { headers: ZIdempotencyHeader, body: body(ZCheckoutRequest, checkoutExample) },
      responses: { 201: json(ZOrder, "The order, pending payment"), ...common, 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      const key = c.req.valid("header")["idempotency-key"];
      if (!key) throw new ApiError("bad_request", "an Idempotency-Key header is required to submit an order");
      const who = shopperOrToken(c);
      const outcome = await submitOrder(c.get("deps"), who, c.req.valid("json"), key, c.get("storeTenant").plan);
      if (outcome.session) c.set("shopper", shopperPrincipal(who.tenantId, outcome.session));
      if (outcome.kind === "created") return c.json(outcome.order, 201);
      c.header("Idempotent-Replayed", "true");
      // The order as it is now (a replay after payment shows it paid).
      return c.json(await orderOf(c, outcome.orderId), 201);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/orders",
      tags,
      summary:
        "The shopper's orders, newest first, 20 a page (tabs: status=pending_payment | paid | shipped | completed)",
      access,
      request: { query: z.strictObject({ status: ZOrderStatus.optional(), cursor: ZUuid.optional() }) },
      responses: { 200: json(ZOrderList, "Orders"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const { tenantId, shopperId } = c.get("shopper");
      const { status, cursor } = c.req.valid("query");
      const cipher = fieldCipher(env);
      const rows = await db.withTenant(tenantId, (tx) =>
        loadOrders(
          tx,
          {
            shopperId,
            ...(status ? { status: status === "shipped" ? ["shipped", "delivered"] : [status] } : {}),
            ...(cursor ? { before: cursor } : {}),
          },
          PAGE + 1,
        ),
      );
      const page = rows.slice(0, PAGE);
      const nextCursor = rows.length > PAGE ? (page.at(-1)?.id ?? null) : null;
      return c.json({ items: page.map((r) => presentOrder(cipher, r)), nextCursor }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/orders/{id}",
      tags,
      summary: "One order with its lines and history",
      access: one,
      request: { params },
      responses: { 200: json(ZOrder, "The order"), ...common, 422: ERRORS[422] },
    }),
    async (c) => c.json(await orderOf(c, c.req.valid("param").id), 200),
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders/{id}/pay",
      tags,
      summary: "Pay an order: WeChat Pay's wx.requestPayment parameters (development provider: paid at once)",
      description:
        "With WeChat Pay the order stays pending_payment until WeChat's notification (or a query) confirms the payment; a repeated call reuses a still-valid prepay id. A store not yet onboarded to WeChat Pay answers 503; a shopper not signed in with WeChat 409.",
      access: one,
      request: { params },
      responses: {
        200: json(ZPayOrderResponse, "Paid"),
        ...common,
        409: ERRORS[409],
        422: ERRORS[422],
        503: ERRORS[503],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await startPayment(db, env, c.get("shopper"), c.req.valid("param").id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders/{id}/cancel",
      tags,
      summary: "Cancel an unpaid order (its stock returns)",
      access: one,
      request: { params, body: body(ZCancelOrderRequest, { reason: "不想要了" }) },
      responses: { 200: json(ZOrder, "Cancelled"), ...common, 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const actor = c.get("shopper");
      const id = c.req.valid("param").id;
      const reason = c.req.valid("json").reason ?? null;
      await db.withTenant(actor.tenantId, (tx) =>
        cancelInTx(tx, actor.tenantId, id, { kind: "shopper", id: actor.shopperId }, reason, actor.shopperId),
      );
      return c.json(await orderOf(c, id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders/{id}/confirm",
      tags,
      summary: "Confirm receipt of a shipped order (it completes)",
      access: one,
      request: { params },
      responses: { 200: json(ZOrder, "Completed"), ...common, 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      const actor = c.get("shopper");
      const id = c.req.valid("param").id;
      await confirmReceipt(c.get("deps").db, actor.tenantId, actor.shopperId, id);
      return c.json(await orderOf(c, id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/orders/{id}/after-sales",
      tags,
      summary: "Ask for a refund (refund only, or return and refund) of the whole order or some lines",
      access: one,
      request: { params, body: body(ZAfterSaleRequest, { kind: "refund", reason: "不想要了" }) },
      responses: {
        201: json(ZAfterSale, "The request, waiting for the store"),
        ...common,
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const created = await requestAfterSale(
        c.get("deps"),
        c.get("shopper"),
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(created, 201);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/after-sales",
      tags,
      summary: "The shopper's after-sale requests (the 售后 tab)",
      access,
      responses: { 200: json(ZAfterSaleList, "Requests"), ...common },
    }),
    async (c) => {
      const { tenantId, shopperId } = c.get("shopper");
      const rows = await c.get("deps").db.withTenant(tenantId, (tx) => loadAfterSales(tx, { shopperId }));
      return c.json({ items: rows.map((a) => presentAfterSale(c.get("deps").env, a)), nextCursor: null }, 200);
    },
  );
