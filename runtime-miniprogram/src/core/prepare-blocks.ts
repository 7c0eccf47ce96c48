// A page's block tree as block-renderer takes it: each block's props parsed by its registry entry
// (defaults filled, so every component property is set), blocks the registry does not know or whose
// props fail dropped (an old runtime meeting a newer block shows the rest of the page), designer-only
// fields (outline names) left out of the setData payload.
import type { TBlockNode } from "@mallwright/schema";
import { findBlock } from "../vendor/schema.ts";

export interface RenderBlock {
  id: string;
  type: string;
  props: Record<string, unknown>;
  children?: RenderBlock[];
}

export interface PrepareReport {
  dropped: { id: string; type: string; reason: "unknown type" | "invalid props" }[];
}

export function prepareBlocks(nodes: readonly TBlockNode[], report: PrepareReport = { dropped: [] }): RenderBlock[] {
  const out: RenderBlock[] = [];
  for (const node of nodes) {
    const def = findBlock(node.type);
    if (!def) {
      report.dropped.push({ id: node.id, type: node.type, reason: "unknown type" });
      continue;
    }
    const parsed = def.props.safeParse(node.props);
    if (!parsed.success) {
      report.dropped.push({ id: node.id, type: node.type, reason: "invalid props" });
      continue;
    }
    const block: RenderBlock = { id: node.id, type: node.type, props: parsed.data as Record<string, unknown> };
    if (def.children) block.children = prepareBlocks(node.children ?? [], report);
    out.push(block);
  }
  return out;
}
