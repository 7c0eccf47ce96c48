// move-up: one step earlier among its siblings; nothing before the first; undone by move-down.
import { describe, expect, it } from "vitest";
import { apply, outline, sampleSlice } from "../test-document.ts";
import { moveUp } from "./move-up.ts";

describe("move-up", () => {
  it("swaps with the previous sibling inside a container and is undone by move-down", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "move-up", id: "c2" });
    expect(outline(r.slice.document.blocks)[2]).toEqual(["c1", [["c2", ["s1"]], "t2"]]);
    expect(r.inverse).toEqual([{ type: "move-down", id: "c2" }]);
    expect(apply(r.slice, { type: "move-down", id: "c2" }).slice.document).toEqual(slice.document);
  });

  it("refuses the first block of its parent and unknown ids", () => {
    expect(moveUp(sampleSlice(), { type: "move-up", id: "h" })).toBeNull();
    expect(moveUp(sampleSlice(), { type: "move-up", id: "t2" })).toBeNull();
    expect(moveUp(sampleSlice(), { type: "move-up", id: "nope" })).toBeNull();
  });
});
