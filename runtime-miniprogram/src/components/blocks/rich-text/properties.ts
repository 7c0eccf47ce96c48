// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/rich-text.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "rich-text";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  html: { type: String, value: "" },
  background: { type: String, value: "#ffffff" },
  padding: { type: Number, value: 12 },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  html: "html",
  background: "background",
  padding: "padding",
};

/** Every property, as an observer path list. */
export const observed = "html, background, padding";
