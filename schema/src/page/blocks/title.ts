// title: a section heading with an optional subtitle and a "more" link.
import { z } from "zod";
import { ZOptionalLink } from "../links.ts";
import { defineBlock } from "../registry.ts";

export const title = defineBlock({
  type: "title",
  label: { en: "Title", zh: "标题" },
  icon: "heading",
  group: "text",
  props: z.strictObject({
    // Schema version 2 renamed `text` to `title` (migrations/0002-title-text-to-title.ts).
    title: z.string().trim().max(40).default("标题"),
    subtitle: z.string().trim().max(80).default(""),
    align: z.enum(["left", "center"]).default("left"),
    moreText: z.string().trim().max(10).default(""),
    moreLink: ZOptionalLink,
  }),
  bindings: [],
  children: false,
  limits: {},
  inspector: {
    title: { widget: "text", label: { en: "Title", zh: "标题" }, maxLength: 40 },
    subtitle: { widget: "text", label: { en: "Subtitle", zh: "副标题" }, maxLength: 80 },
    align: {
      widget: "select",
      label: { en: "Alignment", zh: "对齐" },
      options: [
        { value: "left", label: { en: "Left", zh: "左对齐" } },
        { value: "center", label: { en: "Centre", zh: "居中" } },
      ],
    },
    moreText: { widget: "text", label: { en: "“More” text", zh: "“更多”文字" }, maxLength: 10 },
    moreLink: { widget: "link", label: { en: "“More” link", zh: "“更多”链接" } },
  },
  display: (p) => ({
    title: p.title,
    subtitle: p.subtitle || null,
    align: p.align,
    more: p.moreText && p.moreLink ? { text: p.moreText, link: p.moreLink } : null,
  }),
});
