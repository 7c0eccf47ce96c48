// The outline: the page's block tree (containers expand and collapse). Click selects, double-click
// renames (names show instead of the type's label), dragging reorders and reparents with the same drop
// code and rules as the canvas (drop-target.ts).
import { useDraggable, useDroppable } from "@dnd-kit/core";
import { findBlock } from "@mallwright/schema";
import { memo, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { BlockIcon } from "./block-icon.tsx";
import { AREA_ATTR, DRAG_ID_ATTR, labelOf, OUTLINE_ROOT } from "./canvas.tsx";
import { ITEM_ATTR, LIST_ATTR, LIST_DEPTH_ATTR, LIST_TYPE_ATTR } from "./drop-target.ts";
import "./messages.ts";
import { useDesigner, useDesignerStore } from "./store/react.tsx";

export function Outline() {
  const { t } = useTranslation();
  const ids = useDesigner((s) => s.document.blocks);
  const { setNodeRef } = useDroppable({ id: OUTLINE_ROOT, data: { parentId: null } });
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <nav className="dz-outline" aria-label={t("designer.outline.title")}>
      {ids.length === 0 && <p className="muted">{t("designer.outline.empty")}</p>}
      <ul
        ref={setNodeRef}
        className="dz-outline-list"
        {...{ [LIST_ATTR]: "", [LIST_DEPTH_ATTR]: "0", [AREA_ATTR]: "outline" }}
      >
        {ids.map((b) => (
          <OutlineNode key={b.id} id={b.id} depth={1} collapsed={collapsed} toggle={toggle} />
        ))}
      </ul>
    </nav>
  );
}

interface NodeProps {
  id: string;
  depth: number;
  collapsed: ReadonlySet<string>;
  toggle(id: string): void;
}

const OutlineNode = memo(function OutlineNode({ id, depth, collapsed, toggle }: NodeProps) {
  const { t, i18n } = useTranslation();
  const store = useDesignerStore();
  const node = useDesigner((s) => s.nodesById.get(id));
  const selected = useDesigner((s) => s.selectedId === id);
  const hasProblems = useDesigner((s) => (s.problems[id]?.length ?? 0) > 0);
  const [renaming, setRenaming] = useState(false);
  const dragId = `outline:${id}`;
  const { attributes, listeners, setNodeRef } = useDraggable({ id: dragId, data: { kind: "block", id } });
  const listDrop = useDroppable({ id: `outline:list:${id}`, data: { parentId: id }, disabled: !node?.children });
  const row = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) row.current?.scrollIntoView?.({ block: "nearest" });
  }, [selected]);
  if (!node) return null;
  const def = findBlock(node.type);
  const label = labelOf(node, i18n.language);
  const isCollapsed = collapsed.has(id);
  return (
    <li ref={setNodeRef} className="dz-outline-item" {...{ [ITEM_ATTR]: id, [DRAG_ID_ATTR]: dragId }}>
      {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/useKeyWithClickEvents: the row holds the rename input and the twisty button; dnd-kit's listeners give it its keys (space or enter picks it up) */}
      <div
        ref={row}
        className={`dz-outline-row${selected ? " is-selected" : ""}${hasProblems ? " has-problems" : ""}`}
        aria-current={selected ? "true" : undefined}
        aria-expanded={node.children ? !isCollapsed : undefined}
        {...attributes}
        role="button"
        tabIndex={0}
        {...listeners}
        title={t("designer.outline.rename")}
        onClick={() => store.getState().select(id)}
        onDoubleClick={() => setRenaming(true)}
      >
        {node.children ? (
          <button
            type="button"
            className="dz-twisty"
            aria-label={t(isCollapsed ? "designer.outline.expand" : "designer.outline.collapse")}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={(e) => {
              e.stopPropagation();
              toggle(id);
            }}
          >
            {isCollapsed ? "▸" : "▾"}
          </button>
        ) : (
          <span className="dz-twisty" />
        )}
        <BlockIcon icon={def?.icon ?? ""} size={16} />
        {renaming ? (
          <RenameInput
            initial={node.name ?? ""}
            placeholder={label}
            onDone={(name) => {
              setRenaming(false);
              if (name !== null && name !== (node.name ?? "")) store.getState().dispatch({ type: "rename", id, name });
            }}
          />
        ) : (
          <span className="dz-outline-label">{label}</span>
        )}
      </div>
      {node.children && !isCollapsed && (
        <ul
          ref={listDrop.setNodeRef}
          className="dz-outline-list dz-outline-children"
          {...{ [LIST_ATTR]: id, [LIST_TYPE_ATTR]: node.type, [LIST_DEPTH_ATTR]: String(depth) }}
        >
          {node.children.map((c) => (
            <OutlineNode key={c.id} id={c.id} depth={depth + 1} collapsed={collapsed} toggle={toggle} />
          ))}
        </ul>
      )}
    </li>
  );
});

function RenameInput({
  initial,
  placeholder,
  onDone,
}: {
  initial: string;
  placeholder: string;
  onDone(name: string | null): void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const finish = (name: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(name === null ? null : name.trim());
  };
  return (
    <input
      // biome-ignore lint/a11y/noAutofocus: renaming starts from a double-click on the row
      autoFocus
      className="dz-rename"
      aria-label={t("designer.outline.renameField")}
      value={value}
      maxLength={40}
      placeholder={placeholder}
      onChange={(e) => setValue(e.target.value)}
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter") finish(value);
        if (e.key === "Escape") finish(null);
      }}
      onBlur={() => finish(value)}
    />
  );
}
