// image-cube: the layout fixes the number of cells, and every layout tiles its cube exactly.
import { describe, expect, it } from "vitest";
import { DEFAULT_THEME } from "../theme.ts";
import { IMAGE_CUBE_LAYOUTS, type ImageCubeLayout, imageCube, imageCubeCellCount } from "./image-cube.ts";

const LAYOUTS = Object.keys(IMAGE_CUBE_LAYOUTS) as ImageCubeLayout[];
const cells = (n: number) => Array.from({ length: n }, () => ({}));

describe("image-cube", () => {
  it.each(LAYOUTS)("%s covers its grid once, with no gaps or overlaps", (key) => {
    const layout = IMAGE_CUBE_LAYOUTS[key];
    const covered = new Map<string, number>();
    for (const c of layout.cells) {
      for (let x = c.x; x < c.x + c.w; x++) {
        for (let y = c.y; y < c.y + c.h; y++) covered.set(`${x},${y}`, (covered.get(`${x},${y}`) ?? 0) + 1);
      }
    }
    expect(covered.size).toBe(layout.columns * layout.rows);
    expect([...covered.values()].every((n) => n === 1)).toBe(true);
    expect(covered.has(`${layout.columns - 1},${layout.rows - 1}`)).toBe(true);
  });

  it("has the cell counts the 魔方 layouts are known by", () => {
    expect(Object.fromEntries(LAYOUTS.map((k) => [k, imageCubeCellCount(k)]))).toEqual({
      "1x2": 2,
      "1x3": 3,
      "1x4": 4,
      "2x1": 2,
      "2x2": 4,
      "1+2": 3,
      "1+3": 4,
    });
  });

  it.each(LAYOUTS)("%s accepts exactly its number of cells", (layout) => {
    const n = imageCubeCellCount(layout);
    expect(imageCube.props.safeParse({ layout, cells: cells(n) }).success).toBe(true);
    for (const wrong of [n - 1, n + 1].filter((k) => k >= 0 && k <= 4)) {
      const r = imageCube.props.safeParse({ layout, cells: cells(wrong) });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ["cells"], message: expect.stringContaining(`${n} cells`) });
    }
  });

  it("places one tall picture left and two stacked right for 1+2", () => {
    const p = imageCube.props.parse({ layout: "1+2", gap: 6, rounded: true });
    const out = imageCube.display(p, {
      blockId: "b",
      data: { products: {}, categories: {}, bindings: {}, pages: {} },
      theme: DEFAULT_THEME,
    });
    expect(out.cells.map(({ left, top, width, height }) => [left, top, width, height])).toEqual([
      [0, 0, 50, 100],
      [50, 0, 50, 50],
      [50, 50, 50, 50],
    ]);
    expect(out).toMatchObject({ aspectRatio: 1, gap: 6, radius: DEFAULT_THEME.radius });
    expect(out.cells.every((c) => c.src === null && c.link === null)).toBe(true);
  });
});
