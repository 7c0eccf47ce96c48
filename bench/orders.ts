// The order case's data and its yardstick. Seeds a store ("order-bench") with one product in stock
// enough for the run, a pickup point, and N shoppers, each signed in (token hashes written here)
// with one unit in the cart: every submission uses a shopper once, so every one does the full work
// (re-plan the checkout, reserve stock, number, snapshot lines, empty the cart line, write the
// payment timeout to the outbox). The yardstick is pgbench updating one hot row, 50 clients, on
// the same PostgreSQL: what a single contended row costs there.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type postgres from "postgres";
import { hashToken } from "../platform/src/auth/token-hash.ts";

export const ORDER_STORE_KEY = "order-bench";

export interface OrderBenchData {
  storeKey: string;
  pickupPointId: string;
  tokens: string[];
}

export async function seedOrders(sql: postgres.Sql, shoppers: number, history: number): Promise<OrderBenchData> {
  const tokens = Array.from({ length: shoppers }, () => `mws_${randomBytes(32).toString("base64url")}`);
  const hashes = tokens.map((t) => Buffer.from(hashToken(t)).toString("hex"));
  const pickupPointId = await sql.begin(async (tx) => {
    const [tenant] = await tx<{ id: string }[]>`
      INSERT INTO tenants (key, name, plan) VALUES (${ORDER_STORE_KEY}, 'Order bench', 'pro') RETURNING id::text AS id`;
    const tenantId = tenant?.id ?? "";
    const [product] = await tx<{ id: string }[]>`
      INSERT INTO products (tenant_id, title, status, price_min, price_max, stock_total, on_shelf_at)
      VALUES (${tenantId}, '月饼礼盒', 'on_shelf', 8800, 8800, 1000000, now()) RETURNING id::text AS id`;
    const [sku] = await tx<{ id: string }[]>`
      INSERT INTO skus (tenant_id, product_id, spec_key, price, stock)
      VALUES (${tenantId}, ${product?.id ?? ""}, '', 8800, 1000000) RETURNING id::text AS id`;
    await tx`INSERT INTO checkout_settings (tenant_id, pickup_enabled) VALUES (${tenantId}, true)`;
    const [point] = await tx<{ id: string }[]>`
      INSERT INTO pickup_points (tenant_id, name, address) VALUES (${tenantId}, '门店', '西湖区') RETURNING id::text AS id`;
    await tx`
      INSERT INTO shoppers (tenant_id, provider, subject)
      SELECT ${tenantId}::uuid, 'dev', 'bench-' || g FROM generate_series(1, ${shoppers}::int) g`;
    await tx`
      INSERT INTO shopper_sessions (tenant_id, shopper_id, token_hash, expires_at)
      SELECT ${tenantId}::uuid, s.id, decode(h.hash, 'hex'), now() + interval '1 day'
      FROM unnest(${hashes}::text[]) WITH ORDINALITY AS h(hash, n)
      JOIN shoppers s ON s.tenant_id = ${tenantId}::uuid AND s.subject = 'bench-' || h.n`;
    await tx`
      INSERT INTO cart_items (tenant_id, shopper_id, sku_id, quantity, price_seen, title_seen)
      SELECT ${tenantId}::uuid, s.id, ${sku?.id ?? ""}::uuid, 1, 8800, '月饼礼盒' FROM shoppers s WHERE s.tenant_id = ${tenantId}::uuid`;
    await seedHistory(tx, tenantId, product?.id ?? "", sku?.id ?? "", point?.id ?? "", history);
    return point?.id ?? "";
  });
  // As in any database that has been running a while: the planner knows these tables' sizes (the
  // general seed's VACUUM ANALYZE ran before these rows existed).
  await sql`VACUUM ANALYZE shoppers, shopper_sessions, cart_items, skus, products, pickup_points, checkout_settings,
    orders, order_lines, order_events, idempotency_keys, inventory_ledger, order_sequences`;
  return { storeKey: ORDER_STORE_KEY, pickupPointId, tokens };
}

/**
 * The store's past: `orders` completed pickup orders from the last 30 days, each with its line, its
 * events, its used Idempotency-Key and its stock ledger row, bought by a tenth as many past shoppers.
 * Without them the order tables start empty, and a connection's first plans for them (kept for the
 * connection's life: the statements run with generic plans) are sequential scans, which cost more
 * with every order the run writes; a live store's tables are never empty.
 */
async function seedHistory(
  tx: postgres.TransactionSql,
  tenantId: string,
  productId: string,
  skuId: string,
  pointId: string,
  orders: number,
): Promise<void> {
  if (orders <= 0) return;
  const buyers = Math.max(1, Math.ceil(orders / 10));
  await tx`
    INSERT INTO shoppers (tenant_id, provider, subject)
    SELECT ${tenantId}::uuid, 'dev', 'past-' || g FROM generate_series(1, ${buyers}::int) g`;
  await tx`
    CREATE TEMP TABLE bench_past ON COMMIT DROP AS
    SELECT g, gen_random_uuid() AS id, s.id AS shopper_id,
           now() - interval '1 day' - (g % 30) * interval '1 day' - (g % 600) * interval '1 minute' AS at
    FROM generate_series(1, ${orders}::int) g
    JOIN shoppers s ON s.tenant_id = ${tenantId}::uuid AND s.subject = 'past-' || (1 + g % ${buyers}::int)`;
  await tx`
    INSERT INTO orders (tenant_id, id, number, shopper_id, status, delivery, pickup_point_id, pickup_name,
      pickup_address, pickup_code, items_total, shipping_fee, total, item_count, pay_by, paid_at,
      delivered_at, completed_at, shipping_upload_status, created_at, updated_at)
    SELECT ${tenantId}::uuid, id, to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || lpad(g::text, 6, '0'),
      shopper_id, 'completed', 'pickup', ${pointId}::uuid, '门店', '西湖区', lpad((g % 1000000)::text, 6, '0'),
      8800, 0, 8800, 1, at + interval '30 minutes', at + interval '2 minutes', at + interval '1 day',
      at + interval '1 day', 'not_needed', at, at + interval '1 day'
    FROM bench_past`;
  await tx`
    INSERT INTO order_lines (tenant_id, order_id, position, sku_id, product_id, title, spec_values, unit_price, quantity)
    SELECT ${tenantId}::uuid, id, 0, ${skuId}::uuid, ${productId}::uuid, '月饼礼盒', '{}', 8800, 1 FROM bench_past`;
  await tx`
    INSERT INTO order_events (tenant_id, order_id, from_status, to_status, actor, created_at)
    SELECT ${tenantId}::uuid, id, e.from_status, e.to_status, e.actor, at + e.after
    FROM bench_past, (VALUES (NULL, 'pending_payment', 'shopper', interval '0'),
                             ('pending_payment', 'paid', 'system', interval '2 minutes'),
                             ('paid', 'delivered', 'merchant', interval '1 day'),
                             ('delivered', 'completed', 'shopper', interval '1 day')) AS e(from_status, to_status, actor, after)`;
  await tx`
    INSERT INTO idempotency_keys (tenant_id, scope, owner_id, key, request_hash, status, response_status,
      response_body, locked_until, created_at)
    SELECT ${tenantId}::uuid, 'orders.submit', shopper_id, 'past-' || g, md5(g::text), 'done', 201,
      jsonb_build_object('ref', id), at, at
    FROM bench_past`;
  await tx`
    INSERT INTO inventory_ledger (tenant_id, sku_id, product_id, delta, stock_after, reason, ref, created_at)
    SELECT ${tenantId}::uuid, ${skuId}::uuid, ${productId}::uuid, -1, 1000000, 'order', id::text, at FROM bench_past`;
}

/** pgbench next to the server binaries the tests use, or on PATH. */
function pgbenchBinary(): string {
  for (const dir of ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"]) {
    const bin = path.join(dir, "pgbench");
    if (existsSync(bin)) return bin;
  }
  return "pgbench";
}

/** Transactions per second of `UPDATE hot SET n = n + 1 WHERE id = 1`, `clients` at once, for `seconds`. */
export async function pgbenchHotRow(
  sql: postgres.Sql,
  url: string,
  opts: { clients: number; seconds: number },
): Promise<{ tps: number; latencyMs: number | null }> {
  await sql`CREATE TABLE IF NOT EXISTS bench_hot_row (id int PRIMARY KEY, n bigint NOT NULL)`;
  await sql`INSERT INTO bench_hot_row VALUES (1, 0) ON CONFLICT DO NOTHING`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "mallwright-pgbench-"));
  const script = path.join(dir, "hot-row.sql");
  writeFileSync(script, "UPDATE bench_hot_row SET n = n + 1 WHERE id = 1;\n");
  const u = new URL(url);
  const { stdout } = await promisify(execFile)(
    pgbenchBinary(),
    [
      "-n",
      "-c",
      String(opts.clients),
      "-j",
      "2",
      "-T",
      String(opts.seconds),
      "-f",
      script,
      "-h",
      u.hostname,
      "-p",
      u.port || "5432",
      "-U",
      decodeURIComponent(u.username || "postgres"),
      u.pathname.slice(1),
    ],
    { env: { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) } },
  );
  const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
  const latency = /latency average = ([\d.]+) ms/.exec(stdout)?.[1];
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return { tps: Number(tps), latencyMs: latency ? Number(latency) : null };
}
