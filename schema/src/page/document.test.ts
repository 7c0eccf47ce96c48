// validatePage: every kind of bad document comes back as issues whose paths point at the fault.
import { describe, expect, it } from "vitest";
import { BLOCK_FIXTURES } from "./blocks/fixtures.ts";
import { BLOCK_TYPES } from "./blocks/index.ts";
import { CURRENT_SCHEMA_VERSION, PAGE_LIMITS, validatePage } from "./document.ts";

const doc = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  title: "Home",
  blocks,
  ...extra,
});
const block = (id: string, type: string, props: Record<string, unknown> = {}, children?: unknown[]) =>
  children ? { id, type, props, children } : { id, type, props };
const paths = (r: { issues: { path: string }[] }) => r.issues.map((i) => i.path);

describe("validatePage", () => {
  it("accepts a page of every block type, containers nested, and fills in defaults", () => {
    const inner = BLOCK_TYPES.filter((t) => t !== "store-header" && t !== "search-bar" && t !== "container");
    const r = validatePage(
      doc([
        block("head", "store-header", BLOCK_FIXTURES["store-header"]),
        block("search", "search-bar"),
        ...inner.map((t) => block(`top-${t}`, t, BLOCK_FIXTURES[t])),
        block("c1", "container", { columns: 2 }, [
          block("c1-title", "title", { title: "左" }),
          block(
            "c2",
            "container",
            {},
            inner.slice(0, 5).map((t) => block(`in-${t}`, t)),
          ),
        ]),
      ]),
      { mode: "publish" },
    );
    expect(r.issues).toEqual([]);
    const c1 = r.document?.blocks.find((b) => b.id === "c1");
    expect(c1?.props).toEqual({ columns: 2, gap: 8, padding: 12, background: "transparent" });
    expect(c1?.children?.[0]?.props).toMatchObject({ title: "左", subtitle: "", align: "left" });
  });

  it("reports an unknown block type at its type", () => {
    const r = validatePage(doc([block("a", "title"), block("b", "marquee")]));
    expect(r.issues).toEqual([{ path: "blocks.1.type", message: "unknown block type marquee", blockId: "b" }]);
  });

  it("reports props failing their schema with the path into the props", () => {
    const r = validatePage(
      doc([
        block("c", "container", {}, [block("g", "product-grid", { columns: 7, source: { source: "tag", tag: "" } })]),
      ]),
    );
    expect(paths(r).sort()).toEqual(["blocks.0.children.0.props.columns", "blocks.0.children.0.props.source.tag"]);
    expect(r.issues.every((i) => i.blockId === "g")).toBe(true);
  });

  it("reports unknown props (a strict schema) and faults deep inside list props", () => {
    const r = validatePage(
      doc([
        block("t", "title", { text: "old name" }),
        block("h", "hotzone", { areas: [{}, { x: 0.9, w: 0.2 }] }),
        block("q", "image-cube", { layout: "2x2" }),
      ]),
    );
    expect(paths(r)).toEqual(["blocks.0.props", "blocks.1.props.areas.1.w", "blocks.2.props.cells"]);
    expect(r.issues[0]?.message).toContain("text");
  });

  it("refuses children in a block that is not a container", () => {
    const r = validatePage(doc([block("t", "title", {}, [block("x", "spacer")])]));
    expect(r.issues).toEqual([{ path: "blocks.0.children", message: "a title cannot hold blocks", blockId: "t" }]);
  });

  it("refuses a child type its container does not allow", () => {
    const r = validatePage(doc([block("c", "container", {}, [block("s", "spacer"), block("h", "store-header")])]));
    expect(r.issues).toEqual([
      { path: "blocks.0.children.1.type", message: "a container cannot hold a store-header", blockId: "h" },
    ]);
  });

  it("refuses more children than a container holds", () => {
    const r = validatePage(
      doc([
        block(
          "c",
          "container",
          {},
          Array.from({ length: 21 }, (_, i) => block(`s${i}`, "spacer")),
        ),
      ]),
    );
    expect(r.issues).toEqual([
      { path: "blocks.0.children", message: "a container holds at most 20 blocks", blockId: "c" },
    ]);
  });

  it("refuses a duplicate block id, saying that is how a copy or a cycle shows", () => {
    const child = block("dup", "title");
    const r = validatePage(doc([block("c", "container", {}, [child]), block("x", "spacer"), { ...child }]));
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ path: "blocks.2.id", blockId: "dup" });
    expect(r.issues[0]?.message).toContain("duplicate block id dup (also at blocks.0.children.0)");
    expect(r.issues[0]?.message).toContain("cycle");
  });

  it("refuses a block id that is not a short token", () => {
    expect(paths(validatePage(doc([block("has space", "title")])))).toEqual(["blocks.0.id"]);
  });

  it(`allows ${PAGE_LIMITS.depth} levels of blocks and refuses a fourth`, () => {
    const nest = (levels: number): unknown =>
      levels === 1 ? block("leaf", "title") : block(`c${levels}`, "container", {}, [nest(levels - 1)]);
    expect(validatePage(doc([nest(PAGE_LIMITS.depth)])).issues).toEqual([]);
    const r = validatePage(doc([nest(PAGE_LIMITS.depth + 1)]));
    expect(r.issues).toEqual([
      {
        path: "blocks.0.children.0.children.0.children",
        message: `blocks nest at most ${PAGE_LIMITS.depth} levels deep`,
        blockId: "c2",
      },
    ]);
  });

  it("answers a hostile, thousands-deep document with an issue instead of overflowing the stack", () => {
    const n = 5000;
    const open = '{"id":"c","type":"container","props":{},"children":['.repeat(n);
    const raw = JSON.parse(
      `{"schemaVersion":${CURRENT_SCHEMA_VERSION},"title":"x","blocks":[${open}${"]}".repeat(n)}]}`,
    );
    const r = validatePage(raw);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toContain("levels deep");
  });

  it("limits the block count: more in a draft than in a published page", () => {
    const many = doc(Array.from({ length: PAGE_LIMITS.publishedBlocks + 1 }, (_, i) => block(`s${i}`, "spacer")));
    expect(validatePage(many, { mode: "draft" }).issues).toEqual([]);
    expect(validatePage(many, { mode: "publish" }).issues).toEqual([
      {
        path: "blocks",
        message: `a published page holds at most ${PAGE_LIMITS.publishedBlocks} blocks (this one has ${PAGE_LIMITS.publishedBlocks + 1})`,
      },
    ]);
  });

  it("counts blocks inside containers against maxPerPage, pointing at the first one too many", () => {
    const r = validatePage(
      doc([
        block("n1", "notice"),
        block("n2", "notice"),
        block("c", "container", {}, [block("n3", "notice"), block("n4", "notice")]),
        block("h1", "store-header"),
        block("h2", "store-header"),
      ]),
    );
    expect(r.issues).toEqual([
      { path: "blocks.4", message: "a page holds at most 1 store-header blocks (this one has 2)", blockId: "h2" },
      { path: "blocks.2.children.1", message: "a page holds at most 3 notice blocks (this one has 4)", blockId: "n4" },
    ]);
  });

  it("refuses a document from another schema version (loadPage explains a newer one)", () => {
    expect(paths(validatePage(doc([], { schemaVersion: CURRENT_SCHEMA_VERSION + 5 })))).toEqual(["schemaVersion"]);
  });

  it("refuses an oversize document", () => {
    const big = "x".repeat(600);
    const blocks = Array.from({ length: 900 }, (_, i) => block(`t${i}`, "title", { subtitle: big }));
    const r = validatePage(doc(blocks));
    expect(r.issues).toEqual([{ path: "", message: expect.stringMatching(/at most 512 KB \(this one is \d+ KB\)/) }]);
  });

  it("refuses unknown top-level fields and a missing title", () => {
    expect(paths(validatePage({ schemaVersion: CURRENT_SCHEMA_VERSION, blocks: [], extra: 1 })).sort()).toEqual([
      "",
      "title",
    ]);
  });
});
