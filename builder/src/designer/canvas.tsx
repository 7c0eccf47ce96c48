// The canvas and the designer's drag and drop. One DndContext spans palette, outline and canvas; the
// drop target (list + index) is found from the DOM by drop-target.ts and kept in a ref, never in the
// store, and the insertion line is moved by writing its style: a pointer move renders nothing in React.
// Collision detection answers only which area (canvas or outline) is under the pointer, so dnd-kit's
// `over` changes when the pointer crosses areas, not per block. Canvas blocks are not dnd-kit
// draggables each: every useDraggable re-renders when a drag starts or ends, which cost ~200 ms on a
// 500-block page. One draggable for the whole canvas is armed on pointerdown / keydown with the block
// under it (its data and node are set to that block), so a drag re-renders no block. The canvas's
// dnd-kit hooks live in a leaf component (CanvasDndHooks), so dnd-kit's re-renders never reach
// Canvas and its list of blocks; container lists are no dnd-kit droppables, and the dragged block
// is dimmed by a class set on its element, not through the store. Each canvas block is a memoised
// component subscribed to its own node by id.
import {
  type Active,
  type Announcements,
  type ClientRect,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  MeasuringStrategy,
  type Modifier,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { getEventCoordinates } from "@dnd-kit/utilities";
import { findBlock, type TBlockNode } from "@mallwright/schema";
import type { TFunction } from "i18next";
import {
  createContext,
  type KeyboardEvent,
  type MouseEvent,
  memo,
  type PointerEvent,
  type ReactNode,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { BlockView, themeStyle } from "../blocks/index.tsx";
import { TabBarView } from "../blocks/tab-bar.tsx";
import { localized } from "../i18n/index.ts";
import { BlockIcon } from "./block-icon.tsx";
import { useCanvasEnv } from "./canvas-env.ts";
import { BlockCommands } from "./command-menu.tsx";
import {
  type DragSubject,
  type DropTarget,
  findDropTarget,
  ITEM_ATTR,
  LIST_ATTR,
  LIST_COLUMNS_ATTR,
  LIST_DEPTH_ATTR,
  LIST_TYPE_ATTR,
} from "./drop-target.ts";
import "./messages.ts";
import { canHold, newBlock } from "./new-block.ts";
import type { DesignerStore } from "./store/index.ts";
import { useDesigner, useDesignerStore } from "./store/react.tsx";

/** What a draggable carries: a palette entry (a new block of a type) or an existing block. */
export type DragData = { kind: "palette"; type: string } | { kind: "block"; id: string };

/** Attribute naming a draggable's element (so the drag can find it: its own lists are no targets). */
export const DRAG_ID_ATTR = "data-drag-id";
/** On the root list of an area: which one ("canvas" or "outline"). */
export const AREA_ATTR = "data-drop-area";

export const CANVAS_ROOT = "canvas:root";
export const OUTLINE_ROOT = "outline:root";
const NO_COLLISIONS: ReturnType<CollisionDetection> = [];
const KEYBOARD_CODES = { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] };
/**
 * dnd-kit measures every droppable when a drag starts; that forced a layout of the whole page
 * (~55 ms on 500 blocks). The drop target comes from the DOM under the pointer (drop-target.ts), so
 * droppable rects are never read: they are not measured.
 */
const NO_RECT = { top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0 };
const MEASURING = { droppable: { strategy: MeasuringStrategy.BeforeDragging, measure: () => NO_RECT } };
/** On the element of the block being dragged (the canvas dims it), set and removed by the drag itself. */
const DRAGGING_CLASS = "is-dragging";
/** The one draggable standing for whichever canvas block a drag starts on. */
export const CANVAS_BLOCKS = "canvas:blocks";
const OVER_CANVAS: ReturnType<CollisionDetection> = [{ id: CANVAS_ROOT }];
const OVER_OUTLINE: ReturnType<CollisionDetection> = [{ id: OUTLINE_ROOT }];

function dragDataOf(active: Active | null): DragData | null {
  const data = active?.data.current;
  if (!data) return null;
  if (data.kind === "palette" && typeof data.type === "string") return { kind: "palette", type: data.type };
  if (data.kind === "block" && typeof data.id === "string") return { kind: "block", id: data.id };
  return null;
}

/** Levels of containers below a block (0 for a leaf; a container counts its own level even when empty). */
export function heightOf(node: TBlockNode): number {
  if (node.children === undefined) return 0;
  return 1 + node.children.reduce((h, c) => Math.max(h, heightOf(c)), 0);
}

export function labelOf(node: TBlockNode, lng?: string): string {
  if (node.name) return node.name;
  const def = findBlock(node.type);
  return def ? localized(def.label, lng) : node.type;
}

interface DragSession {
  data: DragData;
  /** The dragged block's element on the canvas, dimmed while it moves. */
  dimmed?: HTMLElement | null;
  subject: DragSubject;
  label: string;
  icon: string;
  target: DropTarget | null;
  /** What the last announcement said about the target (announce only changes). */
  announced: string;
}

/** Where a keyboard drag points: near the top of the moved box (the keyboard moves it in steps). */
function keyboardPoint(rect: ClientRect) {
  return { x: rect.left + rect.width / 2, y: rect.top + Math.min(rect.height / 2, 16) };
}

/** The drag overlay sits just below-right of the pointer, whatever size the dragged block is. */
const followPointer: Modifier = ({ activatorEvent, draggingNodeRect, transform }) => {
  if (!activatorEvent || !draggingNodeRect) return transform;
  const start = getEventCoordinates(activatorEvent);
  if (!start || activatorEvent instanceof globalThis.KeyboardEvent) return transform;
  return {
    ...transform,
    x: transform.x + start.x - draggingNodeRect.left + 12,
    y: transform.y + start.y - draggingNodeRect.top + 12,
  };
};

function paintLine(el: HTMLElement | null, target: DropTarget | null) {
  if (!el) return;
  if (!target?.allowed) {
    el.style.display = "none";
    return;
  }
  const { left, top, width, height } = target.line;
  el.style.display = "block";
  el.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  el.style.width = `${Math.round(width)}px`;
  el.style.height = `${Math.round(height)}px`;
}

/** Drops a drag on its target: a palette entry is inserted, a block moved. Returns whether it applied. */
export function applyDrop(store: DesignerStore, data: DragData, target: DropTarget | null): boolean {
  if (!target?.allowed) return false;
  const to = { parentId: target.parentId, index: target.index };
  const state = store.getState();
  if (data.kind === "palette") {
    const block = newBlock(data.type);
    const ok = state.dispatch({ type: "insert", block, to });
    if (ok) state.select(block.id);
    return ok;
  }
  return state.dispatch({ type: "move", id: data.id, to });
}

function whereLabel(target: DropTarget, store: DesignerStore, t: TFunction, lng: string) {
  if (target.parentId === null) return t("designer.drag.page");
  const node = store.getState().nodesById.get(target.parentId);
  return t("designer.drag.inside", { label: node ? labelOf(node, lng) : target.parentId });
}

export function DesignerDnd({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const store = useDesignerStore();
  const session = useRef<DragSession | null>(null);
  const line = useRef<HTMLDivElement>(null);
  const [overlay, setOverlay] = useState<{ label: string; icon: string } | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    // Space picks a block up (Enter selects it: CanvasBlock); Space or Enter drops it.
    useSensor(KeyboardSensor, { keyboardCodes: KEYBOARD_CODES }),
  );

  const collisionDetection = useCallback<CollisionDetection>(({ pointerCoordinates, collisionRect }) => {
    const s = session.current;
    if (!s) return NO_COLLISIONS;
    const point = pointerCoordinates ?? keyboardPoint(collisionRect);
    const target = findDropTarget(point, s.subject, canHold);
    s.target = target;
    paintLine(line.current, target);
    if (!target) return NO_COLLISIONS;
    return target.list.closest(`[${AREA_ATTR}="outline"]`) ? OVER_OUTLINE : OVER_CANVAS;
  }, []);

  const end = useCallback(() => {
    session.current?.dimmed?.classList.remove(DRAGGING_CLASS);
    session.current = null;
    paintLine(line.current, null);
    setOverlay(null);
  }, []);

  const onDragStart = useCallback(
    ({ active }: DragStartEvent) => {
      const data = dragDataOf(active);
      if (!data) return;
      const lng = i18n.language;
      if (data.kind === "palette") {
        const def = findBlock(data.type);
        if (!def) return;
        const height = def.children ? 1 : 0;
        session.current = {
          data,
          subject: { type: data.type, height, element: null },
          label: localized(def.label, lng),
          icon: def.icon,
          target: null,
          announced: "",
        };
      } else {
        const node = store.getState().nodesById.get(data.id);
        if (!node) return;
        // The canvas's one draggable stands for the block it was armed with.
        const dragKey = active.id === CANVAS_BLOCKS ? `block:${data.id}` : String(active.id);
        const element = document.querySelector<HTMLElement>(`[${DRAG_ID_ATTR}="${CSS.escape(dragKey)}"]`);
        // The block on the canvas is dimmed by its class, not through the store: a store change at
        // drag start renders in the same task as dnd-kit's own state (store updates flush at once).
        const dimmed = document.querySelector<HTMLElement>(
          `[${AREA_ATTR}="canvas"] [${ITEM_ATTR}="${CSS.escape(data.id)}"]`,
        );
        dimmed?.classList.add(DRAGGING_CLASS);
        session.current = {
          data,
          dimmed,
          subject: { type: node.type, height: heightOf(node), element },
          label: labelOf(node, lng),
          icon: findBlock(node.type)?.icon ?? "",
          target: null,
          announced: "",
        };
      }
      const s = session.current;
      setOverlay({ label: s.label, icon: s.icon });
    },
    [store, i18n],
  );

  const onDragEnd = useCallback(
    (_event: DragEndEvent) => {
      const s = session.current;
      end();
      if (s) applyDrop(store, s.data, s.target);
    },
    [store, end],
  );

  const announcements = useMemo<Announcements>(() => {
    const describe = (s: DragSession, done: boolean): string => {
      const target = s.target;
      if (!target) return t(done ? "designer.drag.endNowhere" : "designer.drag.nowhere", { label: s.label });
      if (!target.allowed) return t(done ? "designer.drag.endNowhere" : "designer.drag.refused", { label: s.label });
      return t(done ? "designer.drag.end" : "designer.drag.at", {
        label: s.label,
        where: whereLabel(target, store, t, i18n.language),
        position: target.index + 1,
      });
    };
    let last: DragSession | null = null;
    return {
      onDragStart: () => {
        last = session.current;
        return last ? t("designer.drag.start", { label: last.label }) : undefined;
      },
      onDragMove: () => {
        const s = session.current;
        if (!s) return undefined;
        const text = describe(s, false);
        if (text === s.announced) return undefined;
        s.announced = text;
        return text;
      },
      onDragOver: () => undefined,
      onDragEnd: () => (last ? describe(last, true) : undefined),
      onDragCancel: () => (last ? t("designer.drag.cancel", { label: last.label }) : undefined),
    };
  }, [t, i18n.language, store]);

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={end}
      // Only the few lists are droppables and the hit test reads the DOM itself: measure them once
      // the drag has started, not on every change of the page.
      measuring={MEASURING}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("designer.drag.instructions") } }}
    >
      {children}
      <div ref={line} className="dz-insertion-line" aria-hidden />
      <DragOverlay dropAnimation={null} modifiers={[followPointer]} className="dz-overlay-wrap">
        {overlay && (
          <div className="dz-overlay">
            <BlockIcon icon={overlay.icon} size={16} />
            {overlay.label}
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}

/** Depth of the parent a canvas block renders in (0: the page root). */
const DepthContext = createContext(0);
/** The id of dnd-kit's screen-reader instructions, for the blocks' aria-describedby. */
const DragDescription = createContext<string | undefined>(undefined);

/** What the canvas needs from its dnd-kit hooks (CanvasDndHooks), read in its event handlers. */
interface CanvasDndHandle {
  listeners: ReturnType<typeof useDraggable>["listeners"];
  setDragNode(el: HTMLElement | null): void;
}

/**
 * The canvas's dnd-kit hooks (its root droppable and the one draggable for every block), in a leaf
 * that renders nothing: dnd-kit re-renders every user of its hooks when a drag starts, crosses an
 * area and ends, and a re-render of Canvas itself checks all its blocks (~40 ms on 500 blocks).
 */
function CanvasDndHooks({
  handle,
  list,
  armed,
  onDescribedBy,
}: {
  handle: { current: CanvasDndHandle | null };
  list: { current: HTMLElement | null };
  armed: { kind: "block"; id: string };
  onDescribedBy(id: string | undefined): void;
}) {
  const { setNodeRef } = useDroppable({ id: CANVAS_ROOT, data: { parentId: null } });
  const drag = useDraggable({ id: CANVAS_BLOCKS, data: armed });
  const describedBy = drag.attributes["aria-describedby"];
  useLayoutEffect(() => {
    handle.current = { listeners: drag.listeners, setDragNode: drag.setNodeRef };
  });
  useLayoutEffect(() => setNodeRef(list.current), [setNodeRef, list]);
  useLayoutEffect(() => onDescribedBy(describedBy), [onDescribedBy, describedBy]);
  return null;
}

/** The canvas: a phone frame of the chosen width, the page's blocks in it. */
export function Canvas() {
  const { t } = useTranslation();
  const viewport = useDesigner((s) => s.viewport);
  const blocks = useDesigner((s) => s.document.blocks);
  const store = useDesignerStore();
  const env = useCanvasEnv();
  const style = useMemo(() => themeStyle(env.theme), [env.theme]);
  // The canvas blocks' one draggable: armed with the block an event starts on (see the file comment).
  const armed = useRef<{ kind: "block"; id: string }>({ kind: "block", id: "" });
  const dnd = useRef<CanvasDndHandle | null>(null);
  const list = useRef<HTMLElement | null>(null);
  const [describedBy, setDescribedBy] = useState<string | undefined>(undefined);
  const arm = useCallback((target: EventTarget | null): boolean => {
    const el = target instanceof Element ? target.closest<HTMLElement>(`[${ITEM_ATTR}]`) : null;
    const id = el?.getAttribute(ITEM_ATTR);
    if (!el || !id || !dnd.current || el.closest(`[${AREA_ATTR}]`)?.getAttribute(AREA_ATTR) !== "canvas") return false;
    armed.current.id = id;
    dnd.current.setDragNode(el);
    return true;
  }, []);
  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      if (arm(e.target)) dnd.current?.listeners?.onPointerDown?.(e);
    },
    [arm],
  );
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      // Only from a block itself (not a field inside one), and not a key the block already used.
      if (e.defaultPrevented || !(e.target instanceof Element) || !e.target.hasAttribute(ITEM_ATTR)) return;
      if (arm(e.target)) dnd.current?.listeners?.onKeyDown?.(e);
    },
    [arm],
  );
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a click on the empty canvas clears the selection; the keyboard has Escape
    <div className="dz-canvas" onClick={() => store.getState().select(null)}>
      <CanvasDndHooks handle={dnd} list={list} armed={armed.current} onDescribedBy={setDescribedBy} />
      <div className="dz-phone" style={{ ...style, width: viewport }}>
        <DragDescription.Provider value={describedBy}>
          <section
            ref={list}
            onPointerDown={onPointerDown}
            onKeyDown={onKeyDown}
            className="dz-list dz-root-list"
            aria-label={t("designer.canvas.label")}
            {...{ [LIST_ATTR]: "", [LIST_DEPTH_ATTR]: "0", [AREA_ATTR]: "canvas" }}
          >
            {blocks.map((b) => (
              <CanvasBlock key={b.id} id={b.id} />
            ))}
            {blocks.length === 0 && <div className="dz-empty-page">{t("designer.canvas.empty")}</div>}
          </section>
        </DragDescription.Provider>
        {env.tabBar && <TabBarView tabBar={env.tabBar.bar} current={env.tabBar.home ? "home" : undefined} />}
      </div>
    </div>
  );
}

/**
 * The children of a container on the canvas: a grid of its columns, a drop list for drop-target.ts
 * (found in the DOM by its attributes; no dnd-kit droppable, whose hook would re-render it on every
 * drag start and end).
 */
function ContainerChildren({ node }: { node: TBlockNode }) {
  const { t } = useTranslation();
  const depth = useContext(DepthContext);
  const columns = typeof node.props.columns === "number" ? node.props.columns : 1;
  const gap = typeof node.props.gap === "number" ? node.props.gap : 0;
  const children = node.children ?? [];
  return (
    <div
      className="dz-list dz-container-list"
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap }}
      {...{
        [LIST_ATTR]: node.id,
        [LIST_TYPE_ATTR]: node.type,
        [LIST_DEPTH_ATTR]: String(depth),
        [LIST_COLUMNS_ATTR]: String(columns),
      }}
    >
      {children.map((c) => (
        <CanvasBlock key={c.id} id={c.id} />
      ))}
      {children.length === 0 && <div className="dz-empty-container">{t("designer.canvas.emptyContainer")}</div>}
    </div>
  );
}

function renderChildren(_children: TBlockNode[], node: TBlockNode): ReactNode {
  return <ContainerChildren node={node} />;
}

/** The block's view, re-rendered only when its node (or the canvas data and theme) changes. */
const BlockContent = memo(function BlockContent({ node }: { node: TBlockNode }) {
  const env = useCanvasEnv();
  return <BlockView node={node} ctx={env} renderChildren={renderChildren} editing />;
});

/** One block on the canvas, subscribed to its own node: a change re-renders only this block. */
export const CanvasBlock = memo(function CanvasBlock({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const store = useDesignerStore();
  const depth = useContext(DepthContext) + 1;
  const node = useDesigner((s) => s.nodesById.get(id));
  const selected = useDesigner((s) => s.selectedId === id);
  const problems = useDesigner((s) => s.problems[id]);
  const dragId = `block:${id}`;
  const describedBy = useContext(DragDescription);
  const onClick = useCallback(
    (e: MouseEvent) => {
      e.stopPropagation();
      store.getState().select(id);
    },
    [store, id],
  );
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.defaultPrevented || e.target !== e.currentTarget) return;
      if (e.key === "Enter" && !e.shiftKey) {
        // Enter selects; the canvas's one draggable picks a block up with Space.
        e.preventDefault();
        store.getState().select(id);
      }
    },
    [store, id],
  );
  if (!node) return null;
  const label = labelOf(node, i18n.language);
  const className = [
    "dz-block",
    depth === 1 ? "dz-block-root" : "",
    node.children ? "dz-block-container" : "",
    selected ? "is-selected" : "",
    problems && problems.length > 0 ? "has-problems" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    // biome-ignore lint/a11y/useSemanticElements: a block holds any content, nested blocks too, which a <button> may not contain
    <div
      className={className}
      role="button"
      tabIndex={0}
      aria-roledescription={t("designer.drag.roleDescription")}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      onClick={onClick}
      aria-label={label}
      aria-current={selected ? "true" : undefined}
      {...{ [ITEM_ATTR]: id, [DRAG_ID_ATTR]: dragId }}
    >
      <DepthContext.Provider value={depth}>
        <div className="dz-content">
          <BlockContent node={node} />
        </div>
      </DepthContext.Provider>
      {problems && problems.length > 0 && (
        <span className="dz-problem-badge" title={problems.join("\n")}>
          {t("designer.canvas.problems", { count: problems.length })}
        </span>
      )}
      {selected && (
        // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: stops the block's own click and drag
        <div
          className="dz-block-toolbar"
          onClick={(e) => e.stopPropagation()}
          onPointerDown={(e) => e.stopPropagation()}
        >
          <span className="dz-block-name">{label}</span>
          <BlockCommands id={id} />
        </div>
      )}
    </div>
  );
});
