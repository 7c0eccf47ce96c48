// image-cube's display() as positioned cells (percentages of the cube), each picture at its cell's width.
import type { imageCube } from "@mallwright/schema/page/blocks/image-cube";
import type { PresentEnv } from "../../../core/define-block.ts";
import { imageRefsByUrl, imageUrlFor } from "../../../shared/image-variant.ts";
import { ratioPadding, rpx, styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof imageCube.display>;

export function presentImageCube(d: Display, env: PresentEnv) {
  const refs = imageRefsByUrl(env.props);
  const half = rpx(d.gap / 2);
  return {
    boxStyle: styleOf({ paddingTop: ratioPadding(d.aspectRatio), margin: `0 ${half}` }),
    cells: d.cells.map((c) => {
      const ref = c.src ? refs.get(c.src) : undefined;
      return {
        src: ref ? imageUrlFor(ref, (375 * c.width) / 100, env.ctx.pixelRatio) : c.src,
        link: c.link,
        style: styleOf({
          left: `${c.left}%`,
          top: `${c.top}%`,
          width: `${c.width}%`,
          height: `${c.height}%`,
          padding: half,
        }),
        innerStyle: styleOf({ borderRadius: rpx(d.radius) }),
      };
    }),
  };
}
