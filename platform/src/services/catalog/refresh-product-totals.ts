// Keeps products.price_min, price_max and stock_total in step with the product's SKUs.
import type { Tx } from "../../db/types.ts";

/** Recomputes the totals of `productIds` from their SKUs, in the caller's transaction (one statement). */
export async function refreshProductTotals(tx: Tx, productIds: string[]): Promise<void> {
  if (productIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE products p
    SET price_min = t.price_min, price_max = t.price_max, stock_total = least(t.stock, 2147483647)::int, updated_at = now()
    FROM (
      SELECT product_id, min(price) AS price_min, max(price) AS price_max, sum(stock) AS stock
      FROM skus WHERE product_id = ANY(${productIds}::uuid[]) GROUP BY product_id
    ) t
    WHERE p.id = t.product_id`;
}
