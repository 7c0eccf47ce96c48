import { describe, expect, it } from "vitest";
import {
  initialSelection,
  type PickerMatrix,
  type PickerSku,
  pickerState,
  priceRange,
  toggleValue,
  yuan,
} from "./sku-picker.ts";

const sku = (id: string, specValues: string[], price: number, stock: "in" | "low" | "out"): PickerSku => ({
  id,
  specValues,
  price,
  compareAtPrice: null,
  image: null,
  stockState: stock === "in" ? "in_stock" : stock === "low" ? "low_stock" : "out_of_stock",
  stockLeft: stock === "low" ? 2 : null,
});

// 颜色 × 尺码: 白/M sold out, 黑/L missing, 蓝 sold out everywhere.
const matrix: PickerMatrix = {
  dimensions: [
    {
      name: "颜色",
      values: [
        { value: "白", available: true },
        { value: "黑", available: true },
        { value: "蓝", available: false },
      ],
    },
    {
      name: "尺码",
      values: [
        { value: "M", available: true },
        { value: "L", available: true },
      ],
    },
  ],
  skus: [
    sku("w-m", ["白", "M"], 9900, "out"),
    sku("w-l", ["白", "L"], 10900, "low"),
    sku("b-m", ["黑", "M"], 12900, "in"),
    sku("u-m", ["蓝", "M"], 9900, "out"),
    sku("u-l", ["蓝", "L"], 9900, "out"),
  ],
};

const disabled = (state: ReturnType<typeof pickerState>) =>
  state.dimensions.map((d) => d.values.filter((v) => v.disabled).map((v) => v.value));

describe("sku picker", () => {
  it("with nothing chosen, disables only values whose every combination is sold out or missing", () => {
    const state = pickerState(matrix, initialSelection(matrix));
    expect(disabled(state)).toEqual([["蓝"], []]);
    expect(state.sku).toBeNull();
    expect(state.missing).toEqual(["颜色", "尺码"]);
    // The range covers the SKUs with stock only.
    expect([state.priceMin, state.priceMax]).toEqual([10900, 12900]);
  });

  it("a choice narrows the other dimension: sold-out and missing combinations are disabled", () => {
    const white = pickerState(matrix, ["白", null]);
    expect(disabled(white)).toEqual([["蓝"], ["M"]]);
    expect([white.priceMin, white.priceMax]).toEqual([10900, 10900]);
    const black = pickerState(matrix, ["黑", null]);
    expect(disabled(black)).toEqual([["蓝"], ["L"]]);
    const large = pickerState(matrix, [null, "L"]);
    expect(disabled(large)).toEqual([["黑", "蓝"], []]);
  });

  it("every dimension chosen names the SKU with its price and stock", () => {
    const state = pickerState(matrix, ["白", "L"]);
    expect(state.sku?.id).toBe("w-l");
    expect(state.sku?.stockLeft).toBe(2);
    expect(state.buyable).toBe(true);
    expect(state.missing).toEqual([]);
  });

  it("a selection naming a missing or sold-out combination has no buyable SKU", () => {
    expect(pickerState(matrix, ["黑", "L"]).sku).toBeNull();
    const soldOut = pickerState(matrix, ["白", "M"]);
    expect(soldOut.sku?.id).toBe("w-m");
    expect(soldOut.buyable).toBe(false);
  });

  it("taps choose, unchoose, and ignore disabled values", () => {
    let sel = toggleValue(matrix, initialSelection(matrix), 0, "白");
    expect(sel).toEqual(["白", null]);
    expect(toggleValue(matrix, sel, 1, "M")).toEqual(["白", null]);
    expect(toggleValue(matrix, sel, 0, "蓝")).toEqual(["白", null]);
    sel = toggleValue(matrix, sel, 1, "L");
    expect(sel).toEqual(["白", "L"]);
    expect(toggleValue(matrix, sel, 0, "白")).toEqual([null, "L"]);
  });

  it("a product without dimensions is its one SKU; a dimension with one value starts chosen", () => {
    const single: PickerMatrix = { dimensions: [], skus: [sku("only", [], 500, "in")] };
    expect(pickerState(single, initialSelection(single)).sku?.id).toBe("only");
    const oneValue: PickerMatrix = {
      dimensions: [{ name: "规格", values: [{ value: "500g", available: true }] }],
      skus: [sku("g", ["500g"], 3000, "in")],
    };
    expect(initialSelection(oneValue)).toEqual(["500g"]);
    expect(pickerState(oneValue, initialSelection(oneValue)).buyable).toBe(true);
  });

  it("formats fen as yuan", () => {
    expect(yuan(12900)).toBe("129.00");
    expect(yuan(5)).toBe("0.05");
    expect(priceRange(9900, 12900)).toBe("99.00-129.00");
    expect(priceRange(100, 100)).toBe("1.00");
  });
});
