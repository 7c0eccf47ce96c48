// category-nav: shortcuts to catalog categories, as an icon grid or a row of tabs. Which
// categories is a binding (all top-level, or a picked list), resolved into data.bindings.
import { z } from "zod";
import { MAX_BOUND_CATEGORIES, ZCategorySource } from "../bindings.ts";
import type { TCategoryData } from "../data.ts";
import { defineBlock } from "../registry.ts";

export const categoryNav = defineBlock({
  type: "category-nav",
  label: { en: "Category navigation", zh: "分类导航" },
  icon: "category",
  group: "navigation",
  props: z.strictObject({
    categories: ZCategorySource.default(() => ({ source: "top_level" as const })),
    limit: z.number().int().min(1).max(MAX_BOUND_CATEGORIES).default(10),
    style: z.enum(["icons", "tabs"]).default("icons"),
    /** Icons per row (icons style). */
    perRow: z.number().int().min(4).max(5).default(5),
  }),
  bindings: ["categories"],
  children: false,
  limits: { maxPerPage: 5 },
  inspector: {
    categories: { widget: "categories", label: { en: "Categories", zh: "分类" } },
    limit: { widget: "number", label: { en: "How many", zh: "显示数量" }, min: 1, max: MAX_BOUND_CATEGORIES },
    style: {
      widget: "select",
      label: { en: "Style", zh: "样式" },
      options: [
        { value: "icons", label: { en: "Icons", zh: "图标" } },
        { value: "tabs", label: { en: "Tabs", zh: "标签" } },
      ],
    },
    perRow: {
      widget: "select",
      label: { en: "Per row", zh: "每行数量" },
      options: [4, 5].map((n) => ({ value: n, label: { en: `${n}`, zh: `${n} 个` } })),
    },
  },
  display: (p, ctx) => ({
    style: p.style,
    perRow: p.perRow,
    itemWidth: Math.round(10_000 / p.perRow) / 100,
    items: boundCategories(ctx.blockId, ctx.data, p.limit).map((c) => ({
      id: c.id,
      name: c.name,
      icon: c.iconUrl,
      link: { kind: "category" as const, id: c.id },
    })),
    textColor: ctx.theme.colors.text,
    activeColor: ctx.theme.colors.primary,
    radius: ctx.theme.radius,
  }),
});

/** The categories a binding resolved to, in order, skipping ids the data no longer has. */
export function boundCategories(
  blockId: string,
  data: { bindings: Record<string, string[]>; categories: Record<string, TCategoryData> },
  limit: number,
): TCategoryData[] {
  const out: TCategoryData[] = [];
  for (const id of data.bindings[blockId] ?? []) {
    const category = data.categories[id];
    if (!category) continue;
    out.push(category);
    if (out.length === limit) break;
  }
  return out;
}
