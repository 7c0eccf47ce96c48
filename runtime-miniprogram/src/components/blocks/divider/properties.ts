// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/divider.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "divider";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  propStyle: { type: String, value: "solid" },
  color: { type: String, value: "#ebedf0" },
  margin: { type: Number, value: 12 },
  inset: { type: Number, value: 0 },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  propStyle: "style",
  color: "color",
  margin: "margin",
  inset: "inset",
};

/** Every property, as an observer path list. */
export const observed = "propStyle, color, margin, inset";
