// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/carousel.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "carousel";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  slides: { type: Array, value: [] },
  autoplay: { type: Boolean, value: true },
  interval: { type: Number, value: 4 },
  indicator: { type: String, value: "dots" },
  heightPercent: { type: Number, value: 50 },
  rounded: { type: Boolean, value: false },
  padding: { type: Number, value: 0 },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  slides: "slides",
  autoplay: "autoplay",
  interval: "interval",
  indicator: "indicator",
  heightPercent: "heightPercent",
  rounded: "rounded",
  padding: "padding",
};

/** Every property, as an observer path list. */
export const observed = "slides, autoplay, interval, indicator, heightPercent, rounded, padding";
