// The shopper product list: on-shelf products filtered by category, tag, price, stock and search
// words, sorted, cursor-paginated. One SQL statement per page (cards, SKU stock levels, first image);
// a search's first page also appends to the search log in the same statement (a data-modifying CTE).
import type { TStoreProductPage, TStoreProductSort, TStoreProductsQuery } from "@mallwright/schema";
import { empty, join, type Sql, sql, type TenantReader } from "../../db/read.ts";
import type { Env } from "../../env.ts";
import { CARD_PAGE_COLUMNS, presentStoreCard, type StoreCardRow, storeCardsQuery } from "./product-cards.ts";
import { type CursorKeys, decodeProductCursor, encodeProductCursor, filterFingerprint } from "./product-cursor.ts";
import { containsPattern, normalizeSearch, searchTerms } from "./search-text.ts";

interface SortSpec {
  /** ORDER BY inside the page query (over products `p`) and outside it (over the page `m`). */
  inner: Sql;
  outer: Sql;
  /** `(keys, id) <op> (cursor)` with the same direction as the order. */
  after: (keys: CursorKeys, id: string, score: Sql) => Sql;
  keys: (row: StoreCardRow) => CursorKeys;
}

/** Key `i` of a cursor (decodeProductCursor checked that each sort's cursor has all its keys). */
function key(keys: CursorKeys, i: number): string | number {
  const k = keys[i];
  if (k === undefined) throw new Error(`cursor key ${i} missing`);
  return k;
}

const SORTS: Record<TStoreProductSort, SortSpec> = {
  newest: {
    inner: sql`p.created_at DESC, p.id DESC`,
    outer: sql`m.created_at DESC, m.id DESC`,
    after: (keys, id) => sql`(p.created_at, p.id) < (${key(keys, 0)}::timestamptz, ${id}::uuid)`,
    keys: (r) => [r.created_key],
  },
  price: {
    inner: sql`p.price_min ASC, p.id ASC`,
    outer: sql`m.price_min ASC, m.id ASC`,
    after: (keys, id) => sql`(p.price_min, p.id) > (${key(keys, 0)}::int, ${id}::uuid)`,
    keys: (r) => [r.price_min],
  },
  "-price": {
    inner: sql`p.price_min DESC, p.id DESC`,
    outer: sql`m.price_min DESC, m.id DESC`,
    after: (keys, id) => sql`(p.price_min, p.id) < (${key(keys, 0)}::int, ${id}::uuid)`,
    keys: (r) => [r.price_min],
  },
  sales: {
    inner: sql`p.sales_count DESC, p.id DESC`,
    outer: sql`m.sales_count DESC, m.id DESC`,
    after: (keys, id) => sql`(p.sales_count, p.id) < (${key(keys, 0)}::int, ${id}::uuid)`,
    keys: (r) => [r.sales_count],
  },
  relevance: {
    // `score` is the page query's output column: ORDER BY may name it, WHERE may not (it repeats the expression).
    inner: sql`score DESC, p.sales_count DESC, p.id DESC`,
    outer: sql`m.score DESC, m.sales_count DESC, m.id DESC`,
    after: (keys, id, expr) =>
      sql`(${expr}, p.sales_count, p.id) < (${key(keys, 0)}::int, ${key(keys, 1)}::int, ${id}::uuid)`,
    keys: (r) => [r.score, r.sales_count],
  },
};

/**
 * Relevance as an integer, so it can sit in a cursor: all words in the title 4000, in the subtitle
 * 2000, a word in a tag 1000 (so a title match always outranks a subtitle match, which outranks a
 * tag), plus trigram similarity of title and query (0-999) to prefer titles closer to the query.
 */
function relevance(words: string, patterns: string[]): Sql {
  const every = (match: (pattern: string) => Sql) => join(patterns.map(match), sql` AND `);
  const anyTag = join(
    patterns.map((p) => sql`tag ILIKE ${p}`),
    sql` OR `,
  );
  return sql`(CASE WHEN ${every((p) => sql`p.title ILIKE ${p}`)} THEN 4000 ELSE 0 END
    + CASE WHEN ${every((p) => sql`p.subtitle ILIKE ${p}`)} THEN 2000 ELSE 0 END
    + CASE WHEN EXISTS (SELECT 1 FROM unnest(p.tags) AS tag WHERE ${anyTag}) THEN 1000 ELSE 0 END
    + round(similarity(p.title, ${words}) * 999)::int)`;
}

export async function listStoreProducts(
  reader: TenantReader,
  env: Env,
  tenantId: string,
  query: TStoreProductsQuery,
): Promise<TStoreProductPage> {
  const q = query.q?.trim() ?? "";
  const terms = searchTerms(q);
  const patterns = terms.map(containsPattern);
  const sort: TStoreProductSort = query.sort ?? (terms.length > 0 ? "relevance" : "newest");
  const inStock = query.inStock === "true";
  const fingerprint = filterFingerprint([
    query.category ?? null,
    query.tag ?? null,
    terms.map((t) => t.toLowerCase()),
    query.minPrice ?? null,
    query.maxPrice ?? null,
    inStock,
  ]);
  const after = query.cursor ? decodeProductCursor(query.cursor, sort, fingerprint) : undefined;
  // A search is logged once, on its first page; scrolling on is not a new search.
  const logSearch = terms.length > 0 && !after;
  const spec = SORTS[sort];
  // Similarity is taken against the words (not the raw text) so that it matches the cursor's fingerprint.
  const score = terms.length > 0 ? relevance(terms.join(" "), patterns) : sql`0`;

  const where: Sql[] = [sql`p.tenant_id = ${tenantId}::uuid`, sql`p.status = 'on_shelf'`, sql`p.deleted_at IS NULL`];
  if (query.category) {
    where.push(sql`p.category_id IN (SELECT c.id FROM categories c
      WHERE c.tenant_id = ${tenantId}::uuid AND (c.id = ${query.category}::uuid OR c.parent_id = ${query.category}::uuid))`);
  }
  if (query.tag) where.push(sql`p.tags @> ARRAY[${query.tag}::text]`);
  if (query.minPrice !== undefined) where.push(sql`p.price_max >= ${query.minPrice}::int`);
  if (query.maxPrice !== undefined) where.push(sql`p.price_min <= ${query.maxPrice}::int`);
  if (inStock) where.push(sql`p.stock_total > 0`);
  for (const pattern of patterns) {
    where.push(sql`(p.title ILIKE ${pattern} OR p.subtitle ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM unnest(p.tags) AS tag WHERE tag ILIKE ${pattern}))`);
  }
  if (after) where.push(spec.after(after.keys, after.id, score));

  // A search's first page records (normalized query, total hits) in the same statement: the CTE
  // runs to completion whether or not the SELECT reads it.
  const logged = logSearch
    ? sql`, logged AS (
        INSERT INTO search_log (tenant_id, query, results)
        SELECT ${tenantId}::uuid, ${normalizeSearch(q).slice(0, 100)}, coalesce((SELECT total FROM page LIMIT 1), 0)
        RETURNING 1)`
    : empty;
  // The page is chosen first (LIMIT inside), so SKUs and images are read for its rows only.
  const page = sql`
    SELECT ${CARD_PAGE_COLUMNS}, ${score} AS score,
           ${logSearch ? sql`count(*) OVER ()::int` : sql`NULL::int`} AS total
    FROM products p
    WHERE ${join(where, sql` AND `)}
    ORDER BY ${spec.inner}
    LIMIT ${query.limit + 1}::int`;
  const [rows] = await reader.read(tenantId, [storeCardsQuery(page, spec.outer, logged)]);

  const shown = rows.slice(0, query.limit);
  const last = shown.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeProductCursor(sort, fingerprint, spec.keys(last), last.id) : null;
  return { items: shown.map((r) => presentStoreCard(env, r)), nextCursor };
}
