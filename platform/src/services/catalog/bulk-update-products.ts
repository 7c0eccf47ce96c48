// Bulk actions on products: shelf on/off, bin and restore, move category, price and stock
// adjustments. All or nothing in one transaction: one unknown id (404), one product in the bin for
// an action that needs it live (409), or one SKU that would go below 0 (422) and nothing is written.
import { MAX_FEN, type TBulkProductsRequest, type TErrorDetail } from "@mallwright/schema";
import type { Database, Tx } from "../../db/types.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ApiError } from "../../http/errors.ts";
import { changeStock, StockError } from "../inventory/change-stock.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import type { CatalogActor } from "./actor.ts";
import { assertNoProblems, checkReferences } from "./check-references.ts";
import { assertProductQuota } from "./product-quota.ts";
import { refreshProductTotals } from "./refresh-product-totals.ts";

interface Locked {
  id: string;
  title: string;
  deleted: boolean;
}

/** The new price of SKU row `s` under the request, exact (numeric; rounded half up to the fen). */
function priceSql(input: Extract<TBulkProductsRequest, { action: "adjust_price" }>): Prisma.Sql {
  const v = Prisma.sql`${input.value}::numeric`;
  if (input.mode === "set") return v;
  if (input.mode === "delta") return Prisma.sql`(s.price::numeric + ${v})`;
  return Prisma.sql`round(s.price::numeric * (100 + ${v}) / 100)`;
}

export async function bulkUpdateProducts(
  db: Database,
  actor: CatalogActor,
  input: TBulkProductsRequest,
): Promise<{ updated: number }> {
  const ids = [...new Set(input.ids)];
  const pathOf = (id: string) => `ids.${input.ids.indexOf(id)}`;
  return db.withTenant(actor.tenantId, async (tx) => {
    await notifyCatalogChanged(tx, actor.tenantId);
    // Lock order: products by id (as every stock writer does), before any SKU.
    const rows = await tx.$queryRaw<Locked[]>`
      SELECT id::text AS id, title, deleted_at IS NOT NULL AS deleted
      FROM products WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((r) => r.id));
      const missing = ids.filter((id) => !found.has(id));
      throw new ApiError(
        "not_found",
        `${missing.length} of the products were not found: nothing was changed`,
        missing.map((id) => ({ path: pathOf(id), in: "body", message: "no such product" })),
      );
    }
    const binned = rows.filter((r) => r.deleted);
    const needsLive = input.action !== "delete" && input.action !== "restore";
    if (needsLive && binned.length > 0) {
      throw new ApiError(
        "conflict",
        `${binned.length} of the products are in the recycle bin: restore them first (nothing was changed)`,
        binned.map((r) => ({ path: pathOf(r.id), in: "body", message: `"${r.title}" is in the recycle bin` })),
      );
    }
    return { updated: await apply(tx, actor, input, ids, rows, pathOf) };
  });
}

async function apply(
  tx: Tx,
  actor: CatalogActor,
  input: TBulkProductsRequest,
  ids: string[],
  rows: Locked[],
  pathOf: (id: string) => string,
): Promise<number> {
  switch (input.action) {
    case "on_shelf":
      return tx.$executeRaw`
        UPDATE products SET status = 'on_shelf', on_shelf_at = now(), updated_at = now()
        WHERE id = ANY(${ids}::uuid[]) AND status <> 'on_shelf'`;
    case "off_shelf":
      // Drafts stay drafts: only what is on the shelf comes off it.
      return tx.$executeRaw`
        UPDATE products SET status = 'off_shelf', updated_at = now()
        WHERE id = ANY(${ids}::uuid[]) AND status = 'on_shelf'`;
    case "delete":
      return tx.$executeRaw`
        UPDATE products SET deleted_at = now(), updated_at = now(),
          status = CASE WHEN status = 'on_shelf' THEN 'off_shelf' ELSE status END
        WHERE id = ANY(${ids}::uuid[]) AND deleted_at IS NULL`;
    case "restore": {
      const binned = rows.filter((r) => r.deleted).map((r) => r.id);
      await assertProductQuota(tx, actor.tenantId, binned.length);
      if (binned.length === 0) return 0;
      return tx.$executeRaw`UPDATE products SET deleted_at = NULL, updated_at = now() WHERE id = ANY(${binned}::uuid[])`;
    }
    case "move_category": {
      if (input.categoryId) {
        assertNoProblems(await checkReferences(tx, { categories: [{ path: "categoryId", id: input.categoryId }] }));
      }
      return tx.$executeRaw`
        UPDATE products SET category_id = ${input.categoryId}::uuid, updated_at = now()
        WHERE id = ANY(${ids}::uuid[]) AND category_id IS DISTINCT FROM ${input.categoryId}::uuid`;
    }
    case "adjust_price": {
      const next = priceSql(input);
      const bad = await tx.$queryRaw<{ product_id: string; spec: string; next: string }[]>`
        SELECT s.product_id::text AS product_id, array_to_string(s.spec_values, ' / ') AS spec, (${next})::text AS next
        FROM skus s WHERE s.product_id = ANY(${ids}::uuid[]) AND ((${next}) < 0 OR (${next}) > ${MAX_FEN})
        ORDER BY s.product_id, s.position`;
      if (bad.length > 0) {
        const titles = new Map(rows.map((r) => [r.id, r.title]));
        const details: TErrorDetail[] = bad.slice(0, 50).map((b) => ({
          path: pathOf(b.product_id),
          in: "body",
          message: `"${titles.get(b.product_id)}"${b.spec ? ` (${b.spec})` : ""} would cost ${b.next} fen`,
        }));
        const products = new Set(bad.map((b) => b.product_id)).size;
        const negative = bad.some((b) => Number(b.next) < 0);
        throw new ApiError(
          "validation_failed",
          `${products} product${products > 1 ? "s" : ""} would get a price ${negative ? "below 0" : `above ${MAX_FEN} fen`}: nothing was changed`,
          details,
        );
      }
      await tx.$executeRaw`
        UPDATE skus s SET price = (${next})::int, updated_at = now() WHERE s.product_id = ANY(${ids}::uuid[])`;
      await refreshProductTotals(tx, ids);
      return ids.length;
    }
    case "adjust_stock": {
      const skus = await tx.$queryRaw<{ id: string; product_id: string; stock: number }[]>`
        SELECT id::text AS id, product_id::text AS product_id, stock FROM skus WHERE product_id = ANY(${ids}::uuid[])`;
      const productOf = new Map(skus.map((s) => [s.id, s.product_id]));
      try {
        await changeStock(
          tx,
          skus.map((s) => ({ skuId: s.id, delta: input.mode === "set" ? input.value - s.stock : input.value })),
          { reason: "bulk", actorId: actor.membershipId },
        );
      } catch (err) {
        if (!(err instanceof StockError)) throw err;
        const products = new Set(err.problems.map((p) => productOf.get(p.skuId)));
        throw new StockError(
          err.problems,
          err.problems.slice(0, 50).map((p) => ({
            path: pathOf(productOf.get(p.skuId) ?? ""),
            in: "body",
            message:
              p.kind === "over"
                ? `SKU ${p.skuId} would hold more than the limit (stock ${p.stock})`
                : `SKU ${p.skuId} would go below 0 (stock ${p.stock}, change ${p.delta})`,
          })),
          `${products.size} product${products.size > 1 ? "s" : ""} would ${err.problems.some((p) => p.kind === "short") ? "go below 0 stock" : "exceed the stock limit"}: nothing was changed`,
        );
      }
      return ids.length;
    }
  }
}
