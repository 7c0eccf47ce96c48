// The one way stock changes: a guarded update of skus.stock, products.stock_total refreshed and one
// inventory_ledger row per SKU, all in the caller's transaction. Nothing else writes skus.stock.
import { LIMITS, type TErrorDetail, type TInventoryReason } from "@mallwright/schema";
import type { Tx } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";

export interface StockChange {
  skuId: string;
  /** Units to add (negative takes away). Changes to the same SKU are added up; a net 0 writes nothing. */
  delta: number;
}

export interface StockContext {
  reason: TInventoryReason;
  /** The membership that made the change; null for the system (jobs, webhooks). */
  actorId: string | null;
  note?: string | null;
  /** What caused it, e.g. an order number. */
  ref?: string | null;
}

export interface StockProblem {
  skuId: string;
  /** `short`: the stock would go below 0; `over`: above LIMITS.stock; `missing`: no such SKU in this store. */
  kind: "short" | "over" | "missing";
  stock: number | null;
  delta: number;
}

/**
 * Refused stock change. A 422 when it reaches a client; callers such as orders catch it by type and
 * read `problems`. Nothing was written: the check runs on locked rows before any update.
 */
export class StockError extends ApiError {
  override name = "StockError";
  constructor(
    readonly problems: StockProblem[],
    details?: TErrorDetail[],
    message?: string,
  ) {
    super(
      "validation_failed",
      message ?? describeProblem(problems[0]),
      details ?? problems.map((p) => ({ path: "", message: describeProblem(p) })),
    );
  }
}

function describeProblem(p: StockProblem | undefined): string {
  if (!p) return "stock change refused";
  if (p.kind === "missing") return `SKU ${p.skuId} does not exist`;
  if (p.kind === "over")
    return `stock of SKU ${p.skuId} would exceed ${LIMITS.stock} (it is ${p.stock}, change ${p.delta})`;
  return `stock of SKU ${p.skuId} would go below 0 (it is ${p.stock}, change ${p.delta})`;
}

export interface StockEntry {
  id: string;
  skuId: string | null;
  specValues: string[];
  productId: string;
  delta: number;
  stockAfter: number;
  reason: TInventoryReason;
  note: string | null;
  ref: string | null;
  actorId: string | null;
  createdAt: Date;
}

/**
 * Applies `changes` all or nothing and returns the ledger entries written (one per SKU whose stock
 * moved). Locks products, then SKUs, each in id order: every writer of either takes them in that
 * order (see services/catalog/save-product.ts), so concurrent changes queue instead of deadlocking.
 * A fixed number of statements whatever the number of SKUs.
 */
export async function changeStock(tx: Tx, changes: StockChange[], ctx: StockContext): Promise<StockEntry[]> {
  const net = new Map<string, number>();
  for (const c of changes) net.set(c.skuId, (net.get(c.skuId) ?? 0) + c.delta);
  for (const [id, delta] of net) if (delta === 0) net.delete(id);
  if (net.size === 0) return [];
  const ids = [...net.keys()].sort();

  await tx.$queryRaw`
    SELECT id FROM products
    WHERE id IN (SELECT product_id FROM skus WHERE id = ANY(${ids}::uuid[]))
    ORDER BY id FOR UPDATE`;
  const rows = await tx.$queryRaw<{ id: string; stock: number }[]>`
    SELECT id::text AS id, stock FROM skus WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const stockOf = new Map(rows.map((r) => [r.id, r.stock]));
  const problems: StockProblem[] = [];
  for (const id of ids) {
    const delta = net.get(id) ?? 0;
    const stock = stockOf.get(id);
    if (stock === undefined) problems.push({ skuId: id, kind: "missing", stock: null, delta });
    else if (stock + delta < 0) problems.push({ skuId: id, kind: "short", stock, delta });
    else if (stock + delta > LIMITS.stock) problems.push({ skuId: id, kind: "over", stock, delta });
  }
  if (problems.length > 0) throw new StockError(problems);

  const deltas = ids.map((id) => net.get(id) ?? 0);
  // The guard repeats the check in SQL: even a caller that skipped the locks can never write a
  // negative stock (the column's CHECK is the last line behind it).
  const entries = await tx.$queryRaw<StockEntry[]>`
    WITH changed AS (
      UPDATE skus s SET stock = s.stock + v.delta, updated_at = now()
      FROM unnest(${ids}::uuid[], ${deltas}::int[]) AS v(id, delta)
      WHERE s.id = v.id AND s.stock::bigint + v.delta BETWEEN 0 AND ${LIMITS.stock}::int
      RETURNING s.tenant_id, s.id, s.product_id, s.spec_values, s.stock, v.delta
    )
    INSERT INTO inventory_ledger (tenant_id, sku_id, spec_values, product_id, delta, stock_after, reason, note, ref, actor_id)
    SELECT tenant_id, id, spec_values, product_id, delta, stock, ${ctx.reason}::text, ${ctx.note ?? null}::text,
           ${ctx.ref ?? null}::text, ${ctx.actorId}::uuid
    FROM changed
    RETURNING id::text AS id, sku_id::text AS "skuId", spec_values AS "specValues", product_id::text AS "productId", delta,
              stock_after AS "stockAfter", reason, note, ref, actor_id::text AS "actorId", created_at AS "createdAt"`;
  if (entries.length !== ids.length) {
    // Unreachable while the rows are locked; refuse rather than leave a partial change behind.
    throw new Error(`stock guard refused ${ids.length - entries.length} locked SKU(s)`);
  }
  const productIds = [...new Set(entries.map((e) => e.productId))];
  await tx.$executeRaw`
    UPDATE products p SET stock_total = least(t.total, 2147483647)::int, updated_at = now()
    FROM (SELECT product_id, sum(stock) AS total FROM skus WHERE product_id = ANY(${productIds}::uuid[]) GROUP BY product_id) t
    WHERE p.id = t.product_id`;
  return entries;
}
