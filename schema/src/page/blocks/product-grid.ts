// product-grid: products from a binding (category, tag, hand-picked, newest, best-selling) in
// 1 to 3 columns. The read path resolves the binding; display() picks the cards from data.
import { z } from "zod";
import { MAX_BOUND_PRODUCTS, ZProductSource } from "../bindings.ts";
import type { TProductCardData } from "../data.ts";
import { defineBlock } from "../registry.ts";

export const productGrid = defineBlock({
  type: "product-grid",
  label: { en: "Product grid", zh: "商品列表" },
  icon: "grid",
  group: "commerce",
  props: z.strictObject({
    source: ZProductSource.default(() => ({ source: "newest" as const })),
    limit: z.number().int().min(1).max(MAX_BOUND_PRODUCTS).default(6),
    columns: z.number().int().min(1).max(3).default(2),
    showPrice: z.boolean().default(true),
    showCompareAt: z.boolean().default(true),
    showBuyButton: z.boolean().default(true),
    hideSoldOut: z.boolean().default(false),
  }),
  bindings: ["source"],
  children: false,
  limits: { maxPerPage: 20 },
  inspector: {
    source: { widget: "products", label: { en: "Products", zh: "商品来源" } },
    limit: { widget: "number", label: { en: "How many", zh: "显示数量" }, min: 1, max: MAX_BOUND_PRODUCTS },
    columns: {
      widget: "select",
      label: { en: "Columns", zh: "列数" },
      options: [1, 2, 3].map((n) => ({ value: n, label: { en: `${n}`, zh: `${n} 列` } })),
    },
    showPrice: { widget: "switch", label: { en: "Show price", zh: "显示价格" } },
    showCompareAt: { widget: "switch", label: { en: "Show original price", zh: "显示划线价" } },
    showBuyButton: { widget: "switch", label: { en: "Buy button", zh: "购买按钮" } },
    hideSoldOut: { widget: "switch", label: { en: "Hide sold out", zh: "隐藏售罄商品" } },
  },
  display: (p, ctx) => ({
    columns: p.columns,
    items: boundProducts(ctx.blockId, ctx.data, p.limit, p.hideSoldOut).map((card) => displayProductCard(card, p)),
    showBuyButton: p.showBuyButton,
    radius: ctx.theme.radius,
    priceColor: ctx.theme.colors.price,
  }),
});

/** The cards a binding resolved to, in order, skipping ids the data no longer has. */
export function boundProducts(
  blockId: string,
  data: { bindings: Record<string, string[]>; products: Record<string, TProductCardData> },
  limit: number,
  hideSoldOut = false,
): TProductCardData[] {
  const out: TProductCardData[] = [];
  for (const id of data.bindings[blockId] ?? []) {
    const card = data.products[id];
    if (!card || (hideSoldOut && card.stockState === "out_of_stock")) continue;
    out.push(card);
    if (out.length === limit) break;
  }
  return out;
}

/** One product card as product lists show it (product-grid, product-scroll). */
export function displayProductCard(card: TProductCardData, opts: { showPrice: boolean; showCompareAt: boolean }) {
  return {
    id: card.id,
    title: card.title,
    image: card.image,
    price: opts.showPrice ? formatPrice(card.priceMin, card.priceMax) : null,
    compareAt: opts.showCompareAt && card.compareAtPrice ? formatFen(card.compareAtPrice) : null,
    soldOut: card.stockState === "out_of_stock",
    lowStock: card.stockState === "low_stock",
    link: { kind: "product" as const, id: card.id },
  };
}

/** ¥ with two decimals from fen, never through floating point. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function formatPrice(min: number, max: number): string {
  return min === max ? formatFen(min) : `${formatFen(min)} 起`;
}
