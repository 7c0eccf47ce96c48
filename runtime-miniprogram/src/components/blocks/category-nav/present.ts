// category-nav's display() as styles: an icon grid, or a row of tabs (the first one marked).
import type { categoryNav } from "@mallwright/schema/page/blocks/category-nav";
import { rpx, styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof categoryNav.display>;

export function presentCategoryNav(d: Display) {
  return {
    tabs: d.style === "tabs",
    items: d.items.map((c, i) => ({
      id: c.id,
      name: c.name,
      icon: c.icon,
      initial: c.name.slice(0, 1),
      link: c.link,
      tabStyle: i === 0 ? styleOf({ color: d.activeColor, borderBottomColor: d.activeColor }) : "",
    })),
    frameStyle: styleOf({ color: d.textColor }),
    itemStyle: styleOf({ width: `${d.itemWidth}%` }),
    iconStyle: styleOf({ borderRadius: rpx(d.radius) }),
  };
}
