// divider: a horizontal rule, solid, dashed or dotted.
import { z } from "zod";
import { defineBlock } from "../registry.ts";
import { ZColor } from "../theme.ts";

export const divider = defineBlock({
  type: "divider",
  label: { en: "Divider", zh: "分割线" },
  icon: "separator",
  group: "decoration",
  props: z.strictObject({
    style: z.enum(["solid", "dashed", "dotted"]).default("solid"),
    color: ZColor.default("#ebedf0"),
    /** Space above and below the line, px. */
    margin: z.number().int().min(0).max(48).default(12),
    /** Space left and right of the line, px. */
    inset: z.number().int().min(0).max(32).default(0),
  }),
  bindings: [],
  children: false,
  limits: {},
  inspector: {
    style: {
      widget: "select",
      label: { en: "Style", zh: "样式" },
      options: [
        { value: "solid", label: { en: "Solid", zh: "实线" } },
        { value: "dashed", label: { en: "Dashed", zh: "虚线" } },
        { value: "dotted", label: { en: "Dotted", zh: "点线" } },
      ],
    },
    color: { widget: "color", label: { en: "Colour", zh: "颜色" } },
    margin: { widget: "number", label: { en: "Spacing", zh: "上下间距" }, min: 0, max: 48, unit: "px" },
    inset: { widget: "number", label: { en: "Side inset", zh: "左右边距" }, min: 0, max: 32, unit: "px" },
  },
  display: (p) => ({ style: p.style, color: p.color, margin: p.margin, inset: p.inset }),
});
