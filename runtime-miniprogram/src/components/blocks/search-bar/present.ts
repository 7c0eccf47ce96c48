// search-bar's display() as styles (the bar, its field and placeholder).
import type { searchBar } from "@mallwright/schema/page/blocks/search-bar";
import { rpx, styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof searchBar.display>;

export function presentSearchBar(d: Display) {
  return {
    placeholder: d.placeholder,
    showHotWords: d.showHotWords,
    frameStyle: styleOf({
      background: d.background,
      position: d.sticky ? "sticky" : null,
      top: d.sticky ? "0" : null,
      zIndex: d.sticky ? 10 : null,
    }),
    fieldStyle: styleOf({ borderRadius: rpx(d.radius), background: d.fieldBackground }),
    placeholderStyle: styleOf({ color: d.placeholderColor }),
  };
}
