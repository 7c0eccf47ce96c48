// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/hotzone.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "hotzone";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  image: { type: null, value: null },
  areas: { type: Array, value: [] },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  image: "image",
  areas: "areas",
};

/** Every property, as an observer path list. */
export const observed = "image, areas";
