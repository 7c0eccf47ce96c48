// container: lays its children out in 1 to 4 columns, with gap, padding and a background.
import { z } from "zod";
import { defineBlock } from "../registry.ts";

const ZColor = z.string().regex(/^#[0-9a-fA-F]{6}$|^transparent$/);

/**
 * What a container may hold: every block but the page-level ones (store-header, search-bar),
 * which only make sense across the whole page. A new block type is added here on purpose.
 */
export const CONTAINER_CHILD_TYPES = [
  "container",
  "notice",
  "carousel",
  "image-nav",
  "title",
  "rich-text",
  "image",
  "image-cube",
  "hotzone",
  "video",
  "category-nav",
  "product-grid",
  "product-scroll",
  "spacer",
  "divider",
] as const;

export const container = defineBlock({
  type: "container",
  label: { en: "Container", zh: "容器" },
  icon: "layout-columns",
  group: "layout",
  props: z.strictObject({
    columns: z.number().int().min(1).max(4).default(1),
    gap: z.number().int().min(0).max(32).default(8),
    padding: z.number().int().min(0).max(32).default(12),
    background: ZColor.default("transparent"),
  }),
  bindings: [],
  children: { types: CONTAINER_CHILD_TYPES, max: 20 },
  limits: {},
  inspector: {
    columns: {
      widget: "select",
      label: { en: "Columns", zh: "列数" },
      options: [1, 2, 3, 4].map((n) => ({ value: n, label: { en: `${n}`, zh: `${n} 列` } })),
    },
    gap: { widget: "number", label: { en: "Gap", zh: "间距" }, min: 0, max: 32, unit: "px" },
    padding: { widget: "number", label: { en: "Padding", zh: "内边距" }, min: 0, max: 32, unit: "px" },
    background: { widget: "color", label: { en: "Background", zh: "背景色" } },
  },
  display: (p) => ({
    columns: p.columns,
    style: { gap: p.gap, padding: p.padding, background: p.background },
  }),
});
