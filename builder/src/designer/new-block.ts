// New blocks for the designer: the registry's defaults under a fresh id, fresh ids for copies
// (duplicate, paste), and canHold: whether a parent may take a block type at a given depth.
import { findBlock, PAGE_LIMITS, type TBlockNode } from "@mallwright/schema";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh block id: "b_" and 10 random letters or digits (matches ZBlockId). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let id = "b_";
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** A block of `type` with its registry defaults (props.parse({})), a fresh id, and `children: []` if it holds any. */
export function newBlock(type: string): TBlockNode {
  const def = findBlock(type);
  if (!def) throw new Error(`unknown block type ${type}`);
  const props: Record<string, unknown> = def.props.parse({});
  return def.children ? { id: newId(), type, props, children: [] } : { id: newId(), type, props };
}

/** The same blocks with a fresh id on every node (a duplicate or a paste); props and names are kept. */
export function withFreshIds(node: TBlockNode): TBlockNode {
  const copy: TBlockNode = { ...node, id: newId() };
  if (node.children) copy.children = node.children.map(withFreshIds);
  return copy;
}

/**
 * Whether a block of `childType` may go into `parentType` (null: the page root) whose own depth is
 * `parentDepth` (0 for the root, 1 for a top-level block). The child lands one level deeper; a block
 * that holds children needs the level below it as well, so a container cannot sit at the last level.
 */
export function canHold(parentType: string | null, childType: string, parentDepth: number): boolean {
  const child = findBlock(childType);
  if (!child) return false;
  if (parentType !== null) {
    const rule = findBlock(parentType)?.children;
    if (!rule) return false;
    if (rule.types !== "any" && !rule.types.includes(childType)) return false;
  }
  const levels = child.children ? 2 : 1;
  return parentDepth + levels <= PAGE_LIMITS.depth;
}
