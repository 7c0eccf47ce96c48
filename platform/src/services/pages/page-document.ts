// Page documents on their way into the database: migrated to the current schema version and
// validated (schema/src/page: loadPage), rich-text HTML cleaned with the catalog's sanitizer, and
// every problem reported with its path and the id of the block it is in.
import {
  loadPage,
  type PageIssue,
  type TBlockNode,
  type TErrorDetail,
  type TPageDocument,
  utf8Length,
} from "@mallwright/schema";
import { RICH_TEXT_MAX_BYTES } from "@mallwright/schema/page/blocks/rich-text";
import { assertNoProblems } from "../catalog/check-references.ts";
import { sanitizeDetailHtml } from "../catalog/sanitize-detail-html.ts";

export interface PreparedPage {
  /** Present when the document could be read (it is usable only when `issues` is empty). */
  document?: TPageDocument;
  issues: PageIssue[];
  /** The schema version it came in (null when unreadable). */
  fromVersion: number | null;
}

/** A block with its dotted path in the document (`blocks.2`, `blocks.1.children.0`). */
export interface PlacedBlock {
  block: TBlockNode;
  path: string;
}

/** Every block of the tree with its path, depth first (document order). */
export function placedBlocks(nodes: TBlockNode[], prefix = "blocks"): PlacedBlock[] {
  const out: PlacedBlock[] = [];
  const walk = (list: TBlockNode[], path: string) => {
    list.forEach((block, i) => {
      const here = `${path}.${i}`;
      out.push({ block, path: here });
      if (block.children) walk(block.children, `${here}.children`);
    });
  };
  walk(nodes, prefix);
  return out;
}

/**
 * Migrates and validates `raw` in `mode`, then cleans every rich-text block's HTML. Cleaning can
 * lengthen markup (escaped text, rel on links), so the size limit is checked again afterwards.
 */
export function preparePage(raw: unknown, mode: "draft" | "publish"): PreparedPage {
  const loaded = loadPage(raw, { mode });
  if (!loaded.document) return { issues: loaded.issues, fromVersion: loaded.fromVersion };
  const issues = [...loaded.issues];
  const document = { ...loaded.document, blocks: cleanRichText(loaded.document.blocks, "blocks", issues) };
  return { document, issues, fromVersion: loaded.fromVersion };
}

function cleanRichText(nodes: TBlockNode[], path: string, issues: PageIssue[]): TBlockNode[] {
  return nodes.map((node, i) => {
    const here = `${path}.${i}`;
    let next = node;
    if (node.type === "rich-text" && typeof node.props.html === "string") {
      const html = sanitizeDetailHtml(node.props.html);
      if (utf8Length(html) > RICH_TEXT_MAX_BYTES) {
        issues.push({
          path: `${here}.props.html`,
          message: `must be at most ${RICH_TEXT_MAX_BYTES / 1024} KB once cleaned`,
          blockId: node.id,
        });
      }
      next = { ...node, props: { ...node.props, html } };
    }
    return node.children ? { ...next, children: cleanRichText(node.children, `${here}.children`, issues) } : next;
  });
}

/** A page issue as an error detail: the path, and the block's id in the message. */
export function issueDetail(issue: PageIssue, prefix = ""): TErrorDetail {
  const path = prefix && issue.path ? `${prefix}.${issue.path}` : prefix || issue.path;
  return {
    path,
    message: issue.blockId ? `${issue.message} (block ${issue.blockId})` : issue.message,
    in: "body",
  };
}

/** The prepared document, or the 422 listing every issue (paths under `prefix`, e.g. "document"). */
export function requireValidPage(raw: unknown, mode: "draft" | "publish", prefix = ""): TPageDocument {
  const prepared = preparePage(raw, mode);
  assertNoProblems(prepared.issues.map((i) => issueDetail(i, prefix)));
  if (!prepared.document) throw new Error("loadPage returned neither a document nor issues");
  return prepared.document;
}
