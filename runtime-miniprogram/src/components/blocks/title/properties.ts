// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/title.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "title";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  title: { type: String, value: "标题" },
  subtitle: { type: String, value: "" },
  align: { type: String, value: "left" },
  moreText: { type: String, value: "" },
  moreLink: { type: null, value: null },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  title: "title",
  subtitle: "subtitle",
  align: "align",
  moreText: "moreText",
  moreLink: "moreLink",
};

/** Every property, as an observer path list. */
export const observed = "title, subtitle, align, moreText, moreLink";
