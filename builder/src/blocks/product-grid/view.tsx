// product-grid: the bound products' cards in 1 to 3 columns (one column: picture left, text right).
import type { productGrid } from "@mallwright/schema/page/blocks/product-grid";
import { useTranslation } from "react-i18next";
import { Placeholder, type ViewProps } from "../view-kit.tsx";
import { ProductCard } from "./product-card.tsx";

type Display = ReturnType<typeof productGrid.display>;

export function ProductGridView({ display, editing }: ViewProps<Display>) {
  const { t } = useTranslation();
  if (display.items.length === 0) {
    return editing ? (
      <div className="mw-block mw-product-grid">
        <Placeholder text={t("blocks.noProducts")} icon="list" />
      </div>
    ) : null;
  }
  return (
    <div
      className="mw-block mw-product-grid"
      data-columns={display.columns}
      style={{ gridTemplateColumns: `repeat(${display.columns}, minmax(0, 1fr))` }}
    >
      {display.items.map((item) => (
        <ProductCard
          key={item.id}
          item={item}
          radius={display.radius}
          priceColor={display.priceColor}
          buyButton={display.showBuyButton}
          layout={display.columns === 1 ? "horizontal" : "vertical"}
        />
      ))}
    </div>
  );
}
