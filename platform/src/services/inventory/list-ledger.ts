// The stock ledger of a product, newest first: every unit its SKUs gained or lost, who, why, when.
import type { TInventoryLedgerEntry, TInventoryLedgerQuery } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { notFound } from "../../http/errors.ts";
import { badCursor, decodeCursor, encodeCursor, isExactTimestamp } from "../catalog/page-cursor.ts";
import { presentEntry } from "./adjust-stock.ts";
import type { StockEntry } from "./change-stock.ts";

/** A product's ledger, newest first, cursor-paginated; optionally one SKU's. */
export async function listLedger(
  db: Database,
  tenantId: string,
  productId: string,
  q: TInventoryLedgerQuery,
): Promise<{ items: TInventoryLedgerEntry[]; nextCursor: string | null }> {
  return db.withTenant(tenantId, async (tx) => {
    if ((await tx.product.count({ where: { id: productId } })) === 0) throw notFound("product");
    const where: Prisma.Sql[] = [Prisma.sql`product_id = ${productId}::uuid`];
    if (q.skuId) where.push(Prisma.sql`sku_id = ${q.skuId}::uuid`);
    if (q.cursor) {
      const after = decodeCursor(q.cursor);
      if (!isExactTimestamp(after.v)) throw badCursor();
      where.push(Prisma.sql`(created_at, id) < (${after.v}::timestamptz, ${after.id}::uuid)`);
    }
    const rows = await tx.$queryRaw<(StockEntry & { cursor: string })[]>`
      SELECT id::text AS id, sku_id::text AS "skuId", spec_values AS "specValues", product_id::text AS "productId", delta, stock_after AS "stockAfter",
             reason, note, ref, actor_id::text AS "actorId", created_at AS "createdAt",
             to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor
      FROM inventory_ledger WHERE ${Prisma.join(where, " AND ")}
      ORDER BY created_at DESC, id DESC LIMIT ${q.limit + 1}`;
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: page.map(presentEntry),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.cursor, last.id) : null,
    };
  });
}
