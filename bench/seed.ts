// The benchmark's dataset, written as the owner with set-based SQL (INSERT ... SELECT over
// generate_series), so 100,000 products and their SKUs take seconds rather than minutes.
import type postgres from "postgres";

export interface Dataset {
  tenants: number;
  productsPerTenant: number;
}

export interface Sample {
  /** Store keys, for X-Mallwright-Tenant. */
  keys: string[];
  /** On-shelf product ids per store key. */
  products: Map<string, string[]>;
}

const WORDS_CN = [
  "夏季碎花连衣裙",
  "纯棉短袖T恤",
  "真丝衬衫",
  "高腰牛仔裤",
  "羊毛围巾",
  "运动鞋",
  "帆布包",
  "防晒外套",
];
const WORDS_EN = ["Summer Dress", "Cotton Tee", "Silk Shirt", "Denim Jeans", "Wool Scarf", "Sneakers", "Tote Bag"];

/** Tenants, categories, media, products (2 dimensions, 4 SKUs each, 2 images each). 1 in 50 is a draft. */
export async function seed(sql: postgres.Sql, d: Dataset): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      INSERT INTO tenants (key, name, plan)
      SELECT 'bench-' || lpad(t::text, 3, '0'), 'Bench store ' || t, 'pro' FROM generate_series(1, ${d.tenants}::int) t`;
    // 5 top-level categories with 4 children each.
    await tx`
      INSERT INTO categories (tenant_id, name, position)
      SELECT t.id, 'Top ' || c, c FROM tenants t CROSS JOIN generate_series(1, 5) c`;
    await tx`
      INSERT INTO categories (tenant_id, parent_id, name, position)
      SELECT p.tenant_id, p.id, p.name || '.' || c, c FROM categories p CROSS JOIN generate_series(1, 4) c`;
    await tx`
      INSERT INTO media (tenant_id, kind, mime, name, storage_key, bytes, width, height, sha256, variants)
      SELECT t.id, 'image', 'image/jpeg', 'photo ' || m, t.id || '/bench-' || m || '.jpg', 120000, 1200, 1200,
             repeat('0', 64),
             jsonb_build_object('thumb', jsonb_build_object('key', t.id || '/bench-' || m || '-thumb.webp',
                                'width', 240, 'height', 240, 'bytes', 9000, 'mime', 'image/webp'))
      FROM tenants t CROSS JOIN generate_series(1, 20) m`;
    await tx`
      WITH cats AS (
        SELECT tenant_id, array_agg(id ORDER BY id) AS ids FROM categories WHERE parent_id IS NOT NULL GROUP BY tenant_id
      )
      INSERT INTO products (tenant_id, title, subtitle, tags, status, category_id, dimensions,
                            price_min, price_max, sales_count, on_shelf_at, created_at)
      SELECT t.id,
             (${WORDS_CN}::text[])[1 + g % ${WORDS_CN.length}::int] || ' ' || (${WORDS_EN}::text[])[1 + g % ${WORDS_EN.length}::int] || ' ' || g,
             '2025 新款 style ' || (g % 100),
             ARRAY['新品', 'tag' || (g % 30)],
             CASE WHEN g % 50 = 0 THEN 'draft' ELSE 'on_shelf' END,
             cats.ids[1 + g % 20],
             '[{"name":"颜色","values":["红","蓝"]},{"name":"尺码","values":["S","M"]}]'::jsonb,
             1000 + (g * 37) % 50000, 1000 + (g * 37) % 50000 + 2000, (g * 7919) % 5000,
             now() - make_interval(mins => g), now() - make_interval(mins => g)
      FROM tenants t JOIN cats ON cats.tenant_id = t.id CROSS JOIN generate_series(1, ${d.productsPerTenant}::int) g`;
    await tx`
      INSERT INTO skus (tenant_id, product_id, spec_values, spec_key, price, compare_at_price, stock, position)
      SELECT p.tenant_id, p.id, ARRAY[v.color, v.size], v.color || '/' || v.size, p.price_min + v.extra,
             CASE WHEN v.pos = 0 THEN p.price_min + 3000 END,
             abs(hashtext(p.id::text || v.pos::text)) % 40, v.pos
      FROM products p
      CROSS JOIN (VALUES ('红', 'S', 0, 0), ('红', 'M', 1, 0), ('蓝', 'S', 2, 1000), ('蓝', 'M', 3, 2000))
           AS v(color, size, pos, extra)`;
    await tx`
      UPDATE products p SET stock_total = s.total
      FROM (SELECT product_id, sum(stock)::int AS total FROM skus GROUP BY product_id) s
      WHERE s.product_id = p.id`;
    await tx`
      WITH m AS (SELECT tenant_id, array_agg(id ORDER BY id) AS ids FROM media GROUP BY tenant_id)
      INSERT INTO product_images (tenant_id, product_id, media_id, position)
      SELECT p.tenant_id, p.id, m.ids[1 + (abs(hashtext(p.id::text)) + i) % 20], i
      FROM products p JOIN m ON m.tenant_id = p.tenant_id CROSS JOIN generate_series(0, 1) i`;
  });
  // The stock_total UPDATE left a dead version of every product behind.
  await sql`VACUUM ANALYZE`;
}

/** Store keys and up to `perTenant` on-shelf product ids of each, for spreading requests. */
export async function sample(sql: postgres.Sql, perTenant: number): Promise<Sample> {
  const rows = await sql<{ key: string; ids: string[] }[]>`
    SELECT t.key, (array_agg(p.id ORDER BY hashtext(p.id::text)))[1:${perTenant}::int]::text[] AS ids
    FROM tenants t JOIN products p ON p.tenant_id = t.id
    WHERE p.status = 'on_shelf' AND p.deleted_at IS NULL AND t.key LIKE 'bench-%'
    GROUP BY t.key ORDER BY t.key`;
  return { keys: rows.map((r) => r.key), products: new Map(rows.map((r) => [r.key, r.ids])) };
}
