// category-nav: the bound categories as an icon grid (perRow to a row) or a row of tabs, the first
// one active in the theme's colour.
import type { categoryNav } from "@mallwright/schema/page/blocks/category-nav";
import { useTranslation } from "react-i18next";
import { classes, Img, Placeholder, Tap, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof categoryNav.display>;

export function CategoryNavView({ display, editing }: ViewProps<Display>) {
  const { t } = useTranslation();
  if (display.items.length === 0) {
    return editing ? (
      <div className="mw-block mw-category-nav">
        <Placeholder text={t("blocks.noCategories")} icon="list" />
      </div>
    ) : null;
  }
  if (display.style === "tabs") {
    return (
      <div className="mw-block mw-category-nav mw-category-tabs mw-scroll-x" style={{ color: display.textColor }}>
        {display.items.map((item, i) => (
          <Tap
            key={item.id}
            link={item.link}
            className={classes("mw-category-tab", i === 0 && "mw-active")}
            style={i === 0 ? { color: display.activeColor, borderColor: display.activeColor } : undefined}
          >
            {item.name}
          </Tap>
        ))}
      </div>
    );
  }
  return (
    <div className="mw-block mw-category-nav mw-category-icons" style={{ color: display.textColor }}>
      {display.items.map((item) => (
        <Tap key={item.id} link={item.link} className="mw-nav-item" style={{ width: `${display.itemWidth}%` }}>
          {item.icon ? (
            <Img src={item.icon} className="mw-nav-icon" style={{ borderRadius: display.radius }} />
          ) : (
            <span className="mw-nav-icon mw-nav-icon-letter" style={{ borderRadius: display.radius }} aria-hidden>
              {item.name.slice(0, 1)}
            </span>
          )}
          <span className="mw-nav-text">{item.name}</span>
        </Tap>
      ))}
    </div>
  );
}
