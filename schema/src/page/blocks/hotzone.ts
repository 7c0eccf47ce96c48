// hotzone: one picture with linked areas drawn on it. Areas are fractions of the picture (0..1),
// so they stay in place at any screen width; display() turns them into percentage boxes.
import { z } from "zod";
import { ZOptionalLink } from "../links.ts";
import { aspectRatioOf, ZImageRef } from "../media.ts";
import { defineBlock } from "../registry.ts";
import { percent } from "./percent.ts";

export const MAX_HOTZONE_AREAS = 20;

// Areas are dragged in the designer, so their edges are floats: allow rounding noise at the edge.
const EDGE_TOLERANCE = 1e-6;

const ZFraction = z.number().min(0).max(1);

const ZHotArea = z
  .strictObject({
    x: ZFraction.default(0),
    y: ZFraction.default(0),
    w: z.number().min(0.01).max(1).default(0.5),
    h: z.number().min(0.01).max(1).default(0.5),
    link: ZOptionalLink,
  })
  .superRefine((a, ctx) => {
    if (a.x + a.w > 1 + EDGE_TOLERANCE) {
      ctx.addIssue({ code: "custom", path: ["w"], message: "the area must lie inside the image (x + w is over 1)" });
    }
    if (a.y + a.h > 1 + EDGE_TOLERANCE) {
      ctx.addIssue({ code: "custom", path: ["h"], message: "the area must lie inside the image (y + h is over 1)" });
    }
  });

export const hotzone = defineBlock({
  type: "hotzone",
  label: { en: "Hotspot image", zh: "热区" },
  icon: "click",
  group: "media",
  props: z.strictObject({
    image: ZImageRef.nullable().default(null),
    areas: z
      .array(ZHotArea)
      .max(MAX_HOTZONE_AREAS)
      .default(() => []),
  }),
  bindings: [],
  children: false,
  limits: {},
  inspector: {
    image: { widget: "image", label: { en: "Image", zh: "图片" } },
    areas: { widget: "hotzones", label: { en: "Linked areas", zh: "热区" } },
  },
  display: (p) => ({
    src: p.image?.url ?? null,
    aspectRatio: aspectRatioOf(p.image),
    // An area without a link yet does nothing when tapped, so it is not shown.
    areas: p.areas.flatMap((a) =>
      a.link
        ? [{ left: percent(a.x), top: percent(a.y), width: percent(a.w), height: percent(a.h), link: a.link }]
        : [],
    ),
  }),
});
