// The migration pipeline and loadPage: version checks, every old fixture migrated and valid,
// unrelated props untouched, and a current document passing through unchanged.
import { describe, expect, it } from "vitest";
import { CURRENT_SCHEMA_VERSION, PAGE_LIMITS, validatePage } from "../document.ts";
import { FIRST_SCHEMA_VERSION, loadPage, migratePage, PAGE_MIGRATIONS, PageVersionError } from "./index.ts";

declare global {
  interface ImportMeta {
    /** Vite's glob import (vitest runs on Vite); resolved when the test is transformed. */
    glob(pattern: string, options: { eager: true; import: "default" }): Record<string, unknown>;
  }
}

/** Every fixture in fixtures/, by file name: adding a file adds it to these tests. */
const FIXTURES: Record<string, unknown> = Object.fromEntries(
  Object.entries(import.meta.glob("./fixtures/*.json", { eager: true, import: "default" })).map(([path, doc]) => [
    path.replace(/^.*\/|\.json$/g, ""),
    doc,
  ]),
);
const v1Home = ((): Record<string, unknown> => {
  const doc = FIXTURES["v1-home"];
  if (typeof doc !== "object" || doc === null) throw new Error("fixtures/v1-home.json is missing");
  return { ...doc };
})();
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

type Node = { type: string; props: Record<string, unknown>; children?: Node[] };

/** Walks the old and the migrated tree side by side: only title blocks' `text` may have changed. */
function expectOnlyTitleTextRenamed(before: Node[], after: Node[]) {
  expect(after.length).toBe(before.length);
  before.forEach((old, i) => {
    const now = after[i];
    if (!now) throw new Error("block lost");
    const { children: oldChildren, ...oldRest } = old;
    const { children: newChildren, ...newRest } = now;
    if (old.type === "title" && "text" in old.props) {
      const { text, ...others } = old.props;
      expect(newRest).toEqual({ ...oldRest, props: { ...others, title: text } });
    } else {
      expect(newRest).toEqual(oldRest);
    }
    if (oldChildren || newChildren) expectOnlyTitleTextRenamed(oldChildren ?? [], newChildren ?? []);
  });
}

describe("PAGE_MIGRATIONS", () => {
  it("is one step per version, in order, from the first version to the current one", () => {
    expect(PAGE_MIGRATIONS.map((m) => [m.from, m.to])).toEqual(
      Array.from({ length: CURRENT_SCHEMA_VERSION - FIRST_SCHEMA_VERSION }, (_, i) => [
        FIRST_SCHEMA_VERSION + i,
        FIRST_SCHEMA_VERSION + i + 1,
      ]),
    );
  });

  it("names each migration after its file, numbered by the version it produces", async () => {
    for (const m of PAGE_MIGRATIONS) {
      expect(m.name).toMatch(new RegExp(`^${String(m.to).padStart(4, "0")}-[a-z0-9-]+$`));
      const mod: Record<string, unknown> = await import(`./${m.name}.ts`);
      expect(Object.values(mod)).toContain(m);
    }
  });
});

describe("migratePage", () => {
  it("has fixtures of every old version to run on", () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(["v1-empty", "v1-home", "v1-no-titles", "v2-home"]);
  });

  it.each(Object.keys(FIXTURES))("brings %s to the current version, valid, touching only what changed", (name) => {
    const raw = FIXTURES[name] as { schemaVersion: number; blocks: Node[]; title: string; theme?: unknown };
    const before = clone(raw);
    const out = migratePage(raw);
    expect(out.fromVersion).toBe(raw.schemaVersion);
    expect(out.applied).toEqual(PAGE_MIGRATIONS.filter((m) => m.from >= raw.schemaVersion).map((m) => m.name));
    const doc = out.document as { schemaVersion: number; blocks: Node[]; title: string; theme?: unknown };
    expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(validatePage(doc).issues).toEqual([]);
    expect([doc.title, doc.theme]).toEqual([raw.title, raw.theme]);
    // Only 0002 changes blocks (a title's `text`); later steps keep every block as it is.
    if (raw.schemaVersion < 2) expectOnlyTitleTextRenamed(raw.blocks, doc.blocks);
    else expect(doc.blocks).toEqual(raw.blocks);
    expect(raw).toEqual(before);
  });

  it("is idempotent: a migrated (current) document passes through unchanged", () => {
    const once = migratePage(v1Home).document;
    const twice = migratePage(once);
    expect(twice).toEqual({ document: once, fromVersion: CURRENT_SCHEMA_VERSION, applied: [] });
  });

  it("refuses a document from a newer Mallwright", () => {
    const err = catchError(() => migratePage({ ...v1Home, schemaVersion: 7 }));
    expect(err).toBeInstanceOf(PageVersionError);
    expect(err).toMatchObject({ problem: "too_new", version: 7, path: "schemaVersion" });
    expect(err?.message).toBe(
      `this page was saved by a newer Mallwright (schema version 7); this server understands up to ${CURRENT_SCHEMA_VERSION}`,
    );
  });

  it.each([
    ["missing", { title: "x", blocks: [] }, "missing"],
    ["a string", { schemaVersion: "2", blocks: [] }, "not_an_integer"],
    ["a fraction", { schemaVersion: 1.5, blocks: [] }, "not_an_integer"],
    ["null", { schemaVersion: null, blocks: [] }, "not_an_integer"],
    ["zero", { schemaVersion: 0, blocks: [] }, "too_old"],
    ["not an object", ["schemaVersion", 2], "missing"],
  ])("refuses a schemaVersion that is %s", (_, raw, problem) => {
    expect(catchError(() => migratePage(raw))).toMatchObject({ name: "PageVersionError", problem });
  });
});

describe("loadPage", () => {
  it("migrates, then validates, with defaults filled in", () => {
    const r = loadPage(v1Home, { mode: "publish" });
    expect(r.issues).toEqual([]);
    expect(r).toMatchObject({ fromVersion: 1, applied: ["0002-title-text-to-title", "0003-block-names"] });
    expect(r.document?.blocks[1]?.props).toMatchObject({ title: "新品上架", subtitle: "每周五更新", align: "center" });
    expect(r.document?.blocks.at(-2)?.props).toMatchObject({ title: "标题" });
  });

  it("loads a current document as it is", () => {
    const current = migratePage(v1Home).document;
    const r = loadPage(current);
    expect(r).toMatchObject({ issues: [], fromVersion: CURRENT_SCHEMA_VERSION, applied: [] });
    expect(loadPage(r.document).document).toEqual(r.document);
  });

  it("answers a newer or unreadable version with an issue at schemaVersion", () => {
    expect(loadPage({ ...v1Home, schemaVersion: 7 })).toEqual({
      issues: [
        {
          path: "schemaVersion",
          message: `this page was saved by a newer Mallwright (schema version 7); this server understands up to ${CURRENT_SCHEMA_VERSION}`,
        },
      ],
      fromVersion: null,
      applied: [],
    });
    expect(loadPage(null).issues).toEqual([
      { path: "schemaVersion", message: "a page document needs a schemaVersion" },
    ]);
  });

  it("reports what the migrated document still gets wrong, with paths into it", () => {
    const r = loadPage({
      schemaVersion: 1,
      title: "x",
      blocks: [
        { id: "t", type: "title", props: { text: "a".repeat(41) } },
        { id: "t", type: "spacer", props: {} },
      ],
    });
    expect(r.issues.map((i) => i.path)).toEqual(["blocks.0.props.title", "blocks.1.id"]);
    expect(r.fromVersion).toBe(1);
  });

  it("refuses deep nesting before any migration walks it", () => {
    const n = 3000;
    const open = '{"id":"c","type":"container","props":{},"children":['.repeat(n);
    const raw: unknown = JSON.parse(`{"schemaVersion":1,"title":"x","blocks":[${open}${"]}".repeat(n)}]}`);
    const r = loadPage(raw);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toBe(`blocks nest at most ${PAGE_LIMITS.depth} levels deep`);
  });
});

function catchError(fn: () => unknown): Error | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error) return err;
    throw err;
  }
  return undefined;
}
