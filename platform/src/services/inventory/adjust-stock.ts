// Manual stock adjustments by staff: a delivery in (delta) or a stocktake count (set), written
// through services/inventory/change-stock.ts as `manual` ledger entries.
import type { TAdjustStockRequest, TInventoryLedgerEntry, TSku } from "@mallwright/schema";
import { ZInventoryReason } from "@mallwright/schema";
import type { Database, Tx } from "../../db/types.ts";
import { notFound } from "../../http/errors.ts";
import type { CatalogActor } from "../catalog/actor.ts";
import { presentSku } from "../catalog/get-product.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import { changeStock, type StockEntry, StockError } from "./change-stock.ts";
import { skuStockLevels } from "./stock-levels.ts";

export function presentEntry(e: StockEntry): TInventoryLedgerEntry {
  return {
    id: e.id,
    skuId: e.skuId,
    specValues: e.specValues,
    delta: e.delta,
    stockAfter: e.stockAfter,
    reason: ZInventoryReason.parse(e.reason),
    note: e.note,
    ref: e.ref,
    actorId: e.actorId,
    createdAt: e.createdAt.toISOString(),
  };
}

async function loadSku(tx: Tx, id: string): Promise<TSku> {
  const s = await tx.sku.findUniqueOrThrow({ where: { id } });
  return presentSku(s, (await skuStockLevels(tx, { skuIds: [id] })).get(id));
}

/**
 * Adds to (delta) or counts (set) one SKU's stock as a `manual` ledger entry. Refused with 422 at
 * `value` when the stock would go below 0 or past the limit; an unknown SKU is a 404.
 */
export async function adjustStock(db: Database, actor: CatalogActor, input: TAdjustStockRequest) {
  return db.withTenant(actor.tenantId, async (tx) => {
    await notifyCatalogChanged(tx, actor.tenantId);
    // The product lock comes first (as in change-stock.ts): with it held no other writer can move
    // this SKU's stock, so a `set` turns into the exact delta.
    const [owner] = await tx.$queryRaw<{ id: string }[]>`
      SELECT p.id::text AS id FROM products p JOIN skus s ON s.product_id = p.id WHERE s.id = ${input.skuId}::uuid
      FOR UPDATE OF p`;
    const sku = owner
      ? await tx.sku.findUnique({ where: { id: input.skuId }, select: { stock: true, productId: true } })
      : null;
    if (!sku) throw notFound("SKU");
    const delta = input.mode === "set" ? input.value - sku.stock : input.value;
    let entries: StockEntry[];
    try {
      entries = await changeStock(tx, [{ skuId: input.skuId, delta }], {
        reason: "manual",
        actorId: actor.membershipId,
        note: input.note ?? null,
      });
    } catch (err) {
      if (!(err instanceof StockError)) throw err;
      throw new StockError(
        err.problems,
        err.problems.map((p) => ({
          path: "value",
          in: "body",
          message:
            p.kind === "over"
              ? `would take the stock (${p.stock}) past the limit`
              : `would take the stock (${p.stock}) below 0`,
        })),
      );
    }
    const entry = entries[0];
    return {
      productId: sku.productId,
      sku: await loadSku(tx, input.skuId),
      entry: entry ? presentEntry(entry) : null,
    };
  });
}
