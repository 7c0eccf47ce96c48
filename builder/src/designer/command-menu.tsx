// Where the registered commands (commands.ts) meet the UI: toolbar buttons, the selected block's
// floating toolbar, the "more" menu and the keyboard. Labels, shortcuts and enabled states all come
// from COMMANDS, so the menu, the toolbar and the keys never disagree.
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "../i18n/index.ts";
import { COMMANDS, type Command, type CommandContext, formatShortcut, handleKeyDown } from "./commands.ts";
import "./messages.ts";
import { notify } from "../shell/toast.ts";
import { useDesigner, useDesignerStore } from "./store/react.tsx";

const IS_MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** The commands of the selected block's floating toolbar, in this order. */
export const BLOCK_TOOLBAR = ["move-up", "move-down", "duplicate", "delete"] as const;

/** Stroke icons (24x24 paths) for the compact buttons; not font glyphs, which many systems lack. */
const ICON_PATHS: Record<string, string> = {
  undo: "M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3",
  redo: "m15 14 5-5-5-5M20 9H9a5 5 0 0 0 0 10h3",
  "move-up": "M12 19V5M5 12l7-7 7 7",
  "move-down": "M12 5v14M19 12l-7 7-7-7",
  duplicate: "M8 8h12v12H8zM4 16V4h12",
  delete: "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
  copy: "M8 8h12v12H8zM4 16V4h12",
  cut: "M6 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM20 4 8.1 15.9M14.5 14.5 20 20M8.1 8.1 12 12",
  paste: "M9 4h6v3H9zM7 5H5v16h14V5h-2",
};

function CommandIcon({ id, fallback }: { id: string; fallback: string }) {
  const d = ICON_PATHS[id];
  if (!d) return <>{fallback}</>;
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      <path d={d} />
    </svg>
  );
}

function byId(id: string): Command | undefined {
  return COMMANDS.find((c) => c.id === id);
}

export function useCommandContext(): CommandContext {
  const store = useDesignerStore();
  return useMemo(() => ({ store, onRefused: (message) => notify.error(new Error(localized(message))) }), [store]);
}

/** Elements where keys belong to the user's typing, not to the designer's shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/** The designer's keyboard: every command's shortcut, on the window, never while typing in a field. */
export function useCommandKeys(): void {
  const ctx = useCommandContext();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      handleKeyDown(e, ctx);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [ctx]);
}

export function CommandButton({ id, compact = false }: { id: string; compact?: boolean }) {
  const { i18n } = useTranslation();
  const ctx = useCommandContext();
  const command = byId(id);
  const enabled = useDesigner((s) => (command ? command.enabled(s) : false));
  if (!command) return null;
  const label = localized(command.label, i18n.language);
  const shortcut = command.shortcut ? formatShortcut(command.shortcut, IS_MAC) : "";
  const title = shortcut ? `${label} (${shortcut})` : label;
  return (
    <button
      type="button"
      className={compact ? "dz-icon-button" : undefined}
      disabled={!enabled}
      title={title}
      aria-label={label}
      aria-keyshortcuts={shortcut || undefined}
      onClick={(e) => {
        e.stopPropagation();
        void command.perform(ctx);
      }}
    >
      {compact ? <CommandIcon id={id} fallback={label} /> : label}
    </button>
  );
}

/** The selected block's floating toolbar: move up/down, duplicate, delete. */
export function BlockCommands(_props: { id: string }) {
  return (
    <span className="dz-block-commands">
      {BLOCK_TOOLBAR.map((id) => (
        <CommandButton key={id} id={id} compact />
      ))}
    </span>
  );
}

/** Every command in a menu, with its shortcut. */
export function CommandMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || !ref.current?.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    window.addEventListener("pointerdown", close);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("pointerdown", close);
      window.removeEventListener("keydown", onKey);
    };
  }, [open]);
  return (
    <div className="dz-menu" ref={ref}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t("designer.more")} ▾
      </button>
      {open && <CommandMenuList close={() => setOpen(false)} />}
    </div>
  );
}

/** The open menu (subscribed to the whole state only while it is open). */
function CommandMenuList({ close }: { close(): void }) {
  const { i18n } = useTranslation();
  const ctx = useCommandContext();
  const state = useDesigner((s) => s);
  return (
    <div className="dz-menu-list" role="menu">
      {COMMANDS.map((c) => (
        <button
          key={c.id}
          type="button"
          role="menuitem"
          disabled={!c.enabled(state)}
          onClick={() => {
            close();
            void c.perform(ctx);
          }}
        >
          <span>{localized(c.label, i18n.language)}</span>
          {c.shortcut && <kbd>{formatShortcut(c.shortcut, IS_MAC)}</kbd>}
        </button>
      ))}
    </div>
  );
}
