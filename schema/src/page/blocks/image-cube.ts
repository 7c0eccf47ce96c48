// image-cube (魔方): two to four linked pictures in a fixed layout. The layout decides how many
// cells there are; display() turns the layout into percentage boxes so the view only places them.
import { z } from "zod";
import { ZOptionalLink } from "../links.ts";
import { ZImageRef } from "../media.ts";
import { defineBlock } from "../registry.ts";
import { percent } from "./percent.ts";

interface CubeLayout {
  /** Grid units across and down; every cell is a whole number of units. */
  columns: number;
  rows: number;
  /** Width over height of the whole cube. */
  aspectRatio: number;
  cells: readonly { x: number; y: number; w: number; h: number }[];
}

const row = (n: number) => Array.from({ length: n }, (_, x) => ({ x, y: 0, w: 1, h: 1 }));

export const IMAGE_CUBE_LAYOUTS = {
  "1x2": { columns: 2, rows: 1, aspectRatio: 2, cells: row(2) },
  "1x3": { columns: 3, rows: 1, aspectRatio: 3, cells: row(3) },
  "1x4": { columns: 4, rows: 1, aspectRatio: 4, cells: row(4) },
  "2x1": {
    columns: 1,
    rows: 2,
    aspectRatio: 1,
    cells: [
      { x: 0, y: 0, w: 1, h: 1 },
      { x: 0, y: 1, w: 1, h: 1 },
    ],
  },
  "2x2": {
    columns: 2,
    rows: 2,
    aspectRatio: 1,
    cells: [
      { x: 0, y: 0, w: 1, h: 1 },
      { x: 1, y: 0, w: 1, h: 1 },
      { x: 0, y: 1, w: 1, h: 1 },
      { x: 1, y: 1, w: 1, h: 1 },
    ],
  },
  // One tall picture on the left, two stacked on the right.
  "1+2": {
    columns: 2,
    rows: 2,
    aspectRatio: 1,
    cells: [
      { x: 0, y: 0, w: 1, h: 2 },
      { x: 1, y: 0, w: 1, h: 1 },
      { x: 1, y: 1, w: 1, h: 1 },
    ],
  },
  // One square on the left; on the right a wide one above two small ones.
  "1+3": {
    columns: 4,
    rows: 2,
    aspectRatio: 2,
    cells: [
      { x: 0, y: 0, w: 2, h: 2 },
      { x: 2, y: 0, w: 2, h: 1 },
      { x: 2, y: 1, w: 1, h: 1 },
      { x: 3, y: 1, w: 1, h: 1 },
    ],
  },
} as const satisfies Record<string, CubeLayout>;

export type ImageCubeLayout = keyof typeof IMAGE_CUBE_LAYOUTS;
const LAYOUT_KEYS = Object.keys(IMAGE_CUBE_LAYOUTS) as [ImageCubeLayout, ...ImageCubeLayout[]];

/** How many cells a layout has (the designer resizes `cells` to this when the layout changes). */
export function imageCubeCellCount(layout: ImageCubeLayout): number {
  return IMAGE_CUBE_LAYOUTS[layout].cells.length;
}

const ZCubeCell = z.strictObject({
  image: ZImageRef.nullable().default(null),
  link: ZOptionalLink,
});

const emptyCells = (n: number) => Array.from({ length: n }, () => ({ image: null, link: null }));

const LAYOUT_LABELS: Record<ImageCubeLayout, { en: string; zh: string }> = {
  "1x2": { en: "Two in a row", zh: "一行两个" },
  "1x3": { en: "Three in a row", zh: "一行三个" },
  "1x4": { en: "Four in a row", zh: "一行四个" },
  "2x1": { en: "Two stacked", zh: "上下两个" },
  "2x2": { en: "Two by two", zh: "四宫格" },
  "1+2": { en: "One left, two right", zh: "一左两右" },
  "1+3": { en: "One left, three right", zh: "一左三右" },
};

export const imageCube = defineBlock({
  type: "image-cube",
  label: { en: "Image cube", zh: "魔方" },
  icon: "layout-grid",
  group: "media",
  props: z
    .strictObject({
      layout: z.enum(LAYOUT_KEYS).default("1+2"),
      cells: z
        .array(ZCubeCell)
        .max(4)
        .default(() => emptyCells(3)),
      gap: z.number().int().min(0).max(16).default(0),
      rounded: z.boolean().default(false),
    })
    .superRefine((p, ctx) => {
      const want = imageCubeCellCount(p.layout);
      if (p.cells.length !== want) {
        ctx.addIssue({
          code: "custom",
          path: ["cells"],
          message: `the ${p.layout} layout has ${want} cells; this block has ${p.cells.length}`,
        });
      }
    }),
  bindings: [],
  children: false,
  limits: {},
  inspector: {
    layout: {
      widget: "select",
      label: { en: "Layout", zh: "布局" },
      options: LAYOUT_KEYS.map((k) => ({ value: k, label: LAYOUT_LABELS[k] })),
    },
    cells: {
      widget: "list",
      label: { en: "Pictures", zh: "图片" },
      item: {
        image: { widget: "image", label: { en: "Image", zh: "图片" } },
        link: { widget: "link", label: { en: "Link", zh: "链接" } },
      },
      min: 2,
      max: 4,
      addLabel: { en: "Add picture", zh: "添加图片" },
    },
    gap: { widget: "number", label: { en: "Gap", zh: "图片间距" }, min: 0, max: 16, unit: "px" },
    rounded: { widget: "switch", label: { en: "Rounded corners", zh: "圆角" } },
  },
  display: (p, ctx) => {
    const layout: CubeLayout = IMAGE_CUBE_LAYOUTS[p.layout];
    return {
      aspectRatio: layout.aspectRatio,
      gap: p.gap,
      radius: p.rounded ? ctx.theme.radius : 0,
      cells: layout.cells.map((box, i) => {
        const cell = p.cells[i];
        return {
          left: percent(box.x / layout.columns),
          top: percent(box.y / layout.rows),
          width: percent(box.w / layout.columns),
          height: percent(box.h / layout.rows),
          src: cell?.image?.url ?? null,
          link: cell?.link ?? null,
        };
      }),
    };
  },
});
