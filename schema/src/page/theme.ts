// The store's look (theme) and its tab bar. Pages may override theme values for themselves.
import { z } from "zod";
import { ZTabKey } from "./links.ts";
import { ZImageRef } from "./media.ts";

export const ZColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #ff5000");

export const ZStoreTheme = z.strictObject({
  colors: z.strictObject({
    primary: ZColor.default("#ee0a24"),
    secondary: ZColor.default("#ff976a"),
    background: ZColor.default("#f7f8fa"),
    surface: ZColor.default("#ffffff"),
    text: ZColor.default("#323233"),
    muted: ZColor.default("#969799"),
    price: ZColor.default("#ee0a24"),
  }),
  /** Corner radius of cards and images, px. */
  radius: z.number().int().min(0).max(24).default(8),
  buttonStyle: z.enum(["rounded", "square", "pill"]).default("pill"),
});
export type TStoreTheme = z.infer<typeof ZStoreTheme>;

export const DEFAULT_THEME: TStoreTheme = ZStoreTheme.parse({ colors: {} });

/**
 * Page-level overrides: any subset of the store theme. Without the store theme's defaults: a value
 * left out must stay out (and the store's), not come back filled in with the default.
 */
const colors = ZStoreTheme.shape.colors.shape;
export const ZThemeOverrides = z.strictObject({
  colors: z
    .strictObject({
      primary: colors.primary.unwrap().optional(),
      secondary: colors.secondary.unwrap().optional(),
      background: colors.background.unwrap().optional(),
      surface: colors.surface.unwrap().optional(),
      text: colors.text.unwrap().optional(),
      muted: colors.muted.unwrap().optional(),
      price: colors.price.unwrap().optional(),
    })
    .optional(),
  radius: ZStoreTheme.shape.radius.unwrap().optional(),
  buttonStyle: ZStoreTheme.shape.buttonStyle.unwrap().optional(),
});
export type TThemeOverrides = z.infer<typeof ZThemeOverrides>;

export function applyTheme(base: TStoreTheme, overrides: TThemeOverrides | undefined): TStoreTheme {
  if (!overrides) return base;
  return {
    colors: { ...base.colors, ...overrides.colors },
    radius: overrides.radius ?? base.radius,
    buttonStyle: overrides.buttonStyle ?? base.buttonStyle,
  };
}

export const ZTabBarItem = z.strictObject({
  tab: ZTabKey,
  text: z.string().trim().min(1).max(8),
  /** Icon key of the runtime's icon set. */
  icon: z.string().regex(/^[a-z0-9-]{1,30}$/),
});

export const ZTabBar = z.strictObject({
  items: z
    .array(ZTabBarItem)
    .min(2, "a tab bar needs 2 to 5 items")
    .max(5, "a tab bar needs 2 to 5 items")
    .refine((items) => new Set(items.map((i) => i.tab)).size === items.length, "each tab may appear once")
    .refine((items) => items.some((i) => i.tab === "home"), "the home tab is required"),
});
export type TTabBar = z.infer<typeof ZTabBar>;

export const DEFAULT_TAB_BAR: TTabBar = {
  items: [
    { tab: "home", text: "首页", icon: "home" },
    { tab: "category", text: "分类", icon: "apps" },
    { tab: "cart", text: "购物车", icon: "cart" },
    { tab: "me", text: "我的", icon: "user" },
  ],
};

/** What the store publishes beside its pages. */
export const ZStoreSettingsDocument = z.strictObject({
  theme: ZStoreTheme,
  tabBar: ZTabBar,
  /** The store's logo (an image of its media library): the store header shows it. Older documents have none. */
  logo: ZImageRef.nullable().default(null),
});
export type TStoreSettingsDocument = z.infer<typeof ZStoreSettingsDocument>;

/** A block's fill: a colour, or transparent to show the page behind it. */
export const ZFillColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$|^transparent$/, "must be a colour like #ff5000, or transparent");
