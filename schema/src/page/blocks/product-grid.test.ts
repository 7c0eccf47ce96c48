// product-grid's display(): cards come from data.bindings in order, limited, with prices formatted.
import { describe, expect, it } from "vitest";
import { DEFAULT_THEME } from "../theme.ts";
import { LIST_EDGE_DATA as LIST_DATA, LIST_EDGE_IDS } from "./fixtures.ts";
import { formatFen, formatPrice, productGrid } from "./product-grid.ts";

const id = (n: number) => LIST_EDGE_IDS[n - 1];

const show = (props: Record<string, unknown>) =>
  productGrid.display(productGrid.props.parse(props), { blockId: "b1", data: LIST_DATA, theme: DEFAULT_THEME });
const titles = (out: { items: { title: string }[] }) => out.items.map((i) => i.title);

describe("product-grid display", () => {
  it("keeps the binding's order and skips products that no longer exist", () => {
    expect(titles(show({ limit: 10 }))).toEqual(["P5", "P3", "P1", "P2", "P4"]);
  });

  it("stops at the limit", () => {
    expect(titles(show({ limit: 2 }))).toEqual(["P5", "P3"]);
  });

  it("hides sold-out products when asked, still filling up to the limit", () => {
    expect(titles(show({ limit: 3, hideSoldOut: true }))).toEqual(["P5", "P1", "P2"]);
    expect(show({ limit: 3 }).items.find((i) => i.title === "P3")?.soldOut).toBe(true);
  });

  it("formats prices and the compare-at price from fen, and links each card to its product", () => {
    const items = show({ limit: 10 }).items;
    expect(items.find((i) => i.title === "P1")).toMatchObject({
      price: "¥10.00",
      compareAt: "¥15.00",
      link: { kind: "product", id: id(1) },
    });
    expect(items.find((i) => i.title === "P2")?.price).toBe("¥20.00 起");
    expect(
      show({ showPrice: false, showCompareAt: false }).items.every((i) => i.price === null && i.compareAt === null),
    ).toBe(true);
  });

  it("shows nothing for a block whose binding did not resolve", () => {
    const out = productGrid.display(productGrid.props.parse({}), {
      blockId: "other",
      data: LIST_DATA,
      theme: DEFAULT_THEME,
    });
    expect(out.items).toEqual([]);
  });

  it("takes the price colour and radius from the theme", () => {
    const theme = { ...DEFAULT_THEME, radius: 2, colors: { ...DEFAULT_THEME.colors, price: "#00aa00" } };
    const out = productGrid.display(productGrid.props.parse({}), { blockId: "b1", data: LIST_DATA, theme });
    expect([out.radius, out.priceColor]).toEqual([2, "#00aa00"]);
  });
});

describe("formatFen", () => {
  it.each([
    [0, "¥0.00"],
    [5, "¥0.05"],
    [1999, "¥19.99"],
    [100_000_001, "¥1000000.01"],
    [-250, "-¥2.50"],
  ])("%i fen is %s", (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it("shows a range as its minimum and 起", () => {
    expect(formatPrice(100, 100)).toBe("¥1.00");
    expect(formatPrice(100, 300)).toBe("¥1.00 起");
  });
});
