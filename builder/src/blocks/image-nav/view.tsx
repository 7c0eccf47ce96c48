// image-nav: an icon grid of shortcuts, perRow to a row; wrapping, or one row scrolling sideways.
import type { imageNav } from "@mallwright/schema/page/blocks/image-nav";
import { useTranslation } from "react-i18next";
import { classes, Img, Placeholder, Tap, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof imageNav.display>;

export function ImageNavView({ display, editing }: ViewProps<Display>) {
  const { t } = useTranslation();
  if (display.items.length === 0) {
    return editing ? (
      <div className="mw-block mw-image-nav" style={{ background: display.background }}>
        <Placeholder text={t("blocks.noNavItems")} icon="list" />
      </div>
    ) : null;
  }
  return (
    <div
      className={classes("mw-block mw-image-nav", display.scroll && "mw-scroll-x")}
      style={{ background: display.background, color: display.textColor }}
      data-per-row={display.perRow}
    >
      {display.items.map((item, i) => (
        <Tap
          // biome-ignore lint/suspicious/noArrayIndexKey: nav items have no ids; their order is their identity
          key={i}
          link={item.link}
          className="mw-nav-item"
          style={{ width: `${display.itemWidth}%` }}
        >
          {item.icon ? (
            <Img src={item.icon} className="mw-nav-icon" style={{ borderRadius: display.iconRadius }} />
          ) : (
            <span className="mw-nav-icon mw-nav-icon-empty" style={{ borderRadius: display.iconRadius }} aria-hidden />
          )}
          <span className="mw-nav-text">{item.text}</span>
        </Tap>
      ))}
    </div>
  );
}
