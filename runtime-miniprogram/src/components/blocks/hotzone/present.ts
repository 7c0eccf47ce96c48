// hotzone's display() as a picture (at full width) with its linked areas placed over it.
import type { hotzone } from "@mallwright/schema/page/blocks/hotzone";
import type { PresentEnv } from "../../../core/define-block.ts";
import { imageRefsByUrl, imageUrlFor } from "../../../shared/image-variant.ts";
import { ratioPadding, styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof hotzone.display>;

export function presentHotzone(d: Display, env: PresentEnv) {
  if (!d.src) return null;
  const ref = imageRefsByUrl(env.props).get(d.src);
  return {
    src: ref ? imageUrlFor(ref, 375, env.ctx.pixelRatio) : d.src,
    boxed: d.aspectRatio !== null,
    boxStyle: d.aspectRatio !== null ? styleOf({ paddingTop: ratioPadding(d.aspectRatio) }) : "",
    areas: d.areas.map((a) => ({
      link: a.link,
      style: styleOf({ left: `${a.left}%`, top: `${a.top}%`, width: `${a.width}%`, height: `${a.height}%` }),
    })),
  };
}
