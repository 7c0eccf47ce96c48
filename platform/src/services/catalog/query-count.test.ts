// No N+1: the product list, the category tree and a product's detail issue the same number of SQL
// statements whatever their size. Statements are counted by Prisma's `query` log event, which the
// client emits for every statement it sends through the driver adapter (include/relation loads and
// raw queries alike), on a client of our own that runs exactly like the app's tenant transactions.

import { ZListProductsQuery } from "@mallwright/schema";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, roleUrl } from "../../db/open.ts";
import type { Database } from "../../db/types.ts";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { makeMedia } from "./catalog-fixtures.ts";
import { getProduct } from "./get-product.ts";
import { listProducts } from "./list-products.ts";
import { listCategoryTree } from "./manage-categories.ts";

let h: Harness;
function countingClient(ownerUrl: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: roleUrl(ownerUrl, APP_ROLE), max: 2 }),
    log: [{ emit: "event", level: "query" }],
  });
}

let client: ReturnType<typeof countingClient>;
let db: Database;
let statements: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  client = countingClient(h.database.url);
  client.$on("query", (e) => statements.push(e.query));
  // The same transaction shape as Database.withTenant in src/db/open.ts.
  db = {
    withTenant: (tenantId, fn) =>
      client.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
        return fn(tx);
      }),
    withApp: (fn) => client.$transaction(fn),
  };
});
afterAll(async () => {
  await client?.$disconnect();
  await h?.close();
});

async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; sql: string[] }> {
  statements = [];
  const result = await fn();
  return { result, count: statements.length, sql: statements };
}

/** A store with `categories` categories (half of them children) and `products` products of `skus` SKUs. */
async function seed(t: TenantFixture, categories: number, products: number, skus: number) {
  const images = [await makeMedia(h, t), await makeMedia(h, t)];
  await h.admin.withAdmin(async (tx) => {
    const tops = await tx.category.createManyAndReturn({
      data: Array.from({ length: Math.ceil(categories / 2) }, (_, i) => ({
        tenantId: t.id,
        name: `Top ${i}`,
        position: i,
        iconMediaId: images[0],
      })),
    });
    const kids = await tx.category.createManyAndReturn({
      data: Array.from({ length: Math.floor(categories / 2) }, (_, i) => ({
        tenantId: t.id,
        name: `Kid ${i}`,
        parentId: tops[i % tops.length]?.id ?? null,
        position: i,
      })),
    });
    const all = [...tops, ...kids];
    const made = await tx.product.createManyAndReturn({
      data: Array.from({ length: products }, (_, i) => ({
        tenantId: t.id,
        title: `Product ${i}`,
        status: i % 2 ? "on_shelf" : "draft",
        categoryId: all[i % all.length]?.id ?? null,
        priceMin: 100,
        priceMax: 100 + skus,
        stockTotal: 5 * skus,
      })),
    });
    await tx.productImage.createMany({
      data: made.flatMap((p) =>
        images.map((mediaId, position) => ({ tenantId: t.id, productId: p.id, mediaId, position })),
      ),
    });
    const skuRows = await tx.sku.createManyAndReturn({
      data: made.flatMap((p) =>
        Array.from({ length: skus }, (_, i) => ({
          tenantId: t.id,
          productId: p.id,
          specValues: [`v${i}`],
          specKey: JSON.stringify([`v${i}`]),
          price: 100 + i,
          stock: 5,
        })),
      ),
    });
    // Sales history, so the safety-stock branch of the low-stock rule is exercised too.
    await tx.inventoryLedgerEntry.createMany({
      data: skuRows.map((s) => ({
        tenantId: t.id,
        skuId: s.id,
        productId: s.productId,
        delta: -3,
        stockAfter: 5,
        reason: "order",
      })),
    });
  });
}

describe("statement counts do not grow with the page", () => {
  it("merchant product list: page size 10 and 100", async () => {
    const t = await h.tenant();
    await seed(t, 6, 120, 3);
    const q = (extra: Record<string, string>) => ZListProductsQuery.parse(extra);
    const small = await counted(() => listProducts(db, h.env, t.id, q({ limit: "10" })));
    const large = await counted(() => listProducts(db, h.env, t.id, q({ limit: "100" })));
    expect(small.result.items).toHaveLength(10);
    expect(large.result.items).toHaveLength(100);
    expect(large.result.items.every((i) => i.image !== null && i.skuCount === 3)).toBe(true);
    expect(large.result.counts.all).toBe(120);
    expect(large.count).toBe(small.count);
    // BEGIN is not logged: set_config, the page, the counts, COMMIT.
    expect(small.count).toBe(4);

    const filtered = await counted(() =>
      listProducts(db, h.env, t.id, q({ limit: "100", lowStock: "true", q: "Product", sort: "-price" })),
    );
    expect(filtered.count).toBe(small.count);
  });

  it("category tree: 10 and 100 categories", async () => {
    const ten = await h.tenant();
    const hundred = await h.tenant();
    await seed(ten, 10, 20, 1);
    await seed(hundred, 100, 20, 1);
    const small = await counted(() => listCategoryTree(db, h.env, ten.id));
    const large = await counted(() => listCategoryTree(db, h.env, hundred.id));
    const size = (tree: typeof small.result) => tree.items.reduce((n, c) => n + 1 + c.children.length, 0);
    expect(size(small.result)).toBe(10);
    expect(size(large.result)).toBe(100);
    expect(large.count).toBe(small.count);
    expect(small.count).toBe(3);
  });

  it("product detail: 1 SKU and 100 SKUs", async () => {
    const one = await h.tenant();
    const many = await h.tenant();
    await seed(one, 2, 1, 1);
    await seed(many, 2, 1, 100);
    const idOf = (t: TenantFixture) =>
      h.admin.withAdmin(async (tx) => (await tx.product.findFirstOrThrow({ where: { tenantId: t.id } })).id);
    const small = await counted(async () => getProduct(db, h.env, one.id, await idOf(one)));
    const large = await counted(async () => getProduct(db, h.env, many.id, await idOf(many)));
    expect(small.result.skus).toHaveLength(1);
    expect(large.result.skus).toHaveLength(100);
    expect(large.result.skus.every((s) => s.effectiveLowStock === 1 && s.stockState === "in_stock")).toBe(true);
    expect(large.count).toBe(small.count);
  });
});
