// category-nav: categories come from the binding's resolution, in order, missing ones skipped.
import { describe, expect, it } from "vitest";
import type { TPageData } from "../data.ts";
import { DEFAULT_THEME } from "../theme.ts";
import { categoryNav } from "./category-nav.ts";

const id = (n: number) => `20000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const data: TPageData = {
  products: {},
  categories: Object.fromEntries([1, 2, 3].map((n) => [id(n), { id: id(n), name: `C${n}`, iconUrl: null }])),
  bindings: { b1: [id(3), id(7), id(1), id(2)] },
  pages: {},
};
const show = (props: Record<string, unknown>) =>
  categoryNav.display(categoryNav.props.parse(props), { blockId: "b1", data, theme: DEFAULT_THEME });

describe("category-nav", () => {
  it("lists the resolved categories in order, skipping deleted ones, up to the limit", () => {
    expect(show({}).items.map((c) => c.name)).toEqual(["C3", "C1", "C2"]);
    expect(show({ limit: 2 }).items.map((c) => c.name)).toEqual(["C3", "C1"]);
    expect(show({}).items[0]).toEqual({ id: id(3), name: "C3", icon: null, link: { kind: "category", id: id(3) } });
  });

  it("takes either all top-level categories or a picked list", () => {
    expect(categoryNav.props.parse({}).categories).toEqual({ source: "top_level" });
    expect(categoryNav.props.safeParse({ categories: { source: "picked", categoryIds: [id(1)] } }).success).toBe(true);
    expect(categoryNav.props.safeParse({ categories: { source: "picked", categoryIds: [] } }).success).toBe(false);
    expect(categoryNav.bindings).toEqual(["categories"]);
  });
});
