// Storefront catalog across stores: store A's key never reaches store B's products, categories,
// suggestions or hot words, even when B's catalog matches the same words; a closed store is 423.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { makeCategory, makeProduct } from "../../test/storefront-fixtures.ts";

let h: Harness;
let a: TenantFixture;
let b: TenantFixture;
const secretsOfB: string[] = [];
let bProduct = "";
let bCategory = "";

const asStore = (t: TenantFixture) => ({ headers: { "x-mallwright-tenant": t.key } });

beforeAll(async () => {
  h = await startHarness();
  a = await h.tenant();
  b = await h.tenant();
  await makeProduct(h, a.id, { title: "连衣裙 of A", tags: ["shared"] });
  bCategory = await makeCategory(h, b.id, { name: "B only category" });
  bProduct = await makeProduct(h, b.id, {
    title: "连衣裙 secret-b-title",
    subtitle: "secret-b-subtitle",
    tags: ["shared", "secret-b-tag"],
    categoryId: bCategory,
  });
  await h.admin.withAdmin((tx) =>
    tx.searchLogEntry.createMany({
      data: Array.from({ length: 5 }, () => ({ tenantId: b.id, query: "secret-b-search", results: 3 })),
    }),
  );
  secretsOfB.push(b.id, b.key, bProduct, bCategory, "secret-b");
});

afterAll(async () => {
  await h?.close();
});

function expectNoSecrets(body: unknown, what: string) {
  const text = JSON.stringify(body);
  for (const s of secretsOfB) expect(text, `${what} leaked ${s}`).not.toContain(s);
}

describe("store A's key", () => {
  it("gets 404 for store B's product id, like an unknown one", async () => {
    const res = await h.call("GET", `/store/v1/products/${bProduct}`, asStore(a));
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe("not_found");
    expectNoSecrets(res.body, "product page");
    // B's own key does see it: the 404 above is the tenant boundary, not a broken fixture.
    expect((await h.call("GET", `/store/v1/products/${bProduct}`, asStore(b))).status).toBe(200);
  });

  it("never lists, finds, suggests or ranks store B's catalog", async () => {
    for (const path of [
      "/store/v1/products",
      "/store/v1/products?limit=100",
      `/store/v1/products?q=${encodeURIComponent("连衣裙")}`,
      "/store/v1/products?q=secret-b",
      "/store/v1/products?tag=shared",
      `/store/v1/products?category=${bCategory}`,
      "/store/v1/categories",
      `/store/v1/search/suggest?q=${encodeURIComponent("连衣")}`,
      "/store/v1/search/suggest?q=secret",
      "/store/v1/search/suggest?q=shared",
      "/store/v1/search/hot",
    ]) {
      const res = await h.call("GET", path, asStore(a));
      expect(res.status, path).toBe(200);
      expectNoSecrets(res.body, path);
    }
    const found = await h.call("GET", `/store/v1/products?q=${encodeURIComponent("连衣裙")}`, asStore(a));
    expect((found.body.items as { title: string }[]).map((p) => p.title)).toEqual(["连衣裙 of A"]);
    expect((await h.call("GET", `/store/v1/products?category=${bCategory}`, asStore(a))).body.items).toEqual([]);
  });

  it("logs its searches in its own store only", async () => {
    await h.call("GET", "/store/v1/products?q=only-in-a", asStore(a));
    const logs = await h.admin.withAdmin((tx) => tx.searchLogEntry.findMany({ where: { query: "only-in-a" } }));
    expect(logs.map((l) => l.tenantId)).toEqual([a.id]);
    const hotB = await h.call("GET", "/store/v1/search/hot", asStore(b));
    expect(hotB.body.words).toEqual([{ text: "secret-b-search", count: 5 }]);
  });

  it("a cursor from store B's list does not reveal anything in store A", async () => {
    const pageB = await h.call("GET", "/store/v1/products?limit=1&tag=shared", asStore(b));
    const cursor = String(pageB.body.nextCursor ?? "");
    // B has one product with that tag, so there is no next page; forge one from B's product id.
    const forged = Buffer.from(
      JSON.stringify({ v: 1, s: "newest", f: "0", k: ["2999-01-01T00:00:00.000000Z"], id: bProduct }),
    ).toString("base64url");
    for (const c of [cursor, forged].filter(Boolean)) {
      const res = await h.call("GET", `/store/v1/products?tag=shared&cursor=${encodeURIComponent(c)}`, asStore(a));
      expect([200, 422]).toContain(res.status);
      expectNoSecrets(res.body, "cursor page");
    }
  });
});

describe("a suspended store", () => {
  it("answers 423 on every catalog route", async () => {
    const closed = await h.tenant();
    const id = await makeProduct(h, closed.id, { title: "closed" });
    await h.admin.withAdmin((tx) => tx.tenant.update({ where: { id: closed.id }, data: { status: "suspended" } }));
    for (const path of ["/categories", "/products", `/products/${id}`, "/search/suggest?q=c", "/search/hot"]) {
      const res = await h.call("GET", `/store/v1${path}`, asStore(closed));
      expect(res.status, path).toBe(423);
      expect(res.body.error?.code).toBe("tenant_suspended");
    }
  });
});

describe("the store-key cache", () => {
  it("lets a suspension or a resume through the platform API take effect at once", async () => {
    const shop = await h.tenant();
    const { token } = await h.platformAdmin();
    const shopRoute = () => h.call("GET", "/store/v1/shop", asStore(shop));
    expect((await shopRoute()).status).toBe(200); // now cached
    expect((await shopRoute()).status).toBe(200);
    const suspended = await h.call("POST", `/platform/v1/tenants/${shop.id}/suspend`, { token, body: {} });
    expect(suspended.status).toBe(200);
    expect((await shopRoute()).status).toBe(423);
    expect((await h.call("GET", "/store/v1/products", asStore(shop))).status).toBe(423);
    expect((await h.call("POST", `/platform/v1/tenants/${shop.id}/resume`, { token })).status).toBe(200);
    expect((await shopRoute()).status).toBe(200);
    const renamed = await h.call("PATCH", `/platform/v1/tenants/${shop.id}`, { token, body: { name: "Renamed" } });
    expect(renamed.status).toBe(200);
    expect((await shopRoute()).body).toMatchObject({ name: "Renamed" });
  });
});
