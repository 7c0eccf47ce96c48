// Inventory: manual adjustments, a ledger that explains every unit, no stock below zero under
// concurrency, the low-stock rule (own threshold, safety stock from sales, store default), settings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreatedProduct, createProductVia, productBody } from "../../services/catalog/catalog-fixtures.ts";
import { changeStock } from "../../services/inventory/change-stock.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  other = await h.tenant();
});
afterAll(async () => h?.close());

const adjust = (t: TenantFixture, body: Record<string, unknown>) =>
  h.call("POST", "/merchant/v1/inventory/adjust", { token: t.tokens.staff, body });

async function product(t: TenantFixture, stock = 10, extra: Record<string, unknown> = {}): Promise<CreatedProduct> {
  return createProductVia(h, t.tokens.staff, productBody({ skus: [{ specValues: [], price: 100, stock, ...extra }] }));
}

async function skuState(t: TenantFixture, productId: string) {
  const res = await h.call("GET", `/merchant/v1/products/${productId}`, { token: t.tokens.staff });
  const sku = (res.body.skus as { stock: number; stockState: string; effectiveLowStock: number }[])[0];
  return { stock: sku?.stock, state: sku?.stockState, threshold: sku?.effectiveLowStock, total: res.body.stockTotal };
}

interface Entry {
  skuId: string;
  delta: number;
  stockAfter: number;
  reason: string;
  note: string | null;
  actorId: string | null;
}

async function ledger(t: TenantFixture, productId: string): Promise<Entry[]> {
  const all: Entry[] = [];
  let cursor: string | null = null;
  do {
    const res = await h.call(
      "GET",
      `/merchant/v1/products/${productId}/inventory?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      { token: t.tokens.staff },
    );
    expect(res.status).toBe(200);
    all.push(...(res.body.items as Entry[]));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return all;
}

describe("adjust", () => {
  it("adds, takes and sets stock, each as a manual ledger entry by the member", async () => {
    const p = await product(shop, 10);
    const skuId = p.skus[0]?.id;
    const add = await adjust(shop, { skuId, mode: "delta", value: 5, note: "delivery" });
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({
      productId: p.id,
      sku: { id: skuId, stock: 15, stockState: "in_stock" },
      entry: { delta: 5, stockAfter: 15, reason: "manual", note: "delivery", actorId: shop.members.staff },
    });
    expect((await adjust(shop, { skuId, mode: "set", value: 4 })).body).toMatchObject({
      sku: { stock: 4, stockState: "low_stock" },
      entry: { delta: -11 },
    });
    expect((await adjust(shop, { skuId, mode: "set", value: 4 })).body).toMatchObject({ entry: null });
    expect((await adjust(shop, { skuId, mode: "delta", value: -4 })).body).toMatchObject({
      sku: { stock: 0, stockState: "out_of_stock" },
    });
    expect((await skuState(shop, p.id)).total).toBe(0);
  });

  it("never goes below zero or past the limit; refuses bad input and other stores' SKUs", async () => {
    const p = await product(shop, 3);
    const skuId = p.skus[0]?.id;
    const below = await adjust(shop, { skuId, mode: "delta", value: -4 });
    expect(below.status).toBe(422);
    expect(below.body.error?.details?.[0]?.path).toBe("value");
    expect((await adjust(shop, { skuId, mode: "set", value: -1 })).status).toBe(422);
    await adjust(shop, { skuId, mode: "set", value: 10_000_000 });
    expect((await adjust(shop, { skuId, mode: "delta", value: 1 })).status).toBe(422);
    for (const value of [1.5, "3", null, 10_000_001, -10_000_001]) {
      expect((await adjust(shop, { skuId, mode: "delta", value })).status).toBe(422);
    }
    expect((await adjust(shop, { skuId, mode: "add", value: 1 })).status).toBe(422);
    expect((await skuState(shop, p.id)).stock).toBe(10_000_000);

    const theirs = await product(other, 7);
    const foreign = await adjust(shop, { skuId: theirs.skus[0]?.id, mode: "delta", value: 1 });
    expect(foreign.status).toBe(404);
    expect((await skuState(other, theirs.id)).stock).toBe(7);
    expect(
      (await adjust(shop, { skuId: "0190d7c4-0000-7000-8000-00000000beef", mode: "delta", value: 1 })).status,
    ).toBe(404);
  });

  it("20 parallel decrements of 1 on a stock of 10: exactly 10 succeed, stock ends at 0", async () => {
    const p = await product(shop, 10);
    const skuId = p.skus[0]?.id;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => adjust(shop, { skuId, mode: "delta", value: -1, note: "race" })),
    );
    const codes = results.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(10);
    expect(codes.filter((c) => c === 422)).toHaveLength(10);
    expect(await skuState(shop, p.id)).toMatchObject({ stock: 0, total: 0 });
    const entries = await ledger(shop, p.id);
    expect(entries.filter((e) => e.note === "race")).toHaveLength(10);
    expect(entries.reduce((n, e) => n + e.delta, 0)).toBe(0);
  });

  it("the typed error reaches service callers (orders) with nothing written", async () => {
    const p = await product(shop, 2);
    const sku = p.skus[0]?.id ?? "";
    const attempt = h.db.withTenant(shop.id, (tx) =>
      changeStock(tx, [{ skuId: sku, delta: -3 }], { reason: "order", actorId: null, ref: "order-1" }),
    );
    await expect(attempt).rejects.toMatchObject({
      name: "StockError",
      status: 422,
      problems: [{ skuId: sku, kind: "short", stock: 2, delta: -3 }],
    });
    expect((await skuState(shop, p.id)).stock).toBe(2);
  });
});

describe("ledger", () => {
  it("explains the stock: newest first, and the deltas add up to it for every SKU", async () => {
    const dims = [{ name: "c", values: ["a", "b"] }];
    const p = await createProductVia(
      h,
      shop.tokens.staff,
      productBody({
        dimensions: dims,
        skus: [
          { specValues: ["a"], price: 1, stock: 4 },
          { specValues: ["b"], price: 1, stock: 0 },
        ],
      }),
    );
    const [a, b] = p.skus;
    await adjust(shop, { skuId: a?.id, mode: "delta", value: 6 });
    await adjust(shop, { skuId: b?.id, mode: "set", value: 9 });
    await h.call("PATCH", `/merchant/v1/products/${p.id}`, {
      token: shop.tokens.admin,
      body: {
        skus: [
          { specValues: ["a"], price: 1, stock: 1 },
          { specValues: ["b"], price: 1, stock: 9 },
        ],
      },
    });
    await h.call("POST", "/merchant/v1/products/bulk", {
      token: shop.tokens.staff,
      body: { action: "adjust_stock", ids: [p.id], mode: "delta", value: 2 },
    });
    const entries = await ledger(shop, p.id);
    const described = entries.map((e) => [e.skuId === a?.id ? "a" : "b", e.reason, e.delta]);
    // The two bulk entries share a transaction (and a timestamp): their relative order is free.
    expect(described.slice(0, 2).sort()).toEqual([
      ["a", "bulk", 2],
      ["b", "bulk", 2],
    ]);
    expect(described.slice(2)).toEqual([
      ["a", "manual", -9],
      ["b", "manual", 9],
      ["a", "manual", 6],
      ["a", "initial", 4],
    ]);
    const now = await h.call("GET", `/merchant/v1/products/${p.id}`, { token: shop.tokens.staff });
    for (const sku of now.body.skus as { id: string; stock: number }[]) {
      const mine = entries.filter((e) => e.skuId === sku.id);
      expect(mine.reduce((n, e) => n + e.delta, 0)).toBe(sku.stock);
      expect(mine[0]?.stockAfter).toBe(sku.stock);
    }
    const onlyB = await h.call("GET", `/merchant/v1/products/${p.id}/inventory?skuId=${b?.id}`, {
      token: shop.tokens.staff,
    });
    expect((onlyB.body.items as Entry[]).every((e) => e.skuId === b?.id)).toBe(true);
    const bad = await h.call("GET", `/merchant/v1/products/${p.id}/inventory?cursor=abc`, { token: shop.tokens.staff });
    expect(bad.status).toBe(422);
  });
});

describe("low stock", () => {
  async function sell(t: TenantFixture, skuId: string, units: number, daysAgo: number) {
    await h.db.withTenant(t.id, (tx) =>
      changeStock(tx, [{ skuId, delta: -units }], { reason: "order", actorId: null, ref: `order-${daysAgo}` }),
    );
    if (daysAgo > 0) {
      await h.admin.withAdmin(
        (tx) => tx.$executeRaw`
          UPDATE inventory_ledger SET created_at = now() - make_interval(days => ${daysAgo}::int)
          WHERE sku_id = ${skuId}::uuid AND ref = ${`order-${daysAgo}`}`,
      );
    }
  }

  it("threshold: the SKU's own, else safety stock from 30 days of sales, else the store default", async () => {
    const t = await h.tenant();
    const lowList = async () => {
      const res = await h.call("GET", "/merchant/v1/products?lowStock=true", { token: t.tokens.staff });
      return {
        ids: (res.body.items as { id: string }[]).map((i) => i.id),
        count: (res.body.counts as { lowStock: number }).lowStock,
      };
    };
    // Store default 10.
    const plain = await product(t, 10);
    expect(await skuState(t, plain.id)).toMatchObject({ threshold: 10, state: "low_stock" });
    await adjust(t, { skuId: plain.skus[0]?.id, mode: "delta", value: 1 });
    expect(await skuState(t, plain.id)).toMatchObject({ threshold: 10, state: "in_stock" });

    // Own threshold wins over everything.
    const own = await product(t, 5, { lowStockThreshold: 3 });
    expect(await skuState(t, own.id)).toMatchObject({ threshold: 3, state: "in_stock" });

    // Safety stock: 60 units sold in the last 30 days = 2/day; x 7 days x 1.2 = 16.8 -> 17.
    const seller = await product(t, 200);
    const skuId = seller.skus[0]?.id ?? "";
    await sell(t, skuId, 20, 2);
    await sell(t, skuId, 40, 29);
    await sell(t, skuId, 500 - 440, 45); // older than 30 days: ignored
    expect(await skuState(t, seller.id)).toMatchObject({ threshold: 17, stock: 80 });
    await adjust(t, { skuId, mode: "set", value: 17 });
    expect(await skuState(t, seller.id)).toMatchObject({ state: "low_stock" });
    expect((await lowList()).ids).toContain(seller.id);
    await adjust(t, { skuId, mode: "set", value: 18 });
    expect(await skuState(t, seller.id)).toMatchObject({ state: "in_stock" });
    expect(await lowList()).toEqual({ ids: [], count: 0 });

    // Settings move both rules: replenishment 10 days -> 2 x 10 x 1.2 = 24; default 20.
    const patched = await h.call("PATCH", "/merchant/v1/catalog-settings", {
      token: t.tokens.staff,
      body: { replenishmentDays: 10, lowStockDefault: 20 },
    });
    expect(patched.body).toEqual({ lowStockDefault: 20, replenishmentDays: 10 });
    expect(await skuState(t, seller.id)).toMatchObject({ threshold: 24, state: "low_stock" });
    expect(await skuState(t, plain.id)).toMatchObject({ threshold: 20, state: "low_stock" });
    expect(await skuState(t, own.id)).toMatchObject({ threshold: 3 });
    const low = await lowList();
    expect(low.ids.sort()).toEqual([plain.id, seller.id].sort());
    expect(low.count).toBe(2);
  });
});

describe("catalog settings", () => {
  it("defaults, partial updates, validation", async () => {
    const t = await h.tenant();
    const get = await h.call("GET", "/merchant/v1/catalog-settings", { token: t.tokens.staff });
    expect(get.body).toEqual({ lowStockDefault: 10, replenishmentDays: 7 });
    const one = await h.call("PATCH", "/merchant/v1/catalog-settings", {
      token: t.tokens.owner,
      body: { lowStockDefault: 0 },
    });
    expect(one.body).toEqual({ lowStockDefault: 0, replenishmentDays: 7 });
    for (const body of [{ replenishmentDays: 0 }, { replenishmentDays: 366 }, { lowStockDefault: -1 }, { x: 1 }]) {
      expect((await h.call("PATCH", "/merchant/v1/catalog-settings", { token: t.tokens.owner, body })).status).toBe(
        422,
      );
    }
    // Another store's settings are untouched.
    expect((await h.call("GET", "/merchant/v1/catalog-settings", { token: shop.tokens.staff })).body).toEqual({
      lowStockDefault: 10,
      replenishmentDays: 7,
    });
  });
});
