// set-props: replaces a block's props whole when they pass its schema (the undo of update-props).
import { describe, expect, it } from "vitest";
import { apply, sampleSlice } from "../test-document.ts";
import { setProps } from "./set-props.ts";

describe("set-props", () => {
  it("replaces the props and is undone by setting the old ones back", () => {
    const slice = sampleSlice();
    const props = { title: "新标题", subtitle: "", align: "center", moreText: "", moreLink: null };
    const r = apply(slice, { type: "set-props", id: "t1", props });
    expect(r.slice.nodesById.get("t1")?.props).toBe(props);
    expect(apply(r.slice, r.inverse[0] ?? { type: "remove", id: "" }).slice.document).toEqual(slice.document);
  });

  it("refuses props that fail the schema and unknown ids", () => {
    const slice = sampleSlice();
    expect(setProps(slice, { type: "set-props", id: "t1", props: { title: 3 } })).toBeNull();
    expect(setProps(slice, { type: "set-props", id: "zz", props: {} })).toBeNull();
  });
});
