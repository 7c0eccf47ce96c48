import { describe, expect, it } from "vitest";
import { DEFAULT_LOW_STOCK, effectiveLowStock, productStockState, stockState } from "./stock-state.ts";

describe("stockState", () => {
  it("is out at zero, low at or below the threshold, else in stock", () => {
    expect(stockState(0, 10)).toBe("out_of_stock");
    expect(stockState(1, 10)).toBe("low_stock");
    expect(stockState(10, 10)).toBe("low_stock");
    expect(stockState(11, 10)).toBe("in_stock");
    expect(stockState(1, 0)).toBe("in_stock");
    expect(stockState(0, 0)).toBe("out_of_stock");
  });

  it("takes the SKU's threshold, else the store default, else 10", () => {
    expect(effectiveLowStock(3, 20)).toBe(3);
    expect(effectiveLowStock(0, 20)).toBe(0);
    expect(effectiveLowStock(null, 20)).toBe(20);
    expect(effectiveLowStock(null, null)).toBe(DEFAULT_LOW_STOCK);
    expect(effectiveLowStock(null, undefined)).toBe(10);
  });

  it("rates a product by its best SKU", () => {
    expect(productStockState([])).toBe("out_of_stock");
    expect(productStockState(["out_of_stock", "low_stock"])).toBe("low_stock");
    expect(productStockState(["low_stock", "in_stock", "out_of_stock"])).toBe("in_stock");
  });
});
