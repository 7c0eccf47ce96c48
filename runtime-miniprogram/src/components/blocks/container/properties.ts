// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/container.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "container";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  columns: { type: Number, value: 1 },
  gap: { type: Number, value: 8 },
  padding: { type: Number, value: 12 },
  background: { type: String, value: "transparent" },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  columns: "columns",
  gap: "gap",
  padding: "padding",
  background: "background",
};

/** Every property, as an observer path list. */
export const observed = "columns, gap, padding, background";
