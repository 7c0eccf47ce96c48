// video's display() as the <video> needs it: the poster at full width, a box at the video's ratio.
import type { video } from "@mallwright/schema/page/blocks/video";
import type { PresentEnv } from "../../../core/define-block.ts";
import { imageRefsByUrl, imageUrlFor } from "../../../shared/image-variant.ts";
import { ratioPadding, rpx, styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof video.display>;

export function presentVideo(d: Display, env: PresentEnv) {
  if (!d.src) return null;
  const poster = d.poster ? imageRefsByUrl(env.props).get(d.poster) : undefined;
  return {
    src: d.src,
    poster: poster ? imageUrlFor(poster, 375, env.ctx.pixelRatio) : d.poster,
    autoplay: d.autoplay,
    muted: d.muted,
    loop: d.loop,
    boxStyle: styleOf({ paddingTop: ratioPadding(d.aspectRatio), borderRadius: rpx(d.radius) }),
  };
}
