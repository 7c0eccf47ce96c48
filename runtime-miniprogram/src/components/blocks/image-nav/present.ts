// image-nav's display() as styles, each icon at the size it is drawn (44 px).
import type { imageNav } from "@mallwright/schema/page/blocks/image-nav";
import type { PresentEnv } from "../../../core/define-block.ts";
import { imageRefsByUrl, imageUrlFor } from "../../../shared/image-variant.ts";
import { rpx, styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof imageNav.display>;

const ICON_PX = 44;

export function presentImageNav(d: Display, env: PresentEnv) {
  const refs = imageRefsByUrl(env.props);
  return {
    scroll: d.scroll,
    items: d.items.map((item) => {
      const ref = item.icon ? refs.get(item.icon) : undefined;
      return {
        icon: ref ? imageUrlFor(ref, ICON_PX, env.ctx.pixelRatio) : item.icon,
        text: item.text,
        link: item.link,
      };
    }),
    frameStyle: styleOf({ background: d.background, color: d.textColor }),
    itemStyle: styleOf({ width: `${d.itemWidth}%`, flex: "none" }),
    iconStyle: styleOf({ borderRadius: rpx(d.iconRadius) }),
  };
}
