// image's display() as the template needs it: the picture at the width shown, in a box that keeps
// its aspect ratio (no jump when it loads), or at its natural height when its size is not known.
import type { image } from "@mallwright/schema/page/blocks/image";
import type { PresentEnv } from "../../../core/define-block.ts";
import { imageRefsByUrl, imageUrlFor } from "../../../shared/image-variant.ts";
import { ratioPadding, rpx, styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof image.display>;

export function presentImage(d: Display, env: PresentEnv) {
  if (!d.src) return null;
  const ref = imageRefsByUrl(env.props).get(d.src);
  return {
    src: ref ? imageUrlFor(ref, 375 - 2 * d.padding, env.ctx.pixelRatio) : d.src,
    link: d.link,
    alt: d.alt,
    boxed: d.aspectRatio !== null,
    mode: d.aspectRatio !== null ? "aspectFill" : "widthFix",
    frameStyle: styleOf({ padding: rpx(d.padding) }),
    boxStyle: styleOf({
      paddingTop: d.aspectRatio !== null ? ratioPadding(d.aspectRatio) : null,
      borderRadius: rpx(d.radius),
    }),
  };
}
