// Shopper and merchant agree on every SKU's stock state: the storefront applies the merchant's
// low-stock rule (own threshold ?? safety stock from 30 days of sales ?? store default), in the
// product list, the product page and the merchant's product read alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { makeProduct } from "../../test/storefront-fixtures.ts";

let h: Harness;
let t: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant();
});

afterAll(async () => {
  await h?.close();
});

async function states(productId: string) {
  const asStore = { headers: { "x-mallwright-tenant": t.key } };
  const page = await h.call("GET", `/store/v1/products/${productId}`, asStore);
  const list = await h.call("GET", "/store/v1/products?limit=50", asStore);
  const merchant = await h.call("GET", `/merchant/v1/products/${productId}`, { token: t.tokens.staff });
  expect([page.status, list.status, merchant.status]).toEqual([200, 200, 200]);
  const card = (list.body.items as { id: string; stockState: string }[]).find((c) => c.id === productId);
  return {
    shopper: (page.body.skus as { stockState: string; stockLeft: number | null }[]).map((s) => s.stockState),
    left: (page.body.skus as { stockLeft: number | null }[]).map((s) => s.stockLeft),
    card: card?.stockState,
    merchant: (merchant.body.skus as { stockState: string }[]).map((s) => s.stockState),
    thresholds: (merchant.body.skus as { effectiveLowStock: number }[]).map((s) => s.effectiveLowStock),
  };
}

describe("stock states", () => {
  it("follow safety stock from sales, the store default and a SKU's own threshold on both sides", async () => {
    const id = await makeProduct(h, t.id, {
      title: "seller",
      dimensions: [{ name: "Size", values: ["S", "M", "L"] }],
      skus: [
        { specValues: ["S"], price: 100, stock: 20 },
        { specValues: ["M"], price: 100, stock: 20, lowStockThreshold: 25 },
        { specValues: ["L"], price: 100, stock: 11 },
      ],
    });
    // No sales yet: default 10 for S and L, own 25 for M.
    expect(await states(id)).toEqual({
      shopper: ["in_stock", "low_stock", "in_stock"],
      left: [null, 20, null],
      card: "in_stock",
      merchant: ["in_stock", "low_stock", "in_stock"],
      thresholds: [10, 25, 10],
    });

    // S sold 90 in the last 30 days: 90 / 30 x 7 days x 1.2 = 25.2 -> 26 > 20, so S is low now.
    // Sales older than 30 days do not count (L).
    const skus = await h.admin.withAdmin((tx) =>
      tx.sku.findMany({ where: { productId: id }, orderBy: { position: "asc" }, select: { id: true } }),
    );
    const [s, , l] = skus.map((x) => x.id);
    await h.admin.withAdmin((tx) =>
      tx.inventoryLedgerEntry.createMany({
        data: [
          { tenantId: t.id, productId: id, skuId: s, delta: -90, stockAfter: 20, reason: "order" },
          {
            tenantId: t.id,
            productId: id,
            skuId: l,
            delta: -500,
            stockAfter: 11,
            reason: "order",
            createdAt: new Date(Date.now() - 31 * 24 * 3600_000),
          },
        ],
      }),
    );
    expect(await states(id)).toEqual({
      shopper: ["low_stock", "low_stock", "in_stock"],
      left: [20, 20, null],
      card: "in_stock", // a card is as good as its best SKU
      merchant: ["low_stock", "low_stock", "in_stock"],
      thresholds: [26, 25, 10],
    });

    // A store default of 12 catches L (11 left) on both sides.
    const patched = await h.call("PATCH", "/merchant/v1/catalog-settings", {
      token: t.tokens.owner,
      body: { lowStockDefault: 12 },
    });
    expect(patched.status).toBe(200);
    expect(await states(id)).toMatchObject({
      shopper: ["low_stock", "low_stock", "low_stock"],
      card: "low_stock",
      merchant: ["low_stock", "low_stock", "low_stock"],
      thresholds: [26, 25, 12],
    });
  });
});
