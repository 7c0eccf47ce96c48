// The merchant product list: status tabs (the bin included), category/tag/text filters, the
// low-stock filter, whitelisted sorts with keyset cursors, and the tab counts. Two queries for any
// page size: the page (with first image, SKU count and low-stock flag per row) and the counts.

import type { TListProductsQuery, TProductCounts, TProductListItem } from "@mallwright/schema";
import { ZProductStatus } from "@mallwright/schema";
import { escapeLike } from "../../db/like.ts";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { productLowStockSql, stockSettingsCte } from "../inventory/stock-levels.ts";
import { presentMediaRef } from "../media/media-url.ts";
import { badCursor, decodeCursor, encodeCursor, isExactTimestamp } from "./page-cursor.ts";

// Sort columns as fixed SQL fragments (no string-built SQL): the column, its exact text value for the
// cursor (timestamps keep their microseconds, which a JS Date would drop), and the cast that turns a
// cursor value back into the column's type.
const SORTS = {
  createdAt: {
    type: "timestamptz",
    column: Prisma.sql`p.created_at`,
    value: Prisma.sql`to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: (v: string) => Prisma.sql`${v}::timestamptz`,
  },
  price: {
    type: "int",
    column: Prisma.sql`p.price_min`,
    value: Prisma.sql`p.price_min::text`,
    cast: (v: string) => Prisma.sql`${v}::int`,
  },
  stock: {
    type: "int",
    column: Prisma.sql`p.stock_total`,
    value: Prisma.sql`p.stock_total::text`,
    cast: (v: string) => Prisma.sql`${v}::int`,
  },
  sales: {
    type: "int",
    column: Prisma.sql`p.sales_count`,
    value: Prisma.sql`p.sales_count::text`,
    cast: (v: string) => Prisma.sql`${v}::int`,
  },
  title: {
    type: "text",
    column: Prisma.sql`p.title`,
    value: Prisma.sql`p.title`,
    cast: (v: string) => Prisma.sql`${v}::text`,
  },
} as const;

/** A cursor made for another sort must not reach a SQL cast (that would be a 500). */
function fitsSort(v: string, type: (typeof SORTS)[keyof typeof SORTS]["type"]): boolean {
  if (type === "int") return /^-?\d{1,10}$/.test(v) && Math.abs(Number(v)) <= 2_147_483_647;
  if (type === "timestamptz") return isExactTimestamp(v);
  return true;
}

interface Row {
  id: string;
  title: string;
  status: string;
  category_id: string | null;
  tags: string[];
  price_min: number;
  price_max: number;
  stock_total: number;
  sales_count: number;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  sku_count: number;
  low: boolean;
  image_id: string | null;
  image_key: string | null;
  image_variants: unknown;
  sort_value: string;
}

export async function listProducts(
  db: Database,
  env: Env,
  tenantId: string,
  q: TListProductsQuery,
): Promise<{ items: TProductListItem[]; nextCursor: string | null; counts: TProductCounts }> {
  // Filters the tab counts share: category (with its subcategories), tag, text.
  const common: Prisma.Sql[] = [];
  if (q.categoryId) {
    common.push(
      Prisma.sql`p.category_id IN (SELECT id FROM categories WHERE id = ${q.categoryId}::uuid OR parent_id = ${q.categoryId}::uuid)`,
    );
  }
  if (q.tag) common.push(Prisma.sql`p.tags @> ARRAY[${q.tag}::text]`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    common.push(Prisma.sql`(p.title ILIKE ${like} OR p.subtitle ILIKE ${like}
      OR EXISTS (SELECT 1 FROM skus k WHERE k.product_id = p.id AND k.code ILIKE ${like}))`);
  }
  const low = productLowStockSql;
  const page: Prisma.Sql[] = [...common];
  if (q.status === "deleted") page.push(Prisma.sql`p.deleted_at IS NOT NULL`);
  else page.push(Prisma.sql`p.deleted_at IS NULL`);
  if (q.status && q.status !== "deleted") page.push(Prisma.sql`p.status = ${q.status}::text`);
  if (q.lowStock === "true") page.push(low);
  if (q.lowStock === "false") page.push(Prisma.sql`NOT ${low}`);

  const desc = q.sort.startsWith("-");
  const sort = SORTS[q.sort.replace("-", "") as keyof typeof SORTS];
  const dir = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  if (q.cursor) {
    const after = decodeCursor(q.cursor);
    if (!fitsSort(after.v, sort.type)) throw badCursor();
    const cmp = desc ? Prisma.sql`<` : Prisma.sql`>`;
    page.push(Prisma.sql`(${sort.column}, p.id) ${cmp} (${sort.cast(after.v)}, ${after.id}::uuid)`);
  }
  const where = (parts: Prisma.Sql[]) => (parts.length > 0 ? Prisma.join(parts, " AND ") : Prisma.sql`true`);

  return db.withTenant(tenantId, async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`
      WITH ${stockSettingsCte}
      SELECT p.id::text AS id, p.title, p.status, p.category_id::text AS category_id, p.tags, p.price_min, p.price_max,
             p.stock_total, p.sales_count, p.deleted_at, p.created_at, p.updated_at,
             (SELECT count(*) FROM skus k WHERE k.product_id = p.id)::int AS sku_count,
             ${low} AS low,
             img.id::text AS image_id, img.storage_key AS image_key, img.variants AS image_variants,
             ${sort.value} AS sort_value
      FROM products p CROSS JOIN cfg
      LEFT JOIN LATERAL (
        SELECT m.id, m.storage_key, m.variants FROM product_images pi JOIN media m ON m.id = pi.media_id
        WHERE pi.product_id = p.id ORDER BY pi.position LIMIT 1
      ) img ON true
      WHERE ${where(page)}
      ORDER BY ${sort.column} ${dir}, p.id ${dir}
      LIMIT ${q.limit + 1}`;
    const [counts] = await tx.$queryRaw<TProductCounts[]>`
      WITH ${stockSettingsCte}
      SELECT count(*) FILTER (WHERE p.deleted_at IS NULL)::int AS "all",
             count(*) FILTER (WHERE p.deleted_at IS NULL AND p.status = 'draft')::int AS draft,
             count(*) FILTER (WHERE p.deleted_at IS NULL AND p.status = 'on_shelf')::int AS on_shelf,
             count(*) FILTER (WHERE p.deleted_at IS NULL AND p.status = 'off_shelf')::int AS off_shelf,
             count(*) FILTER (WHERE p.deleted_at IS NOT NULL)::int AS deleted,
             count(*) FILTER (WHERE p.deleted_at IS NULL AND ${low})::int AS "lowStock"
      FROM products p CROSS JOIN cfg
      WHERE ${where(common)}`;
    const pageRows = rows.slice(0, q.limit);
    const last = pageRows.at(-1);
    return {
      items: pageRows.map((r) => ({
        id: r.id,
        title: r.title,
        status: ZProductStatus.parse(r.status),
        categoryId: r.category_id,
        tags: r.tags,
        image:
          r.image_id && r.image_key
            ? presentMediaRef(env, { id: r.image_id, storageKey: r.image_key, variants: r.image_variants })
            : null,
        priceMin: r.price_min,
        priceMax: r.price_max,
        stockTotal: r.stock_total,
        salesCount: r.sales_count,
        skuCount: r.sku_count,
        lowStock: r.low,
        deletedAt: r.deleted_at?.toISOString() ?? null,
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      })),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.sort_value, last.id) : null,
      counts: counts ?? { all: 0, draft: 0, on_shelf: 0, off_shelf: 0, deleted: 0, lowStock: 0 },
    };
  });
}
