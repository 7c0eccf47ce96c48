// video: one video with a poster picture. Autoplay is always muted: WeChat and browsers refuse to
// start a video with sound on their own.
import { z } from "zod";
import { aspectRatioOf, ZImageRef, ZVideoRef } from "../media.ts";
import { defineBlock } from "../registry.ts";

export const video = defineBlock({
  type: "video",
  label: { en: "Video", zh: "视频" },
  icon: "movie",
  group: "media",
  props: z.strictObject({
    video: ZVideoRef.nullable().default(null),
    poster: ZImageRef.nullable().default(null),
    autoplay: z.boolean().default(false),
    muted: z.boolean().default(false),
    loop: z.boolean().default(false),
  }),
  bindings: [],
  children: false,
  limits: { maxPerPage: 5 },
  inspector: {
    video: { widget: "video", label: { en: "Video", zh: "视频" } },
    poster: { widget: "image", label: { en: "Cover", zh: "封面" } },
    autoplay: { widget: "switch", label: { en: "Autoplay (muted)", zh: "自动播放（静音）" } },
    muted: { widget: "switch", label: { en: "Muted", zh: "静音" } },
    loop: { widget: "switch", label: { en: "Loop", zh: "循环播放" } },
  },
  display: (p, ctx) => ({
    src: p.video?.url ?? null,
    poster: p.poster?.url ?? null,
    autoplay: p.autoplay,
    muted: p.muted || p.autoplay,
    loop: p.loop,
    aspectRatio: aspectRatioOf(p.video) ?? aspectRatioOf(p.poster) ?? 16 / 9,
    radius: ctx.theme.radius,
  }),
});
