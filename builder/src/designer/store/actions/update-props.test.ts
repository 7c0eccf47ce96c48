// update-props: merged into the block's props when the result passes its schema; only the block and
// its ancestors change; undone by set-props with the old props.
import { describe, expect, it } from "vitest";
import { apply, sampleSlice } from "../test-document.ts";
import { updateProps } from "./update-props.ts";

describe("update-props", () => {
  it("merges the edit, keeps the other props, and changes only the block and its ancestors", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "update-props", id: "s1", props: { height: 40 } });
    expect(r.slice.nodesById.get("s1")?.props).toEqual({ ...slice.nodesById.get("s1")?.props, height: 40 });
    expect(r.slice.document.blocks[2]?.children?.[1]?.children?.[0]).toBe(r.slice.nodesById.get("s1"));
    for (const id of ["h", "t1", "t2", "g1"]) expect(r.slice.nodesById.get(id)).toBe(slice.nodesById.get(id));
    for (const id of ["c1", "c2", "s1"]) expect(r.slice.nodesById.get(id)).not.toBe(slice.nodesById.get(id));
    expect(r.slice.parentOf).toBe(slice.parentOf);
    expect(r.inverse).toEqual([{ type: "set-props", id: "s1", props: slice.nodesById.get("s1")?.props }]);
    expect(apply(r.slice, r.inverse[0] ?? { type: "remove", id: "" }).slice.document).toEqual(slice.document);
  });

  it("refuses props failing the block's schema, unknown props and unknown blocks", () => {
    const slice = sampleSlice();
    expect(updateProps(slice, { type: "update-props", id: "s1", props: { height: -1 } })).toBeNull();
    expect(updateProps(slice, { type: "update-props", id: "t1", props: { title: "x".repeat(500) } })).toBeNull();
    expect(updateProps(slice, { type: "update-props", id: "s1", props: { color: "red" } })).toBeNull();
    expect(updateProps(slice, { type: "update-props", id: "nope", props: { height: 4 } })).toBeNull();
  });

  it("changes nothing (null) for an empty edit or the values it already has", () => {
    const slice = sampleSlice();
    const height = slice.nodesById.get("s1")?.props.height;
    expect(updateProps(slice, { type: "update-props", id: "s1", props: {} })).toBeNull();
    expect(updateProps(slice, { type: "update-props", id: "s1", props: { height } })).toBeNull();
  });
});
