// rich-text: the merchant's HTML (cleaned by the server on save) in WeChat's <rich-text>.
import type { richText } from "@mallwright/schema/page/blocks/rich-text";
import { defineBlockComponent } from "../../../core/define-block.ts";
import { rpx, styleOf } from "../../../shared/style.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({
  type,
  properties,
  propNames,
  observed,
  present: (d: ReturnType<typeof richText.display>) => ({
    html: d.html,
    style: styleOf({ background: d.background, padding: rpx(d.padding), color: d.color }),
  }),
});
