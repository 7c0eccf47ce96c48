// The low-stock rule, written once in SQL so SKU reads, the product list filter and its counts agree.
// Threshold of a SKU: its own low_stock_threshold; else safety stock from sales (average daily units
// sold in the last 30 days, from `order` ledger rows, x replenishment days x 1.2, rounded up) when it
// sold anything; else the store's low_stock_default. A SKU is out of stock at 0, low at or below its
// threshold, else in stock.
import type { TStockState } from "@mallwright/schema";
import { toPrismaSql } from "../../db/prisma-sql.ts";
import type { Tx } from "../../db/types.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import {
  stockSettingsCte as portableSettingsCte,
  skuThresholdSql as portableThresholdSql,
} from "../storefront/stock-rule.ts";
import { CATALOG_SETTINGS_DEFAULTS, SALES_WINDOW_DAYS } from "./stock-defaults.ts";

export { CATALOG_SETTINGS_DEFAULTS, SALES_WINDOW_DAYS };

/**
 * The rule's SQL is defined once, with the portable builder, in services/storefront/stock-rule.ts
 * (the storefront and the Worker run it there); the merchant side runs the same fragments via Prisma.
 * The sales lookup is correlated per SKU and served by inventory_ledger_sku_idx.
 */
export const stockSettingsCte = toPrismaSql(portableSettingsCte);
export const skuThresholdSql = toPrismaSql(portableThresholdSql);

/** True when any SKU of the product aliased `p` is at or below its threshold (needs `cfg`). */
export const productLowStockSql = Prisma.sql`EXISTS (
  SELECT 1 FROM skus s WHERE s.product_id = p.id AND s.stock <= ${skuThresholdSql})`;

export function stockStateOf(stock: number, threshold: number): TStockState {
  if (stock <= 0) return "out_of_stock";
  return stock <= threshold ? "low_stock" : "in_stock";
}

export interface SkuLevel {
  threshold: number;
  state: TStockState;
}

/** Thresholds and states of the given SKUs (or of every SKU of the given products) in one query. */
export async function skuStockLevels(
  tx: Tx,
  by: { productIds: string[] } | { skuIds: string[] },
): Promise<Map<string, SkuLevel>> {
  const where =
    "productIds" in by
      ? Prisma.sql`s.product_id = ANY(${by.productIds}::uuid[])`
      : Prisma.sql`s.id = ANY(${by.skuIds}::uuid[])`;
  const rows = await tx.$queryRaw<{ id: string; stock: number; threshold: number }[]>`
    WITH ${stockSettingsCte}
    SELECT s.id::text AS id, s.stock, ${skuThresholdSql} AS threshold
    FROM skus s CROSS JOIN cfg WHERE ${where}`;
  return new Map(rows.map((r) => [r.id, { threshold: r.threshold, state: stockStateOf(r.stock, r.threshold) }]));
}
