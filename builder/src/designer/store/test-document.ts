// A small page for the store's specs: a header, a title, a two-level container and a product grid,
// with registry defaults filled in, plus helpers to index it and apply actions.
import { CURRENT_SCHEMA_VERSION, findBlock, type TBlockNode, type TPageDocument } from "@mallwright/schema";
import { reduce } from "./actions/index.ts";
import { indexDocument, type Reduction } from "./tree.ts";
import type { DesignerAction, DocumentSlice } from "./types.ts";

/** A block of `type` with its defaults merged under `props`. */
export function block(
  id: string,
  type: string,
  props: Record<string, unknown> = {},
  children?: TBlockNode[],
): TBlockNode {
  const def = findBlock(type);
  if (!def) throw new Error(`unknown type ${type}`);
  const parsed: Record<string, unknown> = def.props.parse(props);
  return children ? { id, type, props: parsed, children } : { id, type, props: parsed };
}

/**
 * h (store-header), t1 (title), c1 (container: t2 title, c2 container: s1 spacer), g1 (product-grid).
 * c2 is at depth 2, so s1 is at the last level.
 */
export function sampleDocument(): TPageDocument {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: "首页",
    blocks: [
      block("h", "store-header"),
      block("t1", "title", { title: "今日推荐" }),
      block("c1", "container", { columns: 2 }, [
        block("t2", "title", { title: "左" }),
        block("c2", "container", {}, [block("s1", "spacer")]),
      ]),
      block("g1", "product-grid"),
    ],
  };
}

export function sampleSlice(): DocumentSlice {
  return indexDocument(sampleDocument());
}

/** Ids in document order, nested as [id, children] where a block holds some. */
export function outline(nodes: readonly TBlockNode[]): unknown[] {
  return nodes.map((n) => (n.children ? [n.id, outline(n.children)] : n.id));
}

/** Applies an action that must apply. */
export function apply(slice: DocumentSlice, action: DesignerAction): Reduction {
  const r = reduce(slice, action);
  if (!r) throw new Error(`${action.type} was refused`);
  return r;
}

/** Applies a list of actions in order (inverses, replays). */
export function applyAll(slice: DocumentSlice, actions: readonly DesignerAction[]): DocumentSlice {
  return actions.reduce((at, a) => apply(at, a).slice, slice);
}

/** The indexes must describe the tree exactly (every node, the same objects, the right parents). */
export function expectIndexesMatch(slice: DocumentSlice): void {
  const fresh = indexDocument(slice.document);
  const same =
    fresh.nodesById.size === slice.nodesById.size &&
    [...fresh.nodesById].every(([id, node]) => slice.nodesById.get(id) === node) &&
    fresh.parentOf.size === slice.parentOf.size &&
    [...fresh.parentOf].every(([id, parent]) => slice.parentOf.get(id) === parent);
  if (!same) throw new Error("indexes do not match the tree");
}
