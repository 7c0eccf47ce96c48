// One product card as the card template (card.wxml) shows it, from displayProductCard()'s result.
import type { displayProductCard } from "@mallwright/schema/page/blocks/product-grid";
import { rpx, styleOf } from "../../../shared/style.ts";

export type CardDisplay = ReturnType<typeof displayProductCard>;

export function presentCard(
  item: CardDisplay,
  opts: { radius: number; priceColor: string; layout: "vertical" | "horizontal"; width?: number },
) {
  const r = rpx(opts.radius);
  return {
    id: item.id,
    title: item.title,
    image: item.image,
    price: item.price,
    compareAt: item.compareAt,
    soldOut: item.soldOut,
    link: item.link,
    badge: item.soldOut ? "已售罄" : item.lowStock ? "库存紧张" : null,
    badgeClass: item.soldOut ? "mw-card-badge mw-card-sold-out" : "mw-card-badge mw-card-low-stock",
    cardClass: `mw-card mw-card-${opts.layout}${item.soldOut ? " mw-card-is-sold-out" : ""}`,
    cardStyle: styleOf({
      borderRadius: r,
      width: opts.width ? rpx(opts.width) : null,
      flex: opts.width ? "none" : null,
    }),
    mediaStyle: styleOf({ borderRadius: opts.layout === "vertical" ? `${r} ${r} 0 0` : r }),
    priceStyle: styleOf({ color: opts.priceColor }),
  };
}
