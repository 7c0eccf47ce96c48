// product-scroll: the bound products' cards in one row that scrolls sideways, each cardWidth wide.
import type { productScroll } from "@mallwright/schema/page/blocks/product-scroll";
import { useTranslation } from "react-i18next";
import { ProductCard } from "../product-grid/product-card.tsx";
import { Placeholder, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof productScroll.display>;

export function ProductScrollView({ display, editing }: ViewProps<Display>) {
  const { t } = useTranslation();
  if (display.items.length === 0) {
    return editing ? (
      <div className="mw-block mw-product-scroll">
        <Placeholder text={t("blocks.noProducts")} icon="list" />
      </div>
    ) : null;
  }
  return (
    <div className="mw-block mw-product-scroll mw-scroll-x">
      {display.items.map((item) => (
        <ProductCard
          key={item.id}
          item={item}
          radius={display.radius}
          priceColor={display.priceColor}
          width={display.cardWidth}
        />
      ))}
    </div>
  );
}
