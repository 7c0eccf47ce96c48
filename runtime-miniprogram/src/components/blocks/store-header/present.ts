// store-header's display() as the template needs it: styles, and the pictures at the size shown.
import type { storeHeader } from "@mallwright/schema/page/blocks/store-header";
import type { PresentEnv } from "../../../core/define-block.ts";
import { imageRefsByUrl, imageUrlFor } from "../../../shared/image-variant.ts";
import { rpx, styleOf } from "../../../shared/style.ts";

type Display = ReturnType<typeof storeHeader.display>;

/** The logo is drawn 48 px square. */
const LOGO_PX = 48;

export function presentStoreHeader(d: Display, env: PresentEnv) {
  const refs = imageRefsByUrl(env.props);
  const at = (url: string | null, px: number) => {
    if (!url) return null;
    const ref = refs.get(url);
    return ref ? imageUrlFor(ref, px, env.ctx.pixelRatio) : url;
  };
  return {
    name: d.name,
    logo: at(d.logo, LOGO_PX),
    backgroundImage: at(d.backgroundImage, 375),
    frameStyle: styleOf({ background: d.backgroundColor, color: d.textColor }),
    logoStyle: styleOf({ borderRadius: rpx(d.radius) }),
    search: d.search
      ? { placeholder: d.search.placeholder, style: styleOf({ borderRadius: rpx(d.search.radius) }) }
      : null,
  };
}
