// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/image-cube.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "image-cube";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  layout: { type: String, value: "1+2" },
  cells: { type: Array, value: [{ image: null, link: null }, { image: null, link: null }, { image: null, link: null }] },
  gap: { type: Number, value: 0 },
  rounded: { type: Boolean, value: false },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  layout: "layout",
  cells: "cells",
  gap: "gap",
  rounded: "rounded",
};

/** Every property, as an observer path list. */
export const observed = "layout, cells, gap, rounded";
