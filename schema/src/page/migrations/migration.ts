// What a page migration is, and the tree walk migrations share. Migrations see documents of their
// `from` version that have not been validated: they change what they recognise and leave anything
// else as it is, for validation to report after the last one.

export interface PageMigration {
  /** The version this migration reads; the pipeline stamps `to` on what it returns. */
  from: number;
  to: number;
  /** The file name without extension, e.g. "0002-title-text-to-title". */
  name: string;
  /** Returns a new document; never changes its input. */
  migrate(doc: Record<string, unknown>): Record<string, unknown>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Applies `fn` to every block of the tree (top-level blocks and children at any depth) and returns
 * the new document. Callers check nesting first (checkNesting), so the recursion is shallow.
 */
export function mapBlocks(
  doc: Record<string, unknown>,
  fn: (block: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown> {
  const walk = (nodes: unknown): unknown =>
    Array.isArray(nodes)
      ? nodes.map((node) => {
          if (!isRecord(node)) return node;
          const block = fn(node);
          return Array.isArray(block.children) ? { ...block, children: walk(block.children) } : block;
        })
      : nodes;
  return { ...doc, blocks: walk(doc.blocks) };
}
