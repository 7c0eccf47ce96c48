// How much stock a shopper is told about: in stock, low ("only 3 left") or out. Each SKU's threshold
// comes from the merchant's low-stock rule in SQL (stock-rule.ts: own ?? safety stock from sales ??
// store default); this file turns stock and threshold into a state, as the merchant side does.
import type { ZStockState } from "@mallwright/schema";
import type { z } from "zod";

export type StockState = z.infer<typeof ZStockState>;

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
