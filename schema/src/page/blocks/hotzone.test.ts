// hotzone: areas are fractions of the picture and must lie inside it; display() shows linked ones.
import { describe, expect, it } from "vitest";
import { EMPTY_PAGE_DATA } from "../data.ts";
import { DEFAULT_THEME } from "../theme.ts";
import { hotzone, MAX_HOTZONE_AREAS } from "./hotzone.ts";

const link = { kind: "tab", tab: "cart" } as const;

describe("hotzone", () => {
  it("accepts areas up to the edges, float noise included", () => {
    const r = hotzone.props.safeParse({
      areas: [
        { x: 0.5, y: 0.5, w: 0.5, h: 0.5, link },
        { x: 0.7, y: 0.1, w: 0.1 + 0.2, h: 0.2, link },
      ],
    });
    expect(r.error?.issues ?? []).toEqual([]);
  });

  it("refuses an area that runs past the picture, pointing at the size that overflows", () => {
    const r = hotzone.props.safeParse({
      areas: [
        { x: 0, y: 0, w: 1, h: 1, link },
        { x: 0.6, y: 0.8, w: 0.5, h: 0.3, link },
      ],
    });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["areas.1.w", expect.stringContaining("inside the image")],
      ["areas.1.h", expect.stringContaining("inside the image")],
    ]);
  });

  it("refuses negative positions, empty areas and more than the maximum", () => {
    expect(hotzone.props.safeParse({ areas: [{ x: -0.1 }] }).success).toBe(false);
    expect(hotzone.props.safeParse({ areas: [{ w: 0 }] }).success).toBe(false);
    expect(hotzone.props.safeParse({ areas: Array.from({ length: MAX_HOTZONE_AREAS + 1 }, () => ({})) }).success).toBe(
      false,
    );
  });

  it("renders linked areas as percentage boxes and leaves out areas without a link", () => {
    const p = hotzone.props.parse({
      image: { url: "https://cdn.mallwright.test/a.jpg", width: 750, height: 1500 },
      areas: [{ x: 0.1, y: 0.2, w: 0.3, h: 0.15, link }, { x: 0.5 }],
    });
    const out = hotzone.display(p, { blockId: "b", data: EMPTY_PAGE_DATA, theme: DEFAULT_THEME });
    expect(out).toEqual({
      src: "https://cdn.mallwright.test/a.jpg",
      aspectRatio: 0.5,
      areas: [{ left: 10, top: 20, width: 30, height: 15, link }],
    });
  });
});
