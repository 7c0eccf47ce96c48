// Batch shipping from a CSV the carrier's system or a spreadsheet produced: one row per order
// (order number, carrier, tracking number). Each row ships on its own, as POST /orders/{id}/ship
// would (paid express orders only), and the answer reports every row: merchants fix the failed
// rows and send them again; rows already shipped say so instead of shipping twice.
import { BATCH_SHIP_MAX_ROWS } from "@mallwright/schema";
import { parse } from "csv-parse/sync";
import type { Database } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";
import { shipOrder } from "./fulfil-order.ts";

const HEADERS: Record<string, "orderNumber" | "carrier" | "trackingNo"> = {
  订单号: "orderNumber",
  order_number: "orderNumber",
  快递公司: "carrier",
  carrier: "carrier",
  运单号: "trackingNo",
  tracking_no: "trackingNo",
};
const TRACKING = /^[A-Za-z0-9-]{4,60}$/;

export interface BatchShipRow {
  line: number;
  orderNumber: string;
  ok: boolean;
  message: string | null;
}

function readRows(csv: string): { line: number; orderNumber: string; carrier: string; trackingNo: string }[] {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw new ApiError("validation_failed", "the file is not valid CSV", [
      { path: "csv", message: err instanceof Error ? err.message : "unreadable", in: "body" },
    ]);
  }
  const [header, ...rows] = records;
  const columns = (header ?? []).map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()]);
  const at = (name: "orderNumber" | "carrier" | "trackingNo") => columns.indexOf(name);
  if (at("orderNumber") < 0 || at("carrier") < 0 || at("trackingNo") < 0) {
    throw new ApiError(
      "validation_failed",
      "the header must name 订单号, 快递公司 and 运单号 (or order_number, carrier, tracking_no)",
      [{ path: "csv", message: "missing columns", in: "body" }],
    );
  }
  if (rows.length > BATCH_SHIP_MAX_ROWS) {
    throw new ApiError("validation_failed", `at most ${BATCH_SHIP_MAX_ROWS} orders per file`, [
      { path: "csv", message: `${rows.length} rows`, in: "body" },
    ]);
  }
  return rows.map((r, i) => ({
    line: i + 2,
    orderNumber: r[at("orderNumber")] ?? "",
    carrier: r[at("carrier")] ?? "",
    trackingNo: r[at("trackingNo")] ?? "",
  }));
}

export async function batchShip(db: Database, tenantId: string, memberId: string, csv: string) {
  const rows = readRows(csv);
  const numbers = [...new Set(rows.map((r) => r.orderNumber))];
  const orders = await db.withTenant(tenantId, (tx) =>
    tx.order.findMany({
      where: { number: { in: numbers } },
      select: { id: true, number: true, status: true, delivery: true },
    }),
  );
  const byNumber = new Map(orders.map((o) => [o.number, o]));
  const seen = new Set<string>();
  const results: BatchShipRow[] = [];
  for (const r of rows) {
    const fail = (message: string) => results.push({ line: r.line, orderNumber: r.orderNumber, ok: false, message });
    const order = byNumber.get(r.orderNumber);
    if (!r.orderNumber) fail("no order number");
    else if (seen.has(r.orderNumber)) fail("this order is on an earlier line too");
    else if (!order) fail("no such order in this store");
    else if (order.delivery !== "express") fail("a pickup order is not shipped by carrier");
    else if (order.status !== "paid")
      fail(order.status === "shipped" ? "already shipped" : `the order is ${order.status}`);
    else if (!r.carrier || r.carrier.length > 40) fail("the carrier is missing or too long");
    else if (!TRACKING.test(r.trackingNo)) fail("the tracking number must be 4 to 60 letters, digits or dashes");
    else {
      try {
        await shipOrder(db, tenantId, memberId, order.id, { carrier: r.carrier, trackingNo: r.trackingNo });
        results.push({ line: r.line, orderNumber: r.orderNumber, ok: true, message: null });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        fail(err.message);
      }
    }
    seen.add(r.orderNumber);
  }
  return { shipped: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, rows: results };
}
