// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/image.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "image";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  image: { type: null, value: null },
  link: { type: null, value: null },
  padding: { type: Number, value: 0 },
  rounded: { type: Boolean, value: false },
  alt: { type: String, value: "" },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  image: "image",
  link: "link",
  padding: "padding",
  rounded: "rounded",
  alt: "alt",
};

/** Every property, as an observer path list. */
export const observed = "image, link, padding, rounded, alt";
