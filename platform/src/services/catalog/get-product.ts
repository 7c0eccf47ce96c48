// Reads one product as the merchant sees it: gallery, video, SKUs with their stock state.
import { type TDimension, type TProduct, type TSku, ZProductStatus } from "@mallwright/schema";
import { z } from "zod";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import type { Sku } from "../../generated/prisma/client.ts";
import { notFound } from "../../http/errors.ts";
import { skuStockLevels } from "../inventory/stock-levels.ts";
import { presentMediaRef } from "../media/media-url.ts";

const ZStoredDimensions = z.array(z.object({ name: z.string(), values: z.array(z.string()) }));

/** The dimensions column as written by save-product.ts. */
export function parseDimensions(value: unknown): TDimension[] {
  return ZStoredDimensions.parse(value);
}

/** Loads and presents a product (in the bin too), or throws 404. Four queries whatever its size. */
export async function loadProduct(tx: Tx, env: Env, id: string): Promise<TProduct> {
  const p = await tx.product.findUnique({
    where: { id },
    include: {
      images: { orderBy: { position: "asc" }, include: { media: true } },
      video: true,
      skus: { orderBy: [{ position: "asc" }, { id: "asc" }] },
    },
  });
  if (!p) throw notFound("product");
  const levels = await skuStockLevels(tx, { productIds: [p.id] });
  return {
    id: p.id,
    title: p.title,
    subtitle: p.subtitle,
    detailHtml: p.detailHtml,
    categoryId: p.categoryId,
    status: ZProductStatus.parse(p.status),
    tags: p.tags,
    images: p.images.map((i) => presentMediaRef(env, i.media)),
    video: p.video ? presentMediaRef(env, p.video) : null,
    dimensions: parseDimensions(p.dimensions),
    currency: p.currency,
    priceMin: p.priceMin,
    priceMax: p.priceMax,
    stockTotal: p.stockTotal,
    salesCount: p.salesCount,
    skus: p.skus.map((s) => presentSku(s, levels.get(s.id))),
    onShelfAt: p.onShelfAt?.toISOString() ?? null,
    deletedAt: p.deletedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function getProduct(db: Database, env: Env, tenantId: string, id: string): Promise<TProduct> {
  return db.withTenant(tenantId, (tx) => loadProduct(tx, env, id));
}

/** A SKU as the merchant API shows it, with the low-stock level in force. */
export function presentSku(s: Sku, level: { threshold: number; state: TSku["stockState"] } | undefined): TSku {
  return {
    id: s.id,
    specValues: s.specValues,
    price: s.price,
    compareAtPrice: s.compareAtPrice,
    stock: s.stock,
    code: s.code,
    imageMediaId: s.imageMediaId,
    weightGrams: s.weightGrams,
    lowStockThreshold: s.lowStockThreshold,
    effectiveLowStock: level?.threshold ?? 0,
    stockState: level?.state ?? "out_of_stock",
  };
}
