// Product cards as shoppers see them (list, search, page blocks): the card statement over a chosen
// set of products and its presenter. Per card, in one statement: the SKUs' prices, stock and
// thresholds by the merchant's low-stock rule (stock-rule.ts), and the first gallery image.
import type { TStoreProductCard } from "@mallwright/schema";
import { empty, type Sql, sql } from "../../db/read.ts";
import type { Env } from "../../env.ts";
import { smallImageUrl } from "./present-media.ts";
import { skuThresholdSql, stockSettingsCte } from "./stock-rule.ts";
import { productStockState, stockState } from "./stock-state.ts";

/** Per SKU, in position order: price, compare-at price, stock, low-stock threshold in force. */
export type SkuTuple = [price: number, compareAt: number | null, stock: number, threshold: number];

export interface StoreCardRow {
  id: string;
  title: string;
  subtitle: string;
  currency: string;
  price_min: number;
  price_max: number;
  sales_count: number;
  /** created_at as the list cursor carries it (UTC, microseconds). */
  created_key: string;
  /** Search relevance (0 without search words). */
  score: number;
  skus: SkuTuple[] | null;
  image_id: string | null;
  image_key: string | null;
  image_variants: unknown;
}

/** What a `page` fragment must select from products `p` (then add `score` and `total`). */
export const CARD_PAGE_COLUMNS = sql`p.id, p.tenant_id, p.title, p.subtitle, p.currency, p.price_min, p.price_max,
  p.sales_count, p.created_at,
  to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key`;

/**
 * Cards for the products that `page` selects (a SELECT of CARD_PAGE_COLUMNS, score and total over
 * products, already filtered and limited), ordered by `order` over the page `m`. `more` adds CTEs
 * after `page` (", name AS (...)"), e.g. the search log's insert.
 */
export function storeCardsQuery(page: Sql<unknown>, order: Sql<unknown>, more: Sql<unknown> = empty) {
  return sql<StoreCardRow>`
    WITH ${stockSettingsCte}, page AS (${page})${more}
    SELECT m.id, m.title, m.subtitle, m.currency, m.price_min, m.price_max, m.sales_count, m.created_key, m.score,
           sk.skus, img.id AS image_id, img.storage_key AS image_key, img.variants AS image_variants
    FROM page m
    CROSS JOIN cfg
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_array(s.price, s.compare_at_price, s.stock, ${skuThresholdSql})
                      ORDER BY s.position, s.id) AS skus
      FROM skus s WHERE s.tenant_id = m.tenant_id AND s.product_id = m.id
    ) sk ON true
    LEFT JOIN LATERAL (
      SELECT md.id, md.storage_key, md.variants
      FROM product_images pi JOIN media md ON md.tenant_id = pi.tenant_id AND md.id = pi.media_id
      WHERE pi.tenant_id = m.tenant_id AND pi.product_id = m.id
      ORDER BY pi.position LIMIT 1
    ) img ON true
    ORDER BY ${order}`;
}

/** Cards of the given products that are on the shelf (others are left out), newest first. */
export function storeCardsByIdsQuery(tenantId: string, ids: readonly string[]) {
  return storeCardsQuery(
    sql`SELECT ${CARD_PAGE_COLUMNS}, 0 AS score, NULL::int AS total
        FROM products p
        WHERE p.tenant_id = ${tenantId}::uuid AND p.id = ANY(${ids}::uuid[])
          AND p.status = 'on_shelf' AND p.deleted_at IS NULL`,
    sql`m.created_at DESC, m.id DESC`,
  );
}

export function presentStoreCard(env: Env, r: StoreCardRow): TStoreProductCard {
  const skus = r.skus ?? [];
  const state = productStockState(skus.map(([, , stock, threshold]) => stockState(stock, threshold)));
  // The struck-through price shown next to the lowest price: that of the cheapest SKU, if above it.
  let compareAtPrice: number | null = null;
  const cheapest = skus.length > 0 ? Math.min(...skus.map(([price]) => price)) : undefined;
  for (const [price, was] of skus) {
    if (price === cheapest && was != null && was > price && (compareAtPrice === null || was > compareAtPrice)) {
      compareAtPrice = was;
    }
  }
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
