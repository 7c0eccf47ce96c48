// move-down: one step later among its siblings; nothing after the last; undone by move-up.
import { describe, expect, it } from "vitest";
import { apply, outline, sampleSlice } from "../test-document.ts";
import { moveDown } from "./move-down.ts";

describe("move-down", () => {
  it("swaps with the next sibling at the page root and is undone by move-up", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "move-down", id: "t1" });
    expect(outline(r.slice.document.blocks)).toEqual(["h", ["c1", ["t2", ["c2", ["s1"]]]], "t1", "g1"]);
    expect(r.inverse).toEqual([{ type: "move-up", id: "t1" }]);
    expect(r.slice.nodesById.get("c1")).toBe(slice.nodesById.get("c1"));
    expect(apply(r.slice, { type: "move-up", id: "t1" }).slice.document).toEqual(slice.document);
  });

  it("refuses the last block of its parent and unknown ids", () => {
    expect(moveDown(sampleSlice(), { type: "move-down", id: "g1" })).toBeNull();
    expect(moveDown(sampleSlice(), { type: "move-down", id: "s1" })).toBeNull();
    expect(moveDown(sampleSlice(), { type: "move-down", id: "nope" })).toBeNull();
  });
});
