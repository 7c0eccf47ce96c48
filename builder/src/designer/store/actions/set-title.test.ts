// set-title: the page title, refused when it would not save (blank or over 40 characters).
import { describe, expect, it } from "vitest";
import { apply, sampleSlice } from "../test-document.ts";
import { setTitle } from "./set-title.ts";

describe("set-title", () => {
  it("sets the title as typed, leaves the blocks alone, and is undone by the old title", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "set-title", title: "夏季 " });
    expect(r.slice.document.title).toBe("夏季 ");
    expect(r.slice.document.blocks).toBe(slice.document.blocks);
    expect(r.slice.nodesById).toBe(slice.nodesById);
    expect(r.inverse).toEqual([{ type: "set-title", title: "首页" }]);
  });

  it("refuses a blank or too long title and the same title", () => {
    const slice = sampleSlice();
    expect(setTitle(slice, { type: "set-title", title: "  " })).toBeNull();
    expect(setTitle(slice, { type: "set-title", title: "x".repeat(41) })).toBeNull();
    expect(setTitle(slice, { type: "set-title", title: "首页" })).toBeNull();
  });
});
