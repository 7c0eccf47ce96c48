// duplicate: a copy right after the original with fresh ids throughout, selected; limits apply.
import { ZBlockId } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { apply, block, expectIndexesMatch, sampleSlice } from "../test-document.ts";
import { indexDocument, subtree } from "../tree.ts";
import { duplicate } from "./duplicate.ts";

describe("duplicate", () => {
  it("copies a container right after itself, every id fresh, props and names kept, and selects it", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "duplicate", id: "c1" });
    const blocks = r.slice.document.blocks;
    const original = slice.nodesById.get("c1");
    const copy = blocks[3];
    if (!original || !copy) throw new Error("missing");
    expect(blocks.map((b) => b.type)).toEqual(["store-header", "title", "container", "container", "product-grid"]);
    const before = [...subtree(original)];
    const after = [...subtree(copy)];
    expect(after.map((n) => [n.type, n.props])).toEqual(before.map((n) => [n.type, n.props]));
    for (const n of after) {
      expect(ZBlockId.safeParse(n.id).success).toBe(true);
      expect(slice.nodesById.has(n.id)).toBe(false);
    }
    expect(new Set(after.map((n) => n.id)).size).toBe(after.length);
    expect(r.select).toBe(copy.id);
    expectIndexesMatch(r.slice);
  });

  it("is undone by removing the copy and redone by inserting the same copy (same ids)", () => {
    const slice = sampleSlice();
    const r = apply(slice, { type: "duplicate", id: "t2" });
    const copy = r.slice.document.blocks[2]?.children?.[1];
    expect(r.inverse).toEqual([{ type: "remove", id: copy?.id }]);
    expect(r.redo).toEqual([{ type: "insert", block: copy, to: { parentId: "c1", index: 1 } }]);
    const undone = apply(r.slice, r.inverse[0] ?? { type: "remove", id: "" }).slice;
    expect(undone.document).toEqual(slice.document);
    expect(apply(undone, r.redo[0] ?? { type: "remove", id: "" }).slice.document).toEqual(r.slice.document);
  });

  it("refuses what the limits forbid: a second store header, a full container, unknown ids", () => {
    expect(duplicate(sampleSlice(), { type: "duplicate", id: "h" })).toBeNull();
    expect(duplicate(sampleSlice(), { type: "duplicate", id: "nope" })).toBeNull();
    const full = indexDocument({
      ...sampleSlice().document,
      blocks: [
        block(
          "c",
          "container",
          {},
          Array.from({ length: 20 }, (_, i) => block(`s${i}`, "spacer")),
        ),
      ],
    });
    expect(duplicate(full, { type: "duplicate", id: "s3" })).toBeNull();
  });

  it("keeps the name of a named block on its copy", () => {
    const slice = indexDocument({ ...sampleSlice().document, blocks: [{ ...block("n", "notice"), name: "公告" }] });
    const r = apply(slice, { type: "duplicate", id: "n" });
    expect(r.slice.document.blocks[1]?.name).toBe("公告");
  });
});
