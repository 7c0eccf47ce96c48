// remove: the block and everything inside it leave the tree and the indexes; undo puts the same objects back.
import { describe, expect, it } from "vitest";
import { apply, expectIndexesMatch, outline, sampleSlice } from "../test-document.ts";
import { remove } from "./remove.ts";

describe("remove", () => {
  it("removes a container with its subtree from the tree and both indexes", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "remove", id: "c1" });
    expect(outline(r.slice.document.blocks)).toEqual(["h", "t1", "g1"]);
    for (const id of ["c1", "t2", "c2", "s1"]) {
      expect(r.slice.nodesById.has(id)).toBe(false);
      expect(r.slice.parentOf.has(id)).toBe(false);
    }
    expectIndexesMatch(r.slice);
    expect(r.slice.nodesById.get("g1")).toBe(slice.nodesById.get("g1"));
  });

  it("is undone by inserting the very same subtree at its old place", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "remove", id: "t2" });
    expect(r.inverse).toEqual([{ type: "insert", block: slice.nodesById.get("t2"), to: { parentId: "c1", index: 0 } }]);
    const back = apply(r.slice, r.inverse[0] ?? { type: "remove", id: "" }).slice;
    expect(back.document).toEqual(slice.document);
    expect(back.nodesById.get("t2")).toBe(slice.nodesById.get("t2"));
    expectIndexesMatch(back);
  });

  it("refuses an unknown id", () => {
    expect(remove(sampleSlice(), { type: "remove", id: "nope" })).toBeNull();
  });
});
