// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/product-grid.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "product-grid";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  source: { type: Object, value: { source: "newest" } },
  limit: { type: Number, value: 6 },
  columns: { type: Number, value: 2 },
  showPrice: { type: Boolean, value: true },
  showCompareAt: { type: Boolean, value: true },
  showBuyButton: { type: Boolean, value: true },
  hideSoldOut: { type: Boolean, value: false },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  source: "source",
  limit: "limit",
  columns: "columns",
  showPrice: "showPrice",
  showCompareAt: "showCompareAt",
  showBuyButton: "showBuyButton",
  hideSoldOut: "hideSoldOut",
};

/** Every property, as an observer path list. */
export const observed = "source, limit, columns, showPrice, showCompareAt, showBuyButton, hideSoldOut";
