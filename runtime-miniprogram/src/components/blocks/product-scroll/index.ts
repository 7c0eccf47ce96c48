// product-scroll: the bound products' cards in one row that scrolls sideways.
import type { productScroll } from "@mallwright/schema/page/blocks/product-scroll";
import { defineBlockComponent } from "../../../core/define-block.ts";
import { presentCard } from "../product-grid/present-card.ts";
import { observed, properties, propNames, type } from "./properties.ts";

export function presentProductScroll(d: ReturnType<typeof productScroll.display>) {
  return {
    items: d.items.map((item) =>
      presentCard(item, { radius: d.radius, priceColor: d.priceColor, layout: "vertical", width: d.cardWidth }),
    ),
  };
}

defineBlockComponent({ type, properties, propNames, observed, present: presentProductScroll });
