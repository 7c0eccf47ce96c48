// The SKU matrix rule on its own: arity, unknown values, repeats, gaps, and the 3 x 30 limit.
import { LIMITS, ZCreateProductRequest, ZDimensions } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { checkSkuCodes, checkSkuMatrix, combinationsOf, specKeyOf } from "./sku-matrix.ts";

const sku = (specValues: string[], extra: Record<string, unknown> = {}) => ({
  specValues,
  price: 100,
  stock: 1,
  ...extra,
});
const dims = [
  { name: "颜色", values: ["红", "蓝"] },
  { name: "尺码", values: ["S", "M", "L"] },
  { name: "材质", values: ["棉", "麻"] },
];

describe("checkSkuMatrix", () => {
  it("accepts exactly the cartesian product, in any order", () => {
    const all = combinationsOf(dims);
    expect(all).toHaveLength(12);
    expect(all[0]).toEqual(["红", "S", "棉"]);
    expect(checkSkuMatrix(dims, all.map((c) => sku(c)).reverse())).toEqual([]);
  });

  it("no dimensions: exactly one SKU with no values", () => {
    expect(checkSkuMatrix([], [sku([])])).toEqual([]);
    expect(checkSkuMatrix([], [sku([]), sku([])])).toEqual([
      expect.objectContaining({ path: "skus.1.specValues", message: expect.stringContaining("repeats") }),
    ]);
    expect(checkSkuMatrix([], [sku(["红"])])[0]?.path).toBe("skus.0.specValues");
  });

  it("names the SKU whose combination does not fit the dimensions", () => {
    const skus = combinationsOf(dims).map((c) => sku(c));
    skus[3] = sku(["红", "XL", "棉"]);
    const details = checkSkuMatrix(dims, skus);
    expect(details).toEqual([
      expect.objectContaining({ path: "skus.3.specValues", message: expect.stringContaining('"XL"') }),
    ]);
    skus[3] = sku(["红", "S"]);
    expect(checkSkuMatrix(dims, skus)[0]).toMatchObject({ path: "skus.3.specValues" });
  });

  it("reports a repeated combination at the repeat and a missing one at skus", () => {
    const skus = combinationsOf(dims).map((c) => sku(c));
    const dup = [...skus];
    dup[5] = sku(skus[0]?.specValues ?? []);
    expect(checkSkuMatrix(dims, dup)).toEqual([
      expect.objectContaining({ path: "skus.5.specValues", message: "repeats the combination of skus.0" }),
    ]);
    const missing = checkSkuMatrix(dims, skus.slice(1));
    expect(missing).toEqual([
      expect.objectContaining({ path: "skus", message: expect.stringContaining("红 / S / 棉") }),
    ]);
  });

  it("handles the largest matrix, 3 dimensions of 30 values (27,000 SKUs)", () => {
    const big = [0, 1, 2].map((d) => ({ name: `d${d}`, values: Array.from({ length: 30 }, (_, i) => `v${i}`) }));
    expect(ZDimensions.safeParse(big).success).toBe(true);
    const all = combinationsOf(big);
    expect(all).toHaveLength(LIMITS.skusPerProduct);
    const started = performance.now();
    expect(
      checkSkuMatrix(
        big,
        all.map((c) => sku(c)),
      ),
    ).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
    const gap = checkSkuMatrix(
      big,
      all.slice(0, -20).map((c) => sku(c)),
    );
    expect(gap[0]?.message).toMatch(/missing 20 combinations: .* and 10 more/);
  });
});

describe("limits in the contract", () => {
  const base = { title: "T", skus: [sku([])] };
  it("refuses a 4th dimension, a 31st value, repeated values or names", () => {
    const four = [0, 1, 2, 3].map((d) => ({ name: `d${d}`, values: ["a"] }));
    const r4 = ZCreateProductRequest.safeParse({ ...base, dimensions: four });
    expect(r4.error?.issues[0]?.path).toEqual(["dimensions"]);
    const r31 = ZCreateProductRequest.safeParse({
      ...base,
      dimensions: [{ name: "d", values: Array.from({ length: 31 }, (_, i) => `v${i}`) }],
    });
    expect(r31.error?.issues[0]?.path).toEqual(["dimensions", 0, "values"]);
    expect(ZDimensions.safeParse([{ name: "d", values: ["a", "a"] }]).success).toBe(false);
    expect(
      ZDimensions.safeParse([
        { name: "d", values: ["a"] },
        { name: "d", values: ["b"] },
      ]).success,
    ).toBe(false);
  });
});

describe("checkSkuCodes", () => {
  it("reports the second use of a code", () => {
    expect(checkSkuCodes([sku([], { code: "A" }), sku([], { code: "B" }), sku([], { code: "A" })])).toEqual([
      expect.objectContaining({ path: "skus.2.code", message: expect.stringContaining("skus.0") }),
    ]);
    expect(checkSkuCodes([sku([], { code: null }), sku([], { code: null })])).toEqual([]);
  });
});

it("spec keys are unambiguous", () => {
  expect(specKeyOf(["a/b", "c"])).not.toBe(specKeyOf(["a", "b/c"]));
  expect(specKeyOf(["a,b"])).not.toBe(specKeyOf(["a", "b"]));
});
