// Daily bill reconciliation: the trade bill (bill_type ALL) of a store's sub-merchant for one China
// day, matched against the WeChat payments captured and refunds completed that day. What does not
// match is recorded (missing on either side, amount differs) for the store and platform admins. One
// run per store and day: running it again replaces that day's result.
import type { TBillRun } from "@mallwright/schema";
import { parse } from "csv-parse/sync";
import type { Database, Tx } from "../../db/types.ts";
import type { WechatPayClient } from "../../integrations/wechat/pay-client.ts";

export interface BillEntry {
  entry: "payment" | "refund";
  /** out_trade_no for a payment, out_refund_no for a refund. */
  ref: string;
  amount: number;
}

/** "88.00" -> 8800 (the bill writes yuan with two decimals). */
function fen(yuan: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new Error(`not an amount: ${yuan}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? "0").padEnd(2, "0")));
}

/** Parses WeChat's trade bill: a header row, data rows whose every field starts with a backtick, then the summary. */
export function parseTradeBill(text: string): BillEntry[] {
  const body = text.replace(/^\uFEFF/, "");
  const end = body.indexOf("\n总交易单数");
  const rows: string[][] = parse(end >= 0 ? body.slice(0, end) : body, {
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  });
  const [header, ...data] = rows;
  if (!header) return [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the bill has no ${name} column`);
    return i;
  };
  const state = col("交易状态");
  const outTradeNo = col("商户订单号");
  const settle = col("应结订单金额");
  const outRefundNo = col("商户退款单号");
  const refundAmount = col("退款金额");
  const clean = (row: string[], i: number) => (row[i] ?? "").replace(/^`/, "").trim();
  const entries: BillEntry[] = [];
  for (const row of data) {
    const s = clean(row, state);
    if (s === "SUCCESS")
      entries.push({ entry: "payment", ref: clean(row, outTradeNo), amount: fen(clean(row, settle)) });
    else if (s === "REFUND") {
      entries.push({ entry: "refund", ref: clean(row, outRefundNo), amount: fen(clean(row, refundAmount)) });
    }
  }
  return entries;
}

/** The China calendar day before `now`, as YYYY-MM-DD. */
export function previousChinaDay(now = new Date()): string {
  const china = new Date(now.getTime() + 8 * 3600_000);
  china.setUTCDate(china.getUTCDate() - 1);
  return china.toISOString().slice(0, 10);
}

/** What we recorded for the day: captures (by out_trade_no) and completed refunds (by out_refund_no). */
async function ours(tx: Tx, billDate: string): Promise<BillEntry[]> {
  const rows = await tx.$queryRaw<{ entry: "payment" | "refund"; ref: string; amount: number }[]>`
    SELECT 'payment' AS entry, p.out_trade_no AS ref, p.amount
    FROM payments p
    WHERE p.transaction_id IS NOT NULL
      AND (p.paid_at AT TIME ZONE 'Asia/Shanghai')::date = ${billDate}::date
    UNION ALL
    SELECT 'refund', r.out_refund_no, r.amount
    FROM refunds r
    WHERE r.status = 'succeeded' AND (r.completed_at AT TIME ZONE 'Asia/Shanghai')::date = ${billDate}::date`;
  return rows;
}

type Difference = {
  kind: "missing_here" | "missing_in_bill" | "amount_mismatch";
  entry: "payment" | "refund";
  ref: string;
  ours: number | null;
  theirs: number | null;
};

export function compare(bill: BillEntry[], mine: BillEntry[]): { matched: number; differences: Difference[] } {
  const key = (e: BillEntry) => `${e.entry}:${e.ref}`;
  const theirs = new Map(bill.map((e) => [key(e), e]));
  const here = new Map(mine.map((e) => [key(e), e]));
  const differences: Difference[] = [];
  let matched = 0;
  for (const [k, t] of theirs) {
    const o = here.get(k);
    if (!o) differences.push({ kind: "missing_here", entry: t.entry, ref: t.ref, ours: null, theirs: t.amount });
    else if (o.amount !== t.amount) {
      differences.push({ kind: "amount_mismatch", entry: t.entry, ref: t.ref, ours: o.amount, theirs: t.amount });
    } else matched++;
  }
  for (const [k, o] of here) {
    if (!theirs.has(k))
      differences.push({ kind: "missing_in_bill", entry: o.entry, ref: o.ref, ours: o.amount, theirs: null });
  }
  return { matched, differences };
}

/** Downloads, parses and matches one store's bill for `billDate`, replacing any earlier run of that day. */
export async function reconcileBill(
  db: Database,
  client: WechatPayClient,
  tenantId: string,
  subMchid: string,
  billDate: string,
): Promise<{ status: "matched" | "differences" | "no_bill"; matched: number; differences: number }> {
  const text = await client.tradeBill(subMchid, billDate);
  const bill = text === null ? [] : parseTradeBill(text);
  return db.withTenant(tenantId, async (tx) => {
    const mine = await ours(tx, billDate);
    const { matched, differences } = compare(bill, mine);
    const status = text === null && mine.length === 0 ? "no_bill" : differences.length > 0 ? "differences" : "matched";
    const date = new Date(`${billDate}T00:00:00Z`);
    await tx.billRun.deleteMany({ where: { billDate: date } });
    await tx.billRun.create({
      data: {
        tenantId,
        billDate: date,
        status,
        billRows: bill.length,
        matched,
        differences: differences.length,
        billTotal: bill.filter((e) => e.entry === "payment").reduce((n, e) => n + e.amount, 0),
        refundTotal: bill.filter((e) => e.entry === "refund").reduce((n, e) => n + e.amount, 0),
        items: { create: differences },
      },
    });
    return { status, matched, differences: differences.length };
  });
}

type RunRow = Awaited<ReturnType<typeof loadBillRuns>>[number];

export function loadBillRuns(tx: Tx, take = 30) {
  return tx.billRun.findMany({ orderBy: { billDate: "desc" }, take, include: { items: { orderBy: { ref: "asc" } } } });
}

export function presentBillRun(r: RunRow): TBillRun {
  const kinds = ["missing_here", "missing_in_bill", "amount_mismatch"] as const;
  const statuses = ["matched", "differences", "no_bill"] as const;
  return {
    id: r.id,
    tenantId: r.tenantId,
    billDate: r.billDate.toISOString().slice(0, 10),
    status: statuses.find((s) => s === r.status) ?? "differences",
    billRows: r.billRows,
    matched: r.matched,
    billTotal: r.billTotal,
    refundTotal: r.refundTotal,
    differences: r.items.map((d) => ({
      kind: kinds.find((k) => k === d.kind) ?? "amount_mismatch",
      entry: d.entry === "refund" ? "refund" : "payment",
      ref: d.ref,
      ours: d.ours,
      theirs: d.theirs,
    })),
    createdAt: r.createdAt.toISOString(),
  };
}
