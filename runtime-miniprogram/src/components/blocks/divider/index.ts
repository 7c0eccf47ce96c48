// divider: a horizontal rule, solid, dashed or dotted.
import type { divider } from "@mallwright/schema/page/blocks/divider";
import { defineBlockComponent } from "../../../core/define-block.ts";
import { rpx, styleOf } from "../../../shared/style.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({
  type,
  properties,
  propNames,
  observed,
  present: (d: ReturnType<typeof divider.display>) => ({
    style: styleOf({ padding: `${rpx(d.margin)} ${rpx(d.inset)}` }),
    lineStyle: styleOf({ borderTop: `2rpx ${d.style} ${d.color}` }),
  }),
});
