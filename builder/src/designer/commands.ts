// The designer's commands, registered once with label, shortcut, enabled() and perform(): the
// context menu, the toolbar and the keyboard are all driven from COMMANDS. Also the shortcut
// matching (Mod = ⌘ on macOS, Ctrl elsewhere) and its display form.
import type { Localized } from "@mallwright/schema";
import { createClipboard, type DesignerClipboard } from "./clipboard.ts";
import type { DesignerStore } from "./store/index.ts";
import { childrenOf, placeOf } from "./store/tree.ts";
import type { DesignerState, Place } from "./store/types.ts";

export type CommandId = "delete" | "duplicate" | "copy" | "paste" | "move-up" | "move-down" | "undo" | "redo";

export interface CommandContext {
  store: DesignerStore;
  /** Defaults to the tab's shared clipboard (sharedClipboard()), so a copy on one page pastes on another. */
  clipboard?: DesignerClipboard;
  /** Told why a command could not do its work (a paste the target refuses, a limit reached). */
  onRefused?(message: Localized): void;
}

export type CommandOutcome = { ok: true } | { ok: false; message: Localized };

export interface DesignerCommand {
  id: CommandId;
  label: Localized;
  /** "Mod+Z", "Mod+Shift+Z", "Alt+ArrowUp", "Delete" (Backspace deletes too). */
  shortcut: string;
  enabled(state: DesignerState): boolean;
  perform(ctx: CommandContext): Promise<CommandOutcome>;
}

/** The same as DesignerCommand (the name the UI imports). */
export type Command = DesignerCommand;

let shared: DesignerClipboard | null = null;

/** One clipboard for the whole tab: the system clipboard, or this tab's memory where there is none. */
export function sharedClipboard(): DesignerClipboard {
  shared ??= createClipboard();
  return shared;
}

const clipboardOf = (ctx: CommandContext) => ctx.clipboard ?? sharedClipboard();

const OK: CommandOutcome = { ok: true };

const PASTE_REFUSED: Localized = {
  zh: "这里放不下这些区块：目标位置不接受这种区块，或已达到页面、容器的数量上限",
  en: "These blocks cannot go here: the target does not take this kind of block, or a page or container limit is reached",
};
const DUPLICATE_REFUSED: Localized = {
  zh: "无法复制这个区块：已达到页面或容器的数量上限",
  en: "This block cannot be duplicated: a page or container limit is reached",
};

function refused(ctx: CommandContext, message: Localized): CommandOutcome {
  ctx.onRefused?.(message);
  return { ok: false, message };
}

const hasSelection = (s: DesignerState) => s.selectedId !== null && s.nodesById.has(s.selectedId);

/** Where a paste goes: right after the selected block, else at the end of the page. */
export function pasteTarget(state: DesignerState): Place {
  const at = state.selectedId ? placeOf(state, state.selectedId) : undefined;
  return at ? { parentId: at.parentId, index: at.index + 1 } : { parentId: null, index: state.document.blocks.length };
}

export const COMMANDS: readonly DesignerCommand[] = [
  {
    id: "undo",
    label: { zh: "撤销", en: "Undo" },
    shortcut: "Mod+Z",
    enabled: (s) => s.canUndo,
    async perform({ store }) {
      store.getState().undo();
      return OK;
    },
  },
  {
    id: "redo",
    label: { zh: "重做", en: "Redo" },
    shortcut: "Mod+Shift+Z",
    enabled: (s) => s.canRedo,
    async perform({ store }) {
      store.getState().redo();
      return OK;
    },
  },
  {
    id: "copy",
    label: { zh: "复制", en: "Copy" },
    shortcut: "Mod+C",
    enabled: hasSelection,
    async perform(ctx) {
      const s = ctx.store.getState();
      const node = s.selectedId ? s.nodesById.get(s.selectedId) : undefined;
      if (node) await clipboardOf(ctx).write([node]);
      return OK;
    },
  },
  {
    id: "paste",
    label: { zh: "粘贴", en: "Paste" },
    shortcut: "Mod+V",
    enabled: () => true,
    async perform(ctx) {
      const read = await clipboardOf(ctx).read();
      if (!read.ok) return refused(ctx, read.message);
      const s = ctx.store.getState();
      const first = pasteTarget(s);
      const end: Place = { parentId: null, index: s.document.blocks.length };
      if (s.dispatch({ type: "paste", blocks: read.blocks, to: first })) return OK;
      // Inside a container that cannot take it: try the end of the page instead.
      if (first.parentId !== null && s.dispatch({ type: "paste", blocks: read.blocks, to: end })) return OK;
      return refused(ctx, PASTE_REFUSED);
    },
  },
  {
    id: "duplicate",
    label: { zh: "创建副本", en: "Duplicate" },
    shortcut: "Mod+D",
    enabled: hasSelection,
    async perform(ctx) {
      const s = ctx.store.getState();
      if (!s.selectedId) return OK;
      return s.dispatch({ type: "duplicate", id: s.selectedId }) ? OK : refused(ctx, DUPLICATE_REFUSED);
    },
  },
  {
    id: "move-up",
    label: { zh: "上移", en: "Move up" },
    shortcut: "Alt+ArrowUp",
    enabled: (s) => {
      const at = s.selectedId ? placeOf(s, s.selectedId) : undefined;
      return at !== undefined && at.index > 0;
    },
    async perform({ store }) {
      const s = store.getState();
      if (s.selectedId) s.dispatch({ type: "move-up", id: s.selectedId });
      return OK;
    },
  },
  {
    id: "move-down",
    label: { zh: "下移", en: "Move down" },
    shortcut: "Alt+ArrowDown",
    enabled: (s) => {
      const at = s.selectedId ? placeOf(s, s.selectedId) : undefined;
      return at !== undefined && at.index < (childrenOf(s, at.parentId)?.length ?? 0) - 1;
    },
    async perform({ store }) {
      const s = store.getState();
      if (s.selectedId) s.dispatch({ type: "move-down", id: s.selectedId });
      return OK;
    },
  },
  {
    id: "delete",
    label: { zh: "删除", en: "Delete" },
    shortcut: "Delete",
    enabled: hasSelection,
    async perform({ store }) {
      const s = store.getState();
      if (s.selectedId) s.dispatch({ type: "remove", id: s.selectedId });
      return OK;
    },
  },
];

export function findCommand(id: CommandId): DesignerCommand {
  const command = COMMANDS.find((c) => c.id === id);
  if (!command) throw new Error(`no command ${id}`);
  return command;
}

/** Whether this browser runs on an Apple platform (⌘ is the command key there). */
export function isMacPlatform(): boolean {
  if (typeof navigator === "undefined") return false;
  return /Mac|iPhone|iPad|iPod/i.test(navigator.platform || navigator.userAgent);
}

/** The parts of a keyboard event shortcuts look at (a DOM KeyboardEvent or React's). */
export interface KeyInput {
  key: string;
  code?: string;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  target?: EventTarget | null;
  isComposing?: boolean;
  preventDefault(): void;
}

/** Whether `event` is `shortcut`: every modifier exactly as written, the key by name (or by its physical key for letters). */
export function matchShortcut(event: KeyInput, shortcut: string, isMac: boolean = isMacPlatform()): boolean {
  const parts = shortcut.split("+");
  const key = parts.pop() ?? "";
  const mods = new Set(parts);
  const wantMeta = mods.has("Meta") || (mods.has("Mod") && isMac);
  const wantCtrl = mods.has("Ctrl") || (mods.has("Mod") && !isMac);
  if (event.metaKey !== wantMeta || event.ctrlKey !== wantCtrl) return false;
  if (event.shiftKey !== mods.has("Shift") || event.altKey !== mods.has("Alt")) return false;
  if (key === "Delete") return event.key === "Delete" || event.key === "Backspace";
  if (key.length === 1) {
    // Alt and non-Latin layouts change event.key; the physical key still says which letter it is.
    return event.key.toLowerCase() === key.toLowerCase() || event.code === `Key${key.toUpperCase()}`;
  }
  return event.key === key;
}

const MAC_SYMBOLS: Record<string, string> = { Mod: "⌘", Meta: "⌘", Ctrl: "⌃", Shift: "⇧", Alt: "⌥" };
const KEY_NAMES: Record<string, { mac: string; other: string }> = {
  ArrowUp: { mac: "↑", other: "↑" },
  ArrowDown: { mac: "↓", other: "↓" },
  Delete: { mac: "⌫", other: "Delete" },
};

/** "Mod+Shift+Z" as shown in menus: ⌘⇧Z on macOS, Ctrl+Shift+Z elsewhere. */
export function formatShortcut(shortcut: string, isMac: boolean = isMacPlatform()): string {
  const parts = shortcut.split("+");
  const key = parts.pop() ?? "";
  const keyName = KEY_NAMES[key]?.[isMac ? "mac" : "other"] ?? key.toUpperCase();
  if (isMac) return parts.map((m) => MAC_SYMBOLS[m] ?? m).join("") + keyName;
  return [...parts.map((m) => (m === "Mod" ? "Ctrl" : m)), keyName].join("+");
}

/** Typing in a field, a select or an editable region keeps its own keys (undo in a text box is the box's). */
function isEditable(target: EventTarget | null | undefined): boolean {
  if (typeof Element === "undefined" || !(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

/**
 * The designer's keydown handler: runs the enabled command whose shortcut the event is and returns
 * true (the event's default is prevented); false for anything else, and for events from fields.
 */
export function handleKeyDown(event: KeyInput, ctx: CommandContext, isMac: boolean = isMacPlatform()): boolean {
  if (event.isComposing || isEditable(event.target)) return false;
  const command = COMMANDS.find((c) => matchShortcut(event, c.shortcut, isMac));
  if (!command?.enabled(ctx.store.getState())) return false;
  event.preventDefault();
  void command.perform(ctx);
  return true;
}
