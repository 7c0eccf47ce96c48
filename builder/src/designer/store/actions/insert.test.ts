// insert: placed where asked, indexes patched, untouched blocks kept by identity, and every rule of
// the registry and the page limits refused.
import { PAGE_LIMITS } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { newBlock } from "../../new-block.ts";
import { apply, block, expectIndexesMatch, outline, sampleSlice } from "../test-document.ts";
import { indexDocument } from "../tree.ts";
import { insert } from "./insert.ts";

describe("insert", () => {
  it("puts a block at the index of a container, selects it, and is undone by removing it", () => {
    const slice = sampleSlice();
    const n = block("n1", "notice");
    const r = apply(slice, { type: "insert", block: n, to: { parentId: "c1", index: 1 } });
    expect(outline(r.slice.document.blocks)).toEqual(["h", "t1", ["c1", ["t2", "n1", ["c2", ["s1"]]]], "g1"]);
    expect(r.select).toBe("n1");
    expect(r.slice.parentOf.get("n1")).toBe("c1");
    expect(r.inverse).toEqual([{ type: "remove", id: "n1" }]);
    expectIndexesMatch(r.slice);
    const back = apply(r.slice, r.inverse[0] ?? { type: "remove", id: "" }).slice;
    expect(back.document).toEqual(slice.document);
  });

  it("keeps every block it does not touch as the same object; only the ancestors are new", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "insert", block: block("n1", "spacer"), to: { parentId: "c2", index: 0 } });
    for (const id of ["h", "t1", "t2", "s1", "g1"]) expect(r.slice.nodesById.get(id)).toBe(slice.nodesById.get(id));
    for (const id of ["c1", "c2"]) expect(r.slice.nodesById.get(id)).not.toBe(slice.nodesById.get(id));
    expect(r.slice.document.blocks[0]).toBe(slice.document.blocks[0]);
    expect(r.slice.document.blocks[2]).toBe(r.slice.nodesById.get("c1"));
    expect(slice.nodesById.has("n1")).toBe(false);
  });

  it("appends at the page root at index = length", () => {
    const r = apply(sampleSlice(), { type: "insert", block: newBlock("divider"), to: { parentId: null, index: 4 } });
    expect(r.slice.document.blocks).toHaveLength(5);
  });

  it("refuses unknown parents, blocks that hold nothing, indexes out of range", () => {
    const slice = sampleSlice();
    const b = block("n1", "spacer");
    expect(insert(slice, { type: "insert", block: b, to: { parentId: "nope", index: 0 } })).toBeNull();
    expect(insert(slice, { type: "insert", block: b, to: { parentId: "t1", index: 0 } })).toBeNull();
    expect(insert(slice, { type: "insert", block: b, to: { parentId: null, index: 5 } })).toBeNull();
    expect(insert(slice, { type: "insert", block: b, to: { parentId: null, index: -1 } })).toBeNull();
    expect(insert(slice, { type: "insert", block: b, to: { parentId: null, index: 0.5 } })).toBeNull();
  });

  it("refuses types a container may not hold, and nesting past the depth limit", () => {
    const slice = sampleSlice();
    expect(
      insert(slice, { type: "insert", block: block("s", "search-bar"), to: { parentId: "c1", index: 0 } }),
    ).toBeNull();
    expect(
      insert(slice, { type: "insert", block: newBlock("container"), to: { parentId: "c2", index: 0 } }),
    ).toBeNull();
    expect(PAGE_LIMITS.depth).toBe(3);
    expect(
      insert(slice, { type: "insert", block: newBlock("container"), to: { parentId: "c1", index: 0 } }),
    ).not.toBeNull();
  });

  it("refuses a block over its maxPerPage, a full container, and a page at the block limit", () => {
    const slice = sampleSlice();
    expect(
      insert(slice, { type: "insert", block: newBlock("store-header"), to: { parentId: null, index: 0 } }),
    ).toBeNull();

    const full = indexDocument({
      ...slice.document,
      blocks: [
        block(
          "c",
          "container",
          {},
          Array.from({ length: 20 }, (_, i) => block(`s${i}`, "spacer")),
        ),
      ],
    });
    expect(insert(full, { type: "insert", block: newBlock("spacer"), to: { parentId: "c", index: 0 } })).toBeNull();
    expect(
      insert(full, { type: "insert", block: newBlock("spacer"), to: { parentId: null, index: 1 } }),
    ).not.toBeNull();

    const big = indexDocument({
      ...slice.document,
      blocks: Array.from({ length: PAGE_LIMITS.draftBlocks }, (_, i) => block(`d${i}`, "divider")),
    });
    expect(insert(big, { type: "insert", block: newBlock("spacer"), to: { parentId: null, index: 0 } })).toBeNull();
  });

  it("refuses ids already in the page, unknown types, props failing their schema, bad shapes", () => {
    const slice = sampleSlice();
    const to = { parentId: null, index: 0 };
    expect(insert(slice, { type: "insert", block: block("t1", "spacer"), to })).toBeNull();
    expect(insert(slice, { type: "insert", block: { id: "x", type: "nope", props: {} }, to })).toBeNull();
    expect(insert(slice, { type: "insert", block: { id: "x", type: "spacer", props: { height: -5 } }, to })).toBeNull();
    expect(insert(slice, { type: "insert", block: { id: "bad id!", type: "spacer", props: {} }, to })).toBeNull();
    expect(
      insert(slice, { type: "insert", block: { id: "x", type: "spacer", props: {}, children: [] }, to }),
    ).toBeNull();
    expect(
      insert(slice, {
        type: "insert",
        block: block("x", "container", {}, [block("y", "spacer"), block("y", "divider")]),
        to,
      }),
    ).toBeNull();
  });
});
