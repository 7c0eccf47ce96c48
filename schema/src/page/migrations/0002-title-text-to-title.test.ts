// 0002: the title block's `text` becomes `title`, at any depth; nothing else changes.
import { describe, expect, it } from "vitest";
import { titleTextToTitle } from "./0002-title-text-to-title.ts";

const v1 = (blocks: unknown[]) => ({ schemaVersion: 1, title: "Home", blocks });

describe("0002-title-text-to-title", () => {
  it("renames text to title in title blocks at every depth, keeping the props' order", () => {
    const out = titleTextToTitle.migrate(
      v1([
        { id: "a", type: "title", props: { text: "A", align: "center" } },
        {
          id: "c",
          type: "container",
          props: {},
          children: [
            { id: "b", type: "title", props: { subtitle: "s", text: "B" } },
            { id: "d", type: "container", props: {}, children: [{ id: "e", type: "title", props: { text: "E" } }] },
          ],
        },
      ]),
    );
    expect(out).toEqual(
      v1([
        { id: "a", type: "title", props: { title: "A", align: "center" } },
        {
          id: "c",
          type: "container",
          props: {},
          children: [
            { id: "b", type: "title", props: { subtitle: "s", title: "B" } },
            { id: "d", type: "container", props: {}, children: [{ id: "e", type: "title", props: { title: "E" } }] },
          ],
        },
      ]),
    );
    const blocks = out.blocks as { props: Record<string, unknown> }[];
    expect(Object.keys(blocks[0]?.props ?? {})).toEqual(["title", "align"]);
  });

  it("leaves the `text` of other blocks alone (notice and image-nav items have one too)", () => {
    const doc = v1([
      { id: "n", type: "notice", props: { text: "hello" } },
      { id: "i", type: "image-nav", props: { items: [{ text: "x" }] } },
    ]);
    expect(titleTextToTitle.migrate(doc)).toEqual(doc);
  });

  it("leaves a title block with both props for validation to report, rather than drop one", () => {
    const doc = v1([{ id: "t", type: "title", props: { text: "old", title: "new" } }]);
    expect(titleTextToTitle.migrate(doc)).toEqual(doc);
  });

  it("leaves shapes it does not recognise alone", () => {
    for (const doc of [
      { schemaVersion: 1, title: "x" },
      v1([null, 3, { id: "t", type: "title" }, { id: "u", type: "title", props: "text" }]),
      { ...v1([]), blocks: "not a list" },
    ]) {
      expect(titleTextToTitle.migrate(doc)).toEqual(doc);
    }
  });

  it("does not change its input", () => {
    const doc = v1([
      { id: "c", type: "container", props: {}, children: [{ id: "t", type: "title", props: { text: "A" } }] },
    ]);
    const before = JSON.parse(JSON.stringify(doc));
    titleTextToTitle.migrate(doc);
    expect(doc).toEqual(before);
  });
});
