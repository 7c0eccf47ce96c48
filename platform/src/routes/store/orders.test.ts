// Checkout and orders on PostgreSQL: the preview's shipping rules and problems, submission under an
// Idempotency-Key (replay, mismatch, missing, three at once), stock reserved and returned exactly
// once (cancel, the payment timeout run twice), the development payment, and every state pair of
// the state machine (legal moves succeed, illegal ones 409).
import { ORDER_STATUSES, type TCheckoutPreview, type TOrder, type TOrderStatus } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../auth/token-hash.ts";
import { type CreatedProduct, createProductVia, productBody } from "../../services/catalog/catalog-fixtures.ts";
import { autoCancelOrder } from "../../services/orders/cancel-order.ts";
import { canMove, move } from "../../services/orders/order-state.ts";
import { shopperSessionCache } from "../../services/shoppers/session-cache.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;
let tea: CreatedProduct;

const as = (token: string, headers: Record<string, string> = {}) => ({
  token,
  headers: { "x-mallwright-tenant": shop.key, ...headers },
});
const address = {
  recipient: "王小明",
  phone: "13800138000",
  province: "浙江省",
  city: "杭州市",
  district: "西湖区",
  detail: "文三路 90 号",
};
const skuOf = (p: CreatedProduct) => p.skus[0]?.id ?? "";
const stockOf = async (skuId: string) =>
  (await h.admin.withAdmin((tx) => tx.sku.findUniqueOrThrow({ where: { id: skuId } }))).stock;

/** A shopper with `quantity` of `skuId` in the cart and a default address. */
async function readyShopper(skuId: string, quantity = 1): Promise<string> {
  const token = await h.shopperToken(shop);
  const added = await h.call("POST", "/store/v1/cart/items", { ...as(token), body: { skuId, quantity } });
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  expect((await h.call("POST", "/store/v1/addresses", { ...as(token), body: address })).status).toBe(201);
  return token;
}

const submit = (token: string, key: string, body: Record<string, unknown> = { delivery: "express" }) =>
  h.call("POST", "/store/v1/orders", { ...as(token, { "idempotency-key": key }), body });

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  tea = await createProductVia(
    h,
    shop.tokens.owner,
    productBody({ title: "龙井", status: "on_shelf", skus: [{ specValues: [], price: 2500, stock: 50 }] }),
  );
  await h.admin.withAdmin((tx) =>
    tx.checkoutSettings.create({
      data: {
        tenantId: shop.id,
        flatFee: 800,
        freeOver: 10_000,
        regionFees: [{ province: "新疆维吾尔自治区", fee: 2000 }],
        pickupEnabled: true,
      },
    }),
  );
  await h.admin.withAdmin((tx) =>
    tx.pickupPoint.create({
      data: { tenantId: shop.id, name: "西湖店", address: "西湖区南山路 1 号", hours: "9:00-21:00" },
    }),
  );
});
afterAll(async () => h?.close());

describe("checkout preview", () => {
  it("prices shipping by the store's rules and lists every problem", async () => {
    const token = await h.shopperToken(shop);
    const preview = async (body: Record<string, unknown>) =>
      (await h.call("POST", "/store/v1/checkout/preview", { ...as(token), body })).body as unknown as TCheckoutPreview;
    const empty = await preview({ delivery: "express" });
    expect(empty.problems.map((p) => p.code)).toEqual(["cart_empty", "address_required"]);

    await h.call("POST", "/store/v1/cart/items", { ...as(token), body: { skuId: skuOf(tea), quantity: 2 } });
    await h.call("POST", "/store/v1/addresses", { ...as(token), body: address });
    const express = await preview({ delivery: "express" });
    expect(express).toMatchObject({
      itemsTotal: 5000,
      shippingFee: 800,
      total: 5800,
      problems: [],
      freeShippingOver: 10_000,
    });
    expect(express.address).toMatchObject({ recipient: "王小明", region: "浙江省 杭州市 西湖区" });
    expect(express.deliveryOptions).toEqual({ express: true, pickup: true });

    const far = await h.call("POST", "/store/v1/addresses", {
      ...as(token),
      body: { ...address, province: "新疆维吾尔自治区", city: "乌鲁木齐市" },
    });
    expect((await preview({ delivery: "express", addressId: far.body.id })).shippingFee).toBe(2000);
    await h.call("POST", "/store/v1/cart/items", { ...as(token), body: { skuId: skuOf(tea), quantity: 2 } });
    expect((await preview({ delivery: "express" })).shippingFee).toBe(0); // 4 x 25.00 = 100.00: free from 100.00

    const pickup = await preview({ delivery: "pickup" });
    expect(pickup.problems.map((p) => p.code)).toEqual(["pickup_point_required"]);
    const point = pickup.pickupPoints[0]?.id ?? "";
    expect(await preview({ delivery: "pickup", pickupPointId: point })).toMatchObject({ shippingFee: 0, problems: [] });
  });
});

describe("submitting an order", () => {
  it("reserves stock, snapshots the lines, empties them from the cart, and is paid once", async () => {
    const token = await readyShopper(skuOf(tea), 3);
    const before = await stockOf(skuOf(tea));
    const res = await submit(token, "order-1");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const order = res.body as unknown as TOrder;
    expect(order).toMatchObject({ status: "pending_payment", itemsTotal: 7500, shippingFee: 800, total: 8300 });
    expect(order.number).toMatch(/^\d{12}$/);
    expect(order.lines).toEqual([expect.objectContaining({ title: "龙井", unitPrice: 2500, quantity: 3 })]);
    expect(order.address).toMatchObject({ recipient: "王小明", phone: "13800138000" });
    expect(await stockOf(skuOf(tea))).toBe(before - 3);
    expect(((await h.call("GET", "/store/v1/cart", as(token))).body.items as unknown[]).length).toBe(0);
    // The order keeps its price when the product's changes.
    await h.admin.withAdmin((tx) => tx.sku.update({ where: { id: skuOf(tea) }, data: { price: 9900 } }));
    expect((await h.call("GET", `/store/v1/orders/${order.id}`, as(token))).body).toMatchObject({ total: 8300 });
    await h.admin.withAdmin((tx) => tx.sku.update({ where: { id: skuOf(tea) }, data: { price: 2500 } }));
    // The payment timeout's cancel is in the outbox, due when the order expires.
    const job = await h.admin.withAdmin((tx) =>
      tx.outboxEntry.findFirst({
        where: { job: "orders.auto-cancel", tenantId: shop.id, payload: { equals: { orderId: order.id } } },
      }),
    );
    expect(Math.abs((job?.availableAt.getTime() ?? 0) - Date.parse(order.payBy))).toBeLessThan(2_000);

    const paid = await h.call("POST", `/store/v1/orders/${order.id}/pay`, as(token));
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ provider: "dev", order: { status: "paid" } });
    expect((await h.call("POST", `/store/v1/orders/${order.id}/pay`, as(token))).status).toBe(409);
    expect((await h.call("POST", `/store/v1/orders/${order.id}/cancel`, { ...as(token), body: {} })).status).toBe(409);
    const tabs = await h.call("GET", "/store/v1/orders?status=paid", as(token));
    expect((tabs.body.items as TOrder[]).map((o) => o.id)).toEqual([order.id]);
    expect(
      ((await h.call("GET", "/store/v1/orders?status=pending_payment", as(token))).body.items as unknown[]).length,
    ).toBe(0);
    const history = ((await h.call("GET", `/store/v1/orders/${order.id}`, as(token))).body as unknown as TOrder)
      .history;
    expect(history.map((e) => [e.from, e.to, e.actor])).toEqual([
      [null, "pending_payment", "shopper"],
      ["pending_payment", "paid", "shopper"],
    ]);
    // Every transition is an orders.status-changed event in the outbox; the paid one tells the
    // store's owner and admin (not the staff), once.
    const events = await h.admin.withAdmin((tx) =>
      tx.outboxEntry.findMany({
        where: { job: "orders.status-changed", tenantId: shop.id, payload: { path: ["orderId"], equals: order.id } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
    );
    expect(events.map((e) => e.payload)).toEqual([
      { orderId: order.id, from: null, to: "pending_payment", actor: "shopper" },
      { orderId: order.id, from: "pending_payment", to: "paid", actor: "shopper" },
    ]);
    await h.flushJobs();
    await h.flushJobs();
    const told = () => h.mailer.sent.filter((m) => m.subject.includes(order.number));
    expect(
      told()
        .map((m) => m.to)
        .sort(),
    ).toEqual([shop.emails.admin, shop.emails.owner].sort());
    expect(told()[0]?.text).toContain("¥83.00");
    // A second delivery of the event sends nothing again.
    await h.admin.withAdmin((tx) =>
      tx.outboxEntry.update({ where: { id: events[1]?.id ?? "" }, data: { status: "pending", attempts: 0 } }),
    );
    await h.flushJobs();
    await h.flushJobs();
    expect(told()).toHaveLength(2);
  });

  it("replays the same key and body, refuses another body (422), a missing key (400) and a second one at once", async () => {
    const token = await readyShopper(skuOf(tea), 1);
    const first = await submit(token, "same-key");
    expect(first.status).toBe(201);
    const again = await submit(token, "same-key");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    const other = await submit(token, "same-key", { delivery: "express", note: "请尽快发货" });
    expect(other.status).toBe(422);
    expect(other.body.error?.code).toBe("idempotency_mismatch");
    const none = await h.call("POST", "/store/v1/orders", { ...as(token), body: { delivery: "express" } });
    expect(none.status).toBe(400);

    const racer = await readyShopper(skuOf(tea), 2);
    const before = await stockOf(skuOf(tea));
    const three = await Promise.all([1, 2, 3].map(() => submit(racer, "race-key")));
    const created = new Set(three.filter((r) => r.status === 201).map((r) => (r.body as unknown as TOrder).id));
    expect(created.size).toBe(1);
    for (const r of three) expect([201, 409]).toContain(r.status);
    const orders = await h.admin.withAdmin((tx) =>
      tx.order.count({ where: { tenantId: shop.id, id: { in: [...created] } } }),
    );
    expect(orders).toBe(1);
    expect(await stockOf(skuOf(tea))).toBe(before - 2);
  });

  it("looks up a session this process has not seen in the submission's own read: submits, replays, refuses a revoked one (401, nothing written)", async () => {
    const token = await readyShopper(skuOf(tea), 1);
    const before = await stockOf(skuOf(tea));
    shopperSessionCache.clear();
    const first = await submit(token, "cold-key");
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(shopperSessionCache.size).toBe(1);
    shopperSessionCache.clear();
    const again = await submit(token, "cold-key");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await stockOf(skuOf(tea))).toBe(before - 1);

    const revoked = await readyShopper(skuOf(tea), 1);
    const [owner] = await h.admin.withAdmin(
      (tx) =>
        tx.$queryRaw<{ shopper_id: string }[]>`
        UPDATE shopper_sessions SET revoked_at = now()
        WHERE tenant_id = ${shop.id}::uuid AND token_hash = ${Buffer.from(hashToken(revoked))}
        RETURNING shopper_id::text`,
    );
    // Revoked by another process: this one's cache still held it until told (cache-events.ts).
    shopperSessionCache.clear();
    const refused = await submit(revoked, "revoked-key");
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe("unauthenticated");
    const written = await h.admin.withAdmin((tx) =>
      tx.order.count({ where: { tenantId: shop.id, shopperId: owner?.shopper_id ?? "" } }),
    );
    expect(owner).toBeDefined();
    expect(written).toBe(0);
    expect(await stockOf(skuOf(tea))).toBe(before - 1);
    const forged = await submit(`mws_${"B".repeat(43)}`, "forged-key");
    expect(forged.status).toBe(401);
  });

  it("refuses a price the shopper has not seen until the line is confirmed", async () => {
    const token = await readyShopper(skuOf(tea), 1);
    await h.admin.withAdmin((tx) => tx.sku.update({ where: { id: skuOf(tea) }, data: { price: 2600 } }));
    try {
      const res = await submit(token, "price-moved");
      expect(res.status).toBe(422);
      expect(res.body.error?.message).toBe("the price of 龙井 changed from 25.00 to 26.00");
      const line = ((await h.call("GET", "/store/v1/cart", as(token))).body.items as { id: string }[])[0]?.id ?? "";
      await h.call("PATCH", `/store/v1/cart/items/${line}`, { ...as(token), body: { selected: true } });
      const ok = await submit(token, "price-moved");
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body).toMatchObject({ itemsTotal: 2600 });
    } finally {
      await h.admin.withAdmin((tx) => tx.sku.update({ where: { id: skuOf(tea) }, data: { price: 2500 } }));
    }
  });

  it("refuses an order whose cart has a problem, changing nothing", async () => {
    const token = await readyShopper(skuOf(tea), 1);
    await h.admin.withAdmin((tx) => tx.product.update({ where: { id: tea.id }, data: { status: "off_shelf" } }));
    const before = await stockOf(skuOf(tea));
    try {
      const res = await submit(token, "off-shelf");
      expect(res.status).toBe(422);
      expect(res.body.error?.message).toBe("龙井 is no longer on sale");
    } finally {
      await h.admin.withAdmin((tx) => tx.product.update({ where: { id: tea.id }, data: { status: "on_shelf" } }));
    }
    expect(await stockOf(skuOf(tea))).toBe(before);
    // The failed attempt released its key: the same key goes through once the cart is fine.
    expect((await submit(token, "off-shelf")).status).toBe(201);
  });
});

describe("cancelling", () => {
  it("returns the stock once: by the shopper, and by the payment timeout run twice", async () => {
    const token = await readyShopper(skuOf(tea), 4);
    const start = await stockOf(skuOf(tea));
    const order = (await submit(token, "cancel-me")).body as unknown as TOrder;
    expect(await stockOf(skuOf(tea))).toBe(start - 4);
    const cancelled = await h.call("POST", `/store/v1/orders/${order.id}/cancel`, {
      ...as(token),
      body: { reason: "买错了" },
    });
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelReason: "买错了" });
    expect(await stockOf(skuOf(tea))).toBe(start);
    expect((await h.call("POST", `/store/v1/orders/${order.id}/cancel`, { ...as(token), body: {} })).status).toBe(409);
    expect((await h.call("POST", `/store/v1/orders/${order.id}/pay`, as(token))).status).toBe(409);
    expect(await stockOf(skuOf(tea))).toBe(start);

    const late = (await submit(await readyShopper(skuOf(tea), 2), "late")).body as unknown as TOrder;
    expect(await autoCancelOrder(h.db, shop.id, late.id)).toEqual({ cancelled: false, dueAt: new Date(late.payBy) });
    await h.admin.withAdmin((tx) =>
      tx.order.update({ where: { id: late.id }, data: { payBy: new Date(Date.now() - 1000) } }),
    );
    const runs = await Promise.all([autoCancelOrder(h.db, shop.id, late.id), autoCancelOrder(h.db, shop.id, late.id)]);
    expect(runs.filter((r) => r.cancelled)).toHaveLength(1);
    expect(await autoCancelOrder(h.db, shop.id, late.id)).toEqual({ cancelled: false, dueAt: null });
    expect(await stockOf(skuOf(tea))).toBe(start);
    const ledger = await h.admin.withAdmin((tx) =>
      tx.inventoryLedgerEntry.findMany({ where: { ref: late.number, reason: "cancel" } }),
    );
    expect(ledger.map((l) => l.delta)).toEqual([2]);
  });
});

describe("state machine", () => {
  it("every pair of states: legal moves succeed, illegal ones answer 409 with the current state", async () => {
    const shopper = await h.admin.withAdmin((tx) =>
      tx.shopper.create({ data: { tenantId: shop.id, provider: "dev", subject: `states-${Date.now()}` } }),
    );
    let n = 0;
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        const order = await h.admin.withAdmin((tx) =>
          tx.order.create({
            data: {
              tenantId: shop.id,
              number: `S${Date.now()}${++n}`,
              shopperId: shopper.id,
              status: from,
              delivery: "pickup",
              pickupName: "西湖店",
              pickupCode: "000001",
              itemsTotal: 1,
              shippingFee: 0,
              total: 1,
              itemCount: 1,
              payBy: new Date(Date.now() + 60_000),
            },
          }),
        );
        const attempt = h.db.withTenant(shop.id, (tx) =>
          move(tx, order.id, from, to as TOrderStatus, { kind: "system", id: null }),
        );
        if (canMove(from, to)) {
          await attempt;
          const after = await h.admin.withAdmin((tx) => tx.order.findUniqueOrThrow({ where: { id: order.id } }));
          expect(after.status, `${from} -> ${to}`).toBe(to);
        } else {
          await expect(attempt, `${from} -> ${to}`).rejects.toMatchObject({
            code: "conflict",
            details: [{ message: from }],
          });
        }
      }
    }
    expect(n).toBe(ORDER_STATUSES.length ** 2);
  });
});
