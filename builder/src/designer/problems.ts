// Publish problems and warnings name places in the document by path ("blocks.3.children.0.props.source");
// the designer shows them on the blocks they concern, so a path is walked back to its block's id.
import type { TBlockNode, TPageDocument } from "@mallwright/schema";
import { z } from "zod";
import { ApiFailure } from "../api/client.ts";

export interface PathIssue {
  path: string;
  message: string;
}

const ZIssues = z.array(z.object({ path: z.string(), message: z.string() }));

/** The deepest block a path reaches ("blocks.2.children.1.props.x" -> the second child of the third block). */
export function blockAtPath(blocks: readonly TBlockNode[], path: string): TBlockNode | null {
  const parts = path.split(".");
  if (parts[0] !== "blocks") return null;
  let list: readonly TBlockNode[] = blocks;
  let found: TBlockNode | null = null;
  let i = 1;
  while (i < parts.length) {
    const part = parts[i] ?? "";
    if (!/^\d+$/.test(part)) break;
    const node = list[Number(part)];
    if (!node) break;
    found = node;
    if (parts[i + 1] !== "children") break;
    list = node.children ?? [];
    i += 2;
  }
  return found;
}

/** Issues grouped by the id of the block they concern; "" holds the page-level ones. */
export function problemsByBlock(
  document: Pick<TPageDocument, "blocks">,
  issues: readonly PathIssue[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const id = blockAtPath(document.blocks, issue.path)?.id ?? "";
    const list = out[id] ?? [];
    list.push(issue.message);
    out[id] = list;
  }
  return out;
}

/** The {path, message} details of an API failure (a publish refusal's problems); [] when it has none. */
export function issuesOf(err: unknown): PathIssue[] {
  if (!(err instanceof ApiFailure)) return [];
  const parsed = ZIssues.safeParse(err.details);
  return parsed.success ? parsed.data : [];
}
