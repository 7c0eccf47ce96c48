// carousel: its slides side by side in a sliding track; the first shows, then (outside the designer,
// when display() says autoplay) the next every interval, with dots, bars or "n/m" as the indicator.
import type { carousel } from "@mallwright/schema/page/blocks/carousel";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { classes, Img, Placeholder, Tap, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof carousel.display>;

export function CarouselView({ display, editing }: ViewProps<Display>) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  const count = display.slides.length;
  const playing = display.autoplay && !editing && count > 1;
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => setCurrent((i) => (i + 1) % count), display.intervalMs);
    return () => clearInterval(timer);
  }, [playing, count, display.intervalMs]);
  const shown = count === 0 ? 0 : current % count;
  const frame = { aspectRatio: `1 / ${display.heightRatio}`, borderRadius: display.radius };
  if (count === 0) {
    return editing ? (
      <div className="mw-block mw-carousel" style={{ padding: display.padding }}>
        <Placeholder text={t("blocks.noSlides")} style={frame} />
      </div>
    ) : null;
  }
  return (
    <div className="mw-block mw-carousel" style={{ padding: display.padding }} data-slides={count}>
      <div className="mw-carousel-frame" style={frame}>
        <div className="mw-carousel-track" style={{ transform: `translateX(-${shown * 100}%)` }}>
          {display.slides.map((slide, i) => (
            <Tap
              // biome-ignore lint/suspicious/noArrayIndexKey: slides have no ids; their order is their identity
              key={i}
              link={slide.link}
              className="mw-carousel-slide"
            >
              <Img src={slide.src} alt={t("blocks.slide", { n: i + 1, count })} className="mw-cover" />
            </Tap>
          ))}
        </div>
        {display.indicator === "number" && (
          <span className="mw-carousel-number">
            {shown + 1}/{count}
          </span>
        )}
        {(display.indicator === "dots" || display.indicator === "line") && (
          <div className={classes("mw-carousel-indicator", `mw-carousel-${display.indicator}`)}>
            {display.slides.map((_, i) => (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: one mark per slide position
                key={i}
                className={classes("mw-carousel-mark", i === shown && "mw-active")}
                style={i === shown ? { background: display.indicatorColor } : undefined}
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
