// How much stock a shopper is told about: in stock, low ("only 3 left") or out. The rule is the
// merchant side's low-stock rule; this file is the one place the storefront applies it.
import type { ZStockState } from "@mallwright/schema";
import type { z } from "zod";

export type StockState = z.infer<typeof ZStockState>;

/** The store default when the store never saved catalog settings (catalog_settings.low_stock_default). */
export const DEFAULT_LOW_STOCK = 10;

/**
 * The low-stock threshold in force for a SKU: its own, else the store default, else 10.
 * (The merchant side will add safety stock from recent sales between the two; this is where
 * the storefront will pick it up.)
 */
export function effectiveLowStock(skuThreshold: number | null, storeDefault: number | null | undefined): number {
  return skuThreshold ?? storeDefault ?? DEFAULT_LOW_STOCK;
}

/** Out at zero, low at or below the threshold, else in stock. */
export function stockState(stock: number, threshold: number): StockState {
  if (stock <= 0) return "out_of_stock";
  if (stock <= threshold) return "low_stock";
  return "in_stock";
}

/** A product as a whole: in stock if any SKU is, low if any SKU has some stock, else out. */
export function productStockState(states: Iterable<StockState>): StockState {
  let best: StockState = "out_of_stock";
  for (const s of states) {
    if (s === "in_stock") return s;
    if (s === "low_stock") best = s;
  }
  return best;
}
