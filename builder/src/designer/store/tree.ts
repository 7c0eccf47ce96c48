// The document slice's tree operations, shared by the reducers: the flat indexes (nodesById,
// parentOf) built once and then patched per change with structural sharing (only the changed node
// and its ancestors get new objects), plus the placement rules every insert and move checks.
import { findBlock, PAGE_LIMITS, type TBlockNode, type TPageDocument, ZBlockNode } from "@mallwright/schema";
import type { DesignerAction, DocumentSlice, Place } from "./types.ts";

/** What a reducer returns: the next slice, the actions that undo it, and the ones that redo it exactly. */
export interface Reduction {
  slice: DocumentSlice;
  /** Applied in order, they bring the slice back to what it was. */
  inverse: DesignerAction[];
  /** Deterministic replay (duplicate and paste become inserts with the ids they produced). */
  redo: DesignerAction[];
  /** The block to select afterwards (insert, paste, duplicate). */
  select?: string;
}

export type Reducer<T extends DesignerAction["type"]> = (
  slice: DocumentSlice,
  action: Extract<DesignerAction, { type: T }>,
) => Reduction | null;

/** The indexes of a whole document (on load and replace-document). */
export function indexDocument(document: TPageDocument): DocumentSlice {
  const nodesById = new Map<string, TBlockNode>();
  const parentOf = new Map<string, string | null>();
  indexNodes(document.blocks, null, nodesById, parentOf);
  return { document, nodesById, parentOf };
}

function indexNodes(
  nodes: readonly TBlockNode[],
  parentId: string | null,
  byId: Map<string, TBlockNode>,
  parents: Map<string, string | null>,
): void {
  for (const node of nodes) {
    byId.set(node.id, node);
    parents.set(node.id, parentId);
    if (node.children) indexNodes(node.children, node.id, byId, parents);
  }
}

/** The children of a parent (null: the page root); undefined for an unknown id or a block that holds none. */
export function childrenOf(slice: DocumentSlice, parentId: string | null): readonly TBlockNode[] | undefined {
  if (parentId === null) return slice.document.blocks;
  return slice.nodesById.get(parentId)?.children;
}

/** Where a block is now; undefined for an unknown id. */
export function placeOf(slice: DocumentSlice, id: string): Place | undefined {
  const parentId = slice.parentOf.get(id);
  if (parentId === undefined) return undefined;
  const index = childrenOf(slice, parentId)?.findIndex((n) => n.id === id) ?? -1;
  return index < 0 ? undefined : { parentId, index };
}

/** Nesting level of a block: 1 at the page root; 0 for the root itself (null). */
export function depthOf(slice: DocumentSlice, id: string | null): number {
  let depth = 0;
  for (let at = id; at !== null && at !== undefined; at = slice.parentOf.get(at) ?? null) depth++;
  return depth;
}

/**
 * Levels a subtree occupies. A block holding children (even none yet: `children: []`) needs the
 * level below it, as checkNesting counts it, so an empty container takes two.
 */
export function blockLevels(node: TBlockNode): number {
  if (node.children === undefined) return 1;
  return 1 + Math.max(1, ...node.children.map(blockLevels));
}

export function* subtree(node: TBlockNode): Generator<TBlockNode> {
  yield node;
  for (const child of node.children ?? []) yield* subtree(child);
}

/** Whether `id` is `ancestor` or lies inside it. */
export function isWithin(slice: DocumentSlice, id: string | null, ancestor: string): boolean {
  for (let at = id; at !== null && at !== undefined; at = slice.parentOf.get(at) ?? null) {
    if (at === ancestor) return true;
  }
  return false;
}

/**
 * Checks a block (and what it holds) on its own: the node's shape, a known type, props valid
 * against the registry, children only where allowed (types and count), ids unique inside it.
 */
export function isValidSubtree(node: TBlockNode): boolean {
  if (!ZBlockNode.safeParse(node).success) return false;
  const ids = new Set<string>();
  const check = (n: TBlockNode): boolean => {
    if (ids.has(n.id)) return false;
    ids.add(n.id);
    const def = findBlock(n.type);
    if (!def?.props.safeParse(n.props).success) return false;
    if (n.children === undefined) return true;
    if (!def.children || n.children.length > def.children.max) return false;
    const rule = def.children;
    return n.children.every((c) => (rule.types === "any" || rule.types.includes(c.type)) && check(c));
  };
  return check(node);
}

/** Blocks of `type` in the document. */
export function countOfType(slice: DocumentSlice, type: string): number {
  let n = 0;
  for (const node of slice.nodesById.values()) if (node.type === type) n++;
  return n;
}

/**
 * Whether `node` may go to `to`. `moving`: the block is already in the document (a move), so the
 * page's counts do not grow and it may not go into itself; the index is an insertion point among
 * the target's children as they are now.
 */
export function canPlace(slice: DocumentSlice, node: TBlockNode, to: Place, moving = false): boolean {
  const siblings = childrenOf(slice, to.parentId);
  if (!siblings) return false;
  if (!Number.isInteger(to.index) || to.index < 0 || to.index > siblings.length) return false;
  if (to.parentId !== null) {
    const parent = slice.nodesById.get(to.parentId);
    const rule = parent ? findBlock(parent.type)?.children : undefined;
    if (!rule) return false;
    if (rule.types !== "any" && !rule.types.includes(node.type)) return false;
    const already = moving && slice.parentOf.get(node.id) === to.parentId;
    if (!already && siblings.length + 1 > rule.max) return false;
    if (moving && isWithin(slice, to.parentId, node.id)) return false;
  }
  if (depthOf(slice, to.parentId) + blockLevels(node) > PAGE_LIMITS.depth) return false;
  if (moving) return true;
  const added = [...subtree(node)];
  if (slice.nodesById.size + added.length > PAGE_LIMITS.draftBlocks) return false;
  if (added.some((n) => slice.nodesById.has(n.id))) return false;
  const byType = new Map<string, number>();
  for (const n of added) byType.set(n.type, (byType.get(n.type) ?? 0) + 1);
  for (const [type, n] of byType) {
    const max = findBlock(type)?.limits.maxPerPage;
    if (max !== undefined && countOfType(slice, type) + n > max) return false;
  }
  return true;
}

/**
 * A copy-on-write editor of a slice: the indexes are copied once, the document and the ancestors of
 * what changes are rebuilt; everything else keeps its identity.
 */
export class SliceDraft {
  private document: TPageDocument;
  private readonly byId: Map<string, TBlockNode>;
  private parents: Map<string, string | null> | null = null;
  private readonly base: DocumentSlice;

  constructor(slice: DocumentSlice) {
    this.base = slice;
    this.document = slice.document;
    this.byId = new Map(slice.nodesById);
  }

  private get parentMap(): Map<string, string | null> {
    this.parents ??= new Map(this.base.parentOf);
    return this.parents;
  }

  node(id: string): TBlockNode | undefined {
    return this.byId.get(id);
  }

  children(parentId: string | null): readonly TBlockNode[] {
    return parentId === null ? this.document.blocks : (this.byId.get(parentId)?.children ?? []);
  }

  setDocument(update: (document: TPageDocument) => TPageDocument): void {
    this.document = update(this.document);
  }

  /** Puts a changed version of a block (same id) in place, rebuilding its ancestors. */
  replace(node: TBlockNode): void {
    this.byId.set(node.id, node);
    const parentId = (this.parents ?? this.base.parentOf).get(node.id) ?? null;
    const swap = (list: readonly TBlockNode[]) => list.map((n) => (n.id === node.id ? node : n));
    if (parentId === null) {
      this.document = { ...this.document, blocks: swap(this.document.blocks) };
      return;
    }
    const parent = this.byId.get(parentId);
    if (parent) this.replace({ ...parent, children: swap(parent.children ?? []) });
  }

  private setChildren(parentId: string | null, children: TBlockNode[]): void {
    if (parentId === null) {
      this.document = { ...this.document, blocks: children };
      return;
    }
    const parent = this.byId.get(parentId);
    if (parent) this.replace({ ...parent, children });
  }

  /** Inserts a subtree (already checked) at an index of a parent's children. */
  insert(node: TBlockNode, parentId: string | null, index: number): void {
    const list = [...this.children(parentId)];
    list.splice(index, 0, node);
    for (const n of subtree(node)) this.byId.set(n.id, n);
    const parents = this.parentMap;
    parents.set(node.id, parentId);
    for (const n of subtree(node)) for (const c of n.children ?? []) parents.set(c.id, n.id);
    this.setChildren(parentId, list);
  }

  /** Takes a block (and its subtree) out; returns it. */
  remove(id: string): TBlockNode | undefined {
    const node = this.byId.get(id);
    if (!node) return undefined;
    const parentId = this.parentMap.get(id) ?? null;
    this.setChildren(
      parentId,
      this.children(parentId).filter((n) => n.id !== id),
    );
    for (const n of subtree(node)) {
      this.byId.delete(n.id);
      this.parentMap.delete(n.id);
    }
    return node;
  }

  /** Moves a block within the document, keeping its subtree's objects (only ancestors change). */
  move(id: string, parentId: string | null, index: number): void {
    const node = this.byId.get(id);
    if (!node) return;
    const from = this.parentMap.get(id) ?? null;
    this.setChildren(
      from,
      this.children(from).filter((n) => n.id !== id),
    );
    const list = [...this.children(parentId)];
    list.splice(index, 0, node);
    this.parentMap.set(id, parentId);
    this.setChildren(parentId, list);
  }

  finish(): DocumentSlice {
    return { document: this.document, nodesById: this.byId, parentOf: this.parents ?? this.base.parentOf };
  }
}

/** The index a block lands on when inserted at insertion point `index` of its own parent's list. */
export function landingIndex(slice: DocumentSlice, id: string, to: Place): number {
  const from = placeOf(slice, id);
  if (from && from.parentId === to.parentId && from.index < to.index) return to.index - 1;
  return to.index;
}
