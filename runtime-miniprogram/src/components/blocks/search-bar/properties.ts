// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/search-bar.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "search-bar";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  placeholder: { type: String, value: "搜索商品" },
  shape: { type: String, value: "round" },
  sticky: { type: Boolean, value: false },
  showHotWords: { type: Boolean, value: false },
  background: { type: null, value: null },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  placeholder: "placeholder",
  shape: "shape",
  sticky: "sticky",
  showHotWords: "showHotWords",
  background: "background",
};

/** Every property, as an observer path list. */
export const observed = "placeholder, shape, sticky, showHotWords, background";
