// Platform tenant routes: provisioning (owner invite, templates, key rules, 409s), listing,
// search and cursor pages, update, suspension (merchant and store APIs answer 423) and resume.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, PASSWORD, startHarness } from "../../test/harness.ts";

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  token = (await h.platformAdmin()).token;
});
afterAll(async () => h?.close());

const provision = (body: unknown) => h.call("POST", "/platform/v1/tenants", { token, body });

describe("POST /platform/v1/tenants", () => {
  it("creates the tenant and invites a new owner by email with a working link", async () => {
    const res = await provision({
      name: "Tea House 茶馆",
      key: "tea-house",
      ownerEmail: "Owner@Tea.test ",
      plan: "growth",
      template: "blank",
    });
    expect(res.status).toBe(201);
    const tenant = res.body.tenant as Record<string, unknown>;
    expect(tenant).toMatchObject({
      key: "tea-house",
      name: "Tea House 茶馆",
      plan: "growth",
      status: "active",
      template: "blank",
    });
    const owner = res.body.owner as { email: string; inviteUrl: string };
    expect(owner.email).toBe("owner@tea.test");
    expect(owner.inviteUrl).toMatch(/^http:\/\/mallwright\.test\/accept-invite\?tenant=tea-house&token=inv_/);

    await h.flushJobs();
    const mail = h.mailer.sent.find((m) => m.to === "owner@tea.test");
    expect(mail?.text).toContain(owner.inviteUrl);

    const token = new URL(owner.inviteUrl).searchParams.get("token");
    const accept = await h.call("POST", "/merchant/v1/auth/invites/accept", {
      body: { tenant: "tea-house", token, password: PASSWORD, name: "Lin" },
    });
    expect(accept.status).toBe(200);
    const me = await h.call("GET", "/merchant/v1/me", { token: String(accept.body.token) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      role: "owner",
      tenant: { key: "tea-house" },
      user: { email: "owner@tea.test", name: "Lin" },
    });
    // The link is spent.
    const again = await h.call("POST", "/merchant/v1/auth/invites/accept", {
      body: { tenant: "tea-house", token, password: PASSWORD },
    });
    expect(again.status).toBe(410);
  });

  it("puts a template's sample catalog (images, categories, products with SKUs) into the new store", async () => {
    const res = await provision({
      name: "Boutique",
      key: "boutique",
      ownerEmail: "owner@boutique.test",
      template: "fashion",
    });
    expect(res.status).toBe(201);
    const storeHeaders = { "x-mallwright-tenant": "boutique" };
    const tree = await h.call("GET", "/store/v1/categories", { headers: storeHeaders });
    expect(tree.status).toBe(200);
    const names = JSON.stringify(tree.body);
    for (const n of ["女装", "连衣裙", "配饰", "包袋"]) expect(names).toContain(n);
    const list = await h.call("GET", "/store/v1/products?limit=50", { headers: storeHeaders });
    const items = list.body.items as { id: string; title: string; image: string | null }[];
    expect(items.length).toBe(10);
    const dress = items.find((p) => p.title === "法式碎花连衣裙");
    expect(dress?.image).toMatch(/^http:\/\/mallwright\.test\/files\//);
    const detail = await h.call("GET", `/store/v1/products/${dress?.id}`, { headers: storeHeaders });
    expect((detail.body.skus as unknown[]).length).toBe(6);
    const file = await h.app.request(new URL(String(dress?.image)).pathname);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^image\//);
  });

  it("adds an existing account as owner without an invitation", async () => {
    const res = await provision({ name: "Second", key: "second-shop", ownerEmail: "owner@tea.test" });
    expect(res.status).toBe(201);
    expect((res.body.owner as { inviteUrl: string | null }).inviteUrl).toBeNull();
    expect(res.body.tenant).toMatchObject({ plan: "free", template: null });
    const login = await h.call("POST", "/merchant/v1/auth/login", {
      body: { email: "owner@tea.test", password: PASSWORD, tenant: "second-shop" },
    });
    expect(login.status).toBe(200);
  });

  it("answers 409 tenant_key_taken for a duplicate key and writes nothing else", async () => {
    const users = await h.admin.withAdmin((tx) => tx.user.count());
    const res = await provision({ name: "Dup", key: "tea-house", ownerEmail: "dup@x.test" });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe("tenant_key_taken");
    expect(await h.admin.withAdmin((tx) => tx.user.count())).toBe(users);
  });

  it.each([
    ["Bad Key", "lowercase letters"],
    ["ab", "3 to 32"],
    ["admin", "reserved"],
    ["x".repeat(33), "3 to 32"],
    ["-lead", "lowercase letters"],
    ["a--b", "lowercase letters"],
    ["robert'); drop table tenants;--", "lowercase letters"],
  ])("rejects the key %j with 422 naming the field", async (key, message) => {
    const res = await provision({ name: "X", key, ownerEmail: "k@x.test" });
    expect(res.status).toBe(422);
    expect(res.body.error?.details?.[0]).toMatchObject({ path: "key" });
    expect(res.body.error?.details?.[0]?.message).toContain(message);
  });

  it("rejects unknown templates, plans and fields", async () => {
    expect((await provision({ name: "X", key: "tpl-x", ownerEmail: "t@x.test", template: "nope" })).status).toBe(422);
    expect((await provision({ name: "X", key: "tpl-x", ownerEmail: "t@x.test", plan: "gold" })).status).toBe(422);
    const extra = await provision({ name: "X", key: "tpl-x", ownerEmail: "t@x.test", isAdmin: true });
    expect(extra.status).toBe(422);
    expect(extra.body.error?.details?.[0]?.message).toContain("isAdmin");
    expect((await h.call("GET", "/platform/v1/tenants?q=tpl-x", { token })).body.items).toEqual([]);
  });
});

describe("GET /platform/v1/tenants", () => {
  it("pages with a cursor in a stable order and searches by key or name", async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await provision({ name: `Page Shop ${i}`, key: `page-shop-${i}`, ownerEmail: `p${i}@x.test` })).status,
      ).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/platform/v1/tenants?q=page-shop&limit=2&sort=key${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await h.call("GET", q, { token });
      expect(res.status).toBe(200);
      for (const t of res.body.items as { key: string }[]) seen.push(t.key);
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(["page-shop-0", "page-shop-1", "page-shop-2", "page-shop-3", "page-shop-4"]);

    const byName = await h.call("GET", "/platform/v1/tenants?q=PAGE%20SHOP%203", { token });
    expect((byName.body.items as { key: string }[]).map((t) => t.key)).toEqual(["page-shop-3"]);
    const newest = await h.call("GET", "/platform/v1/tenants?limit=1", { token });
    expect((newest.body.items as { key: string }[])[0]?.key).toBe("page-shop-4");
  });

  it("rejects bad query parameters with 422", async () => {
    for (const q of [
      "limit=0",
      "limit=1000",
      "limit=abc",
      "sort=name",
      "status=gone",
      "cursor=not-a-cursor",
      "extra=1",
    ]) {
      const res = await h.call("GET", `/platform/v1/tenants?${q}`, { token });
      expect(res.status, q).toBe(422);
    }
  });
});

describe("tenant lifecycle", () => {
  it("reads, renames, suspends (423 for merchant and store APIs) and resumes", async () => {
    const shop = await h.tenant();
    const read = await h.call("GET", `/platform/v1/tenants/${shop.id}`, { token });
    expect(read.body).toMatchObject({ id: shop.id, key: shop.key, status: "active" });

    const renamed = await h.call("PATCH", `/platform/v1/tenants/${shop.id}`, {
      token,
      body: { name: "Renamed", plan: "pro" },
    });
    expect(renamed.body).toMatchObject({ name: "Renamed", plan: "pro" });
    expect((await h.call("PATCH", `/platform/v1/tenants/${shop.id}`, { token, body: {} })).status).toBe(422);

    const suspended = await h.call("POST", `/platform/v1/tenants/${shop.id}/suspend`, {
      token,
      body: { reason: "unpaid" },
    });
    expect(suspended.body).toMatchObject({ status: "suspended", suspendReason: "unpaid" });
    const me = await h.call("GET", "/merchant/v1/me", { token: shop.tokens.owner });
    expect(me.status).toBe(423);
    expect(me.body.error?.code).toBe("tenant_suspended");
    const store = await h.call("GET", "/store/v1/shop", { headers: { "x-mallwright-tenant": shop.key } });
    expect(store.status).toBe(423);
    const login = await h.call("POST", "/merchant/v1/auth/login", {
      body: { email: shop.emails.owner, password: PASSWORD },
    });
    expect(login.status).toBe(423);

    const resumed = await h.call("POST", `/platform/v1/tenants/${shop.id}/resume`, { token });
    expect(resumed.body).toMatchObject({ status: "active", suspendedAt: null, suspendReason: null });
    expect((await h.call("GET", "/merchant/v1/me", { token: shop.tokens.owner })).status).toBe(200);
    expect((await h.call("GET", "/store/v1/shop", { headers: { "x-mallwright-tenant": shop.key } })).status).toBe(200);
  });

  it("answers 404 for unknown ids and 422 for malformed ones", async () => {
    const unknown = "0190d7c4-0000-7000-8000-00000000beef";
    expect((await h.call("GET", `/platform/v1/tenants/${unknown}`, { token })).status).toBe(404);
    expect((await h.call("POST", `/platform/v1/tenants/${unknown}/suspend`, { token })).status).toBe(404);
    const bad = await h.call("GET", "/platform/v1/tenants/1%20or%201=1", { token });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.details?.[0]).toMatchObject({ path: "id", in: "param" });
  });
});
