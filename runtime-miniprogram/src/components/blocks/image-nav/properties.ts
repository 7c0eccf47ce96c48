// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/image-nav.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "image-nav";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  items: { type: Array, value: [] },
  perRow: { type: Number, value: 5 },
  scroll: { type: Boolean, value: false },
  iconShape: { type: String, value: "circle" },
  textColor: { type: null, value: null },
  background: { type: String, value: "#ffffff" },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  items: "items",
  perRow: "perRow",
  scroll: "scroll",
  iconShape: "iconShape",
  textColor: "textColor",
  background: "background",
};

/** Every property, as an observer path list. */
export const observed = "items, perRow, scroll, iconShape, textColor, background";
