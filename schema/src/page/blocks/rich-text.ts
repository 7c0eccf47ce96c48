// rich-text: merchant-written HTML, up to 20 KB. The server cleans it on save with the catalog's
// sanitizer (platform/src/services/catalog/sanitize-detail-html.ts), so display() hands it on as
// stored and the mini-program renders it with <rich-text>.
import { z } from "zod";
import { utf8Length } from "../byte-length.ts";
import { defineBlock } from "../registry.ts";
import { ZFillColor } from "../theme.ts";

export const RICH_TEXT_MAX_BYTES = 20 * 1024;

export const richText = defineBlock({
  type: "rich-text",
  label: { en: "Rich text", zh: "富文本" },
  icon: "align-left",
  group: "text",
  props: z.strictObject({
    html: z
      .string()
      .max(RICH_TEXT_MAX_BYTES, "must be at most 20 KB")
      .refine((s) => utf8Length(s) <= RICH_TEXT_MAX_BYTES, "must be at most 20 KB")
      .default(""),
    background: ZFillColor.default("#ffffff"),
    padding: z.number().int().min(0).max(32).default(12),
  }),
  bindings: [],
  children: false,
  limits: {},
  inspector: {
    html: { widget: "richtext", label: { en: "Content", zh: "内容" } },
    background: { widget: "color", label: { en: "Background", zh: "背景色" } },
    padding: { widget: "number", label: { en: "Padding", zh: "内边距" }, min: 0, max: 32, unit: "px" },
  },
  display: (p, ctx) => ({
    html: p.html,
    background: p.background,
    padding: p.padding,
    color: ctx.theme.colors.text,
  }),
});
