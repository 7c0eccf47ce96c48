// The SKU matrix: cartesian product, edits that keep what was typed, batch fill, request building.
import { describe, expect, it } from "vitest";
import {
  addDimension,
  addValue,
  combinations,
  emptyRow,
  fillRows,
  fromProduct,
  regenerate,
  removeDimension,
  removeValue,
  renameDimension,
  renameValue,
  type SkuMatrix,
  setCell,
  toRequest,
} from "./sku-matrix.ts";

function build(): SkuMatrix {
  let m: SkuMatrix = { dimensions: [], rows: [emptyRow([])] };
  m = addDimension(m, "颜色");
  m = addValue(m, 0, "红");
  m = addValue(m, 0, "蓝");
  m = addDimension(m, "尺码");
  for (const s of ["S", "M", "L"]) m = addValue(m, 1, s);
  return m;
}
const specs = (m: SkuMatrix) => m.rows.map((r) => r.specValues.join("/"));
function priced(m: SkuMatrix): SkuMatrix {
  return m.rows.reduce((acc, r, i) => {
    let next = setCell(acc, i, "price", `${10 + i}.5`);
    next = setCell(next, i, "stock", String(i * 10));
    return setCell(next, i, "code", `C-${r.specValues.join("")}`.replace(/[^\x20-\x7e]/g, "x") + i);
  }, m);
}

describe("combinations", () => {
  it("is one empty combination without dimensions", () => {
    expect(combinations([])).toEqual([[]]);
  });
  it("is the cartesian product, first dimension slowest, skipping dimensions without values", () => {
    expect(
      combinations([
        { name: "颜色", values: ["红", "蓝"] },
        { name: "材质", values: [] },
        { name: "尺码", values: ["S", "M", "L"] },
      ]),
    ).toEqual([
      ["红", "S"],
      ["红", "M"],
      ["红", "L"],
      ["蓝", "S"],
      ["蓝", "M"],
      ["蓝", "L"],
    ]);
  });
});

describe("editing the dimensions", () => {
  it("builds a 2x3 matrix of 6 rows", () => {
    const m = build();
    expect(specs(m)).toEqual(["红/S", "红/M", "红/L", "蓝/S", "蓝/M", "蓝/L"]);
  });

  it("keeps the single SKU's data when the first dimension gets its first value", () => {
    let m: SkuMatrix = { dimensions: [], rows: [emptyRow([])] };
    m = setCell(setCell(m, 0, "price", "99"), 0, "code", "TEA-1");
    m = addValue(addDimension(m, "规格"), 0, "50g");
    expect(m.rows).toEqual([expect.objectContaining({ specValues: ["50g"], price: "99", code: "TEA-1" })]);
  });

  it("keeps every row's data when a value is renamed", () => {
    const m = priced(build());
    const renamed = renameValue(m, 0, 0, "绯红");
    expect(specs(renamed)).toEqual(["绯红/S", "绯红/M", "绯红/L", "蓝/S", "蓝/M", "蓝/L"]);
    expect(renamed.rows.map((r) => [r.price, r.stock, r.code])).toEqual(m.rows.map((r) => [r.price, r.stock, r.code]));
  });

  it("refuses a blank or repeated value name", () => {
    const m = build();
    expect(renameValue(m, 0, 0, "蓝")).toBe(m);
    expect(renameValue(m, 0, 0, "  ")).toBe(m);
    expect(addValue(m, 0, "红")).toBe(m);
  });

  it("keeps rows when a dimension is renamed", () => {
    const m = priced(build());
    const renamed = renameDimension(m, 1, "Size");
    expect(renamed.rows).toEqual(m.rows);
    expect(renamed.dimensions[1]?.name).toBe("Size");
  });

  it("adding a value adds rows and keeps the others by their spec values", () => {
    const m = priced(build());
    const more = addValue(m, 1, "XL");
    expect(specs(more)).toEqual(["红/S", "红/M", "红/L", "红/XL", "蓝/S", "蓝/M", "蓝/L", "蓝/XL"]);
    expect(more.rows[4]).toEqual(m.rows[3]);
    expect(more.rows[3]).toMatchObject({ price: "", stock: "0", code: "" });
  });

  it("removing a value drops its rows and keeps the rest", () => {
    const m = priced(build());
    const less = removeValue(m, 1, 1);
    expect(specs(less)).toEqual(["红/S", "红/L", "蓝/S", "蓝/L"]);
    expect(less.rows.map((r) => r.code)).toEqual([m.rows[0], m.rows[2], m.rows[3], m.rows[5]].map((r) => r?.code));
  });

  it("removing a dimension keeps the first row of each remaining combination", () => {
    const m = priced(build());
    const less = removeDimension(m, 1);
    expect(specs(less)).toEqual(["红", "蓝"]);
    expect(less.rows[0]).toMatchObject({ price: m.rows[0]?.price, stock: m.rows[0]?.stock, code: m.rows[0]?.code });
    expect(less.rows[1]).toMatchObject({ price: m.rows[3]?.price, code: m.rows[3]?.code });
  });

  it("removing the last value of a dimension takes it out of the matrix", () => {
    const m = priced(build());
    let less = removeValue(m, 1, 2);
    less = removeValue(less, 1, 1);
    less = removeValue(less, 1, 0);
    expect(specs(less)).toEqual(["红", "蓝"]);
    expect(less.rows[0]?.code).toBe(m.rows[0]?.code);
    expect(less.dimensions[1]?.values).toEqual([]);
  });

  it("a new dimension copies prices, not stock or codes, to the rows it splits", () => {
    let m: SkuMatrix = { dimensions: [], rows: [emptyRow([])] };
    m = addValue(addDimension(m, "颜色"), 0, "红");
    m = setCell(setCell(setCell(m, 0, "price", "20"), 0, "stock", "5"), 0, "code", "R");
    const split = regenerate(m, [...m.dimensions, { name: "尺码", values: ["S", "M"] }]);
    expect(split.rows).toEqual([
      expect.objectContaining({ specValues: ["红", "S"], price: "20", stock: "0", code: "" }),
      expect.objectContaining({ specValues: ["红", "M"], price: "20", stock: "0", code: "" }),
    ]);
  });

  it("allows at most three dimensions", () => {
    let m = build();
    m = addDimension(m, "材质");
    expect(addDimension(m, "第四")).toBe(m);
  });
});

describe("batch fill", () => {
  it("fills all rows or the selected ones", () => {
    const m = build();
    expect(fillRows(m, "all", "price", "9.9").rows.every((r) => r.price === "9.9")).toBe(true);
    const some = fillRows(m, new Set([1, 4]), "stock", "7");
    expect(some.rows.map((r) => r.stock)).toEqual(["0", "7", "0", "0", "7", "0"]);
  });
  it("numbers codes so they stay unique", () => {
    const m = fillRows(build(), new Set([0, 2, 5]), "code", "TEE");
    expect(m.rows.map((r) => r.code)).toEqual(["TEE-1", "", "TEE-2", "", "", "TEE-3"]);
  });
});

describe("toRequest", () => {
  it("sends prices in fen and stock as integers", () => {
    let m = fillRows(build(), "all", "price", "0.29");
    m = setCell(m, 0, "compareAtPrice", "1.15");
    m = setCell(m, 1, "stock", "12");
    const { skus, dimensions, problems } = toRequest(m);
    expect(problems).toEqual([]);
    expect(dimensions).toEqual([
      { name: "颜色", values: ["红", "蓝"] },
      { name: "尺码", values: ["S", "M", "L"] },
    ]);
    expect(skus[0]).toMatchObject({ specValues: ["红", "S"], price: 29, compareAtPrice: 115, stock: 0, code: null });
    expect(skus[1]).toMatchObject({ price: 29, compareAtPrice: null, stock: 12 });
  });
  it("names the problems at the API's paths", () => {
    let m = build();
    m = setCell(m, 1, "price", "12.345");
    m = setCell(fillRows(m, new Set([0, 2, 3, 4, 5]), "price", "1"), 2, "stock", "-1");
    m = addDimension(m, "");
    const { problems } = toRequest(m);
    expect(problems).toEqual([
      { path: "dimensions.2.name", problem: "dimensionName" },
      { path: "dimensions.2.values", problem: "dimensionValues" },
      { path: "skus.1.price", problem: "money" },
      { path: "skus.2.stock", problem: "integer" },
    ]);
  });
  it("round-trips a product from the API", () => {
    const m = fromProduct({
      dimensions: [{ name: "规格", values: ["50g", "100g"] }],
      skus: [
        {
          id: "0190d7c4-0000-7000-8000-000000000001",
          specValues: ["100g"],
          price: 12800,
          compareAtPrice: 15800,
          stock: 10,
          code: "LJ-100",
          imageMediaId: null,
          weightGrams: 120,
          lowStockThreshold: null,
          effectiveLowStock: 5,
          stockState: "in_stock",
        },
      ],
    });
    expect(m.rows.map((r) => [r.specValues[0], r.price, r.compareAtPrice, r.stock, r.code])).toEqual([
      ["50g", "", "", "0", ""],
      ["100g", "128.00", "158.00", "10", "LJ-100"],
    ]);
    expect(toRequest(setCell(m, 0, "price", "68")).skus).toEqual([
      expect.objectContaining({ specValues: ["50g"], price: 6800, stock: 0 }),
      expect.objectContaining({ specValues: ["100g"], price: 12800, compareAtPrice: 15800, weightGrams: 120 }),
    ]);
  });
});
