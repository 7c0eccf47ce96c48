// carousel's display() as the swiper needs it: its height from the ratio, each slide's picture at the
// width shown, and which indicator to draw (WeChat's own dots, or bars / "n/m" drawn here).
import type { carousel } from "@mallwright/schema/page/blocks/carousel";
import type { PresentEnv } from "../../../core/define-block.ts";
import { imageRefsByUrl, imageUrlFor } from "../../../shared/image-variant.ts";
import { rpx, styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof carousel.display>;

export function presentCarousel(d: Display, env: PresentEnv) {
  const width = 375 - 2 * d.padding;
  const refs = imageRefsByUrl(env.props);
  const count = d.slides.length;
  return {
    slides: d.slides.map((s) => {
      const ref = refs.get(s.src);
      return { src: ref ? imageUrlFor(ref, width, env.ctx.pixelRatio) : s.src, link: s.link };
    }),
    count,
    autoplay: d.autoplay,
    interval: d.intervalMs,
    nativeDots: d.indicator === "dots",
    bars: d.indicator === "line",
    numbers: d.indicator === "number",
    indicatorColor: d.indicatorColor,
    barStyle: styleOf({ background: d.indicatorColor }),
    frameStyle: styleOf({ padding: rpx(d.padding) }),
    swiperStyle: styleOf({ height: rpx(Math.round(width * d.heightRatio)), borderRadius: rpx(d.radius) }),
  };
}
