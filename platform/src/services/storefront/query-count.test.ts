// No N+1 on the storefront read path: the SQL statements a product page, a search page, the
// category tree and a product page issue do not grow with the page size or the catalog's shape.
// Statements are counted by the Prisma client's own query events (every SQL statement it sends,
// COMMIT included), on a client that runs the same tenant-scoped transactions as the app.
import type { TStoreProductsQuery } from "@mallwright/schema";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, roleUrl } from "../../db/open.ts";
import type { Database } from "../../db/types.ts";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { makeCategory, makeMedia, makeProducts, type ProductSpec } from "../../test/storefront-fixtures.ts";
import { getStoreProduct } from "./get-product.ts";
import { listStoreCategories } from "./list-categories.ts";
import { listStoreProducts } from "./list-products.ts";

let h: Harness;
let small: TenantFixture;
let big: TenantFixture;
let client: PrismaClient<"query">;
let db: Database;
let statements: string[] = [];
let oneSkuProduct = "";
let manySkuProduct = "";

/** The statements `fn` sends, and its result. */
async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  statements = [];
  const result = await fn();
  return { result, sql: statements };
}

beforeAll(async () => {
  h = await startHarness();
  client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: roleUrl(h.database.url, APP_ROLE), max: 2 }),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (e) => {
    statements.push(e.query);
  });
  // The same transaction shape as src/db/open.ts: set the tenant first, as the app role.
  db = {
    withTenant: (tenantId, fn) =>
      client.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
        return fn(tx);
      }),
    withApp: (fn) => client.$transaction(fn),
  };

  small = await h.tenant();
  big = await h.tenant();
  const image = await makeMedia(h, big.id, { thumb: true });
  const icon = await makeMedia(h, big.id, { thumb: true });
  await makeCategory(h, small.id, { name: "Only" });
  for (let i = 0; i < 10; i++) {
    const parent = await makeCategory(h, big.id, { name: `Top ${i}`, position: i, iconMediaId: icon });
    for (let j = 0; j < 5; j++) {
      await makeCategory(h, big.id, { name: `Sub ${i}.${j}`, parentId: parent, position: j, iconMediaId: icon });
    }
  }
  const specs: ProductSpec[] = Array.from({ length: 120 }, (_, i) => ({
    title: `连衣裙 dress ${i}`,
    tags: ["dress", `t${i % 7}`],
    dimensions: [{ name: "Size", values: ["S", "M", "L"] }],
    skus: ["S", "M", "L"].map((v, k) => ({ specValues: [v], price: 1000 + i + k, stock: (i + k) % 4 })),
    imageIds: [image, image],
    salesCount: i % 13,
  }));
  await makeProducts(h, big.id, specs);
  oneSkuProduct = (await makeProducts(h, small.id, [{ title: "one" }]))[0] ?? "";
  manySkuProduct =
    (
      await makeProducts(h, big.id, [
        {
          title: "many",
          dimensions: [
            { name: "A", values: ["1", "2", "3"] },
            { name: "B", values: ["1", "2", "3"] },
            { name: "C", values: ["1", "2", "3"] },
          ],
          skus: Array.from({ length: 27 }, (_, n) => ({
            specValues: [String((n % 3) + 1), String((Math.floor(n / 3) % 3) + 1), String(Math.floor(n / 9) + 1)],
            price: 100 + n,
            stock: n % 5,
            imageMediaId: image,
          })),
          imageIds: [image, image, image],
          videoMediaId: await makeMedia(h, big.id, { kind: "video" }),
        },
      ])
    )[0] ?? "";
});

afterAll(async () => {
  await client?.$disconnect();
  await h?.close();
});

const list = (tenant: TenantFixture, limit: number, extra: Partial<TStoreProductsQuery> = {}) =>
  listStoreProducts(db, h.env, tenant.id, { limit, ...extra });

describe("statements per request do not grow with the data", () => {
  it("product list: page of 10 and page of 100", async () => {
    const ten = await counted(() => list(big, 10));
    const hundred = await counted(() => list(big, 100));
    expect(ten.result.items).toHaveLength(10);
    expect(hundred.result.items).toHaveLength(100);
    expect(hundred.result.items.every((c) => c.image !== null)).toBe(true);
    expect(hundred.sql.length).toBe(ten.sql.length);
    // set_config, the page, COMMIT
    expect(ten.sql.length).toBe(3);
  });

  it("search list (with its search-log write): page of 10 and page of 100, every sort", async () => {
    for (const sort of ["relevance", "newest", "price", "-price", "sales"] as const) {
      const ten = await counted(() => list(big, 10, { q: "连衣 dress", sort }));
      const hundred = await counted(() => list(big, 100, { q: "连衣 dress", sort }));
      expect(ten.result.items).toHaveLength(10);
      expect(hundred.result.items).toHaveLength(100);
      expect(hundred.sql.length, sort).toBe(ten.sql.length);
      expect(ten.sql.length, sort).toBe(4); // + the search-log insert
      const next = await counted(() => list(big, 100, { q: "连衣 dress", sort, cursor: ten.result.nextCursor ?? "" }));
      expect(next.sql.length, sort).toBe(3); // later pages are not logged
    }
  });

  it("category tree: 1 category and 60 with icons", async () => {
    const one = await counted(() => listStoreCategories(db, h.env, small.id));
    const sixty = await counted(() => listStoreCategories(db, h.env, big.id));
    expect(one.result.items).toHaveLength(1);
    expect(sixty.result.items).toHaveLength(10);
    expect(sixty.result.items.every((c) => c.children.length === 5 && c.iconUrl !== null)).toBe(true);
    expect(sixty.sql.length).toBe(one.sql.length);
    expect(one.sql.length).toBe(3);
  });

  it("product page: 1 SKU and 27 SKUs with images and video", async () => {
    const one = await counted(() => getStoreProduct(db, h.env, small.id, oneSkuProduct));
    const many = await counted(() => getStoreProduct(db, h.env, big.id, manySkuProduct));
    expect(one.result.skus).toHaveLength(1);
    expect(many.result.skus).toHaveLength(27);
    expect(many.result.images).toHaveLength(3);
    expect(many.sql.length).toBe(one.sql.length);
    expect(one.sql.length).toBe(3);
  });
});
