// rename: sets a block's outline name (trimmed, 1 to 40 characters) or clears it with "".
import { describe, expect, it } from "vitest";
import { apply, sampleSlice } from "../test-document.ts";
import { rename } from "./rename.ts";

describe("rename", () => {
  it("sets a trimmed name, and clears it again with an empty one (the key is dropped)", () => {
    const slice = sampleSlice();
    const named = apply(slice, { type: "rename", id: "c2", name: "  右栏 " });
    expect(named.slice.nodesById.get("c2")?.name).toBe("右栏");
    expect(named.slice.nodesById.get("s1")).toBe(slice.nodesById.get("s1"));
    expect(named.inverse).toEqual([{ type: "rename", id: "c2", name: "" }]);
    const cleared = apply(named.slice, { type: "rename", id: "c2", name: "  " });
    expect(cleared.slice.nodesById.get("c2")).not.toHaveProperty("name");
    expect(cleared.slice.document).toStrictEqual(slice.document);
    expect(cleared.inverse).toEqual([{ type: "rename", id: "c2", name: "右栏" }]);
  });

  it("refuses a name over 40 characters, an unknown id, and no change", () => {
    const slice = sampleSlice();
    expect(rename(slice, { type: "rename", id: "c2", name: "x".repeat(41) })).toBeNull();
    expect(rename(slice, { type: "rename", id: "nope", name: "x" })).toBeNull();
    expect(rename(slice, { type: "rename", id: "c2", name: "" })).toBeNull();
    expect(rename(slice, { type: "rename", id: "c2", name: "字".repeat(40) })).not.toBeNull();
  });
});
