// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/category-nav.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "category-nav";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  categories: { type: Object, value: { source: "top_level" } },
  limit: { type: Number, value: 10 },
  propStyle: { type: String, value: "icons" },
  perRow: { type: Number, value: 5 },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  categories: "categories",
  limit: "limit",
  propStyle: "style",
  perRow: "perRow",
};

/** Every property, as an observer path list. */
export const observed = "categories, limit, propStyle, perRow";
