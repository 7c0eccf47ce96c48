// search-bar: a tap target that opens the search page, optionally sticky and with hot words.
import { z } from "zod";
import { defineBlock } from "../registry.ts";
import { ZColor } from "../theme.ts";

export const searchBar = defineBlock({
  type: "search-bar",
  label: { en: "Search bar", zh: "搜索框" },
  icon: "search",
  group: "navigation",
  props: z.strictObject({
    placeholder: z.string().trim().max(20).default("搜索商品"),
    shape: z.enum(["round", "square"]).default("round"),
    /** Stays at the top of the screen while the page scrolls. */
    sticky: z.boolean().default(false),
    /** Shows the store's most searched words under the box (the runtime fetches them). */
    showHotWords: z.boolean().default(false),
    /** null: the theme's surface colour. */
    background: ZColor.nullable().default(null),
  }),
  bindings: [],
  children: false,
  limits: { maxPerPage: 1 },
  inspector: {
    placeholder: { widget: "text", label: { en: "Placeholder", zh: "提示文字" }, maxLength: 20 },
    shape: {
      widget: "select",
      label: { en: "Shape", zh: "形状" },
      options: [
        { value: "round", label: { en: "Round", zh: "圆角" } },
        { value: "square", label: { en: "Square", zh: "方形" } },
      ],
    },
    sticky: { widget: "switch", label: { en: "Stick to top", zh: "滚动时置顶" } },
    showHotWords: { widget: "switch", label: { en: "Show hot words", zh: "显示热搜词" } },
    background: { widget: "color", label: { en: "Background", zh: "背景色" } },
  },
  display: (p, ctx) => ({
    placeholder: p.placeholder,
    radius: p.shape === "round" ? 999 : Math.min(ctx.theme.radius, 4),
    sticky: p.sticky,
    showHotWords: p.showHotWords,
    background: p.background ?? ctx.theme.colors.surface,
    fieldBackground: ctx.theme.colors.background,
    placeholderColor: ctx.theme.colors.muted,
  }),
});
