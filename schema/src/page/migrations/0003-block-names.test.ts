// 0003: blocks may be named; a version-2 document gains nothing and loses nothing on the way up.
import { describe, expect, it } from "vitest";
import { validatePage } from "../document.ts";
import { blockNames } from "./0003-block-names.ts";
import { loadPage } from "./index.ts";

// Vite's glob import (declared in ./index.test.ts), as the pipeline's tests load their fixtures.
const v2Home = ((): Record<string, unknown> => {
  const doc = import.meta.glob("./fixtures/v2-home.json", { eager: true, import: "default" })[
    "./fixtures/v2-home.json"
  ];
  if (typeof doc !== "object" || doc === null) throw new Error("fixtures/v2-home.json is missing");
  return { ...doc };
})();

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe("0003-block-names", () => {
  it("keeps every block of a version-2 document as it is, at every depth", () => {
    const doc = clone(v2Home);
    expect(blockNames.migrate(doc)).toEqual(doc);
  });

  it("returns a new document and never changes its input", () => {
    const doc = clone(v2Home);
    const before = clone(doc);
    const out = blockNames.migrate(doc);
    expect(out).not.toBe(doc);
    out.title = "changed";
    expect(doc).toEqual(before);
  });

  it("brings a version-2 document to version 3 through loadPage, valid and without names", () => {
    const r = loadPage(clone(v2Home));
    expect(r).toMatchObject({ issues: [], fromVersion: 2, applied: ["0003-block-names"] });
    expect(r.document?.schemaVersion).toBe(3);
    expect(JSON.stringify(r.document)).not.toContain('"name"');
    expect(r.document?.blocks[2]?.children?.[1]?.children?.[0]).toMatchObject({
      id: "b_spacer",
      props: { height: 12 },
    });
  });

  it("lets version-3 blocks carry a trimmed name of 1 to 40 characters, kept through validation", () => {
    const named = {
      ...clone(v2Home),
      schemaVersion: 3,
      blocks: [
        { id: "a", type: "title", name: "  首屏标题 ", props: { title: "x" } },
        {
          id: "c",
          type: "container",
          name: "两栏",
          props: {},
          children: [{ id: "d", type: "divider", name: "线", props: {} }],
        },
      ],
    };
    const r = validatePage(named);
    expect(r.issues).toEqual([]);
    expect(r.document?.blocks.map((b) => b.name)).toEqual(["首屏标题", "两栏"]);
    expect(r.document?.blocks[1]?.children?.[0]?.name).toBe("线");
    expect(loadPage(r.document).document).toEqual(r.document);
  });

  it("refuses an empty, blank or over-long name with its path", () => {
    for (const name of ["", "   ", "x".repeat(41), 7]) {
      const r = validatePage({ schemaVersion: 3, title: "x", blocks: [{ id: "a", type: "divider", name, props: {} }] });
      expect(r.issues.map((i) => i.path)).toEqual(["blocks.0.name"]);
    }
    expect(
      validatePage({
        schemaVersion: 3,
        title: "x",
        blocks: [{ id: "a", type: "divider", name: "字".repeat(40), props: {} }],
      }).issues,
    ).toEqual([]);
  });
});
