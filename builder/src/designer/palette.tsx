// The palette: every registry block, grouped by BLOCK_GROUPS and searchable by its Chinese or English
// label. Drag an entry onto the canvas (same drop code as reordering), or click it to add the block
// right after the selected one (or at the end of the page).
import { useDraggable } from "@dnd-kit/core";
import { BLOCK_GROUPS, BLOCKS, type BlockDefinition } from "@mallwright/schema";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "../i18n/index.ts";
import { notify } from "../shell/toast.ts";
import { BlockIcon } from "./block-icon.tsx";
import { DRAG_ID_ATTR } from "./canvas.tsx";
import "./messages.ts";
import { canHold, newBlock } from "./new-block.ts";
import type { DesignerStore } from "./store/index.ts";
import { useDesignerStore } from "./store/react.tsx";

type Entry = Pick<BlockDefinition, "type" | "label" | "icon" | "group">;

/** Entries matching a search (either language's label, or the type), in registry order. */
export function searchBlocks(blocks: readonly Entry[], query: string): Entry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...blocks];
  return blocks.filter(
    (b) => b.label.zh.toLowerCase().includes(q) || b.label.en.toLowerCase().includes(q) || b.type.includes(q),
  );
}

/** Adds a block after the selection (where its parent may hold it), else at the end of the page. */
export function appendBlock(store: DesignerStore, type: string): string | null {
  const state = store.getState();
  const block = newBlock(type);
  const sel = state.selectedId;
  const places: { parentId: string | null; index: number }[] = [];
  if (sel !== null) {
    const parentId = state.parentOf.get(sel) ?? null;
    const siblings = parentId === null ? state.document.blocks : (state.nodesById.get(parentId)?.children ?? []);
    const index = siblings.findIndex((n) => n.id === sel);
    let depth = 0;
    for (let p = parentId; p !== null; p = state.parentOf.get(p) ?? null) depth++;
    const parentType = parentId === null ? null : (state.nodesById.get(parentId)?.type ?? null);
    if (index >= 0 && canHold(parentType, type, depth)) places.push({ parentId, index: index + 1 });
  }
  places.push({ parentId: null, index: state.document.blocks.length });
  for (const to of places) {
    if (state.dispatch({ type: "insert", block, to })) {
      store.getState().select(block.id);
      return block.id;
    }
  }
  return null;
}

function PaletteItem({ entry }: { entry: Entry }) {
  const { t, i18n } = useTranslation();
  const store = useDesignerStore();
  const label = localized(entry.label, i18n.language);
  const dragId = `palette:${entry.type}`;
  const { attributes, listeners, setNodeRef } = useDraggable({
    id: dragId,
    data: { kind: "palette", type: entry.type },
  });
  return (
    <li>
      <button
        ref={setNodeRef}
        type="button"
        className="dz-palette-item"
        {...attributes}
        {...listeners}
        aria-label={t("designer.palette.add", { label })}
        title={t("designer.palette.hint")}
        {...{ [DRAG_ID_ATTR]: dragId }}
        onClick={() => {
          const id = appendBlock(store, entry.type);
          if (id) {
            notify.ok(t("designer.palette.added", { label }));
            requestAnimationFrame(() =>
              document.querySelector(`[data-drop-item="${id}"]`)?.scrollIntoView?.({ block: "nearest" }),
            );
          } else notify.error(new Error(t("designer.palette.refused", { label })));
        }}
      >
        <BlockIcon icon={entry.icon} />
        <span>{label}</span>
      </button>
    </li>
  );
}

export function Palette() {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const found = useMemo(() => searchBlocks(BLOCKS, query), [query]);
  return (
    <div className="dz-palette">
      <input
        type="search"
        className="dz-search"
        placeholder={t("designer.palette.search")}
        aria-label={t("designer.palette.search")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {found.length === 0 && <p className="muted">{t("designer.palette.none", { q: query.trim() })}</p>}
      {BLOCK_GROUPS.map((group) => {
        const entries = found.filter((b) => b.group === group);
        if (entries.length === 0) return null;
        return (
          <section key={group} className="dz-palette-group" aria-label={t(`designer.groups.${group}`)}>
            <h3>{t(`designer.groups.${group}`)}</h3>
            <ul>
              {entries.map((e) => (
                <PaletteItem key={e.type} entry={e} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
