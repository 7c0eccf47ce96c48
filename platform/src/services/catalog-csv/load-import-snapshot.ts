// What an import plan needs from the store, read in the caller's transaction: the SKUs the file's
// codes name (with their products), products whose id is used as a handle, and every category path.
// With `lock`, the products concerned and their SKUs are locked in the order every stock writer uses.
import type { TDimension, TProductStatus } from "@mallwright/schema";
import type { Tx } from "../../db/types.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { parseDimensions } from "../catalog/get-product.ts";
import type { CsvRow } from "./read-csv-row.ts";
import { normalizeCategoryPath } from "./read-csv-row.ts";

export interface ExistingSku {
  id: string;
  productId: string;
  code: string;
  specValues: string[];
  price: number;
  compareAtPrice: number | null;
  stock: number;
  weightGrams: number | null;
}

export interface ExistingProduct {
  id: string;
  title: string;
  subtitle: string;
  categoryId: string | null;
  status: TProductStatus;
  tags: string[];
  dimensions: TDimension[];
  deleted: boolean;
}

export interface ImportSnapshot {
  skusByCode: Map<string, ExistingSku>;
  products: Map<string, ExistingProduct>;
  /** Normalized category path ("女装/连衣裙") -> ids (more than one: the path is ambiguous). */
  categories: Map<string, string[]>;
  /** Handles in the file that are ids of this store's products (an export writes the id as handle). */
  productIdHandles: Set<string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadImportSnapshot(tx: Tx, rows: CsvRow[], opts: { lock: boolean }): Promise<ImportSnapshot> {
  const codes = [...new Set(rows.flatMap((r) => (r.skuCode ? [r.skuCode] : [])))];
  const idHandles = [
    ...new Set(rows.flatMap((r) => (r.handle && UUID.test(r.handle) ? [r.handle.toLowerCase()] : []))),
  ];
  const forUpdate = opts.lock ? Prisma.sql`FOR UPDATE` : Prisma.empty;

  if (opts.lock && codes.length > 0) {
    await tx.$queryRaw`
      SELECT id FROM products WHERE id IN (SELECT product_id FROM skus WHERE code = ANY(${codes}::text[]))
      ORDER BY id FOR UPDATE`;
  }
  const skus =
    codes.length === 0
      ? []
      : await tx.$queryRaw<
          {
            id: string;
            product_id: string;
            code: string;
            spec_values: string[];
            price: number;
            compare_at_price: number | null;
            stock: number;
            weight_grams: number | null;
          }[]
        >`
      SELECT id::text AS id, product_id::text AS product_id, code, spec_values, price, compare_at_price, stock, weight_grams
      FROM skus WHERE code = ANY(${codes}::text[]) ORDER BY id ${forUpdate}`;
  const productIds = [...new Set(skus.map((s) => s.product_id))];
  const products =
    productIds.length === 0
      ? []
      : await tx.$queryRaw<
          {
            id: string;
            title: string;
            subtitle: string;
            category_id: string | null;
            status: TProductStatus;
            tags: string[];
            dimensions: unknown;
            deleted: boolean;
          }[]
        >`
      SELECT id::text AS id, title, subtitle, category_id::text AS category_id, status, tags, dimensions,
             deleted_at IS NOT NULL AS deleted
      FROM products WHERE id = ANY(${productIds}::uuid[])`;
  const handleHits =
    idHandles.length === 0
      ? []
      : await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM products WHERE id = ANY(${idHandles}::uuid[])`;
  const categoryRows = await tx.$queryRaw<{ id: string; name: string; parent_name: string | null }[]>`
    SELECT c.id::text AS id, c.name, p.name AS parent_name
    FROM categories c LEFT JOIN categories p ON p.id = c.parent_id`;

  const categories = new Map<string, string[]>();
  for (const c of categoryRows) {
    const path = normalizeCategoryPath(categoryPathOf(c.name, c.parent_name));
    categories.set(path, [...(categories.get(path) ?? []), c.id]);
  }
  return {
    skusByCode: new Map(
      skus.map((s) => [
        s.code,
        {
          id: s.id,
          productId: s.product_id,
          code: s.code,
          specValues: s.spec_values,
          price: s.price,
          compareAtPrice: s.compare_at_price,
          stock: s.stock,
          weightGrams: s.weight_grams,
        },
      ]),
    ),
    products: new Map(
      products.map((p) => [
        p.id,
        {
          id: p.id,
          title: p.title,
          subtitle: p.subtitle,
          categoryId: p.category_id,
          status: p.status,
          tags: p.tags,
          dimensions: parseDimensions(p.dimensions),
          deleted: p.deleted,
        },
      ]),
    ),
    categories,
    productIdHandles: new Set(handleHits.map((h) => h.id)),
  };
}

/** The path an export writes for a category: "parent/child", or the name of a top-level one. */
export function categoryPathOf(name: string, parentName: string | null): string {
  return parentName === null ? name : `${parentName}/${name}`;
}
