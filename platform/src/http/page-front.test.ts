// The cached-page front answers exactly as the page routes do (status, body bytes, headers but the
// request id), only for cache hits of active stores, and leaves everything else to the routes:
// first loads, unknown stores, suspended stores (423), malformed ids (422), HEAD.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../app.ts";
import { type StoreTenantRow, TenantCache } from "../db/tenant-cache.ts";
import { createPageVia, doc } from "../services/pages/page-fixtures.ts";
import { resumeTenant, suspendTenant } from "../services/platform/manage-tenants.ts";
import { type Harness, startHarness, type TenantFixture } from "../test/harness.ts";
import { API_SECURITY_HEADERS } from "./standard-headers.ts";

let h: Harness;
let shop: TenantFixture;
let pageId: string;
let cache: TenantCache<StoreTenantRow>;
let fronted: ReturnType<typeof createApp>;
let routed: ReturnType<typeof createApp>;

async function answer(
  app: ReturnType<typeof createApp>,
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
) {
  const res = await app.request(path, { method, headers: { "x-mallwright-tenant": shop.key, ...headers } });
  const bytes = Buffer.from(await res.arrayBuffer()).toString("base64");
  const all = Object.fromEntries([...res.headers].filter(([k]) => k !== "x-request-id"));
  return { status: res.status, bytes, headers: all, requestId: res.headers.get("x-request-id") };
}

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  pageId = await createPageVia(h, shop.tokens.admin, {
    title: "Home",
    document: doc(
      [
        { id: "t1", type: "title", props: { title: "新品上市" } },
        // Large enough for the cache to keep a gzip copy.
        { id: "r1", type: "rich-text", props: { html: `<p>${"当季新鲜水果，产地直发。".repeat(200)}</p>` } },
      ],
      "Home",
    ),
  });
  const published = await h.call("POST", `/merchant/v1/pages/${pageId}/publish`, {
    token: shop.tokens.admin,
    body: {},
  });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  cache = new TenantCache<StoreTenantRow>();
  fronted = createApp({ ...h.deps, tenantCache: cache });
  // No tenant cache: the front never answers, every request goes through the route.
  routed = createApp({ ...h.deps, tenantCache: undefined });
});
afterAll(async () => {
  cache?.close();
  await h?.close();
});

describe("cached-page front", () => {
  it("answers cache hits without the route, exactly as the route answers them", async () => {
    const paths = ["/store/v1/pages/home", `/store/v1/pages/${pageId}`];
    for (const path of paths) await answer(fronted, path); // first loads: the route fills both caches
    const lookups = vi.spyOn(cache, "get");
    for (const path of paths) {
      const plain = await answer(routed, path);
      const gzip = await answer(routed, path, { "accept-encoding": "gzip, deflate, br" });
      expect(plain.status).toBe(200);
      expect(gzip.headers["content-encoding"]).toBe("gzip");
      const etags = [plain.headers.etag ?? "", gzip.headers.etag ?? ""];
      const cases: Record<string, string>[] = [
        {},
        { "accept-encoding": "gzip, deflate, br" },
        { "accept-encoding": "gzip;q=0" },
        { "if-none-match": etags[0] ?? "" },
        { "if-none-match": `W/${etags[1]}` },
        { "if-none-match": '"p.stale"' },
        { "if-none-match": "*", "accept-encoding": "gzip" },
      ];
      for (const headers of cases) {
        const front = await answer(fronted, path, headers);
        const route = await answer(routed, path, headers);
        expect({ ...front, requestId: null }, `${path} ${JSON.stringify(headers)}`).toEqual({
          ...route,
          requestId: null,
        });
        expect(front.requestId).toMatch(/^[0-9a-f-]{36}$/);
      }
    }
    // The front peeks; only the route looks tenants up.
    expect(lookups).not.toHaveBeenCalled();
    lookups.mockRestore();
  });

  it("carries the standard headers and keeps a caller's well-formed request id", async () => {
    await answer(fronted, "/store/v1/pages/home");
    const res = await fronted.request("/store/v1/pages/home", {
      headers: { "x-mallwright-tenant": shop.key, "x-request-id": "trace-1234-abcd" },
    });
    expect(res.headers.get("x-request-id")).toBe("trace-1234-abcd");
    for (const [k, v] of Object.entries(API_SECURITY_HEADERS)) expect(res.headers.get(k), k).toBe(v);
  });

  it("leaves unknown stores, malformed ids, HEAD and suspended stores to the routes", async () => {
    const unknown = await fronted.request("/store/v1/pages/home", {
      headers: { "x-mallwright-tenant": "no-such-shop" },
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect((await answer(fronted, "/store/v1/pages/not-a-uuid")).status).toBe(422);
    expect((await answer(fronted, "/store/v1/pages/home", {}, "HEAD")).status).toBe(200);

    await answer(fronted, "/store/v1/pages/home"); // cached
    await suspendTenant(h.admin, shop.id, "test", { userId: null, label: "test" });
    try {
      const closed = await fronted.request("/store/v1/pages/home", { headers: { "x-mallwright-tenant": shop.key } });
      expect(closed.status).toBe(423);
      expect(((await closed.json()) as { error: { code: string } }).error.code).toBe("tenant_suspended");
    } finally {
      await resumeTenant(h.admin, shop.id, { userId: null, label: "test" });
    }
    expect((await answer(fronted, "/store/v1/pages/home")).status).toBe(200);
  });
});
