// Page templates on an existing store: the list a picker shows; apply adds the template's pages as
// drafts (staff may), leaves existing pages, the home page and published versions alone, and refuses
// an unknown template with 422.
import { readFileSync } from "node:fs";
import { loadPage } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTemplates } from "../../services/platform/templates.ts";
import { type Harness, startHarness } from "../../test/harness.ts";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

type Applied = { pages: { id: string; title: string }[] };
type PageList = { items: { id: string; title: string; isHome: boolean }[] };

describe("GET /merchant/v1/page-templates", () => {
  it("lists the shipped templates with titles, descriptions and swatches", async () => {
    const t = await h.tenant();
    const res = await h.call("GET", "/merchant/v1/page-templates", { token: t.tokens.staff });
    expect(res.status).toBe(200);
    const items = (res.body as unknown as { items: Record<string, unknown>[] }).items;
    expect(items.map((i) => i.name)).toEqual(listTemplates().map((m) => m.name));
    const fresh = items.find((i) => i.name === "fresh-food");
    expect(fresh).toMatchObject({
      title: { zh: expect.any(String), en: expect.any(String) },
      description: { zh: expect.any(String), en: expect.any(String) },
    });
    expect(fresh?.previewColors).toHaveLength(3);
    expect(Object.keys(fresh ?? {}).sort()).toEqual([
      "description",
      "hasSettings",
      "name",
      "pages",
      "previewColors",
      "title",
    ]);
    expect(fresh?.hasSettings).toBe(true);
    expect(((fresh?.pages ?? []) as { key: string }[]).map((p) => p.key)).toEqual([
      "home",
      "today-deals",
      "fruit-season",
    ]);
  });
});

describe("POST /merchant/v1/page-templates/apply", () => {
  it("adds the template's pages as drafts and answers their ids and titles (staff may)", async () => {
    const t = await h.tenant();
    const res = await h.call("POST", "/merchant/v1/page-templates/apply", {
      token: t.tokens.staff,
      body: { template: "fresh-food" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const applied = res.body as unknown as Applied;
    const manifest = listTemplates().find((m) => m.name === "fresh-food");
    expect(applied.pages.length).toBe(manifest?.pages.length);
    for (const p of applied.pages) {
      expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
      const page = await h.call("GET", `/merchant/v1/pages/${p.id}`, { token: t.tokens.staff });
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ title: p.title, published: null });
    }
  });

  it("leaves existing pages and the home page as they are", async () => {
    const t = await h.tenant();
    const created = await h.call("POST", "/merchant/v1/pages", { token: t.tokens.staff, body: { title: "首页" } });
    expect(created.status).toBe(201);
    const home = created.body as unknown as { id: string; revision: number; isHome: boolean };
    expect(home.isHome).toBe(true);
    const published = await h.call("POST", `/merchant/v1/pages/${home.id}/publish`, {
      token: t.tokens.admin,
      body: {},
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);

    const res = await h.call("POST", "/merchant/v1/page-templates/apply", {
      token: t.tokens.admin,
      body: { template: "fashion" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const applied = res.body as unknown as Applied;

    const after = await h.call("GET", `/merchant/v1/pages/${home.id}`, { token: t.tokens.staff });
    expect(after.body).toMatchObject({
      title: "首页",
      isHome: true,
      revision: home.revision,
      published: { version: 1 },
    });
    const list = (await h.call("GET", "/merchant/v1/pages?limit=50", { token: t.tokens.staff }))
      .body as unknown as PageList;
    expect(list.items.length).toBe(1 + applied.pages.length);
    expect(list.items.filter((p) => p.isHome).map((p) => p.id)).toEqual([home.id]);
    // A template page titled like an existing one gets a suffix instead of a clash.
    const titles = list.items.map((p) => p.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("also saves the template's theme and tab bar as the settings draft when asked, publishing nothing", async () => {
    const t = await h.tenant();
    const res = await h.call("POST", "/merchant/v1/page-templates/apply", {
      token: t.tokens.staff,
      body: { template: "beauty", settings: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ settingsDraft: true });
    const theme = JSON.parse(
      readFileSync(new URL("../../../../tenant-templates/beauty/theme.json", import.meta.url), "utf8"),
    );
    const settings = await h.call("GET", "/merchant/v1/store-settings", { token: t.tokens.staff });
    expect(settings.body).toMatchObject({ draft: theme, published: null, hasUnpublishedChanges: true });
    // Without the flag the settings stay as they were.
    const other = await h.tenant();
    const plain = await h.call("POST", "/merchant/v1/page-templates/apply", {
      token: other.tokens.staff,
      body: { template: "beauty" },
    });
    expect(plain.body).toMatchObject({ settingsDraft: false });
    expect((await h.call("GET", "/merchant/v1/store-settings", { token: other.tokens.staff })).body).toMatchObject({
      revision: 0,
    });
  });

  it("refuses an unknown template with 422 and writes nothing", async () => {
    const t = await h.tenant();
    const res = await h.call("POST", "/merchant/v1/page-templates/apply", {
      token: t.tokens.staff,
      body: { template: "no-such-template" },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: { code: "validation_failed", details: [{ path: "template" }] },
    });
    const list = (await h.call("GET", "/merchant/v1/pages", { token: t.tokens.staff })).body as unknown as PageList;
    expect(list.items).toEqual([]);
  });
});

describe("POST /merchant/v1/page-templates/document", () => {
  const media = async (token: string) =>
    (await h.call("GET", "/merchant/v1/media?limit=100", { token })).body as unknown as { items: { id: string }[] };

  it("resolves one template page for this store (its first by default), creating no page", async () => {
    const t = await h.tenant();
    const res = await h.call("POST", "/merchant/v1/page-templates/document", {
      token: t.tokens.staff,
      body: { template: "fresh-food" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { key, document } = res.body as unknown as { key: string; document: unknown };
    expect(key).toBe("home");
    const loaded = loadPage(document, { mode: "draft" });
    expect(loaded.issues).toEqual([]);
    // Its pictures are the store's own media now; the store had no catalog, so bindings to products are gone.
    const ids = new Set((await media(t.tokens.staff)).items.map((m) => m.id));
    const refs = JSON.stringify(document).match(/"mediaId":"[0-9a-f-]{36}"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(ids.has(r.slice(11, -1))).toBe(true);
    expect(JSON.stringify(document)).not.toContain("@product:");
    const pages = (await h.call("GET", "/merchant/v1/pages", { token: t.tokens.staff })).body as unknown as PageList;
    expect(pages.items).toEqual([]);

    const chosen = await h.call("POST", "/merchant/v1/page-templates/document", {
      token: t.tokens.staff,
      body: { template: "fresh-food", page: "fruit-season" },
    });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    expect(chosen.body).toMatchObject({ key: "fruit-season" });
  });

  it("answers 422 for an unknown template or page", async () => {
    const t = await h.tenant();
    const noTemplate = await h.call("POST", "/merchant/v1/page-templates/document", {
      token: t.tokens.staff,
      body: { template: "no-such-template" },
    });
    expect(noTemplate.status).toBe(422);
    expect(noTemplate.body).toMatchObject({ error: { details: [{ path: "template" }] } });
    const noPage = await h.call("POST", "/merchant/v1/page-templates/document", {
      token: t.tokens.staff,
      body: { template: "fresh-food", page: "nope" },
    });
    expect(noPage.status).toBe(422);
    expect(noPage.body).toMatchObject({ error: { details: [{ path: "page" }] } });
  });
});
