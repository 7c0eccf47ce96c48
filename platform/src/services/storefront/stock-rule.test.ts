// The storefront's copy of the low-stock rule is the merchant's, character for character.
import { describe, expect, it } from "vitest";
import * as merchant from "../inventory/stock-levels.ts";
import { skuThresholdSql, stockSettingsCte } from "./stock-rule.ts";

describe("the storefront's low-stock rule", () => {
  it("is the merchant's SQL with the same parameters", () => {
    expect(stockSettingsCte.text).toBe(merchant.stockSettingsCte.text);
    expect(stockSettingsCte.values).toEqual(merchant.stockSettingsCte.values);
    expect(skuThresholdSql.text).toBe(merchant.skuThresholdSql.text);
    expect(skuThresholdSql.values).toEqual(merchant.skuThresholdSql.values);
  });
});
