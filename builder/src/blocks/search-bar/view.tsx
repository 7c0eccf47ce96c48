// search-bar: the search box that opens the search page (a tap does nothing here), sticky when asked,
// with the store's hot words under it (the runtime fetches them: the designer shows where they go).
import type { searchBar } from "@mallwright/schema/page/blocks/search-bar";
import { useTranslation } from "react-i18next";
import { classes, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof searchBar.display>;

export function SearchBarView({ display, editing }: ViewProps<Display>) {
  const { t } = useTranslation();
  return (
    <div
      className={classes("mw-block mw-search-bar", display.sticky && "mw-sticky")}
      style={{ background: display.background }}
      data-sticky={display.sticky || undefined}
    >
      <div
        className="mw-search-field"
        style={{ borderRadius: display.radius, background: display.fieldBackground, color: display.placeholderColor }}
      >
        <span className="mw-search-icon" aria-hidden />
        <span>{display.placeholder}</span>
      </div>
      {display.showHotWords && editing && (
        <div className="mw-hot-words" style={{ color: display.placeholderColor }}>
          <span className="mw-hot-label">{t("blocks.hotWords")}</span>
          <span className="mw-hot-hint">{t("blocks.hotWordsHint")}</span>
        </div>
      )}
    </div>
  );
}
