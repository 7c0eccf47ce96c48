// One on-shelf product as the shopper's product page shows it: gallery, video, SKUs with their
// stock state (the merchant's low-stock rule), and the SKU picker's matrix. One SQL statement; drafts,
// off-shelf and binned products are "not found", exactly like another store's.
import type { TStoreProductDetail } from "@mallwright/schema";
import { z } from "zod";
import { sql, type TenantReader } from "../../db/read.ts";
import type { Env } from "../../env.ts";
import { notFound } from "../../http/errors.ts";
import { fullMediaUrl, smallImageUrl } from "./present-media.ts";
import { skuThresholdSql, stockSettingsCte } from "./stock-rule.ts";
import { stockState } from "./stock-state.ts";

interface DetailRow {
  id: string;
  title: string;
  subtitle: string;
  detail_html: string;
  currency: string;
  price_min: number;
  price_max: number;
  sales_count: number;
  category_id: string | null;
  dimensions: unknown;
  video_id: string | null;
  video_key: string | null;
  video_variants: unknown;
  images: unknown;
  skus: unknown;
}

const ZStoredMedia = z.object({ id: z.string(), storageKey: z.string(), variants: z.unknown() });

// The JSON the query builds: checked rather than trusted, since it is assembled in SQL.
const ZImagesJson = z.array(ZStoredMedia);
const ZSkusJson = z.array(
  z.object({
    id: z.string(),
    specValues: z.array(z.string()),
    price: z.number().int(),
    compareAtPrice: z.number().int().nullable(),
    stock: z.number().int(),
    /** The threshold in force: the SKU's own, else safety stock from sales, else the store default. */
    threshold: z.number().int(),
    image: ZStoredMedia.nullable(),
  }),
);
/** The stored dimensions; anything else is treated as none (the SKUs still list every combination). */
const ZDimensionsJson = z.array(z.object({ name: z.string(), values: z.array(z.string()) }));

export async function getStoreProduct(
  reader: TenantReader,
  env: Env,
  tenantId: string,
  productId: string,
): Promise<TStoreProductDetail> {
  const [rows] = await reader.read(tenantId, [
    sql<DetailRow>`
      WITH ${stockSettingsCte}
      SELECT p.id, p.title, p.subtitle, p.detail_html, p.currency, p.price_min, p.price_max, p.sales_count,
             p.category_id, p.dimensions,
             v.id AS video_id, v.storage_key AS video_key, v.variants AS video_variants,
             COALESCE((
               SELECT json_agg(json_build_object('id', md.id, 'storageKey', md.storage_key, 'variants', md.variants)
                               ORDER BY pi.position)
               FROM product_images pi JOIN media md ON md.tenant_id = pi.tenant_id AND md.id = pi.media_id
               WHERE pi.tenant_id = p.tenant_id AND pi.product_id = p.id
             ), '[]'::json) AS images,
             COALESCE((
               SELECT json_agg(json_build_object(
                        'id', s.id, 'specValues', s.spec_values, 'price', s.price,
                        'compareAtPrice', s.compare_at_price, 'stock', s.stock,
                        'threshold', ${skuThresholdSql},
                        'image', CASE WHEN sm.id IS NULL THEN NULL ELSE
                                   json_build_object('id', sm.id, 'storageKey', sm.storage_key, 'variants', sm.variants) END)
                      ORDER BY s.position, s.id)
               FROM skus s LEFT JOIN media sm ON sm.tenant_id = s.tenant_id AND sm.id = s.image_media_id
               WHERE s.tenant_id = p.tenant_id AND s.product_id = p.id
             ), '[]'::json) AS skus
      FROM products p
      CROSS JOIN cfg
      LEFT JOIN media v ON v.tenant_id = p.tenant_id AND v.id = p.video_media_id
      WHERE p.tenant_id = ${tenantId}::uuid AND p.id = ${productId}::uuid
        AND p.status = 'on_shelf' AND p.deleted_at IS NULL`,
  ]);
  const row = rows[0];
  if (!row) throw notFound("product");

  const skus = ZSkusJson.parse(row.skus).map((s) => {
    const state = stockState(s.stock, s.threshold);
    return {
      id: s.id,
      specValues: s.specValues,
      price: s.price,
      compareAtPrice: s.compareAtPrice,
      image: smallImageUrl(env, s.image),
      stockState: state,
      stockLeft: state === "low_stock" ? s.stock : null,
      stock: s.stock,
    };
  });
  const dims = ZDimensionsJson.safeParse(row.dimensions);
  const dimensions = (dims.success ? dims.data : []).map((d, i) => ({
    name: d.name,
    values: d.values.map((value) => ({
      value,
      available: skus.some((s) => s.specValues[i] === value && s.stock > 0),
    })),
  }));

  return {
    id: row.id,
    title: row.title,
    subtitle: row.subtitle,
    detailHtml: row.detail_html,
    images: ZImagesJson.parse(row.images).flatMap((m) => fullMediaUrl(env, m) ?? []),
    video:
      row.video_id && row.video_key
        ? fullMediaUrl(env, { id: row.video_id, storageKey: row.video_key, variants: row.video_variants })
        : null,
    currency: row.currency,
    priceMin: row.price_min,
    priceMax: row.price_max,
    salesCount: row.sales_count,
    categoryId: row.category_id,
    dimensions,
    skus: skus.map(({ stock: _stock, ...sku }) => sku),
  };
}
