// Order exports for the back office: asked for with the list's filters, made by the orders.export
// job (jobs/export-orders.ts) a page of orders at a time with its progress written after each page,
// downloaded as CSV once done. One row per order line with the order's columns repeated, so a
// spreadsheet can sum by product; the 订单号, 快递公司 and 运单号 columns are the ones batch shipping
// reads (batch-ship.ts), so a filled-in export of paid orders can be sent back to ship them.
// Contact details are masked as in the list when the member who asked lacks orders:contact.
// Idempotent: a run of an export that is already done does nothing; a rerun of one that failed
// half-way starts again from its first order.
import {
  type TOrderExport,
  type TOrderExportRequest,
  type TOrderStatus,
  ZOrderExportRequest,
  ZOrderExportStatus,
} from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import { exportOrdersJob } from "../../jobs/export-orders.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { writeCsv } from "../catalog-csv/write-csv.ts";
import { formatYuan } from "../catalog-csv/yuan.ts";
import { filters } from "./list-merchant-orders.ts";
import { presentOrder } from "./present-order.ts";

/** The most orders one export takes: more asks for a narrower filter (a date range). */
export const EXPORT_MAX_ORDERS = 50_000;
/** Orders read per step (and per progress update). */
export const EXPORT_PAGE = 200;

const STATUS_LABEL: Record<TOrderStatus, string> = {
  pending_payment: "待付款",
  paid: "待发货",
  shipped: "已发货",
  delivered: "已签收",
  completed: "已完成",
  cancelled: "已取消",
};

export const EXPORT_HEADER = [
  "订单号",
  "下单时间",
  "状态",
  "配送方式",
  "收货人",
  "手机号",
  "收货地址",
  "自提点",
  "商品",
  "规格",
  "单价",
  "数量",
  "小计",
  "运费",
  "订单实付",
  "已退款",
  "快递公司",
  "运单号",
  "买家留言",
  "商家备注",
] as const;

const select = {
  id: true,
  status: true,
  filters: true,
  masked: true,
  totalOrders: true,
  processedOrders: true,
  rowCount: true,
  error: true,
  createdAt: true,
  finishedAt: true,
} as const;

type Row = Prisma.OrderExportGetPayload<{ select: typeof select }>;

function present(r: Row): TOrderExport {
  const status = ZOrderExportStatus.parse(r.status);
  const parsed = ZOrderExportRequest.safeParse(r.filters);
  return {
    id: r.id,
    status,
    filters: parsed.success ? parsed.data : {},
    masked: r.masked,
    totalOrders: r.totalOrders,
    processedOrders: r.processedOrders,
    progress: status === "done" ? 1 : r.totalOrders > 0 ? Math.min(1, r.processedOrders / r.totalOrders) : 0,
    rowCount: r.rowCount,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    downloadPath: status === "done" ? `/merchant/v1/orders/exports/${r.id}/download` : null,
  };
}

export async function startOrderExport(
  db: Database,
  actor: { tenantId: string; membershipId: string },
  request: TOrderExportRequest,
  masked: boolean,
): Promise<TOrderExport> {
  return db.withTenant(actor.tenantId, async (tx) => {
    const row = await tx.orderExport.create({
      data: { tenantId: actor.tenantId, filters: request, masked, createdBy: actor.membershipId },
      select,
    });
    await enqueue(tx, exportOrdersJob, { exportId: row.id });
    return present(row);
  });
}

export async function getOrderExport(db: Database, tenantId: string, id: string): Promise<TOrderExport> {
  const row = await db.withTenant(tenantId, (tx) => tx.orderExport.findUnique({ where: { id }, select }));
  if (!row) throw notFound("order export");
  return present(row);
}

/** The store's ten latest exports. */
export async function listOrderExports(db: Database, tenantId: string): Promise<TOrderExport[]> {
  const rows = await db.withTenant(tenantId, (tx) =>
    tx.orderExport.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 10, select }),
  );
  return rows.map(present);
}

/** The finished CSV (UTF-8 with BOM); 409 until the export is done. */
export async function orderExportFile(
  db: Database,
  tenantId: string,
  id: string,
): Promise<{ filename: string; csv: string }> {
  const row = await db.withTenant(tenantId, (tx) =>
    tx.orderExport.findUnique({ where: { id }, select: { status: true, content: true, createdAt: true } }),
  );
  if (!row) throw notFound("order export");
  if (row.status !== "done" || row.content === null) {
    throw new ApiError("conflict", `the export is ${row.status}: it can be downloaded once done`, [
      { path: "status", message: row.status },
    ]);
  }
  const stamp = row.createdAt.toISOString().slice(0, 16).replace(/[-:T]/g, "");
  return { filename: `订单导出-${stamp}.csv`, csv: row.content };
}

/** The job's work: every matching order, a page at a time, then the CSV and `done`. */
export async function runOrderExport(db: Database, env: Env, tenantId: string, exportId: string): Promise<void> {
  const cipher = fieldCipher(env);
  const start = await db.withTenant(tenantId, async (tx) => {
    const row = await tx.orderExport.findUnique({ where: { id: exportId } });
    if (!row || row.status === "done") return null;
    const request = ZOrderExportRequest.parse(row.filters);
    const where = { ...filters(request), ...(request.status ? { status: request.status } : {}) };
    const total = await tx.order.count({ where });
    await tx.orderExport.update({
      where: { id: exportId },
      data: { status: "running", totalOrders: total, processedOrders: 0, rowCount: 0, error: null },
    });
    return { request, where, total, masked: row.masked };
  });
  if (!start) return;
  if (start.total > EXPORT_MAX_ORDERS) {
    await db.withTenant(tenantId, (tx) =>
      tx.orderExport.update({
        where: { id: exportId },
        data: {
          status: "failed",
          finishedAt: new Date(),
          error: `${start.total} orders match: an export takes at most ${EXPORT_MAX_ORDERS}; choose a shorter date range`,
        },
      }),
    );
    return;
  }

  const rows: string[][] = [[...EXPORT_HEADER]];
  let cursor: string | undefined;
  let processed = 0;
  for (;;) {
    const page = await db.withTenant(tenantId, async (tx) => {
      const orders = await tx.order.findMany({
        where: { ...start.where, ...(cursor ? { id: { lt: cursor } } : {}) },
        include: { lines: { orderBy: { position: "asc" } }, events: { take: 0 } },
        orderBy: { id: "desc" },
        take: EXPORT_PAGE,
      });
      processed += orders.length;
      await tx.orderExport.update({ where: { id: exportId }, data: { processedOrders: processed } });
      return orders;
    });
    for (const o of page) {
      const order = presentOrder(cipher, o, start.masked);
      const placed = new Date(order.createdAt).toLocaleString("sv-SE", { timeZone: "Asia/Shanghai" });
      for (const l of order.lines) {
        rows.push([
          order.number,
          placed,
          STATUS_LABEL[order.status],
          order.delivery === "pickup" ? "到店自提" : "快递",
          order.address?.recipient ?? "",
          order.address?.phone ?? "",
          order.address ? `${order.address.region} ${order.address.detail}` : "",
          order.pickup?.name ?? "",
          l.title,
          l.specValues.join(" / "),
          formatYuan(l.unitPrice),
          String(l.quantity),
          formatYuan(l.unitPrice * l.quantity),
          formatYuan(order.shippingFee),
          formatYuan(order.total),
          formatYuan(order.refundedTotal),
          order.carrier ?? "",
          order.trackingNo ?? "",
          order.note ?? "",
          o.merchantRemark ?? "",
        ]);
      }
    }
    if (page.length < EXPORT_PAGE) break;
    cursor = page.at(-1)?.id;
  }
  const csv = writeCsv(rows, { bom: true });
  await db.withTenant(tenantId, (tx) =>
    tx.orderExport.updateMany({
      where: { id: exportId, status: "running" },
      data: {
        status: "done",
        content: csv,
        rowCount: rows.length - 1,
        totalOrders: processed,
        processedOrders: processed,
        finishedAt: new Date(),
      },
    }),
  );
}

/** The last try failed: the export says so instead of staying `running`. */
export async function failOrderExport(db: Database, tenantId: string, exportId: string): Promise<void> {
  await db.withTenant(tenantId, (tx) =>
    tx.orderExport.updateMany({
      where: { id: exportId, status: { not: "done" } },
      data: { status: "failed", finishedAt: new Date(), error: "the export could not be made: ask for it again" },
    }),
  );
}
