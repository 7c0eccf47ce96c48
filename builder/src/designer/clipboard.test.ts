// The clipboard: our JSON payload through the system clipboard or the memory fallback; paste
// accepts valid and older-version blocks (migrated), refuses foreign text, invalid props, bad
// nesting and newer versions with a zh/en message.
import { CURRENT_SCHEMA_VERSION, type Localized } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { createClipboard, parseClipboardText, serializeBlocks, type TextClipboard } from "./clipboard.ts";
import { block } from "./store/test-document.ts";

/** A system clipboard that holds text, or refuses like a browser without permission. */
function fakeSystem(mode: "ok" | "refuse" = "ok") {
  let text = "";
  const system: TextClipboard = {
    async writeText(t) {
      if (mode === "refuse") throw new DOMException("denied", "NotAllowedError");
      text = t;
    },
    async readText() {
      if (mode === "refuse") throw new DOMException("denied", "NotAllowedError");
      return text;
    },
  };
  return {
    system,
    get text() {
      return text;
    },
    set text(t: string) {
      text = t;
    },
  };
}

function messageOf(r: { ok: boolean; message?: Localized }): Localized {
  if (r.ok || !r.message) throw new Error("expected a refusal");
  return r.message;
}

describe("clipboard payload", () => {
  it("writes the blocks as JSON marked as ours, with the current schema version", async () => {
    const sys = fakeSystem();
    const clip = createClipboard({ system: sys.system });
    const tree = block("c", "container", {}, [block("t", "title", { title: "左" })]);
    await clip.write([tree]);
    expect(JSON.parse(sys.text)).toEqual({
      mallwright: "blocks",
      schemaVersion: CURRENT_SCHEMA_VERSION,
      blocks: [tree],
    });
    expect(await clip.read()).toEqual({ ok: true, blocks: [tree] });
  });

  it("carries nothing page-specific: what one page's designer copies, another's pastes", async () => {
    const sys = fakeSystem();
    await createClipboard({ system: sys.system }).write([{ ...block("n", "notice"), name: "公告" }]);
    const other = await createClipboard({ system: sys.system }).read();
    expect(other).toMatchObject({ ok: true, blocks: [{ id: "n", type: "notice", name: "公告" }] });
  });

  it("falls back to memory when the clipboard API is missing or refuses", async () => {
    for (const clip of [createClipboard({ system: null }), createClipboard({ system: fakeSystem("refuse").system })]) {
      await clip.write([block("s", "spacer", { height: 30 })]);
      expect(await clip.read()).toMatchObject({ ok: true, blocks: [{ type: "spacer", props: { height: 30 } }] });
    }
  });

  it("refuses text that is not ours, and an empty clipboard, in both languages", async () => {
    for (const text of ["hello", "{}", '{"mallwright":"pages","schemaVersion":3,"blocks":[]}', "[1,2]", "null"]) {
      const m = messageOf(parseClipboardText(text));
      expect(m.zh).toMatch(/没有可粘贴的区块/);
      expect(m.en).toMatch(/no blocks on the clipboard/);
    }
    expect(messageOf(await createClipboard({ system: null }).read()).en).toMatch(/empty/);
    const sys = fakeSystem();
    sys.text = "some copied sentence";
    expect(messageOf(await createClipboard({ system: sys.system }).read()).en).toMatch(/no blocks/);
  });

  it("refuses invalid props, unknown types, bad shapes and nesting, naming what is wrong", () => {
    const payload = (blocks: unknown[], schemaVersion = CURRENT_SCHEMA_VERSION) =>
      JSON.stringify({ mallwright: "blocks", schemaVersion, blocks });
    const props = messageOf(parseClipboardText(payload([{ id: "a", type: "spacer", props: { height: -3 } }])));
    expect(props.en).toMatch(/not valid.*0\.props\.height/);
    expect(props.zh).toMatch(/无效.*0\.props\.height/);
    expect(messageOf(parseClipboardText(payload([{ id: "a", type: "nope", props: {} }]))).en).toMatch(
      /unknown block type/,
    );
    expect(messageOf(parseClipboardText(payload([{ id: "a", props: {} }]))).en).toMatch(/not valid/);
    const tooDeep = block("c1", "container", {}, [block("c2", "container", {}, [block("c3", "container", {}, [])])]);
    expect(messageOf(parseClipboardText(payload([tooDeep]))).en).toMatch(/nest at most/);
    const inContainer = block("c", "container", {}, [block("h", "store-header")]);
    expect(messageOf(parseClipboardText(payload([inContainer]))).en).toMatch(/cannot hold/);
  });

  it("migrates blocks copied by an older version, and refuses a newer one", () => {
    const v1 = JSON.stringify({
      mallwright: "blocks",
      schemaVersion: 1,
      blocks: [{ id: "t", type: "title", props: { text: "旧标题" } }],
    });
    const r = parseClipboardText(v1);
    expect(r).toMatchObject({ ok: true, blocks: [{ id: "t", type: "title", props: { title: "旧标题" } }] });
    if (r.ok) expect(r.blocks[0]?.props).not.toHaveProperty("text");
    const newer = JSON.stringify({
      mallwright: "blocks",
      schemaVersion: CURRENT_SCHEMA_VERSION + 1,
      blocks: [block("s", "spacer")],
    });
    expect(messageOf(parseClipboardText(newer)).en).toMatch(/newer Mallwright/);
  });

  it("serializes what parse reads back", () => {
    const blocks = [block("a", "divider"), block("b", "image")];
    expect(parseClipboardText(serializeBlocks(blocks))).toEqual({ ok: true, blocks });
  });
});
