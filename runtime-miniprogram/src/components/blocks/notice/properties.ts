// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/notice.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "notice";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  text: { type: String, value: "公告内容" },
  link: { type: null, value: null },
  textColor: { type: String, value: "#ed6a0c" },
  background: { type: String, value: "#fffbe8" },
  speed: { type: Number, value: 60 },
  showIcon: { type: Boolean, value: true },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  text: "text",
  link: "link",
  textColor: "textColor",
  background: "background",
  speed: "speed",
  showIcon: "showIcon",
};

/** Every property, as an observer path list. */
export const observed = "text, link, textColor, background, speed, showIcon";
