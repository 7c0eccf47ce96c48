// image-nav: an icon grid (4 or 5 per row) of linked shortcuts, wrapping or in one scrolling row.
import { z } from "zod";
import { ZOptionalLink } from "../links.ts";
import { ZImageRef } from "../media.ts";
import { defineBlock } from "../registry.ts";
import { ZColor, ZFillColor } from "../theme.ts";

const ZNavItem = z.strictObject({
  icon: ZImageRef.nullable().default(null),
  text: z.string().trim().max(8).default("导航"),
  link: ZOptionalLink,
});

export const imageNav = defineBlock({
  type: "image-nav",
  label: { en: "Icon navigation", zh: "图文导航" },
  icon: "apps",
  group: "navigation",
  props: z.strictObject({
    items: z
      .array(ZNavItem)
      .max(20)
      .default(() => []),
    perRow: z.number().int().min(4).max(5).default(5),
    /** One row that scrolls sideways instead of wrapping into more rows. */
    scroll: z.boolean().default(false),
    iconShape: z.enum(["circle", "square"]).default("circle"),
    /** null: the theme's text colour. */
    textColor: ZColor.nullable().default(null),
    background: ZFillColor.default("#ffffff"),
  }),
  bindings: [],
  children: false,
  limits: {},
  inspector: {
    items: {
      widget: "list",
      label: { en: "Items", zh: "导航项" },
      item: {
        icon: { widget: "image", label: { en: "Icon", zh: "图标" } },
        text: { widget: "text", label: { en: "Text", zh: "文字" }, maxLength: 8 },
        link: { widget: "link", label: { en: "Link", zh: "链接" } },
      },
      min: 0,
      max: 20,
      addLabel: { en: "Add item", zh: "添加导航" },
    },
    perRow: {
      widget: "select",
      label: { en: "Per row", zh: "每行数量" },
      options: [4, 5].map((n) => ({ value: n, label: { en: `${n}`, zh: `${n} 个` } })),
    },
    scroll: { widget: "switch", label: { en: "Scroll sideways", zh: "横向滑动" } },
    iconShape: {
      widget: "select",
      label: { en: "Icon shape", zh: "图标形状" },
      options: [
        { value: "circle", label: { en: "Circle", zh: "圆形" } },
        { value: "square", label: { en: "Square", zh: "方形" } },
      ],
    },
    textColor: { widget: "color", label: { en: "Text colour", zh: "文字颜色" } },
    background: { widget: "color", label: { en: "Background", zh: "背景色" } },
  },
  display: (p, ctx) => ({
    items: p.items.map((item) => ({ icon: item.icon?.url ?? null, text: item.text, link: item.link })),
    perRow: p.perRow,
    /** Width of one item as a percentage of the block (also in scroll mode: perRow stay visible). */
    itemWidth: Math.round(10_000 / p.perRow) / 100,
    scroll: p.scroll,
    iconRadius: p.iconShape === "circle" ? 999 : ctx.theme.radius,
    textColor: p.textColor ?? ctx.theme.colors.text,
    background: p.background,
  }),
});
