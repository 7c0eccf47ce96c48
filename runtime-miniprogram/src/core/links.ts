// Where a tap on a block goes, by link kind: a product or a custom page opens in the shop subpackage,
// a category opens the category tab on it, a tab switches, a URL opens in a web-view only for the
// mini-program's business domains (anything else is copied for the shopper to open elsewhere).
import type { TLink } from "@mallwright/schema";
import type { WxApi } from "./wx-api.ts";

export const ROUTES = {
  home: "/pages/home/index",
  category: "/pages/category/index",
  cart: "/pages/cart/index",
  me: "/pages/me/index",
  closed: "/pages/closed/index",
  product: "/pkg-shop/pages/product/index",
  search: "/pkg-shop/pages/search/index",
  page: "/pkg-shop/pages/page/index",
  web: "/pkg-shop/pages/web/index",
  checkout: "/pkg-order/pages/checkout/index",
  orders: "/pkg-order/pages/orders/index",
  order: "/pkg-order/pages/order/index",
  address: "/pkg-order/pages/address/index",
} as const;

export type LinkAction =
  | { kind: "navigate"; url: string }
  | { kind: "tab"; url: string; category?: string }
  | { kind: "copy"; text: string };

/** Whether `url` may open in a web-view: https, on one of `domains` or a subdomain of one. */
export function isAllowedWebUrl(url: string, domains: readonly string[]): boolean {
  const m = /^https:\/\/([^/?#:]+)(?::\d+)?(?:[/?#]|$)/i.exec(url);
  const host = m?.[1]?.toLowerCase();
  if (!host) return false;
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

export function resolveLink(link: TLink, webViewDomains: readonly string[]): LinkAction {
  switch (link.kind) {
    case "product":
      return { kind: "navigate", url: `${ROUTES.product}?id=${encodeURIComponent(link.id)}` };
    case "page":
      return { kind: "navigate", url: `${ROUTES.page}?id=${encodeURIComponent(link.id)}` };
    case "category":
      // A tab page takes no query: the category tab reads the wanted category on show.
      return { kind: "tab", url: ROUTES.category, category: link.id };
    case "tab":
      return { kind: "tab", url: ROUTES[link.tab] };
    case "url":
      return isAllowedWebUrl(link.url, webViewDomains)
        ? { kind: "navigate", url: `${ROUTES.web}?url=${encodeURIComponent(link.url)}` }
        : { kind: "copy", text: link.url };
  }
}

let pendingCategory: string | null = null;

/** The category a link asked the category tab to open, once. */
export function takePendingCategory(): string | null {
  const id = pendingCategory;
  pendingCategory = null;
  return id;
}

/** Whether a value from a WXML dataset is a link (links travel through data-link). */
export function isLink(value: unknown): value is TLink {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

/** The page stack holds 10 pages: past that, the new page replaces the top one. */
const MAX_STACK = 10;

export function openLink(
  wx: Pick<WxApi, "navigateTo" | "redirectTo" | "switchTab" | "setClipboardData">,
  link: TLink,
  webViewDomains: readonly string[],
  stackDepth: () => number = () => (typeof getCurrentPages === "function" ? getCurrentPages().length : 1),
): LinkAction {
  const action = resolveLink(link, webViewDomains);
  if (action.kind === "navigate") {
    if (stackDepth() >= MAX_STACK) wx.redirectTo({ url: action.url });
    else wx.navigateTo({ url: action.url });
  } else if (action.kind === "tab") {
    if (action.category) pendingCategory = action.category;
    wx.switchTab({ url: action.url });
  } else {
    // WeChat shows its own "copied" toast.
    wx.setClipboardData({ data: action.text });
  }
  return action;
}
