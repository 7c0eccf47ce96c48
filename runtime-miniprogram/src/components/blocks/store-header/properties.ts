// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/store-header.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "store-header";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  useStoreName: { type: Boolean, value: true },
  name: { type: String, value: "" },
  logo: { type: null, value: null },
  backgroundImage: { type: null, value: null },
  backgroundColor: { type: null, value: null },
  textColor: { type: String, value: "#ffffff" },
  showSearch: { type: Boolean, value: true },
  searchPlaceholder: { type: String, value: "搜索本店商品" },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  useStoreName: "useStoreName",
  name: "name",
  logo: "logo",
  backgroundImage: "backgroundImage",
  backgroundColor: "backgroundColor",
  textColor: "textColor",
  showSearch: "showSearch",
  searchPlaceholder: "searchPlaceholder",
};

/** Every property, as an observer path list. */
export const observed =
  "useStoreName, name, logo, backgroundImage, backgroundColor, textColor, showSearch, searchPlaceholder";
