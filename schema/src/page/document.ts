// The page document: schemaVersion, title, theme overrides and the block tree (blocks may carry an
// outline name since version 3). The shape is checked first (any block), then every block against its
// registry entry: unknown types, props failing their schema, children where none are allowed,
// duplicate ids, depth and size limits.
import { z } from "zod";
import { BLOCKS, findBlock } from "./blocks/index.ts";
import { utf8Length } from "./byte-length.ts";
import { ZThemeOverrides } from "./theme.ts";

/** The version every stored document is migrated to on load and on publish. */
export const CURRENT_SCHEMA_VERSION = 3;

export const PAGE_LIMITS = {
  /** Blocks in a draft (the designer handles large pages). */
  draftBlocks: 1000,
  /** Blocks in a published page (the mini-program's WXML node budget). */
  publishedBlocks: 300,
  /** Levels of nesting: the page root, a container, a container inside it. */
  depth: 3,
  /** Hydrated page + data, in bytes (the mini-program's first setData budget). */
  hydratedBytes: 128 * 1024,
  /** A document as stored, in bytes. */
  documentBytes: 512 * 1024,
  titleLength: 40,
  /** A block's outline name (the designer's outline and canvas label). */
  blockNameLength: 40,
} as const;

export interface TBlockNode {
  id: string;
  type: string;
  props: Record<string, unknown>;
  /** The merchant's name for the block in the designer's outline (never shown to shoppers). */
  name?: string;
  children?: TBlockNode[];
}

export const ZBlockId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "must be 1 to 32 letters, digits, - or _");

/** A block's outline name: trimmed, 1 to 40 characters (absent when the block has none). */
export const ZBlockName = z
  .string()
  .trim()
  .min(1, "must not be empty (leave the name out instead)")
  .max(PAGE_LIMITS.blockNameLength, `must be at most ${PAGE_LIMITS.blockNameLength} characters`);

export const ZBlockNode: z.ZodType<TBlockNode> = z.lazy(() =>
  z.strictObject({
    id: ZBlockId,
    type: z.string().min(1).max(40),
    props: z.record(z.string(), z.unknown()),
    name: ZBlockName.optional(),
    children: z.array(ZBlockNode).max(PAGE_LIMITS.draftBlocks).optional(),
  }),
);

export const ZPageDocument = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  title: z.string().trim().min(1).max(PAGE_LIMITS.titleLength),
  theme: ZThemeOverrides.optional(),
  blocks: z.array(ZBlockNode).max(PAGE_LIMITS.draftBlocks),
});
export type TPageDocument = z.infer<typeof ZPageDocument>;

export interface PageIssue {
  /** Dotted path into the document, e.g. `blocks.2.children.0.props.columns`. */
  path: string;
  message: string;
  blockId?: string;
}

export interface ValidateOptions {
  /** Publish applies the stricter published-page limits. */
  mode: "draft" | "publish";
}

/**
 * Validates a current-version document. Returns the document with every block's props parsed
 * (defaults filled) and the list of issues; the document is usable only when there are none.
 */
export function validatePage(
  input: unknown,
  opts: ValidateOptions = { mode: "draft" },
): { document?: TPageDocument; issues: PageIssue[] } {
  // Before anything recursive looks at it: a hostile document nested a thousand levels deep
  // would otherwise overflow the stack instead of getting its 422.
  const nesting = checkNesting(input);
  if (nesting.length > 0) return { issues: nesting };
  const bytes = documentBytes(input);
  if (bytes === null || bytes > PAGE_LIMITS.documentBytes) {
    const size = bytes === null ? "too deeply nested to measure" : `${Math.ceil(bytes / 1024)} KB`;
    return {
      issues: [
        {
          path: "",
          message: `a page document may be at most ${PAGE_LIMITS.documentBytes / 1024} KB (this one is ${size})`,
        },
      ],
    };
  }
  const shape = ZPageDocument.safeParse(input);
  if (!shape.success) {
    return { issues: shape.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) };
  }
  const issues: PageIssue[] = [];
  const seen = new Map<string, string>();
  /** Where each type's blocks are, in document order (for maxPerPage). */
  const placed = new Map<string, { path: string; id: string }[]>();
  let count = 0;

  const walk = (nodes: TBlockNode[], path: string, parentType: string | null): TBlockNode[] =>
    nodes.map((node, i) => {
      const here = `${path}.${i}`;
      count++;
      placed.set(node.type, [...(placed.get(node.type) ?? []), { path: here, id: node.id }]);
      const first = seen.get(node.id);
      if (first !== undefined) {
        issues.push({
          path: `${here}.id`,
          message: `duplicate block id ${node.id} (also at ${first}): a block may appear only once in the page; a copy needs new ids, and a block cannot contain itself (a cycle)`,
          blockId: node.id,
        });
      } else seen.set(node.id, here);
      const def = findBlock(node.type);
      if (!def) {
        issues.push({ path: `${here}.type`, message: `unknown block type ${node.type}`, blockId: node.id });
        return node;
      }
      if (parentType) {
        const rule = findBlock(parentType)?.children;
        if (rule && rule.types !== "any" && !rule.types.includes(node.type)) {
          issues.push({
            path: `${here}.type`,
            message: `a ${parentType} cannot hold a ${node.type}`,
            blockId: node.id,
          });
        }
      }
      const parsed = def.props.safeParse(node.props);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          issues.push({
            path: [`${here}.props`, ...issue.path.map(String)].join("."),
            message: issue.message,
            blockId: node.id,
          });
        }
      }
      let children: TBlockNode[] | undefined;
      if (node.children !== undefined) {
        if (!def.children) {
          issues.push({ path: `${here}.children`, message: `a ${node.type} cannot hold blocks`, blockId: node.id });
        } else {
          if (node.children.length > def.children.max) {
            issues.push({
              path: `${here}.children`,
              message: `a ${node.type} holds at most ${def.children.max} blocks`,
              blockId: node.id,
            });
          }
          children = walk(node.children, `${here}.children`, node.type);
        }
      }
      const props = parsed.success ? (parsed.data as Record<string, unknown>) : node.props;
      return children ? { ...node, props, children } : { ...node, props };
    });

  const blocks = walk(shape.data.blocks, "blocks", null);
  const max = opts.mode === "publish" ? PAGE_LIMITS.publishedBlocks : PAGE_LIMITS.draftBlocks;
  if (count > max)
    issues.push({
      path: "blocks",
      message: `a ${opts.mode === "publish" ? "published " : ""}page holds at most ${max} blocks (this one has ${count})`,
    });
  for (const def of BLOCKS) {
    const max = def.limits.maxPerPage;
    const all = placed.get(def.type) ?? [];
    const over = max === undefined ? undefined : all[max];
    if (over) {
      issues.push({
        path: over.path,
        message: `a page holds at most ${max} ${def.type} blocks (this one has ${all.length})`,
        blockId: over.id,
      });
    }
  }
  return { document: { ...shape.data, blocks }, issues };
}

/**
 * Blocks holding children deeper than PAGE_LIMITS.depth, found without recursion (any document
 * version: the tree is `blocks` and `children` in all of them). Run before anything walks the tree.
 */
export function checkNesting(input: unknown): PageIssue[] {
  const issues: PageIssue[] = [];
  if (typeof input !== "object" || input === null || !("blocks" in input)) return issues;
  const queue: { nodes: unknown; path: string; depth: number }[] = [{ nodes: input.blocks, path: "blocks", depth: 1 }];
  // for-of visits what is pushed while it runs: a breadth-first walk with no recursion.
  for (const { nodes, path, depth } of queue) {
    if (!Array.isArray(nodes)) continue;
    nodes.forEach((node: unknown, i) => {
      if (typeof node !== "object" || node === null || !("children" in node)) return;
      const here = `${path}.${i}.children`;
      if (depth + 1 <= PAGE_LIMITS.depth) {
        queue.push({ nodes: node.children, path: here, depth: depth + 1 });
        return;
      }
      const message = `blocks nest at most ${PAGE_LIMITS.depth} levels deep`;
      issues.push(
        "id" in node && typeof node.id === "string"
          ? { path: here, message, blockId: node.id }
          : { path: here, message },
      );
    });
  }
  return issues;
}

/** Size of the document as JSON, in bytes; null when it cannot be serialized (nested too deep). */
export function documentBytes(input: unknown): number | null {
  try {
    return utf8Length(JSON.stringify(input) ?? "");
  } catch {
    return null;
  }
}

export function countType(nodes: TBlockNode[], type: string): number {
  return nodes.reduce((n, b) => n + (b.type === type ? 1 : 0) + (b.children ? countType(b.children, type) : 0), 0);
}

/** Every block of the tree, depth first. */
export function* eachBlock(nodes: TBlockNode[]): Generator<TBlockNode> {
  for (const b of nodes) {
    yield b;
    if (b.children) yield* eachBlock(b.children);
  }
}
