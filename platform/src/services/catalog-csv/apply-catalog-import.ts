// Writes an import plan in the caller's transaction, in a fixed number of statements whatever the
// file's size: new products and their SKUs (arrays through unnest), SKU and product updates, and
// every stock change through the inventory service with reason `import`.

import { uuidv7 } from "uuidv7";
import type { Tx } from "../../db/types.ts";
import { assertProductQuota } from "../catalog/product-quota.ts";
import { refreshProductTotals } from "../catalog/refresh-product-totals.ts";
import { specKeyOf } from "../catalog/sku-matrix.ts";
import { changeStock } from "../inventory/change-stock.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import type { ImportPlan, NewProduct } from "./plan-catalog-import.ts";

export interface ImportActor {
  tenantId: string;
  /** The membership that uploaded the file (ledger actor); null if it has gone. */
  membershipId: string | null;
  importId: string;
}

async function insertProducts(tx: Tx, actor: ImportActor, products: NewProduct[]): Promise<void> {
  if (products.length === 0) return;
  await assertProductQuota(tx, actor.tenantId, products.length);
  const ids = products.map(() => uuidv7());
  const prices = products.map((p) => p.skus.map((s) => s.price));
  // Arrays per product (tags, dimensions) travel as JSON text: unnest cannot carry an array per row.
  await tx.$executeRaw`
    INSERT INTO products (tenant_id, id, title, subtitle, category_id, status, tags, dimensions, price_min, price_max, on_shelf_at)
    SELECT ${actor.tenantId}::uuid, v.id, v.title, v.subtitle, v.category_id, v.status,
           ARRAY(SELECT jsonb_array_elements_text(v.tags::jsonb)), v.dimensions::jsonb, v.price_min, v.price_max,
           CASE WHEN v.status = 'on_shelf' THEN now() END
    FROM unnest(
      ${ids}::uuid[], ${products.map((p) => p.title)}::text[], ${products.map((p) => p.subtitle)}::text[],
      ${products.map((p) => p.categoryId)}::uuid[], ${products.map((p) => p.status)}::text[],
      ${products.map((p) => JSON.stringify(p.tags))}::text[], ${products.map((p) => JSON.stringify(p.dimensions))}::text[],
      ${prices.map((p) => Math.min(...p))}::int[], ${prices.map((p) => Math.max(...p))}::int[]
    ) AS v(id, title, subtitle, category_id, status, tags, dimensions, price_min, price_max)`;

  const skus = products.flatMap((p, i) => p.skus.map((s) => ({ ...s, productId: ids[i] ?? "" })));
  const created = await tx.$queryRaw<{ id: string; code: string }[]>`
    INSERT INTO skus (tenant_id, product_id, spec_values, spec_key, price, compare_at_price, stock, code, weight_grams, position)
    SELECT ${actor.tenantId}::uuid, v.product_id, ARRAY(SELECT jsonb_array_elements_text(v.spec_key::jsonb)), v.spec_key,
           v.price, v.compare_at_price, 0, v.code, v.weight_grams, v.position
    FROM unnest(
      ${skus.map((s) => s.productId)}::uuid[], ${skus.map((s) => specKeyOf(s.specValues))}::text[],
      ${skus.map((s) => s.price)}::int[], ${skus.map((s) => s.compareAtPrice)}::int[], ${skus.map((s) => s.code)}::text[],
      ${skus.map((s) => s.weightGrams)}::int[], ${skus.map((s) => s.position)}::int[]
    ) AS v(product_id, spec_key, price, compare_at_price, code, weight_grams, position)
    RETURNING id::text AS id, code`;
  const stockOf = new Map(skus.map((s) => [s.code, s.stock]));
  await changeStock(
    tx,
    created.map((c) => ({ skuId: c.id, delta: stockOf.get(c.code) ?? 0 })),
    { reason: "import", actorId: actor.membershipId, note: "new SKU", ref: actor.importId },
  );
}

async function updateSkus(tx: Tx, actor: ImportActor, plan: ImportPlan): Promise<void> {
  const changed = plan.skuUpdates.filter((u) => u.fieldsChanged);
  if (changed.length > 0) {
    await tx.$executeRaw`
      UPDATE skus s SET price = v.price, compare_at_price = v.compare_at_price, weight_grams = v.weight_grams, updated_at = now()
      FROM unnest(
        ${changed.map((u) => u.skuId)}::uuid[], ${changed.map((u) => u.price)}::int[],
        ${changed.map((u) => u.compareAtPrice)}::int[], ${changed.map((u) => u.weightGrams)}::int[]
      ) AS v(id, price, compare_at_price, weight_grams)
      WHERE s.id = v.id`;
    await refreshProductTotals(tx, [...new Set(changed.map((u) => u.productId))]);
  }
  await changeStock(
    tx,
    plan.skuUpdates.map((u) => ({ skuId: u.skuId, delta: u.stockDelta })),
    { reason: "import", actorId: actor.membershipId, ref: actor.importId },
  );
}

async function updateProducts(tx: Tx, plan: ImportPlan): Promise<void> {
  const ps = plan.productUpdates;
  if (ps.length === 0) return;
  await tx.$executeRaw`
    UPDATE products p SET title = v.title, subtitle = v.subtitle, category_id = v.category_id, status = v.status,
      tags = ARRAY(SELECT jsonb_array_elements_text(v.tags::jsonb)),
      on_shelf_at = CASE WHEN v.status = 'on_shelf' AND p.status <> 'on_shelf' THEN now() ELSE p.on_shelf_at END,
      updated_at = now()
    FROM unnest(
      ${ps.map((p) => p.productId)}::uuid[], ${ps.map((p) => p.title)}::text[], ${ps.map((p) => p.subtitle)}::text[],
      ${ps.map((p) => p.categoryId)}::uuid[], ${ps.map((p) => p.status)}::text[],
      ${ps.map((p) => JSON.stringify(p.tags))}::text[]
    ) AS v(id, title, subtitle, category_id, status, tags)
    WHERE p.id = v.id`;
}

/**
 * Applies `plan` (made from a snapshot read with locks in this same transaction). Throws the
 * catalog's ApiErrors (402 plan_limit) and, if a new code was taken since, a unique violation.
 */
export async function applyCatalogImport(tx: Tx, actor: ImportActor, plan: ImportPlan): Promise<void> {
  await notifyCatalogChanged(tx, actor.tenantId);
  // Categories the plan points at stay until commit (as check-references.ts does for the editor).
  const categoryIds = [
    ...new Set(
      [...plan.newProducts, ...plan.productUpdates].flatMap((p) => (p.categoryId === null ? [] : [p.categoryId])),
    ),
  ];
  if (categoryIds.length > 0) {
    await tx.$queryRaw`SELECT id FROM categories WHERE id = ANY(${categoryIds}::uuid[]) FOR KEY SHARE`;
  }
  await updateProducts(tx, plan);
  await updateSkus(tx, actor, plan);
  await insertProducts(tx, actor, plan.newProducts);
}
