// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/spacer.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "spacer";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  height: { type: Number, value: 20 },
  background: { type: String, value: "transparent" },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  height: "height",
  background: "background",
};

/** Every property, as an observer path list. */
export const observed = "height, background";
