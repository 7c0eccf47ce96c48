// product-grid: the bound products' cards in 1 to 3 columns (one column: picture left, text right).
import type { productGrid } from "@mallwright/schema/page/blocks/product-grid";
import { defineBlockComponent } from "../../../core/define-block.ts";
import { rpx, styleOf } from "../../../shared/style.ts";
import { presentCard } from "./present-card.ts";
import { observed, properties, propNames, type } from "./properties.ts";

export function presentProductGrid(d: ReturnType<typeof productGrid.display>) {
  const layout = d.columns === 1 ? "horizontal" : "vertical";
  return {
    buy: d.showBuyButton,
    items: d.items.map((item) => presentCard(item, { radius: d.radius, priceColor: d.priceColor, layout })),
    gridStyle: styleOf({
      display: "grid",
      gridTemplateColumns: `repeat(${d.columns}, minmax(0, 1fr))`,
      gap: rpx(8),
      padding: rpx(8),
    }),
  };
}

defineBlockComponent({ type, properties, propNames, observed, present: presentProductGrid });
