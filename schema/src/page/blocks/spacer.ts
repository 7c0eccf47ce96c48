// spacer: empty vertical space between blocks.
import { z } from "zod";
import { defineBlock } from "../registry.ts";
import { ZFillColor } from "../theme.ts";

export const spacer = defineBlock({
  type: "spacer",
  label: { en: "Spacer", zh: "辅助空白" },
  icon: "space",
  group: "decoration",
  props: z.strictObject({
    height: z.number().int().min(4).max(120).default(20),
    background: ZFillColor.default("transparent"),
  }),
  bindings: [],
  children: false,
  limits: {},
  inspector: {
    height: { widget: "number", label: { en: "Height", zh: "高度" }, min: 4, max: 120, unit: "px" },
    background: { widget: "color", label: { en: "Background", zh: "背景色" } },
  },
  display: (p) => ({ height: p.height, background: p.background }),
});
