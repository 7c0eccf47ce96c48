// The catalog as CSV in the import format (docs/csv-format.md): one row per SKU, money in yuan,
// tags joined with |, the category as its path, the product id as handle. Streamed a page of
// products at a time (each page one short transaction), UTF-8 with a BOM for Excel.
import { CATALOG_CSV_COLUMNS, LIMITS, type TCatalogCsvColumn, type TExportCatalogQuery } from "@mallwright/schema";
import { escapeLike } from "../../db/like.ts";
import type { Database } from "../../db/types.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { parseDimensions } from "../catalog/get-product.ts";
import { categoryPathOf } from "./load-import-snapshot.ts";
import { UTF8_BOM, writeCsv } from "./write-csv.ts";
import { formatYuan } from "./yuan.ts";

/** Products per page: a page is one query and one chunk of the response. */
export const EXPORT_PAGE_PRODUCTS = 200;

interface SkuRow {
  product_id: string;
  title: string;
  subtitle: string;
  status: string;
  tags: string[];
  dimensions: unknown;
  category_name: string | null;
  parent_name: string | null;
  code: string | null;
  spec_values: string[];
  price: number;
  compare_at_price: number | null;
  stock: number;
  weight_grams: number | null;
}

function filtersOf(q: TExportCatalogQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`p.deleted_at IS NULL`];
  if (q.status) parts.push(Prisma.sql`p.status = ${q.status}::text`);
  if (q.categoryId) {
    parts.push(
      Prisma.sql`p.category_id IN (SELECT id FROM categories WHERE id = ${q.categoryId}::uuid OR parent_id = ${q.categoryId}::uuid)`,
    );
  }
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    parts.push(Prisma.sql`(p.title ILIKE ${like} OR p.subtitle ILIKE ${like}
      OR EXISTS (SELECT 1 FROM skus k WHERE k.product_id = p.id AND k.code ILIKE ${like}))`);
  }
  return Prisma.join(parts, " AND ");
}

function toCells(r: SkuRow): string[] {
  const dims = parseDimensions(r.dimensions);
  const cells: Record<TCatalogCsvColumn, string> = {
    handle: r.product_id,
    title: r.title,
    subtitle: r.subtitle,
    category: r.category_name === null ? "" : categoryPathOf(r.category_name, r.parent_name),
    tags: r.tags.join("|"),
    status: r.status,
    option1_name: "",
    option1_value: "",
    option2_name: "",
    option2_value: "",
    option3_name: "",
    option3_value: "",
    sku_code: r.code ?? "",
    price: formatYuan(r.price),
    compare_at_price: r.compare_at_price === null ? "" : formatYuan(r.compare_at_price),
    stock: String(r.stock),
    weight_grams: r.weight_grams === null ? "" : String(r.weight_grams),
  };
  for (let k = 0; k < Math.min(dims.length, LIMITS.dimensions); k++) {
    cells[`option${k + 1}_name` as TCatalogCsvColumn] = dims[k]?.name ?? "";
    cells[`option${k + 1}_value` as TCatalogCsvColumn] = r.spec_values[k] ?? "";
  }
  return CATALOG_CSV_COLUMNS.map((c) => cells[c]);
}

/** One page: the next products after `afterId` (by id, i.e. creation order) and all their SKUs. */
async function loadPage(
  db: Database,
  tenantId: string,
  where: Prisma.Sql,
  afterId: string | null,
): Promise<{ rows: SkuRow[]; lastId: string | null; full: boolean }> {
  return db.withTenant(tenantId, async (tx) => {
    const ids = await tx.$queryRaw<{ id: string }[]>`
      SELECT p.id::text AS id FROM products p
      WHERE ${where} AND (${afterId}::uuid IS NULL OR p.id > ${afterId}::uuid)
      ORDER BY p.id LIMIT ${EXPORT_PAGE_PRODUCTS}`;
    const pageIds = ids.map((r) => r.id);
    if (pageIds.length === 0) return { rows: [], lastId: null, full: false };
    const rows = await tx.$queryRaw<SkuRow[]>`
      SELECT p.id::text AS product_id, p.title, p.subtitle, p.status, p.tags, p.dimensions,
             c.name AS category_name, pc.name AS parent_name,
             s.code, s.spec_values, s.price, s.compare_at_price, s.stock, s.weight_grams
      FROM products p
      JOIN skus s ON s.product_id = p.id
      LEFT JOIN categories c ON c.id = p.category_id
      LEFT JOIN categories pc ON pc.id = c.parent_id
      WHERE p.id = ANY(${pageIds}::uuid[])
      ORDER BY p.id, s.position, s.id`;
    return { rows, lastId: pageIds.at(-1) ?? null, full: pageIds.length === EXPORT_PAGE_PRODUCTS };
  });
}

/** The export as a stream of UTF-8 chunks: BOM and header first, then a chunk per page of products. */
export function exportCatalogCsv(db: Database, tenantId: string, q: TExportCatalogQuery): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const where = filtersOf(q);
  let afterId: string | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${UTF8_BOM}${writeCsv([CATALOG_CSV_COLUMNS])}`));
    },
    async pull(controller) {
      if (done) return;
      const page = await loadPage(db, tenantId, where, afterId);
      if (page.rows.length > 0) controller.enqueue(encoder.encode(writeCsv(page.rows.map(toCells))));
      afterId = page.lastId;
      if (!page.full) {
        done = true;
        controller.close();
      }
    },
  });
}
