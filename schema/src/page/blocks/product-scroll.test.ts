// product-scroll's display(): the same binding rules and cards as product-grid, in one row.
import { describe, expect, it } from "vitest";
import { DEFAULT_THEME } from "../theme.ts";
import { LIST_EDGE_DATA as LIST_DATA } from "./fixtures.ts";
import { productGrid } from "./product-grid.ts";
import { productScroll } from "./product-scroll.ts";

const show = (props: Record<string, unknown>) =>
  productScroll.display(productScroll.props.parse(props), { blockId: "b1", data: LIST_DATA, theme: DEFAULT_THEME });
const titles = (props: Record<string, unknown>) => show(props).items.map((i) => i.title);

describe("product-scroll display", () => {
  it("keeps order, skips missing products, honours hideSoldOut and the limit", () => {
    expect(titles({ limit: 10 })).toEqual(["P5", "P3", "P1", "P2", "P4"]);
    expect(titles({ limit: 2 })).toEqual(["P5", "P3"]);
    expect(titles({ limit: 3, hideSoldOut: true })).toEqual(["P5", "P1", "P2"]);
  });

  it("renders the same cards as product-grid", () => {
    const opts = { limit: 10, showCompareAt: true };
    const grid = productGrid.display(productGrid.props.parse(opts), {
      blockId: "b1",
      data: LIST_DATA,
      theme: DEFAULT_THEME,
    });
    expect(show(opts).items).toEqual(grid.items);
  });

  it("passes the card width on", () => {
    expect(show({ cardWidth: 150 }).cardWidth).toBe(150);
    expect(productScroll.props.safeParse({ cardWidth: 300 }).success).toBe(false);
  });
});
