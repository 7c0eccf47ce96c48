// No N+1 on the storefront read path: the SQL statements a product page, a search page, the
// category tree and a product page issue do not grow with the page size or the catalog's shape.
// Counted twice: the queries each service hands the TenantReader (and how many transactions it
// opens), and every statement the postgres.js client actually sends (BEGIN, set_config, COMMIT
// included), on a reader over the same database as the app role.
import type { TStoreProductsQuery } from "@mallwright/schema";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, roleUrl } from "../../db/open.ts";
import { createPostgresReader, type TenantReader } from "../../db/read.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { makeCategory, makeMedia, makeProducts, type ProductSpec } from "../../test/storefront-fixtures.ts";
import { getStoreProduct } from "./get-product.ts";
import { listStoreCategories } from "./list-categories.ts";
import { listStoreProducts } from "./list-products.ts";

let h: Harness;
let small: TenantFixture;
let big: TenantFixture;
let wire: TenantReader;
let db: TenantReader;
let sent: string[] = [];
let reads = 0;
let queries = 0;
let oneSkuProduct = "";
let manySkuProduct = "";

interface Counted<T> {
  result: T;
  /** Statements on the wire. */
  sql: string[];
  /** reader.read calls (transactions) and the queries passed to them. */
  reads: number;
  queries: number;
}

/** What `fn` sends, and its result. */
async function counted<T>(fn: () => Promise<T>): Promise<Counted<T>> {
  sent = [];
  reads = 0;
  queries = 0;
  const result = await fn();
  return { result, sql: sent, reads, queries };
}

beforeAll(async () => {
  h = await startHarness();
  wire = createPostgresReader(
    () =>
      postgres(roleUrl(h.database.url, APP_ROLE), {
        max: 1,
        prepare: true,
        fetch_types: false,
        onnotice: () => {},
        debug: (_connection, text) => {
          sent.push(text);
        },
      }),
    2,
  );
  db = {
    read: (tenantId, qs) => {
      reads++;
      queries += qs.length;
      return wire.read(tenantId, qs);
    },
    readGlobal: (qs) => {
      reads++;
      queries += qs.length;
      return wire.readGlobal(qs);
    },
    write: (tenantId, qs) => wire.write(tenantId, qs),
    call: (q) => {
      reads++;
      queries++;
      return wire.call(q);
    },
    close: () => wire.close(),
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
  await wire?.close();
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
    expect([ten.reads, ten.queries, hundred.reads, hundred.queries]).toEqual([1, 1, 1, 1]);
    // BEGIN, set_config, the page, COMMIT
    expect(ten.sql.length).toBe(4);
  });

  it("search list (with its search-log write): page of 10 and page of 100, every sort", async () => {
    const logged = async () =>
      h.admin.withAdmin((tx) => tx.searchLogEntry.count({ where: { tenantId: big.id, query: "连衣 dress" } }));
    for (const sort of ["relevance", "newest", "price", "-price", "sales"] as const) {
      const before = await logged();
      const ten = await counted(() => list(big, 10, { q: "连衣 dress", sort }));
      const hundred = await counted(() => list(big, 100, { q: "连衣 dress", sort }));
      expect(ten.result.items).toHaveLength(10);
      expect(hundred.result.items).toHaveLength(100);
      expect(hundred.sql.length, sort).toBe(ten.sql.length);
      // The search-log insert rides in the page's statement (a CTE): still one query.
      expect([ten.reads, ten.queries], sort).toEqual([1, 1]);
      expect(ten.sql.length, sort).toBe(4);
      expect(await logged(), sort).toBe(before + 2);
      const next = await counted(() => list(big, 100, { q: "连衣 dress", sort, cursor: ten.result.nextCursor ?? "" }));
      expect(next.sql.length, sort).toBe(4);
      expect(await logged(), sort).toBe(before + 2); // later pages are not logged
    }
  });

  it("category tree: 1 category and 60 with icons", async () => {
    const one = await counted(() => listStoreCategories(db, h.env, small.id));
    const sixty = await counted(() => listStoreCategories(db, h.env, big.id));
    expect(one.result.items).toHaveLength(1);
    expect(sixty.result.items).toHaveLength(10);
    expect(sixty.result.items.every((c) => c.children.length === 5 && c.iconUrl !== null)).toBe(true);
    expect(sixty.sql.length).toBe(one.sql.length);
    expect([one.reads, one.queries]).toEqual([1, 1]);
    expect(one.sql.length).toBe(4);
  });

  it("product page: 1 SKU and 27 SKUs with images and video", async () => {
    const one = await counted(() => getStoreProduct(db, h.env, small.id, oneSkuProduct));
    const many = await counted(() => getStoreProduct(db, h.env, big.id, manySkuProduct));
    expect(one.result.skus).toHaveLength(1);
    expect(many.result.skus).toHaveLength(27);
    expect(many.result.images).toHaveLength(3);
    expect(many.sql.length).toBe(one.sql.length);
    expect([one.reads, one.queries]).toEqual([1, 1]);
    expect(one.sql.length).toBe(4);
  });
});
