// Hydration: resolves a page's bindings (product lists, category navigation) and its product,
// category and page links into the one normalized `data` map served next to the page (TPageData).
// The number of statements is fixed, whatever the number of blocks: one per distinct product
// source kind (category, tag, manual + product links, newest, best selling), one for categories,
// one for pages, then the storefront's card statement (services/storefront/product-cards.ts) for
// every product found. Runs on a TenantReader, so the store read path and a publish (readerOverTx,
// inside its transaction) share it.
import {
  collectReferences,
  findBlock,
  MAX_BOUND_CATEGORIES,
  type TBlockNode,
  type TCategoryData,
  type TPageData,
  type TPageDocument,
  type TProductCardData,
  ZCategorySource,
  ZProductSource,
} from "@mallwright/schema";
import { z } from "zod";
import { type Sql, sql, type TenantReader } from "../../db/read.ts";
import type { Env } from "../../env.ts";
import { smallImageUrl } from "../storefront/present-media.ts";
import { presentStoreCard, storeCardsByIdsQuery } from "../storefront/product-cards.ts";

/** What hydration needs besides the reader: where media URLs point. */
export interface HydrateOptions {
  env: Env;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s: string) => UUID.test(s);

const ZProductList = z.object({
  source: ZProductSource,
  limit: z.number().int().min(1).max(50),
  hideSoldOut: z.boolean().default(false),
});
const ZCategoryList = z.object({
  categories: ZCategorySource,
  limit: z.number().int().min(1).max(MAX_BOUND_CATEGORIES),
});

const PRODUCT_LISTS = new Set(["product-grid", "product-scroll"]);

/** A product list resolved by a query (every kind but manual). */
interface QueryList {
  block: string;
  limit: number;
  inStock: boolean;
  /** category id or tag; "" for newest / best selling. */
  key: string;
}

/** What the document asks for, gathered in one walk. */
export interface PageDemand {
  manual: { block: string; ids: string[] }[];
  byKind: Record<"category" | "tag" | "newest" | "best_selling", QueryList[]>;
  categoryLists: { block: string; limit: number; picked: string[] | null }[];
  /** Ids named by links and sources (besides the lists above). */
  products: Set<string>;
  categories: Set<string>;
  pages: Set<string>;
}

function* walk(nodes: TBlockNode[]): Generator<TBlockNode> {
  for (const node of nodes) {
    yield node;
    if (node.children) yield* walk(node.children);
  }
}

/** Everything a document's blocks bind and link to. Props that do not parse are skipped (publish reports them). */
export function pageDemand(document: Pick<TPageDocument, "blocks">): PageDemand {
  const demand: PageDemand = {
    manual: [],
    byKind: { category: [], tag: [], newest: [], best_selling: [] },
    categoryLists: [],
    products: new Set(),
    categories: new Set(),
    pages: new Set(),
  };
  for (const block of walk(document.blocks)) {
    const refs = collectReferences(block.props);
    for (const id of refs.products) if (isUuid(id)) demand.products.add(id);
    for (const id of refs.categories) if (isUuid(id)) demand.categories.add(id);
    for (const id of refs.pages) if (isUuid(id)) demand.pages.add(id);
    // Props through the block's own schema: defaults filled, anything invalid skipped (publish reports it).
    const parsed =
      PRODUCT_LISTS.has(block.type) || block.type === "category-nav"
        ? findBlock(block.type)?.props.safeParse(block.props)
        : undefined;
    if (!parsed?.success) continue;
    if (block.type === "category-nav") {
      const list = ZCategoryList.safeParse(parsed.data);
      if (!list.success) continue;
      const { categories, limit } = list.data;
      demand.categoryLists.push({
        block: block.id,
        limit,
        picked: categories.source === "picked" ? categories.categoryIds : null,
      });
      continue;
    }
    const list = ZProductList.safeParse(parsed.data);
    if (!list.success) continue;
    const { source, limit, hideSoldOut } = list.data;
    if (source.source === "manual") demand.manual.push({ block: block.id, ids: [...new Set(source.productIds)] });
    else {
      const key = source.source === "category" ? source.categoryId : source.source === "tag" ? source.tag : "";
      demand.byKind[source.source].push({ block: block.id, limit, inStock: hideSoldOut, key });
    }
  }
  return demand;
}

const ON_SHELF = sql`p.status = 'on_shelf' AND p.deleted_at IS NULL`;

/**
 * One statement for every list of a kind: the lists travel as parallel arrays, each resolved by a
 * LATERAL subquery with its own limit, in the order shoppers see them.
 */
function listQuery(kind: keyof PageDemand["byKind"], lists: QueryList[]): Sql<{ block: string; id: string }> {
  const filter: Sql<unknown> =
    kind === "category"
      ? sql`AND p.category_id IN (SELECT c.id FROM categories c WHERE c.id = l.key::uuid OR c.parent_id = l.key::uuid)`
      : kind === "tag"
        ? sql`AND p.tags @> ARRAY[l.key]`
        : sql``;
  const order = kind === "best_selling" ? sql`p.sales_count DESC, p.id DESC` : sql`p.created_at DESC, p.id DESC`;
  return sql<{ block: string; id: string }>`
    SELECT l.block, x.id::text AS id
    FROM unnest(${lists.map((l) => l.block)}::text[], ${lists.map((l) => l.key)}::text[],
                ${lists.map((l) => l.limit)}::int[], ${lists.map((l) => l.inStock)}::bool[])
         WITH ORDINALITY AS l(block, key, lim, in_stock, n)
    CROSS JOIN LATERAL (
      SELECT p.id FROM products p
      WHERE ${ON_SHELF} ${filter} AND (NOT l.in_stock OR p.stock_total > 0)
      ORDER BY ${order}
      LIMIT l.lim
    ) x
    ORDER BY l.n`;
}

interface CategoryRow {
  id: string;
  name: string;
  icon_id: string | null;
  icon_key: string | null;
  icon_variants: unknown;
  top: boolean;
}

/**
 * Resolves every binding and link of `document` into one data map. A fixed number of statements
 * (at most 8) in two reads: what the bindings select, then the cards of every product found.
 */
export async function hydratePage(
  reader: TenantReader,
  tenantId: string,
  document: Pick<TPageDocument, "blocks">,
  opts: HydrateOptions,
): Promise<TPageData> {
  const demand = pageDemand(document);
  const data: TPageData = { products: {}, categories: {}, bindings: {}, pages: {} };

  const kinds = (Object.keys(demand.byKind) as (keyof PageDemand["byKind"])[]).filter(
    (k) => demand.byKind[k].length > 0,
  );
  const manualIds = [...new Set([...demand.manual.flatMap((m) => m.ids), ...demand.products])].filter(isUuid);
  const categoryIds = [
    ...new Set([...demand.categories, ...demand.categoryLists.flatMap((c) => c.picked ?? [])]),
  ].filter(isUuid);
  const wantTop = demand.categoryLists.some((c) => c.picked === null);
  const pageIds = [...demand.pages];

  const queries: Sql<unknown>[] = [];
  const slot = <T>(q: Sql<T> | null): number => {
    if (!q) return -1;
    queries.push(q);
    return queries.length - 1;
  };
  const kindSlots = kinds.map((k) => [k, slot(listQuery(k, demand.byKind[k]))] as const);
  const manualSlot = slot(
    manualIds.length > 0
      ? sql<{
          id: string;
        }>`SELECT p.id::text AS id FROM products p WHERE p.id = ANY(${manualIds}::uuid[]) AND ${ON_SHELF}`
      : null,
  );
  // Visible categories only: a hidden category (or one under a hidden parent) is not in the store.
  const categorySlot = slot(
    categoryIds.length > 0 || wantTop
      ? sql<CategoryRow>`
        SELECT c.id::text AS id, c.name, m.id::text AS icon_id, m.storage_key AS icon_key, m.variants AS icon_variants,
               (c.parent_id IS NULL) AS top
        FROM categories c
        LEFT JOIN categories parent ON parent.tenant_id = c.tenant_id AND parent.id = c.parent_id
        LEFT JOIN media m ON m.tenant_id = c.tenant_id AND m.id = c.icon_media_id
        WHERE c.visible AND (parent.id IS NULL OR parent.visible)
          AND (c.id = ANY(${categoryIds}::uuid[]) OR (${wantTop}::bool AND c.parent_id IS NULL))
        ORDER BY c.position, c.created_at, c.id`
      : null,
  );
  const pageSlot = slot(
    pageIds.length > 0
      ? sql<{ id: string; title: string }>`
        SELECT p.id::text AS id, p.title FROM pages p
        WHERE p.id = ANY(${pageIds}::uuid[]) AND p.published_version IS NOT NULL`
      : null,
  );

  const rows = queries.length > 0 ? await reader.read(tenantId, queries) : [];
  const at = <T>(i: number): T[] => (i < 0 ? [] : ((rows[i] ?? []) as T[]));

  const found = new Set<string>();
  for (const [, i] of kindSlots) {
    for (const r of at<{ block: string; id: string }>(i)) {
      const ids = data.bindings[r.block] ?? [];
      ids.push(r.id);
      data.bindings[r.block] = ids;
      found.add(r.id);
    }
  }
  const visible = new Set(at<{ id: string }>(manualSlot).map((r) => r.id));
  for (const m of demand.manual) data.bindings[m.block] = m.ids.filter((id) => visible.has(id));
  for (const id of visible) found.add(id);
  // Blocks whose query found nothing still get their (empty) binding: "resolved to nothing".
  for (const k of kinds) for (const l of demand.byKind[k]) data.bindings[l.block] ??= [];

  const categories = at<CategoryRow>(categorySlot);
  const top: string[] = [];
  for (const c of categories) {
    const entry: TCategoryData = {
      id: c.id,
      name: c.name,
      iconUrl: smallImageUrl(
        opts.env,
        c.icon_id && c.icon_key ? { id: c.icon_id, storageKey: c.icon_key, variants: c.icon_variants } : null,
      ),
    };
    if (c.top) top.push(c.id);
    if (categoryIds.includes(c.id) || (wantTop && c.top && top.length <= MAX_BOUND_CATEGORIES)) {
      data.categories[c.id] = entry;
    }
  }
  for (const list of demand.categoryLists) {
    const ids = list.picked ? list.picked.filter((id) => data.categories[id]) : top.slice(0, list.limit);
    data.bindings[list.block] = ids.slice(0, list.limit);
  }
  for (const p of at<{ id: string; title: string }>(pageSlot)) data.pages[p.id] = { id: p.id, title: p.title };

  if (found.size > 0) {
    // The storefront's own card statement: a page block shows a product exactly as the list does.
    const [cards] = await reader.read(tenantId, [storeCardsByIdsQuery(tenantId, [...found])]);
    for (const row of cards) {
      const card: TProductCardData = presentStoreCard(opts.env, row);
      data.products[card.id] = card;
    }
  }
  return data;
}
