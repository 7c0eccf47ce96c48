// carousel: a swiper of linked slides, with autoplay, indicators and a fixed height ratio.
import { z } from "zod";
import { ZOptionalLink } from "../links.ts";
import { ZImageRef } from "../media.ts";
import { defineBlock } from "../registry.ts";

const ZSlide = z.strictObject({
  image: ZImageRef.nullable().default(null),
  link: ZOptionalLink,
});

export const carousel = defineBlock({
  type: "carousel",
  label: { en: "Carousel", zh: "轮播图" },
  icon: "slideshow",
  group: "media",
  props: z.strictObject({
    slides: z
      .array(ZSlide)
      .max(10)
      .default(() => []),
    autoplay: z.boolean().default(true),
    /** Seconds each slide stays. */
    interval: z.number().int().min(2).max(10).default(4),
    indicator: z.enum(["dots", "line", "number", "none"]).default("dots"),
    /** Height as a percentage of the width. */
    heightPercent: z.number().int().min(20).max(150).default(50),
    rounded: z.boolean().default(false),
    padding: z.number().int().min(0).max(24).default(0),
  }),
  bindings: [],
  children: false,
  limits: { maxPerPage: 5 },
  inspector: {
    slides: {
      widget: "list",
      label: { en: "Slides", zh: "图片" },
      item: {
        image: { widget: "image", label: { en: "Image", zh: "图片" } },
        link: { widget: "link", label: { en: "Link", zh: "链接" } },
      },
      min: 0,
      max: 10,
      addLabel: { en: "Add slide", zh: "添加图片" },
    },
    autoplay: { widget: "switch", label: { en: "Autoplay", zh: "自动播放" } },
    interval: { widget: "number", label: { en: "Interval", zh: "切换间隔" }, min: 2, max: 10, unit: "s" },
    indicator: {
      widget: "select",
      label: { en: "Indicator", zh: "指示器" },
      options: [
        { value: "dots", label: { en: "Dots", zh: "圆点" } },
        { value: "line", label: { en: "Bars", zh: "线条" } },
        { value: "number", label: { en: "Numbers", zh: "数字" } },
        { value: "none", label: { en: "None", zh: "不显示" } },
      ],
    },
    heightPercent: { widget: "number", label: { en: "Height", zh: "高度" }, min: 20, max: 150, step: 5, unit: "%" },
    rounded: { widget: "switch", label: { en: "Rounded corners", zh: "圆角" } },
    padding: { widget: "number", label: { en: "Padding", zh: "内边距" }, min: 0, max: 24, unit: "px" },
  },
  display: (p, ctx) => {
    // A slide without a picture yet (just added in the designer) shows nothing.
    const slides = p.slides.flatMap((s) => (s.image ? [{ src: s.image.url, link: s.link }] : []));
    return {
      slides,
      autoplay: p.autoplay && slides.length > 1,
      intervalMs: p.interval * 1000,
      indicator: slides.length > 1 ? p.indicator : ("none" as const),
      indicatorColor: ctx.theme.colors.primary,
      heightRatio: p.heightPercent / 100,
      radius: p.rounded ? ctx.theme.radius : 0,
      padding: p.padding,
    };
  },
});
