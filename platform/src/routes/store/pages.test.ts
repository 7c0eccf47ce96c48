// The store read path of pages: the published version served with its data, drafts invisible until
// publish, ETag/304, cache invalidation on publish and on catalog change (in process, and across
// processes through LISTEN/NOTIFY), store settings, draft previews behind a signed token, and
// another store's pages staying a 404.
import { gunzipSync } from "node:zlib";
import { DEFAULT_TAB_BAR, DEFAULT_THEME } from "@mallwright/schema";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { boot } from "../../boot.ts";
import { createMemoryMailer } from "../../integrations/email/index.ts";
import { createLogger } from "../../logger.ts";
import { createProductVia, productBody } from "../../services/catalog/catalog-fixtures.ts";
import { createPageVia, doc, grid, saveDraftVia } from "../../services/pages/page-fixtures.ts";
import { cacheNotificationsHeard } from "../../services/storefront/cache-events.ts";
import { createPreviewToken } from "../../services/storefront/preview-token.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;
let other: TenantFixture;
let productId: string;
let homeId: string;

const store = (path: string, t: TenantFixture = shop, headers: Record<string, string> = {}) =>
  h.call("GET", `/store/v1${path}`, { headers: { "x-mallwright-tenant": t.key, ...headers } });

const publish = async (id: string, t: TenantFixture = shop) => {
  const res = await h.call("POST", `/merchant/v1/pages/${id}/publish`, { token: t.tokens.admin, body: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { version: number };
};

type PageBody = {
  page: { id: string; title: string; version: number; publishedAt: string; document: { blocks: { id: string }[] } };
  data: { products: Record<string, { id: string; priceMin: number }>; bindings: Record<string, string[]> };
};

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  other = await h.tenant();
  productId = (await createProductVia(h, shop.tokens.owner, productBody({ status: "on_shelf", title: "Teapot" }))).id;
  homeId = await createPageVia(h, shop.tokens.staff, {
    title: "Home",
    document: doc([grid("g1", { source: "manual", productIds: [productId] })], "Home"),
  });
  await publish(homeId);
});
afterAll(async () => h?.close());

describe("published pages", () => {
  it("serves the home page's published version with one normalized data map", async () => {
    const res = await store("/pages/home");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as unknown as PageBody;
    expect(body.page).toMatchObject({ id: homeId, title: "Home", version: 1 });
    expect(body.page.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(body.page.document.blocks.map((b) => b.id)).toEqual(["g1"]);
    expect(body.data.bindings.g1).toEqual([productId]);
    expect(body.data.products[productId]?.priceMin).toBe(1000);
    expect(res.headers.get("etag")).toMatch(/^"p\.[\w-]+"$/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("vary")).toMatch(/X-Mallwright-Tenant/i);
    const byId = await store(`/pages/${homeId}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(res.body);
    expect(byId.headers.get("etag")).toBe(res.headers.get("etag"));
  });

  it("answers 304 with no body when If-None-Match names the current ETag", async () => {
    const first = await store(`/pages/${homeId}`);
    const etag = first.headers.get("etag") ?? "";
    const again = await store(`/pages/${homeId}`, shop, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body).toEqual({});
    expect(again.headers.get("etag")).toBe(etag);
    expect((await store(`/pages/${homeId}`, shop, { "if-none-match": '"p.other"' })).status).toBe(200);
  });

  it("sends a gzip copy to clients that accept it, under its own ETag, and 304s either tag", async () => {
    // A page large enough to compress: a rich-text block of repeated text.
    const html = `<p>${"新鲜水果每日直送 Fresh fruit delivered daily. ".repeat(60)}</p>`;
    const id = await createPageVia(h, shop.tokens.staff, {
      title: "Long",
      document: doc([{ id: "t1", type: "rich-text", props: { html } }], "Long"),
    });
    await publish(id);
    const get = (headers: Record<string, string>) =>
      h.app.request(`/store/v1/pages/${id}`, { headers: { "x-mallwright-tenant": shop.key, ...headers } });

    const plain = await get({});
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-encoding")).toBeNull();
    const plainBytes = Buffer.from(await plain.arrayBuffer());
    const plainTag = plain.headers.get("etag") ?? "";

    const zipped = await get({ "accept-encoding": "br;q=1, gzip;q=0.8" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toMatch(/Accept-Encoding/i);
    expect(plain.headers.get("vary")).toMatch(/Accept-Encoding/i);
    const zippedBytes = Buffer.from(await zipped.arrayBuffer());
    expect(zippedBytes.byteLength).toBeLessThan(plainBytes.byteLength / 4);
    expect(gunzipSync(zippedBytes).equals(plainBytes)).toBe(true);
    const zipTag = zipped.headers.get("etag") ?? "";
    expect(zipTag).toMatch(/^"p\.[\w-]+-gz"$/);
    expect(zipTag).not.toBe(plainTag);

    // gzip;q=0 refuses it; so does an encoding list without it.
    for (const ae of ["gzip;q=0", "br", "identity"]) {
      expect((await get({ "accept-encoding": ae })).headers.get("content-encoding"), ae).toBeNull();
    }
    // Either tag stands for the same content; the 304 names the representation this client gets.
    const again = await get({ "accept-encoding": "gzip", "if-none-match": plainTag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(zipTag);
    expect((await get({ "if-none-match": zipTag })).status).toBe(304);
  });

  it("keeps draft changes invisible until publish, then serves the new version under a new ETag", async () => {
    const before = await store(`/pages/${homeId}`);
    await saveDraftVia(
      h,
      shop.tokens.staff,
      homeId,
      doc([{ id: "t1", type: "title", props: { title: "Sale" } }], "Home 2"),
    );
    const during = await store(`/pages/${homeId}`);
    expect(during.body).toEqual(before.body);
    expect(during.headers.get("etag")).toBe(before.headers.get("etag"));

    const { version } = await publish(homeId);
    const after = await store(`/pages/${homeId}`, shop, { "if-none-match": before.headers.get("etag") ?? "" });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    const body = after.body as unknown as PageBody;
    expect(body.page).toMatchObject({ version, title: "Home 2" });
    expect(body.page.document.blocks.map((b) => b.id)).toEqual(["t1"]);
    // Back to the grid for the tests below.
    await saveDraftVia(
      h,
      shop.tokens.staff,
      homeId,
      doc([grid("g1", { source: "manual", productIds: [productId] })], "Home"),
    );
    await publish(homeId);
  });

  it("a catalog change (a price) changes the hydrated card and the ETag", async () => {
    const before = await store("/pages/home");
    expect((before.body as unknown as PageBody).data.products[productId]?.priceMin).toBe(1000);
    const res = await h.call("PATCH", `/merchant/v1/products/${productId}`, {
      token: shop.tokens.owner,
      body: { skus: [{ specValues: [], price: 2500, stock: 5 }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await store("/pages/home", shop, { "if-none-match": before.headers.get("etag") ?? "" });
    expect(after.status).toBe(200);
    expect((after.body as unknown as PageBody).data.products[productId]?.priceMin).toBe(2500);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
  });

  it("answers 404 for a page never published, for another store's page and for a store without a home", async () => {
    const draftOnly = await createPageVia(h, shop.tokens.staff, { title: "Draft" });
    const res = await store(`/pages/${draftOnly}`);
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe("not_found");
    const home = await store("/pages/home", other);
    expect(home.status).toBe(404);
    expect(home.body.error?.message).toMatch(/no published home page/);
    // Store B's key naming A's page.
    const cross = await store(`/pages/${homeId}`, other);
    expect(cross.status).toBe(404);
    expect(JSON.stringify(cross.body)).not.toContain("Teapot");
  });
});

describe("store settings", () => {
  it("serves the defaults until published, then the published theme and tab bar, with the store name", async () => {
    const t = await h.tenant();
    const first = await store("/settings", t);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ name: `Shop ${t.key}`, version: null, theme: { radius: 8 } });
    expect((first.body.tabBar as { items: unknown[] }).items).toHaveLength(4);

    const current = await h.call("GET", "/merchant/v1/store-settings", { token: t.tokens.owner });
    const draft = current.body.draft as { theme: Record<string, unknown>; tabBar: unknown };
    const saved = await h.call("PUT", "/merchant/v1/store-settings/draft", {
      token: t.tokens.owner,
      body: { ...draft, theme: { ...draft.theme, radius: 12 } },
      headers: { "if-match": current.headers.get("etag") ?? "r0" },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await store("/settings", t)).body).toMatchObject({ version: null, theme: { radius: 8 } });
    const pub = await h.call("POST", "/merchant/v1/store-settings/publish", { token: t.tokens.owner, body: {} });
    expect(pub.status, JSON.stringify(pub.body)).toBe(201);
    expect((await store("/settings", t)).body).toMatchObject({ version: 1, theme: { radius: 12 } });
  });

  it("answers under a strong ETag: 304 while current, a new tag once published, per store", async () => {
    const t = await h.tenant();
    const first = await store("/settings", t);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"s\.[A-Za-z0-9_-]{27}"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    expect(first.headers.get("vary")).toContain("X-Mallwright-Tenant");
    // The same answer, the same tag.
    expect((await store("/settings", t)).headers.get("etag")).toBe(etag);

    for (const header of [etag, `W/${etag}`, `"nope", ${etag}`, "*"]) {
      const again = await store("/settings", t, { "if-none-match": header });
      expect(again.status, header).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.body).toEqual({});
    }
    expect((await store("/settings", t, { "if-none-match": '"s.other"' })).status).toBe(200);
    // Another store with the same defaults has its own tag.
    const another = await h.tenant();
    expect((await store("/settings", another)).headers.get("etag")).not.toBe(etag);

    const current = await h.call("GET", "/merchant/v1/store-settings", { token: t.tokens.owner });
    const draft = current.body.draft as { theme: Record<string, unknown>; tabBar: unknown };
    await h.call("PUT", "/merchant/v1/store-settings/draft", {
      token: t.tokens.owner,
      body: { ...draft, theme: { ...draft.theme, radius: 4 } },
      headers: { "if-match": current.headers.get("etag") ?? "r0" },
    });
    // A saved draft is not what shoppers see: still current.
    expect((await store("/settings", t, { "if-none-match": etag })).status).toBe(304);
    const pub = await h.call("POST", "/merchant/v1/store-settings/publish", { token: t.tokens.owner, body: {} });
    expect(pub.status).toBe(201);
    const changed = await store("/settings", t, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 1, theme: { radius: 4 } });
    expect(changed.headers.get("etag")).not.toBe(etag);
  });
});

describe("draft preview", () => {
  async function previewToken(id: string, t: TenantFixture = shop) {
    return h.call("POST", `/merchant/v1/pages/${id}/preview-token`, { token: t.tokens.staff });
  }

  it("serves the draft, hydrated, with a 10-minute signed token, never cached", async () => {
    const id = await createPageVia(h, shop.tokens.staff, {
      title: "Preview",
      document: doc([grid("g9", { source: "manual", productIds: [productId] })], "Preview"),
    });
    const res = await previewToken(id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { token, url, expiresAt } = res.body as { token: string; url: string; expiresAt: string };
    expect(url).toBe(`http://mallwright.test/store/v1/preview/${token}`);
    const ttl = Date.parse(expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    const page = await h.call("GET", `/store/v1/preview/${token}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.body).toMatchObject({ page: { id, title: "Preview" }, data: { bindings: { g9: [productId] } } });
    // The store's name and theme come along: the defaults while its settings were never published.
    expect(page.body.store).toEqual({
      name: `Shop ${shop.key}`,
      logoUrl: null,
      theme: DEFAULT_THEME,
      tabBar: DEFAULT_TAB_BAR,
    });
    // Never published: the store itself does not show it.
    expect((await store(`/pages/${id}`)).status).toBe(404);
  });

  it("carries the store's drafted theme and tab bar, while shoppers keep the published ones", async () => {
    const t = await h.tenant();
    const id = await createPageVia(h, t.tokens.staff, { title: "Themed" });
    const current = await h.call("GET", "/merchant/v1/store-settings", { token: t.tokens.owner });
    const draft = current.body.draft as { theme: { colors: Record<string, string> }; tabBar: unknown };
    const saveTheme = async (primary: string, etag: string) => {
      const saved = await h.call("PUT", "/merchant/v1/store-settings/draft", {
        token: t.tokens.owner,
        body: { ...draft, theme: { ...draft.theme, colors: { ...draft.theme.colors, primary }, radius: 16 } },
        headers: { "if-match": etag },
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      return saved.headers.get("etag") ?? "";
    };
    const etag = await saveTheme("#123456", current.headers.get("etag") ?? "r0");
    const preview = async () => {
      const res = await h.call("GET", `/store/v1/preview/${createPreviewToken(h.env, t.id, id).token}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.store as { name: string; theme: typeof DEFAULT_THEME; tabBar: { items: { tab: string }[] } };
    };
    // The drafted settings, published or not: the preview shows what publishing would show.
    const first = await preview();
    expect(first.name).toBe(`Shop ${t.key}`);
    expect(first.theme).toMatchObject({ radius: 16, colors: { primary: "#123456" } });
    expect(first.tabBar.items.map((i) => i.tab)).toContain("home");
    const pub = await h.call("POST", "/merchant/v1/store-settings/publish", { token: t.tokens.owner, body: {} });
    expect(pub.status, JSON.stringify(pub.body)).toBe(201);
    await saveTheme("#654321", etag);
    expect((await preview()).theme).toMatchObject({ radius: 16, colors: { primary: "#654321" } });
    // Shoppers still see the published one.
    const published = await h.call("GET", "/store/v1/settings", { headers: { "x-mallwright-tenant": t.key } });
    expect(published.body.theme).toMatchObject({ colors: { primary: "#123456" } });
  });

  it("refuses an expired token (410) and a tampered one (401)", async () => {
    const expired = createPreviewToken(h.env, shop.id, homeId, new Date(Date.now() - 11 * 60_000)).token;
    const gone = await h.call("GET", `/store/v1/preview/${expired}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error?.code).toBe("token_invalid");
    const good = createPreviewToken(h.env, shop.id, homeId).token;
    const parts = good.split(".");
    const longer = [parts[0], parts[1], String(Number(parts[2]) + 3600), parts[3]].join(".");
    const otherPage = [parts[0], productId, parts[2], parts[3]].join(".");
    for (const bad of [longer, otherPage, `${good}x`, "nonsense", good.replace(/.$/, (c) => (c === "A" ? "B" : "A"))]) {
      const res = await h.call("GET", `/store/v1/preview/${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(401);
      expect(res.body.error?.code).toBe("unauthenticated");
    }
  });

  it("another store's page is a 404, for the token route and for a token naming it", async () => {
    const bPage = await createPageVia(h, other.tokens.staff, { title: "B page" });
    expect((await previewToken(bPage, shop)).status).toBe(404);
    const forged = createPreviewToken(h.env, shop.id, bPage).token;
    const res = await h.call("GET", `/store/v1/preview/${forged}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("B page");
  });
});

describe("across processes", () => {
  it("a second app instance serves a publish made through the first, and hears NOTIFY from anywhere", async () => {
    const log = createLogger("silent");
    const second = await boot({
      env: h.env,
      log,
      mailer: createMemoryMailer(),
      inProcessJobs: false,
      database: await h.database.open(),
    });
    const app2 = createApp(second.deps);
    const owner = postgres(h.database.url, { max: 1, onnotice: () => {} });
    try {
      const read = async () => {
        const res = await app2.request(`/store/v1/pages/${homeId}`, { headers: { "x-mallwright-tenant": shop.key } });
        expect(res.status).toBe(200);
        return (await res.json()) as PageBody;
      };
      const until = async (want: (b: PageBody) => boolean) => {
        const deadline = Date.now() + 5_000;
        for (;;) {
          const b = await read();
          if (want(b)) return b;
          if (Date.now() > deadline) throw new Error(`instance 2 still serves version ${b.page.version}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const start = (await read()).page.version;
      const heard = cacheNotificationsHeard();
      const { version } = await publish(homeId);
      expect(version).toBe(start + 1);
      await until((b) => b.page.version === version);
      // Both listeners (the harness's instance and this one) have heard the publish's NOTIFY, so
      // nothing pending can drop the body cached next.
      await until(() => cacheNotificationsHeard() >= heard + 2);
      await read();

      // A writer this process knows nothing of (another instance, the CLI): its commit alone, without
      // a NOTIFY, leaves the cached body in place; its NOTIFY drops it.
      await owner.begin(async (tx) => {
        await tx`
          INSERT INTO page_versions (tenant_id, page_id, version, document, note)
          SELECT tenant_id, page_id, version + 1, jsonb_set(document, '{title}', '"From elsewhere"'), 'elsewhere'
          FROM page_versions WHERE page_id = ${homeId}::uuid AND version = ${version}`;
        await tx`UPDATE pages SET published_version = ${version + 1}, published_at = now() WHERE id = ${homeId}::uuid`;
      });
      expect((await read()).page.version).toBe(version);
      await owner`SELECT pg_notify('mallwright_cache', ${shop.id})`;
      const b = await until((x) => x.page.version === version + 1);
      expect(b.page.title).toBe("From elsewhere");
    } finally {
      await owner.end({ timeout: 5 });
      await second.close();
    }
  });
});
