// generated — do not edit: `npm run generate -w runtime-miniprogram` writes it from the block registry
// (schema/src/page/blocks/video.ts).
import type { PropertySpec } from "../../../core/define-block.ts";

export const type = "video";

/** The registry's props with their defaults, as component properties. */
// biome-ignore format: generated, one line per prop
export const properties: Record<string, PropertySpec> = {
  video: { type: null, value: null },
  poster: { type: null, value: null },
  autoplay: { type: Boolean, value: false },
  propMuted: { type: Boolean, value: false },
  loop: { type: Boolean, value: false },
};

/** Property name -> the registry's prop name (they differ where WXML reserves the prop's name). */
export const propNames: Record<string, string> = {
  video: "video",
  poster: "poster",
  autoplay: "autoplay",
  propMuted: "muted",
  loop: "loop",
};

/** Every property, as an observer path list. */
export const observed = "video, poster, autoplay, propMuted, loop";
