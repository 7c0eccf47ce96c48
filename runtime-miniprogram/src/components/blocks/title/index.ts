// title: a section heading with an optional subtitle and a "more" link.
import type { title } from "@mallwright/schema/page/blocks/title";
import { defineBlockComponent } from "../../../core/define-block.ts";
import { iconSrc } from "../../../shared/icons.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({
  type,
  properties,
  propNames,
  observed,
  present: (d: ReturnType<typeof title.display>, env) => ({
    ...d,
    frameClass: d.align === "center" ? "mw-title mw-title-center" : "mw-title",
    moreIcon: d.more ? iconSrc("chevron-right", env.ctx.theme.colors.muted) : null,
  }),
});
