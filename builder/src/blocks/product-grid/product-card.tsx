// One product card as product lists show it (product-grid, product-scroll): picture with a sold-out
// or low-stock badge, title, price and the struck-through compare-at price, all as display() gave them.
import type { displayProductCard } from "@mallwright/schema/page/blocks/product-grid";
import { useTranslation } from "react-i18next";
import { classes, Img, Tap } from "../view-kit.tsx";

export type ProductCardDisplay = ReturnType<typeof displayProductCard>;

export function ProductCard({
  item,
  radius,
  priceColor,
  buyButton = false,
  layout = "vertical",
  width,
}: {
  item: ProductCardDisplay;
  radius: number;
  priceColor: string;
  buyButton?: boolean;
  layout?: "vertical" | "horizontal";
  width?: number;
}) {
  const { t } = useTranslation();
  return (
    <Tap
      link={item.link}
      className={classes("mw-product-card", `mw-card-${layout}`, item.soldOut && "mw-sold-out")}
      style={{ borderRadius: radius, width }}
    >
      <div
        className="mw-card-media"
        style={{ borderRadius: layout === "vertical" ? `${radius}px ${radius}px 0 0` : radius }}
      >
        {item.image ? (
          <Img src={item.image} alt={item.title} className="mw-cover" />
        ) : (
          <div className="mw-image-slot" />
        )}
        {item.soldOut ? (
          <span className="mw-badge mw-badge-sold-out">{t("blocks.soldOut")}</span>
        ) : (
          item.lowStock && <span className="mw-badge mw-badge-low-stock">{t("blocks.lowStock")}</span>
        )}
      </div>
      <div className="mw-card-body">
        <div className="mw-card-title">{item.title}</div>
        <div className="mw-card-foot">
          <div className="mw-card-prices">
            {item.price && (
              <span className="mw-price" style={{ color: priceColor }}>
                {item.price}
              </span>
            )}
            {item.compareAt && <s className="mw-compare-at">{item.compareAt}</s>}
          </div>
          {buyButton && !item.soldOut && <span className="mw-buy">{t("blocks.buy")}</span>}
        </div>
      </div>
    </Tap>
  );
}
