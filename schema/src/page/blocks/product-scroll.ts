// product-scroll: products from a binding in one row that scrolls sideways. Same binding and card
// as product-grid; the card width is what sets how many show at once.
import { z } from "zod";
import { MAX_BOUND_PRODUCTS, ZProductSource } from "../bindings.ts";
import { defineBlock } from "../registry.ts";
import { boundProducts, displayProductCard } from "./product-grid.ts";

export const productScroll = defineBlock({
  type: "product-scroll",
  label: { en: "Product carousel", zh: "商品横滑" },
  icon: "arrows-horizontal",
  group: "commerce",
  props: z.strictObject({
    source: ZProductSource.default(() => ({ source: "newest" as const })),
    limit: z.number().int().min(1).max(MAX_BOUND_PRODUCTS).default(10),
    /** Card width in px (of a 375 px wide screen). */
    cardWidth: z.number().int().min(90).max(200).default(120),
    showPrice: z.boolean().default(true),
    showCompareAt: z.boolean().default(false),
    hideSoldOut: z.boolean().default(false),
  }),
  bindings: ["source"],
  children: false,
  limits: { maxPerPage: 20 },
  inspector: {
    source: { widget: "products", label: { en: "Products", zh: "商品来源" } },
    limit: { widget: "number", label: { en: "How many", zh: "显示数量" }, min: 1, max: MAX_BOUND_PRODUCTS },
    cardWidth: {
      widget: "number",
      label: { en: "Card width", zh: "卡片宽度" },
      min: 90,
      max: 200,
      step: 5,
      unit: "px",
    },
    showPrice: { widget: "switch", label: { en: "Show price", zh: "显示价格" } },
    showCompareAt: { widget: "switch", label: { en: "Show original price", zh: "显示划线价" } },
    hideSoldOut: { widget: "switch", label: { en: "Hide sold out", zh: "隐藏售罄商品" } },
  },
  display: (p, ctx) => ({
    cardWidth: p.cardWidth,
    items: boundProducts(ctx.blockId, ctx.data, p.limit, p.hideSoldOut).map((card) => displayProductCard(card, p)),
    radius: ctx.theme.radius,
    priceColor: ctx.theme.colors.price,
  }),
});
