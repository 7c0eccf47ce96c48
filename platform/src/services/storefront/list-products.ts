// The shopper product list: on-shelf products filtered by category, tag, price, stock and search
// words, sorted, cursor-paginated. One SQL statement per page (cards, SKU stock, first image);
// a search's first page also appends to the search log in the same transaction.
import type { TStoreProductCard, TStoreProductPage, TStoreProductSort, TStoreProductsQuery } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { smallImageUrl } from "./present-media.ts";
import { type CursorKeys, decodeProductCursor, encodeProductCursor, filterFingerprint } from "./product-cursor.ts";
import { containsPattern, normalizeSearch, searchTerms } from "./search-text.ts";
import { effectiveLowStock, productStockState, stockState } from "./stock-state.ts";

interface CardRow {
  id: string;
  title: string;
  subtitle: string;
  currency: string;
  price_min: number;
  price_max: number;
  sales_count: number;
  created_key: string;
  score: number;
  total: number | null;
  prices: number[] | null;
  compare_ats: (number | null)[] | null;
  stocks: number[] | null;
  thresholds: (number | null)[] | null;
  image_id: string | null;
  image_key: string | null;
  image_variants: unknown;
  low_stock_default: number | null;
}

interface SortSpec {
  /** ORDER BY inside the page query (over products `p`) and outside it (over the page `m`). */
  inner: Prisma.Sql;
  outer: Prisma.Sql;
  /** `(keys, id) <op> (cursor)` with the same direction as the order. */
  after: (keys: CursorKeys, id: string, score: Prisma.Sql) => Prisma.Sql;
  keys: (row: CardRow) => CursorKeys;
}

const SORTS: Record<TStoreProductSort, SortSpec> = {
  newest: {
    inner: Prisma.sql`p.created_at DESC, p.id DESC`,
    outer: Prisma.sql`m.created_at DESC, m.id DESC`,
    after: ([at], id) => Prisma.sql`(p.created_at, p.id) < (${at}::timestamptz, ${id}::uuid)`,
    keys: (r) => [r.created_key],
  },
  price: {
    inner: Prisma.sql`p.price_min ASC, p.id ASC`,
    outer: Prisma.sql`m.price_min ASC, m.id ASC`,
    after: ([price], id) => Prisma.sql`(p.price_min, p.id) > (${price}::int, ${id}::uuid)`,
    keys: (r) => [r.price_min],
  },
  "-price": {
    inner: Prisma.sql`p.price_min DESC, p.id DESC`,
    outer: Prisma.sql`m.price_min DESC, m.id DESC`,
    after: ([price], id) => Prisma.sql`(p.price_min, p.id) < (${price}::int, ${id}::uuid)`,
    keys: (r) => [r.price_min],
  },
  sales: {
    inner: Prisma.sql`p.sales_count DESC, p.id DESC`,
    outer: Prisma.sql`m.sales_count DESC, m.id DESC`,
    after: ([sales], id) => Prisma.sql`(p.sales_count, p.id) < (${sales}::int, ${id}::uuid)`,
    keys: (r) => [r.sales_count],
  },
  relevance: {
    // `score` is the page query's output column: ORDER BY may name it, WHERE may not (it repeats the expression).
    inner: Prisma.sql`score DESC, p.sales_count DESC, p.id DESC`,
    outer: Prisma.sql`m.score DESC, m.sales_count DESC, m.id DESC`,
    after: ([score, sales], id, expr) =>
      Prisma.sql`(${expr}, p.sales_count, p.id) < (${score}::int, ${sales}::int, ${id}::uuid)`,
    keys: (r) => [r.score, r.sales_count],
  },
};

/**
 * Relevance as an integer, so it can sit in a cursor: all words in the title 4000, in the subtitle
 * 2000, a word in a tag 1000 (so a title match always outranks a subtitle match, which outranks a
 * tag), plus trigram similarity of title and query (0-999) to prefer titles closer to the query.
 */
function relevance(words: string, patterns: string[]): Prisma.Sql {
  const every = (match: (pattern: string) => Prisma.Sql) => Prisma.join(patterns.map(match), " AND ");
  const anyTag = Prisma.join(
    patterns.map((p) => Prisma.sql`tag ILIKE ${p}`),
    " OR ",
  );
  return Prisma.sql`(CASE WHEN ${every((p) => Prisma.sql`p.title ILIKE ${p}`)} THEN 4000 ELSE 0 END
    + CASE WHEN ${every((p) => Prisma.sql`p.subtitle ILIKE ${p}`)} THEN 2000 ELSE 0 END
    + CASE WHEN EXISTS (SELECT 1 FROM unnest(p.tags) AS tag WHERE ${anyTag}) THEN 1000 ELSE 0 END
    + round(similarity(p.title, ${words}) * 999)::int)`;
}

function presentCard(env: Env, r: CardRow): TStoreProductCard {
  const stocks = r.stocks ?? [];
  const thresholds = r.thresholds ?? [];
  const prices = r.prices ?? [];
  const compareAts = r.compare_ats ?? [];
  const state = productStockState(
    stocks.map((stock, i) => stockState(stock, effectiveLowStock(thresholds[i] ?? null, r.low_stock_default))),
  );
  // The struck-through price shown next to the lowest price: that of the cheapest SKU, if above it.
  let compareAtPrice: number | null = null;
  const cheapest = prices.length > 0 ? Math.min(...prices) : undefined;
  prices.forEach((price, i) => {
    const was = compareAts[i];
    if (price === cheapest && was != null && was > price && (compareAtPrice === null || was > compareAtPrice)) {
      compareAtPrice = was;
    }
  });
  return {
    id: r.id,
    title: r.title,
    subtitle: r.subtitle,
    image: smallImageUrl(
      env,
      r.image_id && r.image_key ? { id: r.image_id, storageKey: r.image_key, variants: r.image_variants } : null,
    ),
    priceMin: r.price_min,
    priceMax: r.price_max,
    compareAtPrice,
    currency: r.currency,
    stockState: state,
    salesCount: r.sales_count,
  };
}

export async function listStoreProducts(
  db: Database,
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
  const score = terms.length > 0 ? relevance(terms.join(" "), patterns) : Prisma.sql`0`;

  const where: Prisma.Sql[] = [
    Prisma.sql`p.tenant_id = ${tenantId}::uuid`,
    Prisma.sql`p.status = 'on_shelf'`,
    Prisma.sql`p.deleted_at IS NULL`,
  ];
  if (query.category) {
    where.push(Prisma.sql`p.category_id IN (SELECT c.id FROM categories c
      WHERE c.tenant_id = ${tenantId}::uuid AND (c.id = ${query.category}::uuid OR c.parent_id = ${query.category}::uuid))`);
  }
  if (query.tag) where.push(Prisma.sql`p.tags @> ARRAY[${query.tag}::text]`);
  if (query.minPrice !== undefined) where.push(Prisma.sql`p.price_max >= ${query.minPrice}::int`);
  if (query.maxPrice !== undefined) where.push(Prisma.sql`p.price_min <= ${query.maxPrice}::int`);
  if (inStock) where.push(Prisma.sql`p.stock_total > 0`);
  for (const pattern of patterns) {
    where.push(Prisma.sql`(p.title ILIKE ${pattern} OR p.subtitle ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM unnest(p.tags) AS tag WHERE tag ILIKE ${pattern}))`);
  }
  if (after) where.push(spec.after(after.keys, after.id, score));

  return db.withTenant(tenantId, async (tx) => {
    // The page is chosen first (LIMIT inside), so SKUs and images are read for its rows only.
    const rows = await tx.$queryRaw<CardRow[]>`
      SELECT m.*, sk.prices, sk.compare_ats, sk.stocks, sk.thresholds,
             img.id AS image_id, img.storage_key AS image_key, img.variants AS image_variants,
             (SELECT cs.low_stock_default FROM catalog_settings cs WHERE cs.tenant_id = ${tenantId}::uuid) AS low_stock_default
      FROM (
        SELECT p.id, p.tenant_id, p.title, p.subtitle, p.currency, p.price_min, p.price_max, p.sales_count, p.created_at,
               to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key,
               ${score} AS score,
               ${logSearch ? Prisma.sql`count(*) OVER ()::int` : Prisma.sql`NULL::int`} AS total
        FROM products p
        WHERE ${Prisma.join(where, " AND ")}
        ORDER BY ${spec.inner}
        LIMIT ${query.limit + 1}
      ) m
      LEFT JOIN LATERAL (
        SELECT array_agg(s.price ORDER BY s.position, s.id) AS prices,
               array_agg(s.compare_at_price ORDER BY s.position, s.id) AS compare_ats,
               array_agg(s.stock ORDER BY s.position, s.id) AS stocks,
               array_agg(s.low_stock_threshold ORDER BY s.position, s.id) AS thresholds
        FROM skus s WHERE s.tenant_id = m.tenant_id AND s.product_id = m.id
      ) sk ON true
      LEFT JOIN LATERAL (
        SELECT md.id, md.storage_key, md.variants
        FROM product_images pi JOIN media md ON md.tenant_id = pi.tenant_id AND md.id = pi.media_id
        WHERE pi.tenant_id = m.tenant_id AND pi.product_id = m.id
        ORDER BY pi.position LIMIT 1
      ) img ON true
      ORDER BY ${spec.outer}`;

    if (logSearch) {
      await tx.searchLogEntry.create({
        data: { tenantId, query: normalizeSearch(q).slice(0, 100), results: rows[0]?.total ?? 0 },
        select: { id: true },
      });
    }
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last ? encodeProductCursor(sort, fingerprint, spec.keys(last), last.id) : null;
    return { items: page.map((r) => presentCard(env, r)), nextCursor };
  });
}
