// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/product-scroll.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "product-scroll";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  source: { type: Object, value: { source: "newest" } },
  limit: { type: Number, value: 10 },
  cardWidth: { type: Number, value: 120 },
  showPrice: { type: Boolean, value: true },
  showCompareAt: { type: Boolean, value: false },
  hideSoldOut: { type: Boolean, value: false },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  source: "source",
  limit: "limit",
  cardWidth: "cardWidth",
  showPrice: "showPrice",
  showCompareAt: "showCompareAt",
  hideSoldOut: "hideSoldOut",
};

/** Every property, as an observer path list. */
export const observed = "source, limit, cardWidth, showPrice, showCompareAt, hideSoldOut";
