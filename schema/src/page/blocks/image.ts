// image: one picture, full width or padded, optionally linked.
import { z } from "zod";
import { ZOptionalLink } from "../links.ts";
import { ZImageRef } from "../media.ts";
import { defineBlock } from "../registry.ts";

export const image = defineBlock({
  type: "image",
  label: { en: "Image", zh: "图片" },
  icon: "photo",
  group: "media",
  props: z.strictObject({
    image: ZImageRef.nullable().default(null),
    link: ZOptionalLink,
    padding: z.number().int().min(0).max(24).default(0),
    rounded: z.boolean().default(false),
    alt: z.string().trim().max(60).default(""),
  }),
  bindings: [],
  children: false,
  limits: {},
  inspector: {
    image: { widget: "image", label: { en: "Image", zh: "图片" } },
    link: { widget: "link", label: { en: "Link", zh: "链接" } },
    padding: { widget: "number", label: { en: "Padding", zh: "内边距" }, min: 0, max: 24, unit: "px" },
    rounded: { widget: "switch", label: { en: "Rounded corners", zh: "圆角" } },
    alt: { widget: "text", label: { en: "Description", zh: "图片描述" }, maxLength: 60 },
  },
  display: (p, ctx) => ({
    src: p.image?.url ?? null,
    aspectRatio: p.image?.width && p.image.height ? p.image.width / p.image.height : null,
    link: p.link,
    padding: p.padding,
    radius: p.rounded ? ctx.theme.radius : 0,
    alt: p.alt,
  }),
});
