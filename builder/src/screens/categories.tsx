// The two-level category tree (分类管理): create, rename, show/hide, delete (moving the products
// elsewhere when the API asks for it), and the order of each level: drag with @dnd-kit/core, or
// the move up/down buttons for keyboard users.
import {
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import type { TCategory, TCategoryTree } from "@mallwright/schema";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, merchant, messageOf } from "../api/client.ts";
import { useSession } from "../shell/session.ts";
import { attempt, notify } from "../shell/toast.ts";
import { Empty, Failed, Field, Loading, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { Modal } from "./dialog.tsx";
import "./messages.ts";
import "./screens.css";

type TreeItem = TCategoryTree["items"][number];

/** `ids` with `moved` put where `target` is (the drop target's place in the level). */
export function reorderIds(ids: readonly string[], moved: string, target: string): string[] {
  const from = ids.indexOf(moved);
  const to = ids.indexOf(target);
  if (from < 0 || to < 0 || from === to) return [...ids];
  const out = [...ids];
  out.splice(from, 1);
  out.splice(to, 0, moved);
  return out;
}

function siblingsOf(tree: TreeItem[], parentId: string | null): TCategory[] {
  if (parentId === null) return tree;
  return tree.find((c) => c.id === parentId)?.children ?? [];
}

/** The tree with one level put in the order of `ids` (shown at once, while the API saves it). */
function withOrder(tree: TreeItem[], parentId: string | null, ids: string[]): TreeItem[] {
  const sortBy = <T extends { id: string }>(list: T[]) =>
    [...list].sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  if (parentId === null) return sortBy(tree);
  return tree.map((c) => (c.id === parentId ? { ...c, children: sortBy(c.children) } : c));
}

type Editing =
  | { mode: "create"; parentId: string | null }
  | { mode: "rename"; category: TCategory }
  | { mode: "delete"; category: TCategory & { children?: TCategory[] } };

export function CategoriesScreen() {
  const { t } = useTranslation();
  const canManage = useSession((s) => s.can("catalog:manage"));
  const tree = useLoad(() => call(merchant.categories.$get()), []);
  const [editing, setEditing] = useState<Editing>();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor),
  );

  async function saveOrder(parentId: string | null, ids: string[]) {
    if (!tree.data) return;
    const before = tree.data;
    tree.set({ items: withOrder(before.items, parentId, ids) });
    const saved = await attempt(
      () => call(merchant.categories.reorder.$post({ json: { parentId, ids } })),
      t("screens.categories.orderSaved"),
    );
    tree.set(saved ?? before);
  }

  function move(category: TCategory, step: -1 | 1) {
    if (!tree.data) return;
    const ids = siblingsOf(tree.data.items, category.parentId).map((c) => c.id);
    const at = ids.indexOf(category.id);
    const target = ids[at + step];
    if (target === undefined) return;
    void saveOrder(category.parentId, reorderIds(ids, category.id, target));
  }

  function onDragEnd(e: DragEndEvent) {
    if (!tree.data || !e.over) return;
    const moved = String(e.active.id);
    const target = String(e.over.id);
    const all = tree.data.items.flatMap((c) => [c, ...c.children]);
    const a = all.find((c) => c.id === moved);
    const b = all.find((c) => c.id === target);
    if (!a || !b || a.id === b.id) return;
    if (a.parentId !== b.parentId) {
      notify.error(new Error(t("screens.categories.sameLevelOnly")));
      return;
    }
    const ids = siblingsOf(tree.data.items, a.parentId).map((c) => c.id);
    void saveOrder(a.parentId, reorderIds(ids, moved, target));
  }

  async function toggleVisible(c: TCategory) {
    const ok = await attempt(
      () => call(merchant.categories[":id"].$patch({ param: { id: c.id }, json: { visible: !c.visible } })),
      c.visible ? t("screens.categories.hidden") : t("screens.categories.shown"),
    );
    if (ok) tree.reload();
  }

  const items = tree.data?.items ?? [];
  return (
    <section>
      <PageHeader
        title={t("screens.categories.title")}
        actions={
          canManage && (
            <button type="button" className="primary" onClick={() => setEditing({ mode: "create", parentId: null })}>
              {t("screens.categories.create")}
            </button>
          )
        }
      />
      {tree.loading && !tree.data ? (
        <Loading />
      ) : tree.error ? (
        <Failed error={tree.error} retry={tree.reload} />
      ) : items.length === 0 ? (
        <Empty>{t("screens.categories.empty")}</Empty>
      ) : (
        <div className="card flush">
          {canManage && <p className="muted pad">{t("screens.categories.dragHint")}</p>}
          <DndContext sensors={sensors} onDragEnd={onDragEnd}>
            <ul className="category-tree" aria-label={t("screens.categories.title")}>
              {items.map((c, i) => (
                <li key={c.id}>
                  <CategoryRow
                    category={c}
                    first={i === 0}
                    last={i === items.length - 1}
                    canManage={canManage}
                    onMove={move}
                    onEdit={setEditing}
                    onToggle={toggleVisible}
                    onAddChild={() => setEditing({ mode: "create", parentId: c.id })}
                  />
                  {c.children.length > 0 && (
                    <ul className="category-children">
                      {c.children.map((child, j) => (
                        <li key={child.id}>
                          <CategoryRow
                            category={child}
                            first={j === 0}
                            last={j === c.children.length - 1}
                            canManage={canManage}
                            onMove={move}
                            onEdit={setEditing}
                            onToggle={toggleVisible}
                          />
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </DndContext>
        </div>
      )}
      {editing && (editing.mode === "create" || editing.mode === "rename") && (
        <CategoryForm
          editing={editing}
          tree={items}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            tree.reload();
          }}
        />
      )}
      {editing?.mode === "delete" && (
        <DeleteCategoryDialog
          category={editing.category}
          tree={items}
          onClose={() => setEditing(undefined)}
          onDeleted={() => {
            setEditing(undefined);
            tree.reload();
          }}
        />
      )}
    </section>
  );
}

function CategoryRow({
  category,
  first,
  last,
  canManage,
  onMove,
  onEdit,
  onToggle,
  onAddChild,
}: {
  category: TCategory & { children?: TCategory[] };
  first: boolean;
  last: boolean;
  canManage: boolean;
  onMove(c: TCategory, step: -1 | 1): void;
  onEdit(e: Editing): void;
  onToggle(c: TCategory): void;
  onAddChild?(): void;
}) {
  const { t } = useTranslation();
  const drag = useDraggable({ id: category.id, disabled: !canManage });
  const drop = useDroppable({ id: category.id, disabled: !canManage });
  const style = drag.transform
    ? { transform: `translate3d(${drag.transform.x}px, ${drag.transform.y}px, 0)`, zIndex: 2 }
    : undefined;
  return (
    <div
      ref={drop.setNodeRef}
      className={`category-row${drop.isOver && !drag.isDragging ? " drop-over" : ""}${category.visible ? "" : " is-hidden"}`}
      data-testid={`category-${category.id}`}
    >
      <div ref={drag.setNodeRef} style={style} className={drag.isDragging ? "category-main dragging" : "category-main"}>
        {canManage && (
          <button
            type="button"
            className="drag-handle"
            aria-label={t("screens.categories.dragHandle", { name: category.name })}
            {...drag.listeners}
            {...drag.attributes}
          >
            ⋮⋮
          </button>
        )}
        {category.iconUrl && <img className="category-icon" src={category.iconUrl} alt="" />}
        <span className="category-name">{category.name}</span>
        <span className="muted">{t("screens.categories.productCount", { count: category.productCount })}</span>
        {!category.visible && <span className="badge">{t("screens.categories.hiddenBadge")}</span>}
      </div>
      {canManage && (
        <div className="row tight">
          <button
            type="button"
            className="icon"
            disabled={first}
            aria-label={t("screens.categories.moveUp", { name: category.name })}
            onClick={() => onMove(category, -1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon"
            disabled={last}
            aria-label={t("screens.categories.moveDown", { name: category.name })}
            onClick={() => onMove(category, 1)}
          >
            ↓
          </button>
          {onAddChild && (
            <button type="button" className="link" onClick={onAddChild}>
              {t("screens.categories.addChild")}
            </button>
          )}
          <button type="button" className="link" onClick={() => onEdit({ mode: "rename", category })}>
            {t("screens.categories.rename")}
          </button>
          <button type="button" className="link" onClick={() => onToggle(category)}>
            {category.visible ? t("screens.categories.hide") : t("screens.categories.show")}
          </button>
          <button type="button" className="link danger" onClick={() => onEdit({ mode: "delete", category })}>
            {t("app.delete")}
          </button>
        </div>
      )}
    </div>
  );
}

function CategoryForm({
  editing,
  tree,
  onClose,
  onSaved,
}: {
  editing: Extract<Editing, { mode: "create" | "rename" }>;
  tree: TreeItem[];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(editing.mode === "rename" ? editing.category.name : "");
  const [parentId, setParentId] = useState(editing.mode === "create" ? (editing.parentId ?? "") : "");
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const ok =
      editing.mode === "create"
        ? await attempt(
            () => call(merchant.categories.$post({ json: { name, parentId: parentId || null } })),
            t("screens.categories.created"),
          )
        : await attempt(
            () => call(merchant.categories[":id"].$patch({ param: { id: editing.category.id }, json: { name } })),
            t("app.saved"),
          );
    setBusy(false);
    if (ok) onSaved();
  }

  return (
    <Modal
      title={editing.mode === "create" ? t("screens.categories.create") : t("screens.categories.rename")}
      onClose={onClose}
    >
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <Field label={t("screens.categories.name")}>
          <input required maxLength={40} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        {editing.mode === "create" && (
          <Field label={t("screens.categories.parent")}>
            <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="">{t("screens.categories.topLevel")}</option>
              {tree.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <div className="row end">
          <button type="button" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="submit" className="primary" disabled={busy || name.trim() === ""}>
            {t("app.save")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function DeleteCategoryDialog({
  category,
  tree,
  onClose,
  onDeleted,
}: {
  category: TCategory;
  tree: TreeItem[];
  onClose(): void;
  onDeleted(): void;
}) {
  const { t } = useTranslation();
  const [moveTo, setMoveTo] = useState("");
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const targets = tree.flatMap((c) => [c, ...c.children]).filter((c) => c.id !== category.id);

  async function confirm() {
    setBusy(true);
    setProblem(undefined);
    try {
      const out = await call(
        merchant.categories[":id"].$delete({ param: { id: category.id }, query: moveTo ? { moveTo } : {} }),
      );
      notify.ok(
        out.movedProducts > 0
          ? t("screens.categories.deletedMoved", { count: out.movedProducts })
          : t("screens.categories.deleted"),
      );
      onDeleted();
    } catch (err) {
      notify.error(err);
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={t("screens.categories.deleteTitle", { name: category.name })}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="button" className="primary danger-fill" disabled={busy} onClick={() => void confirm()}>
            {t("app.delete")}
          </button>
        </>
      }
    >
      <div className="stack">
        <p>{t("screens.categories.deleteBody")}</p>
        {category.productCount > 0 && (
          <Field label={t("screens.categories.moveProductsTo")} hint={t("screens.categories.moveProductsHint")}>
            <select value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
              <option value="">{t("screens.categories.noTarget")}</option>
              {targets.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.parentId ? `— ${c.name}` : c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </Modal>
  );
}
