// mw_submit_order (migrations/0016, 0017) called as submit-order.ts calls it, with plans made stale on
// purpose: the checks that only a change between the plan's read and the write can trip (a route
// test plans and writes back to back, so it never sees them). Each refusal names its reason and
// leaves nothing behind: no order, line, event, job or key, the cart line and the stock as they were
// (the lines, the event and the jobs are written before the stock is taken, so this is the rollback's doing).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assertionCode, sql } from "../../db/read.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { createProductVia, productBody } from "../catalog/catalog-fixtures.ts";

let h: Harness;
let shop: TenantFixture;
let other: TenantFixture;
let productId: string;
let skuId: string;
let shopperId: string;
let itemId: string;

interface Plan {
  unitPrice: number;
  quantity: number;
  key: string;
  tenantId: string;
  itemId: string;
}

async function submit(over: Partial<Plan> = {}) {
  const plan: Plan = { unitPrice: 8800, quantity: 2, key: randomUUID(), tenantId: shop.id, itemId, ...over };
  const now = new Date();
  const head = {
    delivery: "pickup",
    pickup_name: "门店",
    pickup_address: "西湖区",
    pickup_code: "123456",
    items_total: plan.unitPrice * plan.quantity,
    shipping_fee: 0,
    total: plan.unitPrice * plan.quantity,
    currency: "CNY",
    item_count: plan.quantity,
    note: null,
    pay_by: new Date(now.getTime() + 30 * 60_000).toISOString(),
    created_at: now.toISOString(),
  };
  const lines = [
    {
      position: 0,
      item_id: plan.itemId,
      sku_id: skuId,
      product_id: productId,
      title: "月饼",
      spec_values: [],
      image: null,
      unit_price: plan.unitPrice,
      quantity: plan.quantity,
    },
  ];
  const jobs = [{ id: randomUUID(), job: "orders.status-changed", payload: { orderId: randomUUID() }, delay_ms: 0 }];
  const claim = { scope: "orders.submit", key: plan.key, hash: "h" };
  try {
    const [row] = await h.reader.call(sql<{ r: { number: string; soldOut: boolean } }>`
      SELECT mw_submit_order(${plan.tenantId}::uuid, ${shopperId}::uuid, ${randomUUID()}::uuid,
        ${JSON.stringify(claim)}::text::jsonb, ${JSON.stringify(head)}::text::jsonb, ${JSON.stringify(lines)}::text::jsonb,
        ${[skuId]}::uuid[], ${[productId]}::uuid[], ${JSON.stringify(jobs)}::text::jsonb, 'mallwright_test'::text) AS r`);
    return { ok: row?.r ?? null, code: null };
  } catch (err) {
    const code = assertionCode(err);
    if (!code) throw err;
    return { ok: null, code };
  }
}

async function state() {
  return h.admin.withAdmin(async (tx) => {
    const [row] = await tx.$queryRaw<
      {
        orders: number;
        lines: number;
        events: number;
        jobs: number;
        keys: number;
        cart: number;
        stock: number;
        total: number;
      }[]
    >`
      SELECT (SELECT count(*)::int FROM orders WHERE tenant_id = ${shop.id}::uuid) AS orders,
             (SELECT count(*)::int FROM order_lines WHERE tenant_id = ${shop.id}::uuid) AS lines,
             (SELECT count(*)::int FROM order_events WHERE tenant_id = ${shop.id}::uuid) AS events,
             (SELECT count(*)::int FROM outbox WHERE tenant_id = ${shop.id}::uuid) AS jobs,
             (SELECT count(*)::int FROM idempotency_keys WHERE tenant_id = ${shop.id}::uuid) AS keys,
             (SELECT count(*)::int FROM cart_items WHERE id = ${itemId}::uuid) AS cart,
             (SELECT stock FROM skus WHERE id = ${skuId}::uuid) AS stock,
             (SELECT stock_total FROM products WHERE id = ${productId}::uuid) AS total`;
    return row;
  });
}

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  other = await h.tenant();
  const p = await createProductVia(
    h,
    shop.tokens.owner,
    productBody({ title: "月饼", status: "on_shelf", skus: [{ specValues: [], price: 8800, stock: 5 }] }),
  );
  productId = p.id;
  skuId = p.skus[0]?.id ?? "";
  shopperId = await h.admin.withAdmin(async (tx) => {
    const [s] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO shoppers (tenant_id, provider, subject) VALUES (${shop.id}::uuid, 'dev', 'stale-plans')
      RETURNING id::text AS id`;
    return s?.id ?? "";
  });
}, 60_000);
afterAll(async () => h?.close());

beforeEach(async () => {
  itemId = await h.admin.withAdmin(async (tx) => {
    await tx.$executeRaw`DELETE FROM cart_items WHERE shopper_id = ${shopperId}::uuid`;
    await tx.$executeRaw`UPDATE skus SET price = 8800, stock = 5 WHERE id = ${skuId}::uuid`;
    await tx.$executeRaw`UPDATE products SET status = 'on_shelf', stock_total = 5 WHERE id = ${productId}::uuid`;
    const [c] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO cart_items (tenant_id, shopper_id, sku_id, quantity, price_seen, title_seen)
      VALUES (${shop.id}::uuid, ${shopperId}::uuid, ${skuId}::uuid, 2, 8800, '月饼') RETURNING id::text AS id`;
    return c?.id ?? "";
  });
});

describe("mw_submit_order with a stale plan", () => {
  it("writes the order when the plan still holds: stock and the product's total down, cart line gone", async () => {
    const before = await state();
    const r = await submit();
    expect(r.code).toBeNull();
    expect(r.ok?.number).toMatch(/^\d{12}$/);
    expect(r.ok?.soldOut).toBe(false);
    expect(await state()).toEqual({
      orders: (before?.orders ?? 0) + 1,
      lines: (before?.lines ?? 0) + 1,
      events: (before?.events ?? 0) + 1,
      jobs: (before?.jobs ?? 0) + 1,
      keys: (before?.keys ?? 0) + 1,
      cart: 0,
      stock: 3,
      total: 3,
    });
  });

  it.each([
    [
      "price_changed",
      async () => h.admin.withAdmin((tx) => tx.$executeRaw`UPDATE skus SET price = 9900 WHERE id = ${skuId}::uuid`),
    ],
    [
      "sold_out",
      async () => h.admin.withAdmin((tx) => tx.$executeRaw`UPDATE skus SET stock = 1 WHERE id = ${skuId}::uuid`),
    ],
    [
      "off_shelf",
      async () =>
        h.admin.withAdmin(
          (tx) => tx.$executeRaw`UPDATE products SET status = 'off_shelf' WHERE id = ${productId}::uuid`,
        ),
    ],
    [
      "cart_changed",
      async () =>
        h.admin.withAdmin((tx) => tx.$executeRaw`UPDATE cart_items SET quantity = 3 WHERE id = ${itemId}::uuid`),
    ],
  ])("refuses %s and writes nothing", async (code, change) => {
    await change();
    const before = await state();
    expect((await submit()).code).toBe(code);
    expect(await state()).toEqual(before);
  });

  it("answers a used key idempotency_used, and nothing else is written", async () => {
    const key = randomUUID();
    expect((await submit({ key })).code).toBeNull();
    await h.admin.withAdmin(
      (tx) => tx.$executeRaw`
        INSERT INTO cart_items (tenant_id, shopper_id, sku_id, quantity, price_seen, title_seen)
        VALUES (${shop.id}::uuid, ${shopperId}::uuid, ${skuId}::uuid, 2, 8800, '月饼')`,
    );
    const before = await state();
    expect((await submit({ key })).code).toBe("idempotency_used");
    expect(await state()).toEqual(before);
  });

  it("defers the keys of the lines and the event to its own commit only: other writers are checked at once", async () => {
    // The function writes an order's lines and first event before the order (migrations/0017).
    const orphan = h.admin.withAdmin(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO order_events (tenant_id, order_id, from_status, to_status, actor)
        VALUES (${shop.id}::uuid, ${randomUUID()}::uuid, NULL, 'pending_payment', 'system')`;
      // Not reached: the statement above fails, not the commit.
      await tx.$executeRaw`SELECT 1`;
    });
    await expect(orphan).rejects.toThrow(/order_events_tenant_id_order_id_fkey/);
    const [row] = await h.admin.withAdmin(
      (tx) => tx.$queryRaw<{ deferred: number }[]>`
        SELECT count(*)::int AS deferred FROM pg_constraint
        WHERE conrelid IN ('order_lines'::regclass, 'order_events'::regclass) AND contype = 'f' AND condeferred`,
    );
    expect(row?.deferred).toBe(0);
  });

  it("sees only its own store: a plan for this shopper and SKU under another store changes nothing", async () => {
    const before = await state();
    expect((await submit({ tenantId: other.id })).code).toBe("shopper_gone");
    expect(await state()).toEqual(before);
  });
});
