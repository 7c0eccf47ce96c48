// paste: fresh ids throughout, placed one after another from `to`, the first selected; refused whole
// when any block may not go there; undone by removing what it added.
import { describe, expect, it } from "vitest";
import { apply, block, expectIndexesMatch, outline, sampleSlice } from "../test-document.ts";
import { subtree } from "../tree.ts";
import { paste } from "./paste.ts";

describe("paste", () => {
  it("pastes copies of blocks already in the page with fresh ids, in order, and selects the first", () => {
    const slice = sampleSlice();
    const clip = [slice.nodesById.get("t1"), slice.nodesById.get("c2")].flatMap((b) => (b ? [b] : []));
    const r = apply(slice, { type: "paste", blocks: clip, to: { parentId: null, index: 4 } });
    const added = r.slice.document.blocks.slice(4);
    expect(added.map((b) => b.type)).toEqual(["title", "container"]);
    expect(added[1]?.children?.map((c) => c.type)).toEqual(["spacer"]);
    const ids = added.flatMap((b) => [...subtree(b)].map((n) => n.id));
    for (const id of ids) expect(slice.nodesById.has(id)).toBe(false);
    expect(r.select).toBe(added[0]?.id);
    expectIndexesMatch(r.slice);
    const undone = r.inverse.reduce((at, a) => apply(at, a).slice, r.slice);
    expect(undone.document).toEqual(slice.document);
    const redone = r.redo.reduce((at, a) => apply(at, a).slice, undone);
    expect(redone.document).toEqual(r.slice.document);
  });

  it("pastes into a container", () => {
    const r = apply(sampleSlice(), {
      type: "paste",
      blocks: [block("x", "divider")],
      to: { parentId: "c2", index: 0 },
    });
    expect(outline(r.slice.document.blocks)[2]).toEqual(["c1", ["t2", ["c2", [expect.any(String), "s1"]]]]);
  });

  it("refuses the whole paste when one block may not go there", () => {
    const slice = sampleSlice();
    const to = { parentId: "c1", index: 0 };
    expect(paste(slice, { type: "paste", blocks: [block("x", "divider"), block("y", "search-bar")], to })).toBeNull();
    expect(
      paste(slice, { type: "paste", blocks: [block("x", "store-header")], to: { parentId: null, index: 0 } }),
    ).toBeNull();
    expect(paste(slice, { type: "paste", blocks: [], to })).toBeNull();
    expect(
      paste(slice, { type: "paste", blocks: [{ id: "x", type: "spacer", props: { height: "tall" } }], to }),
    ).toBeNull();
    const notices = Array.from({ length: 4 }, (_, i) => block(`n${i}`, "notice"));
    expect(paste(slice, { type: "paste", blocks: notices, to: { parentId: null, index: 0 } })).toBeNull();
    expect(
      paste(slice, { type: "paste", blocks: notices.slice(0, 3), to: { parentId: null, index: 0 } }),
    ).not.toBeNull();
  });
});
