// store-header: the store's name and logo over a background, with an optional search box. By
// default it shows the store's own name and logo (DisplayContext.store), so a rename shows at once.
import { z } from "zod";
import { ZImageRef } from "../media.ts";
import { defineBlock } from "../registry.ts";
import { ZColor } from "../theme.ts";

export const storeHeader = defineBlock({
  type: "store-header",
  label: { en: "Store header", zh: "店铺信息" },
  icon: "building-store",
  group: "commerce",
  props: z.strictObject({
    useStoreName: z.boolean().default(true),
    /** Shown instead of the store's name when useStoreName is off (or the store is not known). */
    name: z.string().trim().max(20).default(""),
    /** null: the store's logo. */
    logo: ZImageRef.nullable().default(null),
    backgroundImage: ZImageRef.nullable().default(null),
    /** null: the theme's primary colour. */
    backgroundColor: ZColor.nullable().default(null),
    textColor: ZColor.default("#ffffff"),
    showSearch: z.boolean().default(true),
    searchPlaceholder: z.string().trim().max(20).default("搜索本店商品"),
  }),
  bindings: [],
  children: false,
  limits: { maxPerPage: 1 },
  inspector: {
    useStoreName: { widget: "switch", label: { en: "Use the store's name", zh: "显示店铺名称" } },
    name: { widget: "text", label: { en: "Custom name", zh: "自定义名称" }, maxLength: 20 },
    logo: { widget: "image", label: { en: "Logo", zh: "店铺标志" } },
    backgroundImage: { widget: "image", label: { en: "Background image", zh: "背景图" } },
    backgroundColor: { widget: "color", label: { en: "Background colour", zh: "背景色" } },
    textColor: { widget: "color", label: { en: "Text colour", zh: "文字颜色" } },
    showSearch: { widget: "switch", label: { en: "Search box", zh: "显示搜索框" } },
    searchPlaceholder: {
      widget: "text",
      label: { en: "Search placeholder", zh: "搜索提示文字" },
      maxLength: 20,
    },
  },
  display: (p, ctx) => ({
    name: (p.useStoreName ? ctx.store?.name : null) || p.name || null,
    logo: p.logo?.url ?? ctx.store?.logoUrl ?? null,
    backgroundImage: p.backgroundImage?.url ?? null,
    backgroundColor: p.backgroundColor ?? ctx.theme.colors.primary,
    textColor: p.textColor,
    search: p.showSearch ? { placeholder: p.searchPlaceholder, radius: 999 } : null,
    radius: ctx.theme.radius,
  }),
});
