import { describe, expect, it } from "vitest";
import { productStockState, stockState } from "./stock-state.ts";

describe("stockState", () => {
  it("is out at zero, low at or below the threshold, else in stock", () => {
    expect(stockState(0, 10)).toBe("out_of_stock");
    expect(stockState(1, 10)).toBe("low_stock");
    expect(stockState(10, 10)).toBe("low_stock");
    expect(stockState(11, 10)).toBe("in_stock");
    expect(stockState(1, 0)).toBe("in_stock");
    expect(stockState(0, 0)).toBe("out_of_stock");
  });

  it("rates a product by its best SKU", () => {
    expect(productStockState([])).toBe("out_of_stock");
    expect(productStockState(["out_of_stock", "low_stock"])).toBe("low_stock");
    expect(productStockState(["low_stock", "in_stock", "out_of_stock"])).toBe("in_stock");
  });
});
