// move: insertion points among the target's children as they are now, within and across parents;
// never into itself, past the depth limit or into what may not hold it; the inverse is exact.
import { describe, expect, it } from "vitest";
import { apply, block, expectIndexesMatch, outline, sampleSlice } from "../test-document.ts";
import { indexDocument } from "../tree.ts";
import type { DesignerAction } from "../types.ts";
import { move } from "./move.ts";

const undoOf = (r: { inverse: DesignerAction[] }) => r.inverse[0] ?? { type: "remove", id: "" };

describe("move", () => {
  it("moves down within the same parent: the insertion point counts the block itself", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "move", id: "h", to: { parentId: null, index: 3 } });
    expect(outline(r.slice.document.blocks)).toEqual(["t1", ["c1", ["t2", ["c2", ["s1"]]]], "h", "g1"]);
    expect(apply(r.slice, undoOf(r)).slice.document).toEqual(slice.document);
  });

  it("moves up within the same parent, and back exactly", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "move", id: "g1", to: { parentId: null, index: 1 } });
    expect(outline(r.slice.document.blocks)).toEqual(["h", "g1", "t1", ["c1", ["t2", ["c2", ["s1"]]]]]);
    expect(apply(r.slice, undoOf(r)).slice.document).toEqual(slice.document);
  });

  it("moves across parents, keeping the moved subtree's objects and updating parentOf", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "move", id: "c2", to: { parentId: null, index: 0 } });
    expect(outline(r.slice.document.blocks)).toEqual([["c2", ["s1"]], "h", "t1", ["c1", ["t2"]], "g1"]);
    expect(r.slice.nodesById.get("c2")).toBe(slice.nodesById.get("c2"));
    expect(r.slice.parentOf.get("c2")).toBeNull();
    expect(r.slice.parentOf.get("s1")).toBe("c2");
    expectIndexesMatch(r.slice);
    const back = apply(r.slice, undoOf(r)).slice;
    expect(back.document).toEqual(slice.document);
    expectIndexesMatch(back);
  });

  it("refuses moving a block into itself or into its descendants", () => {
    const slice = sampleSlice();
    expect(move(slice, { type: "move", id: "c1", to: { parentId: "c1", index: 0 } })).toBeNull();
    expect(move(slice, { type: "move", id: "c1", to: { parentId: "c2", index: 0 } })).toBeNull();
  });

  it("refuses targets that may not hold it: depth, allowed types, non-containers, unknown ids", () => {
    const slice = indexDocument({
      ...sampleSlice().document,
      blocks: [...sampleSlice().document.blocks, block("c3", "container", {}, [block("c4", "container", {}, [])])],
    });
    // c3 takes three levels with its child container: it cannot go inside c1.
    expect(move(slice, { type: "move", id: "c3", to: { parentId: "c1", index: 0 } })).toBeNull();
    expect(move(slice, { type: "move", id: "h", to: { parentId: "c1", index: 0 } })).toBeNull();
    expect(move(slice, { type: "move", id: "t1", to: { parentId: "g1", index: 0 } })).toBeNull();
    expect(move(slice, { type: "move", id: "nope", to: { parentId: null, index: 0 } })).toBeNull();
    expect(move(slice, { type: "move", id: "t1", to: { parentId: "nope", index: 0 } })).toBeNull();
    expect(move(slice, { type: "move", id: "t1", to: { parentId: "c4", index: 0 } })).not.toBeNull();
  });

  it("refuses a move into a full container, but allows reordering inside one", () => {
    const slice = indexDocument({
      ...sampleSlice().document,
      blocks: [
        block(
          "c",
          "container",
          {},
          Array.from({ length: 20 }, (_, i) => block(`s${i}`, "spacer")),
        ),
        block("x", "divider"),
      ],
    });
    expect(move(slice, { type: "move", id: "x", to: { parentId: "c", index: 0 } })).toBeNull();
    expect(move(slice, { type: "move", id: "s0", to: { parentId: "c", index: 20 } })).not.toBeNull();
  });

  it("changes nothing (null) when the block would land where it is", () => {
    const slice = sampleSlice();
    expect(move(slice, { type: "move", id: "t1", to: { parentId: null, index: 1 } })).toBeNull();
    expect(move(slice, { type: "move", id: "t1", to: { parentId: null, index: 2 } })).toBeNull();
  });
});
