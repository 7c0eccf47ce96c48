// Publish checks: everything that would make a published page break on shoppers' phones, found in
// one pass and reported together, each with the path of its block and the block's id.
//
// Refusals (problems): the document's structure and limits in publish mode (node count, depth, per-type
// limits, props); links and bindings that name a product that is missing, in the recycle bin or not on
// the shelf (manual product lists and product links alike: a shopper would open a dead product), a
// category or page that does not exist, media that does not exist; and a hydrated payload (page + data)
// over PAGE_LIMITS.hydratedBytes. Warnings: images heavier than IMAGE_WARNING_BYTES as shoppers
// download them (the `medium` variant, which the runtime loads where one exists, else the original),
// links to a category shoppers cannot see (hidden) and to a page that is not published yet (two new
// pages linking to each other must be publishable one after the other).
import { collectReferences, PAGE_LIMITS, type TPageDocument, type TPageIssue, utf8Length } from "@mallwright/schema";
import { readerOverTx } from "../../db/tx-reader.ts";
import type { Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { hydratePage } from "./hydrate-page.ts";
import { issueDetail, type PlacedBlock, placedBlocks, preparePage } from "./page-document.ts";

/** An image above this size (as shoppers download it) earns a warning. */
export const IMAGE_WARNING_BYTES = 200 * 1024;

export interface PageCheck {
  /** The document as it would be published (migrated, validated, cleaned); absent when unreadable. */
  document?: TPageDocument;
  problems: TPageIssue[];
  warnings: TPageIssue[];
  /** JSON bytes of { page, data } (null when the document could not be read). */
  hydratedBytes: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

interface ProductRow {
  id: string;
  status: string;
  deleted: boolean;
}
interface CategoryRow {
  id: string;
  shown: boolean;
}
interface PageRow {
  id: string;
  published: boolean;
}
interface MediaRow {
  id: string;
  kind: string;
  bytes: number;
  mediumBytes: number | null;
}

/**
 * Checks `raw` (a stored draft or version, any schema version) for publishing, in the caller's tenant
 * transaction: references are looked up and the page hydrated against the catalog the publish commits with.
 */
export async function checkPage(tx: Tx, env: Env, tenantId: string, raw: unknown): Promise<PageCheck> {
  const prepared = preparePage(raw, "publish");
  const problems: TPageIssue[] = prepared.issues.map((i) => {
    const { path, message } = issueDetail(i);
    return { path, message };
  });
  const warnings: TPageIssue[] = [];
  const document = prepared.document;
  if (!document) return { problems, warnings, hydratedBytes: null };

  const placed = placedBlocks(document.blocks);
  await checkReferences(tx, placed, problems, warnings);

  const data = await hydratePage(readerOverTx(tx, tenantId), tenantId, document, { env });
  const hydratedBytes = utf8Length(JSON.stringify({ page: document, data }));
  if (hydratedBytes > PAGE_LIMITS.hydratedBytes) {
    problems.push({ path: "", message: oversizeMessage(hydratedBytes, placed, data) });
  }
  return { document, problems, warnings, hydratedBytes };
}

async function checkReferences(
  tx: Tx,
  placed: PlacedBlock[],
  problems: TPageIssue[],
  warnings: TPageIssue[],
): Promise<void> {
  const perBlock = placed.map((p) => ({ ...p, refs: collectReferences(p.block.props) }));
  // Ids that are not UUIDs are already reported by validation; they cannot be looked up.
  const all = (pick: (r: (typeof perBlock)[number]["refs"]) => string[]) => [
    ...new Set(perBlock.flatMap((b) => pick(b.refs)).filter((id) => UUID.test(id))),
  ];
  const productIds = all((r) => r.products);
  const categoryIds = all((r) => r.categories);
  const pageIds = all((r) => r.pages);
  const mediaIds = all((r) => r.media);

  const products = new Map(
    (productIds.length > 0
      ? await tx.$queryRaw<ProductRow[]>`
          SELECT id::text AS id, status, deleted_at IS NOT NULL AS deleted FROM products WHERE id = ANY(${productIds}::uuid[])`
      : []
    ).map((r) => [r.id, r]),
  );
  const categories = new Map(
    (categoryIds.length > 0
      ? await tx.$queryRaw<CategoryRow[]>`
          SELECT c.id::text AS id, (c.visible AND (parent.id IS NULL OR parent.visible)) AS shown
          FROM categories c LEFT JOIN categories parent ON parent.tenant_id = c.tenant_id AND parent.id = c.parent_id
          WHERE c.id = ANY(${categoryIds}::uuid[])`
      : []
    ).map((r) => [r.id, r]),
  );
  const pages = new Map(
    (pageIds.length > 0
      ? await tx.$queryRaw<PageRow[]>`
          SELECT id::text AS id, published_version IS NOT NULL AS published FROM pages WHERE id = ANY(${pageIds}::uuid[])`
      : []
    ).map((r) => [r.id, r]),
  );
  const media = new Map(
    (mediaIds.length > 0
      ? await tx.$queryRaw<MediaRow[]>`
          SELECT id::text AS id, kind, bytes::int AS bytes, (variants->'medium'->>'bytes')::int AS "mediumBytes"
          FROM media WHERE id = ANY(${mediaIds}::uuid[])`
      : []
    ).map((r) => [r.id, r]),
  );

  for (const { block, path, refs } of perBlock) {
    const at = `${block.type} block ${block.id}`;
    for (const id of new Set(refs.products)) {
      const p = products.get(id);
      if (!UUID.test(id)) continue;
      if (!p) problems.push({ path, message: `${at}: product ${id} does not exist` });
      else if (p.deleted) problems.push({ path, message: `${at}: product ${id} is in the recycle bin` });
      else if (p.status !== "on_shelf") {
        problems.push({ path, message: `${at}: product ${id} is not on the shelf (${p.status.replace("_", " ")})` });
      }
    }
    for (const id of new Set(refs.categories)) {
      const c = categories.get(id);
      if (!UUID.test(id)) continue;
      if (!c) problems.push({ path, message: `${at}: category ${id} does not exist` });
      else if (!c.shown) warnings.push({ path, message: `${at}: category ${id} is hidden from shoppers` });
    }
    for (const id of new Set(refs.pages)) {
      const p = pages.get(id);
      if (!UUID.test(id)) continue;
      if (!p) problems.push({ path, message: `${at}: page ${id} does not exist` });
      else if (!p.published) {
        warnings.push({ path, message: `${at}: page ${id} is not published yet; shoppers cannot open it until it is` });
      }
    }
    for (const id of new Set(refs.media)) {
      const m = media.get(id);
      if (!UUID.test(id)) continue;
      if (!m) {
        problems.push({ path, message: `${at}: media ${id} does not exist (deleted from the media library?)` });
        continue;
      }
      const served = m.mediumBytes ?? m.bytes;
      if (m.kind === "image" && served > IMAGE_WARNING_BYTES) {
        warnings.push({
          path,
          message: `${at}: image ${id} is ${kb(served)} as shoppers download it${
            m.mediumBytes === null ? "" : " (its 750 px version)"
          }; images over ${kb(IMAGE_WARNING_BYTES)} slow the page down`,
        });
      }
    }
  }
}

/** The total and the heaviest top-level blocks (the block plus the cards and categories it brings in). */
function oversizeMessage(
  total: number,
  placed: PlacedBlock[],
  data: { products: Record<string, unknown>; categories: Record<string, unknown>; bindings: Record<string, string[]> },
): string {
  // A top-level block's JSON includes its children; add the data its bindings and theirs bring in.
  const weightOf = (p: PlacedBlock): number => {
    let bytes = utf8Length(JSON.stringify(p.block));
    for (const b of [p.block, ...placedBlocks(p.block.children ?? []).map((x) => x.block)]) {
      for (const id of data.bindings[b.id] ?? []) {
        const entry = data.products[id] ?? data.categories[id];
        if (entry) bytes += utf8Length(JSON.stringify(entry));
      }
    }
    return bytes;
  };
  const top = placed
    .filter((p) => /^blocks\.\d+$/.test(p.path))
    .map((p) => ({ p, bytes: weightOf(p) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map(({ p, bytes }) => `${p.path} (${p.block.type} ${p.block.id}, about ${kb(bytes)})`);
  return `the page with its data is ${kb(total)}, over the ${kb(PAGE_LIMITS.hydratedBytes)} a mini-program page may load at once; the heaviest blocks: ${top.join(", ")}`;
}
