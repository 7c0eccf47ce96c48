// Catalog rows made directly with the admin client, for storefront tests: media, categories and
// products with SKUs and images, without going through the merchant catalog services.
import type { Harness } from "./harness.ts";

export interface SkuSpec {
  specValues?: string[];
  price: number;
  stock: number;
  compareAtPrice?: number | null;
  lowStockThreshold?: number | null;
  imageMediaId?: string | null;
}

export interface ProductSpec {
  title: string;
  subtitle?: string;
  tags?: string[];
  status?: "draft" | "on_shelf" | "off_shelf";
  categoryId?: string | null;
  dimensions?: { name: string; values: string[] }[];
  /** Default: one SKU at 100 fen with 50 in stock. */
  skus?: SkuSpec[];
  /** Media ids of the gallery, in order. */
  imageIds?: string[];
  videoMediaId?: string | null;
  salesCount?: number;
  createdAt?: Date;
  deletedAt?: Date | null;
}

let seq = 0;

export async function makeMedia(
  h: Harness,
  tenantId: string,
  opts: { kind?: "image" | "video"; thumb?: boolean } = {},
): Promise<string> {
  const key = `${tenantId}/m-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
  return h.admin.withAdmin(async (tx) => {
    const m = await tx.media.create({
      data: {
        tenantId,
        kind: opts.kind ?? "image",
        mime: opts.kind === "video" ? "video/mp4" : "image/png",
        name: "fixture",
        storageKey: `${key}.${opts.kind === "video" ? "mp4" : "png"}`,
        bytes: 10,
        width: 10,
        height: 10,
        sha256: "0".repeat(64),
        variants: opts.thumb ? { thumb: { key: `${key}-thumb.webp`, width: 240, height: 240, bytes: 5 } } : {},
      },
    });
    return m.id;
  });
}

export async function makeCategory(
  h: Harness,
  tenantId: string,
  spec: { name: string; parentId?: string | null; visible?: boolean; position?: number; iconMediaId?: string | null },
): Promise<string> {
  return h.admin.withAdmin(async (tx) => {
    const c = await tx.category.create({
      data: {
        tenantId,
        name: spec.name,
        parentId: spec.parentId ?? null,
        visible: spec.visible ?? true,
        position: spec.position ?? 0,
        iconMediaId: spec.iconMediaId ?? null,
      },
    });
    return c.id;
  });
}

/** Products in one admin transaction; returns their ids in order. priceMin/Max and stockTotal follow the SKUs. */
export async function makeProducts(h: Harness, tenantId: string, specs: ProductSpec[]): Promise<string[]> {
  return h.admin.withAdmin(async (tx) => {
    const ids: string[] = [];
    for (const spec of specs) {
      const skus = spec.skus ?? [{ price: 100, stock: 50 }];
      const prices = skus.map((s) => s.price);
      const p = await tx.product.create({
        data: {
          tenantId,
          title: spec.title,
          subtitle: spec.subtitle ?? "",
          tags: spec.tags ?? [],
          status: spec.status ?? "on_shelf",
          categoryId: spec.categoryId ?? null,
          dimensions: spec.dimensions ?? [],
          videoMediaId: spec.videoMediaId ?? null,
          priceMin: Math.min(...prices),
          priceMax: Math.max(...prices),
          stockTotal: skus.reduce((n, s) => n + s.stock, 0),
          salesCount: spec.salesCount ?? 0,
          ...(spec.createdAt ? { createdAt: spec.createdAt } : {}),
          deletedAt: spec.deletedAt ?? null,
        },
      });
      await tx.sku.createMany({
        data: skus.map((s, i) => ({
          tenantId,
          productId: p.id,
          specValues: s.specValues ?? [],
          specKey: (s.specValues ?? []).join("\u0001"),
          price: s.price,
          compareAtPrice: s.compareAtPrice ?? null,
          stock: s.stock,
          lowStockThreshold: s.lowStockThreshold ?? null,
          imageMediaId: s.imageMediaId ?? null,
          position: i,
        })),
      });
      if (spec.imageIds?.length) {
        await tx.productImage.createMany({
          data: spec.imageIds.map((mediaId, position) => ({ tenantId, productId: p.id, mediaId, position })),
        });
      }
      ids.push(p.id);
    }
    return ids;
  });
}

export async function makeProduct(h: Harness, tenantId: string, spec: ProductSpec): Promise<string> {
  const [id] = await makeProducts(h, tenantId, [spec]);
  if (!id) throw new Error("no product made");
  return id;
}
