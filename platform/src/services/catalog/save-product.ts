// Creates and edits products (SPU) with their gallery, video and SKU matrix. Stock set here goes
// through the inventory service (`initial` for new SKUs, `manual` for edits), so the ledger explains it.
//
// Editing the matrix: an existing SKU survives when the new request has a SKU with the same spec
// values in the same order. It keeps its id, stock history and ledger; everything else about it
// comes from the request. Renaming a dimension (same values) therefore keeps every SKU, while
// renaming a value, adding or removing a dimension, or reordering dimensions replaces the SKUs
// concerned: those are reported in `removedSkus` (their ledger rows go with them).
import type {
  TCreateProductRequest,
  TDimension,
  TErrorDetail,
  TSaveProductResponse,
  TSkuInput,
  TUpdateProductRequest,
} from "@mallwright/schema";
import { isUniqueViolation } from "../../db/errors.ts";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { changeStock } from "../inventory/change-stock.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import type { CatalogActor } from "./actor.ts";
import { assertNoProblems, type CategoryRef, checkReferences, type MediaRef } from "./check-references.ts";
import { loadProduct, parseDimensions } from "./get-product.ts";
import { assertProductQuota } from "./product-quota.ts";
import { refreshProductTotals } from "./refresh-product-totals.ts";
import { sanitizeDetailHtml } from "./sanitize-detail-html.ts";
import { checkSkuCodes, checkSkuMatrix, specKeyOf } from "./sku-matrix.ts";

type RemovedSku = TSaveProductResponse["removedSkus"][number];

interface RefFields {
  categoryId?: string | null | undefined;
  imageIds?: string[] | undefined;
  videoMediaId?: string | null | undefined;
  skus?: TSkuInput[] | undefined;
}

function referencesOf(input: RefFields): { categories: CategoryRef[]; media: MediaRef[] } {
  const categories: CategoryRef[] = input.categoryId ? [{ path: "categoryId", id: input.categoryId }] : [];
  const media: MediaRef[] = [];
  input.imageIds?.forEach((id, i) => {
    media.push({ path: `imageIds.${i}`, id, kind: "image" });
  });
  if (input.videoMediaId) media.push({ path: "videoMediaId", id: input.videoMediaId, kind: "video" });
  input.skus?.forEach((s, i) => {
    if (s.imageMediaId) media.push({ path: `skus.${i}.imageMediaId`, id: s.imageMediaId, kind: "image" });
  });
  return { categories, media };
}

function duplicateImages(imageIds: string[] | undefined): TErrorDetail[] {
  const seen = new Map<string, number>();
  const details: TErrorDetail[] = [];
  imageIds?.forEach((id, i) => {
    const first = seen.get(id);
    if (first !== undefined) details.push({ path: `imageIds.${i}`, in: "body", message: `repeats imageIds.${first}` });
    else seen.set(id, i);
  });
  return details;
}

/** 409 when a code of `skus` belongs to a SKU of another product (codes are unique per store). */
async function assertCodesFree(tx: Tx, skus: TSkuInput[], productId: string | null): Promise<void> {
  const codes = skus.flatMap((s) => (s.code ? [s.code] : []));
  if (codes.length === 0) return;
  const taken = await tx.$queryRaw<{ code: string }[]>`
    SELECT code FROM skus
    WHERE code = ANY(${codes}::text[]) AND (${productId}::uuid IS NULL OR product_id <> ${productId}::uuid)`;
  if (taken.length === 0) return;
  const takenSet = new Set(taken.map((t) => t.code));
  const details = skus.flatMap((s, i) =>
    s.code && takenSet.has(s.code)
      ? [{ path: `skus.${i}.code`, in: "body" as const, message: `SKU code "${s.code}" is used by another product` }]
      : [],
  );
  throw new ApiError(
    "sku_code_taken",
    `SKU code${takenSet.size > 1 ? "s" : ""} ${[...takenSet].map((c) => `"${c}"`).join(", ")} already used by another product`,
    details,
  );
}

function codeRace(err: unknown): never {
  // Two requests claiming the same new code at once: the unique index decides, the loser gets the 409.
  // Raw statements report it as P2010 with the PostgreSQL code inside.
  const raw =
    err instanceof Prisma.PrismaClientKnownRequestError &&
    err.code === "P2010" &&
    JSON.stringify(err.meta ?? {}).includes('"originalCode":"23505"');
  if (raw || isUniqueViolation(err)) {
    throw new ApiError("sku_code_taken", "a SKU code was taken by another product meanwhile");
  }
  throw err;
}

function priceRange(skus: TSkuInput[]): { priceMin: number; priceMax: number } {
  const prices = skus.map((s) => s.price);
  return { priceMin: Math.min(...prices), priceMax: Math.max(...prices) };
}

function skuColumns(s: TSkuInput, position: number) {
  return {
    price: s.price,
    compareAtPrice: s.compareAtPrice ?? null,
    code: s.code ?? null,
    imageMediaId: s.imageMediaId ?? null,
    weightGrams: s.weightGrams ?? null,
    lowStockThreshold: s.lowStockThreshold ?? null,
    position,
  };
}

/**
 * Inserts SKUs at stock 0 in one statement (arrays through unnest: Prisma's createMany would send
 * tens of thousands of bind parameters in chunks), then books their stock as `initial` entries.
 */
async function insertSkus(
  tx: Tx,
  actor: CatalogActor,
  productId: string,
  fresh: { input: TSkuInput; position: number }[],
): Promise<void> {
  if (fresh.length === 0) return;
  const keys = fresh.map((f) => specKeyOf(f.input.specValues));
  const cols = fresh.map((f) => skuColumns(f.input, f.position));
  // spec_values is rebuilt from the JSON key: unnest cannot carry an array per row.
  const created = await tx.$queryRaw<{ id: string; spec_key: string }[]>`
    INSERT INTO skus (tenant_id, product_id, spec_values, spec_key, price, compare_at_price, stock, code,
                      image_media_id, weight_grams, low_stock_threshold, position)
    SELECT ${actor.tenantId}::uuid, ${productId}::uuid, ARRAY(SELECT jsonb_array_elements_text(v.spec_key::jsonb)),
           v.spec_key, v.price, v.compare_at_price, 0, v.code, v.image_media_id, v.weight_grams,
           v.low_stock_threshold, v.position
    FROM unnest(
      ${keys}::text[], ${cols.map((c) => c.price)}::int[], ${cols.map((c) => c.compareAtPrice)}::int[],
      ${cols.map((c) => c.code)}::text[], ${cols.map((c) => c.imageMediaId)}::uuid[],
      ${cols.map((c) => c.weightGrams)}::int[], ${cols.map((c) => c.lowStockThreshold)}::int[],
      ${cols.map((c) => c.position)}::int[]
    ) AS v(spec_key, price, compare_at_price, code, image_media_id, weight_grams, low_stock_threshold, position)
    RETURNING id::text AS id, spec_key`;
  const stockByKey = new Map(fresh.map((f) => [specKeyOf(f.input.specValues), f.input.stock]));
  await changeStock(
    tx,
    created.map((c) => ({ skuId: c.id, delta: stockByKey.get(c.spec_key) ?? 0 })),
    { reason: "initial", actorId: actor.membershipId },
  );
}

export async function createProduct(
  db: Database,
  env: Env,
  actor: CatalogActor,
  input: TCreateProductRequest,
): Promise<TSaveProductResponse> {
  assertNoProblems([
    ...checkSkuMatrix(input.dimensions, input.skus),
    ...checkSkuCodes(input.skus),
    ...duplicateImages(input.imageIds),
  ]);
  const detailHtml = sanitizeDetailHtml(input.detailHtml);
  return db
    .withTenant(actor.tenantId, async (tx) => {
      await notifyCatalogChanged(tx, actor.tenantId);
      assertNoProblems(await checkReferences(tx, referencesOf(input)));
      await assertProductQuota(tx, actor.tenantId, 1);
      await assertCodesFree(tx, input.skus, null);
      const product = await tx.product.create({
        data: {
          tenantId: actor.tenantId,
          title: input.title,
          subtitle: input.subtitle,
          detailHtml,
          categoryId: input.categoryId ?? null,
          status: input.status,
          tags: input.tags,
          videoMediaId: input.videoMediaId ?? null,
          dimensions: input.dimensions,
          ...priceRange(input.skus),
          onShelfAt: input.status === "on_shelf" ? new Date() : null,
        },
        select: { id: true },
      });
      if (input.imageIds.length > 0) {
        await tx.productImage.createMany({
          data: input.imageIds.map((mediaId, position) => ({
            tenantId: actor.tenantId,
            productId: product.id,
            mediaId,
            position,
          })),
        });
      }
      await insertSkus(
        tx,
        actor,
        product.id,
        input.skus.map((s, position) => ({ input: s, position })),
      );
      return { product: await loadProduct(tx, env, product.id), removedSkus: [] };
    })
    .catch(codeRace);
}

interface ExistingSku {
  id: string;
  spec_values: string[];
  stock: number;
  code: string | null;
}

/**
 * Replaces the SKU matrix of a locked product: survivors (same spec values) are updated in place,
 * the rest deleted, new combinations inserted. A fixed number of statements for any matrix size.
 */
async function replaceSkus(tx: Tx, actor: CatalogActor, productId: string, skus: TSkuInput[]): Promise<RemovedSku[]> {
  const existing = await tx.$queryRaw<ExistingSku[]>`
    SELECT id::text AS id, spec_values, stock, code FROM skus WHERE product_id = ${productId}::uuid ORDER BY id FOR UPDATE`;
  const byKey = new Map(existing.map((e) => [specKeyOf(e.spec_values), e]));
  const survivors: { sku: ExistingSku; input: TSkuInput; position: number }[] = [];
  const fresh: { input: TSkuInput; position: number }[] = [];
  skus.forEach((input, position) => {
    const sku = byKey.get(specKeyOf(input.specValues));
    if (sku) {
      survivors.push({ sku, input, position });
      byKey.delete(specKeyOf(input.specValues));
    } else fresh.push({ input, position });
  });
  const removed = [...byKey.values()];

  if (removed.length > 0) {
    await tx.$executeRaw`DELETE FROM skus WHERE id = ANY(${removed.map((r) => r.id)}::uuid[])`;
  }
  if (survivors.length > 0) {
    const ids = survivors.map((s) => s.sku.id);
    const cols = survivors.map((s) => skuColumns(s.input, s.position));
    // Codes are cleared first: swapping two codes in one UPDATE would trip the unique index mid-way.
    await tx.$executeRaw`UPDATE skus SET code = NULL WHERE id = ANY(${ids}::uuid[]) AND code IS NOT NULL`;
    await tx.$executeRaw`
      UPDATE skus s SET
        price = v.price, compare_at_price = v.compare_at_price, code = v.code, image_media_id = v.image_media_id,
        weight_grams = v.weight_grams, low_stock_threshold = v.low_stock_threshold, position = v.position,
        updated_at = now()
      FROM unnest(
        ${ids}::uuid[], ${cols.map((c) => c.price)}::int[], ${cols.map((c) => c.compareAtPrice)}::int[],
        ${cols.map((c) => c.code)}::text[], ${cols.map((c) => c.imageMediaId)}::uuid[],
        ${cols.map((c) => c.weightGrams)}::int[], ${cols.map((c) => c.lowStockThreshold)}::int[],
        ${cols.map((c) => c.position)}::int[]
      ) AS v(id, price, compare_at_price, code, image_media_id, weight_grams, low_stock_threshold, position)
      WHERE s.id = v.id`;
    await changeStock(
      tx,
      survivors.map((s) => ({ skuId: s.sku.id, delta: s.input.stock - s.sku.stock })),
      { reason: "manual", actorId: actor.membershipId, note: "edited with the product" },
    );
  }
  await insertSkus(tx, actor, productId, fresh);
  return removed.map((r) => ({ id: r.id, specValues: r.spec_values, code: r.code }));
}

export async function updateProduct(
  db: Database,
  env: Env,
  actor: CatalogActor,
  id: string,
  input: TUpdateProductRequest,
): Promise<TSaveProductResponse> {
  const early: TErrorDetail[] = [...duplicateImages(input.imageIds)];
  if (input.skus) early.push(...checkSkuCodes(input.skus));
  if (input.skus && input.dimensions) early.push(...checkSkuMatrix(input.dimensions, input.skus));
  assertNoProblems(early);
  const detailHtml = input.detailHtml === undefined ? undefined : sanitizeDetailHtml(input.detailHtml);
  return db
    .withTenant(actor.tenantId, async (tx) => {
      await notifyCatalogChanged(tx, actor.tenantId);
      // Lock order: the product first, then its SKUs (as in services/inventory/change-stock.ts).
      const [current] = await tx.$queryRaw<{ status: string; dimensions: unknown; deleted_at: Date | null }[]>`
        SELECT status, dimensions, deleted_at FROM products WHERE id = ${id}::uuid FOR UPDATE`;
      if (!current) throw notFound("product");
      if (current.deleted_at) {
        throw new ApiError("conflict", "this product is in the recycle bin: restore it before editing");
      }
      const dimensions: TDimension[] = input.dimensions ?? parseDimensions(current.dimensions);
      const late: TErrorDetail[] = [];
      if (input.skus && !input.dimensions) late.push(...checkSkuMatrix(dimensions, input.skus));
      late.push(...(await checkReferences(tx, referencesOf(input))));
      assertNoProblems(late);

      let removedSkus: RemovedSku[] = [];
      if (input.skus) {
        await assertCodesFree(tx, input.skus, id);
        removedSkus = await replaceSkus(tx, actor, id, input.skus);
        await refreshProductTotals(tx, [id]);
      }
      if (input.imageIds) {
        await tx.productImage.deleteMany({ where: { productId: id } });
        if (input.imageIds.length > 0) {
          await tx.productImage.createMany({
            data: input.imageIds.map((mediaId, position) => ({
              tenantId: actor.tenantId,
              productId: id,
              mediaId,
              position,
            })),
          });
        }
      }
      const goesOnShelf = input.status === "on_shelf" && current.status !== "on_shelf";
      await tx.product.update({
        where: { id },
        data: {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.subtitle !== undefined ? { subtitle: input.subtitle } : {}),
          ...(detailHtml !== undefined ? { detailHtml } : {}),
          ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(goesOnShelf ? { onShelfAt: new Date() } : {}),
          ...(input.tags !== undefined ? { tags: input.tags } : {}),
          ...(input.videoMediaId !== undefined ? { videoMediaId: input.videoMediaId } : {}),
          ...(input.dimensions !== undefined ? { dimensions: input.dimensions } : {}),
          updatedAt: new Date(),
        },
      });
      return { product: await loadProduct(tx, env, id), removedSkus };
    })
    .catch(codeRace);
}
