// hotzone: one picture with linked areas on it. Shoppers see only the picture (the areas are
// invisible tap targets); the designer outlines and numbers them.
import type { hotzone } from "@mallwright/schema/page/blocks/hotzone";
import { useTranslation } from "react-i18next";
import { classes, Img, Placeholder, Tap, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof hotzone.display>;

export function HotzoneView({ display, editing }: ViewProps<Display>) {
  const { t } = useTranslation();
  if (!display.src) {
    return editing ? (
      <div className="mw-block mw-hotzone">
        <Placeholder text={t("blocks.addImage")} style={{ aspectRatio: "3 / 4" }} />
      </div>
    ) : null;
  }
  return (
    <div className={classes("mw-block mw-hotzone", editing && "mw-hotzone-editing")}>
      <Img
        src={display.src}
        className="mw-hotzone-img"
        style={{ aspectRatio: display.aspectRatio ? String(display.aspectRatio) : undefined }}
      />
      {display.areas.map((area, i) => (
        <Tap
          // biome-ignore lint/suspicious/noArrayIndexKey: areas have no ids; their order is their number
          key={i}
          link={area.link}
          className="mw-hot-area"
          style={{ left: `${area.left}%`, top: `${area.top}%`, width: `${area.width}%`, height: `${area.height}%` }}
        >
          {editing && <span className="mw-hot-area-number">{i + 1}</span>}
        </Tap>
      ))}
    </div>
  );
}
