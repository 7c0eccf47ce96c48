// image: one picture at its own proportions, padded and rounded as set, optionally linked.
import type { image } from "@mallwright/schema/page/blocks/image";
import { useTranslation } from "react-i18next";
import { Img, Placeholder, Tap, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof image.display>;

export function ImageView({ display, editing }: ViewProps<Display>) {
  const { t } = useTranslation();
  if (!display.src) {
    return editing ? (
      <div className="mw-block mw-image" style={{ padding: display.padding }}>
        <Placeholder text={t("blocks.addImage")} style={{ borderRadius: display.radius, aspectRatio: "2 / 1" }} />
      </div>
    ) : null;
  }
  return (
    <Tap link={display.link} className="mw-block mw-image" style={{ padding: display.padding }}>
      <Img
        src={display.src}
        alt={display.alt}
        className="mw-image-img"
        style={{
          borderRadius: display.radius,
          aspectRatio: display.aspectRatio ? String(display.aspectRatio) : undefined,
        }}
      />
    </Tap>
  );
}
