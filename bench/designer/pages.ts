// The designer benchmark's two pages, generated from the real block registry: a 500-block page
// (400 at the root, 20 of them containers holding 5 blocks each) and a 50-block page of the same
// shape (40 at the root, 2 containers of 5), as valid Mallwright documents and as the equivalent
// Puck `data` (same items, same nesting through a slot field, same texts).
import { CURRENT_SCHEMA_VERSION, type TBlockNode, type TPageDocument, validatePage } from "@mallwright/schema";

/** The Puck data shape the benchmark's Puck app loads (a subset of Puck's own `Data` type). */
export interface PuckItem {
  type: string;
  props: { id: string; [prop: string]: unknown };
}
export interface PuckData {
  root: { props: { title: string } };
  content: PuckItem[];
}

export interface BenchPage {
  /** "500" or "50": the number of blocks. */
  size: number;
  document: TPageDocument;
  puck: PuckData;
  /** Root-level ids in order (the drag moves the 3rd one). */
  rootIds: string[];
  /** The title block whose text the typing test edits (the page's first block) and its text. */
  typing: { id: string; text: string };
}

/** Puck component names for our block types. */
export const PUCK_TYPES: Record<string, string> = {
  title: "Title",
  "rich-text": "RichText",
  spacer: "Spacer",
  divider: "Divider",
  image: "Image",
  notice: "Notice",
  container: "Container",
};

/** The leaf blocks used, in the order they repeat (none needs server data to render). */
const LEAF_CYCLE = ["title", "rich-text", "spacer", "title", "divider", "rich-text", "image"] as const;

function leaf(type: (typeof LEAF_CYCLE)[number] | "notice", n: number): TBlockNode {
  const id = `b${String(n).padStart(4, "0")}`;
  switch (type) {
    case "title":
      return { id, type, props: { title: `标题 ${n}`, subtitle: `副标题 ${n}`, align: "left" } };
    case "rich-text":
      return {
        id,
        type,
        props: { html: `<p>第 ${n} 段：新鲜水果每日直供，满 99 元包邮。</p>`, background: "#ffffff", padding: 12 },
      };
    case "spacer":
      return { id, type, props: { height: 16, background: "transparent" } };
    case "divider":
      return { id, type, props: { style: "solid", color: "#ebedf0", margin: 12, inset: 0 } };
    case "image":
      return { id, type, props: { image: null, padding: 0, rounded: false, alt: `图片 ${n}` } };
    case "notice":
      return { id, type, props: { text: `公告 ${n}：全场满 99 元包邮`, textColor: "#ed6a0c", background: "#fffbe8" } };
  }
}

/**
 * `root` blocks at the root, every `root / containers`-th of them (from the 11th) a container
 * holding 5 leaves; two notices (the registry allows 3 a page). Ids b0001... in document order.
 */
function generate(root: number, containers: number): TBlockNode[] {
  let n = 0;
  let cycle = 0;
  const nextLeaf = () => leaf(LEAF_CYCLE[cycle++ % LEAF_CYCLE.length] ?? "title", ++n);
  const every = Math.floor(root / containers);
  const blocks: TBlockNode[] = [];
  for (let i = 0; i < root; i++) {
    if (i % every === every / 2) {
      const id = `b${String(++n).padStart(4, "0")}`;
      const children = Array.from({ length: 5 }, nextLeaf);
      blocks.push({
        id,
        type: "container",
        props: { columns: 1, gap: 8, padding: 12, background: "#f7f8fa" },
        children,
      });
    } else if (i === 5 || i === root - 5) {
      blocks.push(leaf("notice", ++n));
    } else blocks.push(i === 0 ? leaf("title", ++n) : nextLeaf());
  }
  return blocks;
}

function toPuck(nodes: TBlockNode[]): PuckItem[] {
  return nodes.map((node) => {
    const type = PUCK_TYPES[node.type];
    if (!type) throw new Error(`no Puck component for ${node.type}`);
    const props: PuckItem["props"] = { ...node.props, id: node.id };
    if (node.type === "container") props.items = toPuck(node.children ?? []);
    return { type, props };
  });
}

function count(nodes: TBlockNode[]): number {
  return nodes.reduce((sum, b) => sum + 1 + count(b.children ?? []), 0);
}

export function benchPage(size: 500 | 50): BenchPage {
  const root = size === 500 ? 400 : 40;
  const blocks = generate(root, root / 20);
  const title = `设计器基准 ${size}`;
  const { document, issues } = validatePage(
    { schemaVersion: CURRENT_SCHEMA_VERSION, title, blocks },
    { mode: "draft" },
  );
  if (!document || issues.length > 0) {
    throw new Error(`the ${size}-block page is invalid: ${JSON.stringify(issues.slice(0, 3))}`);
  }
  if (count(document.blocks) !== size) throw new Error(`the page has ${count(document.blocks)} blocks, not ${size}`);
  const first = document.blocks[0];
  if (first?.type !== "title") throw new Error("the page must start with a title block");
  return {
    size,
    document,
    puck: { root: { props: { title } }, content: toPuck(document.blocks) },
    rootIds: document.blocks.map((b) => b.id),
    typing: { id: first.id, text: String(first.props.title) },
  };
}
