// Commands: the registry (one per id, shortcuts unique), each command's enabled() and perform()
// against a real store and clipboard, shortcut matching per platform, display, and the key handler.
import type { Localized } from "@mallwright/schema";
import { afterEach, describe, expect, it } from "vitest";
import { createClipboard } from "./clipboard.ts";
import {
  COMMANDS,
  type CommandContext,
  type CommandId,
  findCommand,
  formatShortcut,
  handleKeyDown,
  type KeyInput,
  matchShortcut,
} from "./commands.ts";
import { createDesignerStore } from "./store/index.ts";
import { block, outline, sampleDocument } from "./store/test-document.ts";

function key(
  k: string,
  mods: Partial<Pick<KeyInput, "metaKey" | "ctrlKey" | "shiftKey" | "altKey" | "code">> = {},
  target: EventTarget | null = null,
) {
  let prevented = false;
  const event: KeyInput = {
    key: k,
    metaKey: false,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    target,
    ...mods,
    preventDefault() {
      prevented = true;
    },
  };
  return { event, prevented: () => prevented };
}

function setup() {
  const store = createDesignerStore(sampleDocument(), 1);
  const refusals: Localized[] = [];
  const ctx: CommandContext = {
    store,
    clipboard: createClipboard({ system: null }),
    onRefused: (m) => refusals.push(m),
  };
  const run = (id: CommandId) => findCommand(id).perform(ctx);
  return { store, ctx, refusals, run };
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("COMMANDS", () => {
  it("registers each command once with a label in both languages and a unique shortcut", () => {
    const ids = COMMANDS.map((c) => c.id);
    expect([...ids].sort()).toEqual(["copy", "delete", "duplicate", "move-down", "move-up", "paste", "redo", "undo"]);
    expect(new Set(COMMANDS.map((c) => c.shortcut)).size).toBe(COMMANDS.length);
    for (const c of COMMANDS) expect(c.label.zh && c.label.en).toBeTruthy();
    expect(Object.fromEntries(COMMANDS.map((c) => [c.id, c.shortcut]))).toEqual({
      undo: "Mod+Z",
      redo: "Mod+Shift+Z",
      copy: "Mod+C",
      paste: "Mod+V",
      duplicate: "Mod+D",
      "move-up": "Alt+ArrowUp",
      "move-down": "Alt+ArrowDown",
      delete: "Delete",
    });
  });

  it("enables block commands only with a selection, move-up/down only where there is room", () => {
    const { store } = setup();
    const enabled = () => COMMANDS.filter((c) => c.enabled(store.getState())).map((c) => c.id);
    expect(enabled()).toEqual(["paste"]);
    store.getState().select("h");
    expect(enabled()).toEqual(
      ["paste", "copy", "duplicate", "move-down", "delete"].sort((a, b) => order(a) - order(b)),
    );
    store.getState().select("g1");
    expect(enabled()).toContain("move-up");
    expect(enabled()).not.toContain("move-down");
    store.getState().dispatch({ type: "remove", id: "t1" });
    expect(enabled()).toContain("undo");
    expect(enabled()).not.toContain("redo");
  });

  it("delete, duplicate, move-up, move-down, undo and redo act on the selected block", async () => {
    const { store, run } = setup();
    store.getState().select("t1");
    await run("move-down");
    expect(outline(store.getState().document.blocks)[2]).toBe("t1");
    await run("move-up");
    expect(outline(store.getState().document.blocks)[1]).toBe("t1");
    await run("duplicate");
    const copy = store.getState().selectedId;
    expect(copy).not.toBe("t1");
    expect(store.getState().document.blocks[2]?.id).toBe(copy);
    await run("delete");
    expect(store.getState().nodesById.has(copy ?? "")).toBe(false);
    expect(store.getState().selectedId).toBeNull();
    await run("undo");
    expect(store.getState().nodesById.has(copy ?? "")).toBe(true);
    await run("redo");
    expect(store.getState().nodesById.has(copy ?? "")).toBe(false);
  });

  it("copies the selected block and pastes a fresh copy after the selection, selected", async () => {
    const { store, run } = setup();
    store.getState().select("c2");
    await run("copy");
    store.getState().select("t1");
    await run("paste");
    const pasted = store.getState().document.blocks[2];
    expect(pasted?.type).toBe("container");
    expect(pasted?.children?.[0]?.type).toBe("spacer");
    expect(pasted?.id).not.toBe("c2");
    expect(store.getState().selectedId).toBe(pasted?.id);
  });

  it("pastes at the end of the page when the selection's container cannot take it, else reports why", async () => {
    const { store, ctx, refusals, run } = setup();
    await ctx.clipboard?.write([block("n", "notice")]);
    store.getState().select("s1");
    await run("paste");
    expect(
      store
        .getState()
        .nodesById.get("c2")
        ?.children?.map((c) => c.type),
    ).toEqual(["spacer", "notice"]);

    await ctx.clipboard?.write([block("sb", "search-bar")]);
    store.getState().select("s1");
    await run("paste");
    expect(store.getState().document.blocks.at(-1)?.type).toBe("search-bar");

    await run("paste");
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.en).toMatch(/cannot go here/);

    await ctx.clipboard?.write([]);
    const outcome = await run("paste");
    expect(outcome.ok).toBe(false);
    expect(refusals).toHaveLength(2);
  });

  it("reports a duplicate the limits refuse", async () => {
    const { store, refusals, run } = setup();
    store.getState().select("h");
    expect(await run("duplicate")).toMatchObject({ ok: false });
    expect(refusals[0]?.zh).toMatch(/数量上限/);
  });
});

const order = (id: string) => COMMANDS.findIndex((c) => c.id === id);

describe("matchShortcut", () => {
  it("reads Mod as ⌘ on macOS and Ctrl elsewhere, with exact modifiers", () => {
    expect(matchShortcut(key("z", { metaKey: true }).event, "Mod+Z", true)).toBe(true);
    expect(matchShortcut(key("z", { ctrlKey: true }).event, "Mod+Z", true)).toBe(false);
    expect(matchShortcut(key("z", { ctrlKey: true }).event, "Mod+Z", false)).toBe(true);
    expect(matchShortcut(key("z", { metaKey: true }).event, "Mod+Z", false)).toBe(false);
    expect(matchShortcut(key("Z", { metaKey: true, shiftKey: true }).event, "Mod+Z", true)).toBe(false);
    expect(matchShortcut(key("Z", { metaKey: true, shiftKey: true }).event, "Mod+Shift+Z", true)).toBe(true);
    expect(matchShortcut(key("z").event, "Mod+Z", true)).toBe(false);
  });

  it("deletes with Delete and Backspace, moves with Alt+arrows, and knows letters by their physical key", () => {
    expect(matchShortcut(key("Delete").event, "Delete", false)).toBe(true);
    expect(matchShortcut(key("Backspace").event, "Delete", true)).toBe(true);
    expect(matchShortcut(key("Backspace", { metaKey: true }).event, "Delete", true)).toBe(false);
    expect(matchShortcut(key("ArrowUp", { altKey: true }).event, "Alt+ArrowUp", true)).toBe(true);
    expect(matchShortcut(key("ArrowUp").event, "Alt+ArrowUp", true)).toBe(false);
    expect(matchShortcut(key("д", { ctrlKey: true, code: "KeyD" }).event, "Mod+D", false)).toBe(true);
  });
});

describe("formatShortcut", () => {
  it("shows symbols on macOS and names elsewhere", () => {
    expect(formatShortcut("Mod+Z", true)).toBe("⌘Z");
    expect(formatShortcut("Mod+Shift+Z", true)).toBe("⌘⇧Z");
    expect(formatShortcut("Alt+ArrowUp", true)).toBe("⌥↑");
    expect(formatShortcut("Delete", true)).toBe("⌫");
    expect(formatShortcut("Mod+Z", false)).toBe("Ctrl+Z");
    expect(formatShortcut("Mod+Shift+Z", false)).toBe("Ctrl+Shift+Z");
    expect(formatShortcut("Alt+ArrowDown", false)).toBe("Alt+↓");
    expect(formatShortcut("Delete", false)).toBe("Delete");
  });
});

describe("handleKeyDown", () => {
  it("runs the enabled command of a shortcut and prevents the default", () => {
    const { store, ctx } = setup();
    store.getState().select("t1");
    const del = key("Backspace");
    expect(handleKeyDown(del.event, ctx, true)).toBe(true);
    expect(del.prevented()).toBe(true);
    expect(store.getState().nodesById.has("t1")).toBe(false);
    const undo = key("z", { metaKey: true });
    expect(handleKeyDown(undo.event, ctx, true)).toBe(true);
    expect(store.getState().nodesById.has("t1")).toBe(true);
  });

  it("leaves disabled commands and other keys alone", () => {
    const { ctx } = setup();
    const del = key("Delete");
    expect(handleKeyDown(del.event, ctx, false)).toBe(false);
    expect(del.prevented()).toBe(false);
    expect(handleKeyDown(key("a").event, ctx, false)).toBe(false);
  });

  it("ignores events from inputs, textareas, selects and editable regions", () => {
    const { store, ctx } = setup();
    store.getState().select("t1");
    document.body.innerHTML =
      '<input id="i"><textarea id="t"></textarea><select id="s"></select><div contenteditable="true"><p id="p">x</p></div><div contenteditable="false"><p id="q">x</p></div>';
    for (const id of ["i", "t", "s", "p"]) {
      expect(handleKeyDown(key("Backspace", {}, document.getElementById(id)).event, ctx, false)).toBe(false);
    }
    expect(store.getState().nodesById.has("t1")).toBe(true);
    expect(handleKeyDown(key("Backspace", {}, document.getElementById("q")).event, ctx, false)).toBe(true);
    expect(store.getState().nodesById.has("t1")).toBe(false);
  });
});
