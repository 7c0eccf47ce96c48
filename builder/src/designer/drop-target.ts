// Where a dragged block would land, found from the DOM at the pointer: the list under it (the page root,
// a container's columns, or an outline level) and the index among that list's items. Built for large
// pages: one hit test, a binary search over the list's items (about log2(n) rect reads, no writes), no
// measuring of the whole page per move. Canvas and outline mark their lists and items with the
// attributes below, so palette drops, canvas reorders and outline moves all go through this one code.

/** On a list element: the parent block's id ("" for the page root). */
export const LIST_ATTR = "data-drop-list";
/** On a list element: the parent block's type ("" at the root). */
export const LIST_TYPE_ATTR = "data-drop-type";
/** On a list element: the parent's depth (0 for the root, 1 for a root-level container...). */
export const LIST_DEPTH_ATTR = "data-drop-depth";
/** On a list element: how many columns it lays its items in (1 when absent). */
export const LIST_COLUMNS_ATTR = "data-drop-columns";
/** On every item (direct child of its list): the block's id. */
export const ITEM_ATTR = "data-drop-item";

/** Pointer this close to the top or bottom edge of a nested list drops beside its container instead. */
const EDGE = 8;

export interface Point {
  x: number;
  y: number;
}

export interface DragSubject {
  /** The block type being placed. */
  type: string;
  /** Levels of containers below it (0: a leaf or an empty container...). */
  height: number;
  /** The element being dragged, when it is in a list: its own lists are never targets. */
  element: HTMLElement | null;
}

export interface LineBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface DropTarget {
  list: HTMLElement;
  parentId: string | null;
  parentType: string | null;
  /** Index among the list's current items (the dragged one included, where it is in this list). */
  index: number;
  /** False where the list may not hold the subject: no line, and the drop does nothing. */
  allowed: boolean;
  /** Where to draw the insertion line, in viewport coordinates. */
  line: LineBox;
}

export type Accepts = (parentType: string | null, childType: string, parentDepth: number) => boolean;

/** The list a point is over (the deepest one), never one inside the dragged element. */
export function listAt(point: Point, subject: DragSubject, root: Document = document): HTMLElement | null {
  const hit = typeof root.elementFromPoint === "function" ? root.elementFromPoint(point.x, point.y) : null;
  let list = hit instanceof HTMLElement ? hit.closest<HTMLElement>(`[${LIST_ATTR}]`) : null;
  while (list && subject.element?.contains(list)) {
    list = list.parentElement?.closest<HTMLElement>(`[${LIST_ATTR}]`) ?? null;
  }
  // Near the top or bottom edge of a container's list: between containers rather than into one.
  while (list && list.getAttribute(LIST_ATTR) !== "") {
    const rect = list.getBoundingClientRect();
    if (point.y - rect.top > EDGE && rect.bottom - point.y > EDGE) break;
    const outer = list.parentElement?.closest<HTMLElement>(`[${LIST_ATTR}]`) ?? null;
    if (!outer) break;
    list = outer;
  }
  return list;
}

/** The list's items, in order (direct children carrying ITEM_ATTR). */
export function itemsOf(list: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const child of Array.from(list.children)) {
    if (child instanceof HTMLElement && child.hasAttribute(ITEM_ATTR)) out.push(child);
  }
  return out;
}

/** Index in a one-column list: the first item whose middle is below the point (binary search). */
export function verticalIndex(items: readonly { getBoundingClientRect(): DOMRect }[], y: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const item = items[mid];
    if (!item) break;
    const r = item.getBoundingClientRect();
    if (y < r.top + r.height / 2) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index in a grid: before or after the item under (or nearest to) the point, by its horizontal middle. */
export function gridIndex(items: readonly { getBoundingClientRect(): DOMRect }[], point: Point): number {
  let best = items.length;
  let bestDistance = Number.POSITIVE_INFINITY;
  items.forEach((item, i) => {
    const r = item.getBoundingClientRect();
    const dx = point.x < r.left ? r.left - point.x : point.x > r.right ? point.x - r.right : 0;
    const dy = point.y < r.top ? r.top - point.y : point.y > r.bottom ? point.y - r.bottom : 0;
    const distance = dx * dx + dy * dy * 4;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = point.x < r.left + r.width / 2 ? i : i + 1;
    }
  });
  return best;
}

function lineFor(list: HTMLElement, items: readonly HTMLElement[], index: number, columns: number): LineBox {
  const box = list.getBoundingClientRect();
  if (items.length === 0)
    return { left: box.left + 4, top: box.top + box.height / 2 - 1, width: box.width - 8, height: 3 };
  if (columns > 1) {
    const after = index >= items.length;
    const item = items[after ? items.length - 1 : index];
    const r = item ? item.getBoundingClientRect() : box;
    return { left: (after ? r.right : r.left) - 2, top: r.top, width: 3, height: r.height };
  }
  const before = items[index - 1]?.getBoundingClientRect();
  const next = items[index]?.getBoundingClientRect();
  const y =
    before && next ? (before.bottom + next.top) / 2 : next ? next.top - 2 : before ? before.bottom + 2 : box.top;
  return { left: box.left, top: y - 1, width: box.width, height: 3 };
}

/** The drop target at a point, or null when the point is over no list. */
export function findDropTarget(
  point: Point,
  subject: DragSubject,
  accepts: Accepts,
  root: Document = document,
): DropTarget | null {
  const list = listAt(point, subject, root);
  if (!list) return null;
  const parent = list.getAttribute(LIST_ATTR) ?? "";
  const parentType = list.getAttribute(LIST_TYPE_ATTR) || null;
  const depth = Number(list.getAttribute(LIST_DEPTH_ATTR) ?? "0") || 0;
  const columns = Number(list.getAttribute(LIST_COLUMNS_ATTR) ?? "1") || 1;
  const items = itemsOf(list);
  const index = columns > 1 ? gridIndex(items, point) : verticalIndex(items, point.y);
  const allowed = accepts(parentType, subject.type, depth) && fitsDepth(depth, subject.height);
  return {
    list,
    parentId: parent === "" ? null : parent,
    parentType,
    index,
    allowed,
    line: lineFor(list, items, index, columns),
  };
}

/** Depth rule of the document: the root is 0, and nothing may sit deeper than 3 levels. */
export const MAX_DEPTH = 3;

export function fitsDepth(parentDepth: number, subjectHeight: number): boolean {
  return parentDepth + 1 + subjectHeight <= MAX_DEPTH;
}

/**
 * The store's index for a move within or across lists: the target index counted without the moved
 * block (what "move" expects), or null when the block would stay where it is.
 */
export function moveIndex(
  from: { parentId: string | null; index: number },
  to: { parentId: string | null; index: number },
): number | null {
  if (from.parentId !== to.parentId) return to.index;
  if (to.index === from.index || to.index === from.index + 1) return null;
  return to.index > from.index ? to.index - 1 : to.index;
}
