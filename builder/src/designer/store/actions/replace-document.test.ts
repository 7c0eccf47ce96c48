// replace-document: a whole valid document at once, indexes rebuilt; undone by the old document.
import { CURRENT_SCHEMA_VERSION, type TPageDocument } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { apply, block, expectIndexesMatch, sampleSlice } from "../test-document.ts";
import { replaceDocument } from "./replace-document.ts";

describe("replace-document", () => {
  it("replaces the document and rebuilds the indexes; undo brings back the same objects", () => {
    const slice = sampleSlice();
    const next: TPageDocument = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      title: "模板",
      blocks: [block("a", "notice")],
    };
    const r = apply(slice, { type: "replace-document", document: next });
    expect(r.slice.document).toBe(next);
    expect([...r.slice.nodesById.keys()]).toEqual(["a"]);
    expectIndexesMatch(r.slice);
    const back = apply(r.slice, r.inverse[0] ?? { type: "remove", id: "" }).slice;
    expect(back.document).toBe(slice.document);
    expect(back.nodesById.get("c1")).toBe(slice.nodesById.get("c1"));
  });

  it("refuses an invalid document", () => {
    const slice = sampleSlice();
    const bad: TPageDocument = { schemaVersion: CURRENT_SCHEMA_VERSION, title: "", blocks: [] };
    expect(replaceDocument(slice, { type: "replace-document", document: bad })).toBeNull();
    const dup = { ...slice.document, blocks: [block("a", "spacer"), block("a", "divider")] };
    expect(replaceDocument(slice, { type: "replace-document", document: dup })).toBeNull();
  });
});
