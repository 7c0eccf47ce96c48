// Correctness under load (not timed): 2,000 shoppers submit at once (100 in flight at a time,
// through the whole HTTP path) for a SKU with 100 in stock: exactly 100 orders, stock 0, never
// negative, the ledger accounts for every unit, and every other shopper is told it sold out.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../auth/token-hash.ts";
import { createProductVia, productBody } from "../../services/catalog/catalog-fixtures.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

const SHOPPERS = 2_000;
const STOCK = 100;
const IN_FLIGHT = 100;

let h: Harness;
let shop: TenantFixture;
let skuId: string;
let pointId: string;
let tokens: string[];

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  const p = await createProductVia(
    h,
    shop.tokens.owner,
    productBody({ title: "限量月饼", status: "on_shelf", skus: [{ specValues: [], price: 8800, stock: STOCK }] }),
  );
  skuId = p.skus[0]?.id ?? "";
  await h.admin.withAdmin((tx) => tx.checkoutSettings.create({ data: { tenantId: shop.id, pickupEnabled: true } }));
  pointId = (
    await h.admin.withAdmin((tx) =>
      tx.pickupPoint.create({ data: { tenantId: shop.id, name: "门店", address: "西湖区" } }),
    )
  ).id;
  // 2,000 shoppers, each signed in with one of the SKU in the cart, made in three statements.
  tokens = Array.from({ length: SHOPPERS }, () => `mws_${randomBytes(32).toString("base64url")}`);
  const hashes = tokens.map((t) => Buffer.from(hashToken(t)).toString("hex"));
  await h.admin.withAdmin(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO shoppers (tenant_id, provider, subject)
      SELECT ${shop.id}::uuid, 'dev', 'load-' || g FROM generate_series(1, ${SHOPPERS}::int) g`;
    await tx.$executeRaw`
      INSERT INTO shopper_sessions (tenant_id, shopper_id, token_hash, expires_at)
      SELECT ${shop.id}::uuid, s.id, decode(h.hash, 'hex'), now() + interval '1 hour'
      FROM unnest(${hashes}::text[]) WITH ORDINALITY AS h(hash, n)
      JOIN shoppers s ON s.tenant_id = ${shop.id}::uuid AND s.subject = 'load-' || h.n`;
    await tx.$executeRaw`
      INSERT INTO cart_items (tenant_id, shopper_id, sku_id, quantity, price_seen, title_seen)
      SELECT ${shop.id}::uuid, s.id, ${skuId}::uuid, 1, 8800, '限量月饼'
      FROM shoppers s WHERE s.tenant_id = ${shop.id}::uuid AND s.subject LIKE 'load-%'`;
  });
}, 120_000);
afterAll(async () => h?.close());

describe("2,000 submissions for 100 in stock", () => {
  it("makes exactly 100 orders and never takes stock below zero", async () => {
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < tokens.length) {
        const token = tokens[next++] ?? "";
        const res = await h.call("POST", "/store/v1/orders", {
          token,
          headers: { "x-mallwright-tenant": shop.key, "idempotency-key": `load-${next}` },
          body: { delivery: "pickup", pickupPointId: pointId },
        });
        statuses.push(res.status);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    const count = (s: number) => statuses.filter((x) => x === s).length;
    const seen = [...new Set(statuses)].sort();
    // 503: the database was too busy to take a submission in time (told to retry, nothing written).
    expect(
      seen.filter((s) => ![201, 409, 422, 503].includes(s)),
      `statuses: ${seen.map((s) => `${s} x${count(s)}`).join(", ")}`,
    ).toEqual([]);
    expect(statuses).toHaveLength(SHOPPERS);
    expect(count(201)).toBe(STOCK);
    // The rest learn it sold out: at preview time (422) or while reserving (409). Nothing else.
    expect(count(422) + count(409) + count(503)).toBe(SHOPPERS - STOCK);
    const { sku, orders, units, ledger } = await h.admin.withAdmin(async (tx) => ({
      sku: await tx.sku.findUniqueOrThrow({ where: { id: skuId } }),
      orders: await tx.order.count({ where: { tenantId: shop.id } }),
      units: await tx.orderLine.aggregate({ where: { tenantId: shop.id, skuId }, _sum: { quantity: true } }),
      ledger: await tx.inventoryLedgerEntry.aggregate({
        where: { skuId, reason: "order" },
        _sum: { delta: true },
        _min: { stockAfter: true },
      }),
    }));
    expect(sku.stock).toBe(0);
    expect(orders).toBe(STOCK);
    expect(units._sum.quantity).toBe(STOCK);
    expect(ledger._sum.delta).toBe(-STOCK);
    expect(ledger._min.stockAfter).toBe(0);
  }, 180_000);
});
