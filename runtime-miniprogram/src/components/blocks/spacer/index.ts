// spacer: empty vertical space between blocks.
import type { spacer } from "@mallwright/schema/page/blocks/spacer";
import { defineBlockComponent } from "../../../core/define-block.ts";
import { rpx, styleOf } from "../../../shared/style.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({
  type,
  properties,
  propNames,
  observed,
  present: (d: ReturnType<typeof spacer.display>) => ({
    style: styleOf({ height: rpx(d.height), background: d.background }),
  }),
});
