// Store templates: every template in tenant-templates/ is checked as files (manifest, catalog,
// theme, pages with their placeholders, publish-mode validation) and then provisioned for real on
// a test database, where its pages go through the merchant pages services and their publish checks.
// "Apply template" later is checked to add drafts without touching what the store has.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eachBlock } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readerOverTx } from "../../db/tx-reader.ts";
import { createStorage } from "../../integrations/storage/index.ts";
import { type Harness, startHarness } from "../../test/harness.ts";
import { checkPage } from "../pages/check-page.ts";
import { hydratePage } from "../pages/hydrate-page.ts";
import { getStoreSettings } from "../pages/manage-store-settings.ts";
import { currentDocument } from "../pages/page-rows.ts";
import { provisionTenant } from "../platform/provision-tenant.ts";
import { listTemplates, TEMPLATES_DIR } from "../platform/templates.ts";
import type { TemplateDeps } from "./apply-template-catalog.ts";
import { applyTemplatePages, freeTitle } from "./apply-template-pages.ts";
import { readTemplate } from "./read-template.ts";
import { renderTemplateImage } from "./render-image.ts";
import { findPlaceholders, placeholderImageRefs, resolveTemplatePage } from "./resolve-template-page.ts";
import { formatTemplateProblems, validateTemplate } from "./validate-template.ts";

const ALL = listTemplates().map((t) => t.name);
/** Templates with content (blank has none). */
const CONTENT = listTemplates()
  .filter((t) => t.pages.length > 0)
  .map((t) => t.name);

describe("template files", () => {
  it("ships at least three complete templates besides blank", () => {
    expect(CONTENT.length).toBeGreaterThanOrEqual(3);
    for (const name of CONTENT) {
      const t = readTemplate(name);
      expect(t?.catalog, name).toBeTruthy();
      expect(t?.settings, name).toBeTruthy();
      expect(t?.pages.length, name).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(ALL)("%s: manifest, catalog, theme and pages are valid and every placeholder resolves", (name) => {
    expect(formatTemplateProblems(name, validateTemplate(name))).toEqual([]);
  });

  it.each(CONTENT)("%s: a realistic sample catalog (2 levels, spec dimensions, low and zero stock)", (name) => {
    const catalog = readTemplate(name)?.catalog;
    if (!catalog) throw new Error(`${name} has no catalog`);
    expect(catalog.products.length).toBeGreaterThanOrEqual(10);
    expect(catalog.products.length).toBeLessThanOrEqual(12);
    expect(catalog.categories.some((c) => c.children.length > 0)).toBe(true);
    // Most products have spec dimensions (a one-size accessory may have none).
    expect(catalog.products.filter((p) => p.dimensions.length > 0).length).toBeGreaterThanOrEqual(
      catalog.products.length - 2,
    );
    const stocks = catalog.products.flatMap((p) => [p.stock, ...p.overrides.flatMap((o) => o.stock ?? [])]);
    expect(stocks.some((s) => s === 0)).toBe(true);
    expect(stocks.some((s) => s > 0 && s < 10)).toBe(true);
  });

  it.each(CONTENT)("%s: every other page is linked from the home page", (name) => {
    const t = readTemplate(name);
    const [home, ...rest] = t?.pages ?? [];
    const linked = new Set(
      findPlaceholders(home?.raw)
        .filter((p) => p.kind === "page")
        .map((p) => p.key),
    );
    for (const page of rest) expect(linked.has(page.key), `${name}: ${page.file} is not linked from home`).toBe(true);
  });

  it("names the file and path of an unknown key, a bad picture and a page that fails validation", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mw-templates-"));
    try {
      cpSync(path.join(TEMPLATES_DIR, "fashion"), path.join(dir, "fashion"), { recursive: true });
      const file = path.join(dir, "fashion", "pages", "new-arrivals.json");
      const doc = JSON.parse(readFileSync(file, "utf8"));
      doc.blocks[2].props.source = { source: "category", categoryId: "@category:shoes" };
      doc.blocks[5].props.source.productIds[1] = "@product:NOPE";
      doc.blocks[0].props.image = { template: { color: "pink", shape: "dress" } };
      doc.blocks[1].props.align = "right";
      writeFileSync(file, JSON.stringify(doc));
      const lines = formatTemplateProblems("fashion", validateTemplate("fashion", dir));
      expect(lines).toEqual(
        expect.arrayContaining([
          "fashion/pages/new-arrivals.json: blocks.2.props.source.categoryId: the template defines no category with the key shoes",
          "fashion/pages/new-arrivals.json: blocks.5.props.source.productIds.1: the template defines no product with the key NOPE",
          expect.stringMatching(/^fashion\/pages\/new-arrivals\.json: blocks\.0\.props\.image\.template\.color: /),
        ]),
      );
      // Validation runs once the placeholders resolve.
      doc.blocks[2].props.source.categoryId = "@category:dresses";
      doc.blocks[5].props.source.productIds[1] = "@product:BG-CHAIN";
      doc.blocks[0].props.image = { template: { color: "#ffc0cb", shape: "dress" } };
      writeFileSync(file, JSON.stringify(doc));
      expect(formatTemplateProblems("fashion", validateTemplate("fashion", dir))).toEqual([
        expect.stringMatching(/^fashion\/pages\/new-arrivals\.json: blocks\.1\.props\.align: .*\(block intro\)$/),
      ]);
      // A catalog whose product names a category that is not there.
      const catalogFile = path.join(dir, "fashion", "catalog.json");
      const catalog = JSON.parse(readFileSync(catalogFile, "utf8"));
      catalog.products[0].category = "shoes";
      writeFileSync(catalogFile, JSON.stringify(catalog));
      expect(formatTemplateProblems("fashion", validateTemplate("fashion", dir))).toContain(
        "fashion/catalog.json: products.0.category: no category has the key shoes",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("drops what points at keys a store lacks when asked to (apply template later)", () => {
    const raw = {
      schemaVersion: 2,
      title: "T",
      blocks: [
        { id: "a", type: "product-grid", props: { source: { source: "category", categoryId: "@category:gone" } } },
        {
          id: "b",
          type: "product-scroll",
          props: { source: { source: "manual", productIds: ["@product:GONE", "@product:KEPT"] } },
        },
        { id: "c", type: "product-grid", props: { source: { source: "manual", productIds: ["@product:GONE"] } } },
        { id: "d", type: "title", props: { moreText: "更多", moreLink: { kind: "product", id: "@product:GONE" } } },
        {
          id: "e",
          type: "category-nav",
          props: { categories: { source: "picked", categoryIds: ["@category:gone"] } },
        },
      ],
    };
    const kept = "10000000-0000-4000-8000-000000000001";
    const ids = { categories: {}, products: { KEPT: kept }, pages: {}, images: placeholderImageRefs(raw) };
    expect(resolveTemplatePage(raw, ids, { mode: "draft", missing: "fail" }).issues.map((i) => i.path)).toEqual([
      "blocks.0.props.source.categoryId",
      "blocks.1.props.source.productIds.0",
      "blocks.2.props.source.productIds.0",
      "blocks.3.props.moreLink.id",
      "blocks.4.props.categories.categoryIds.0",
    ]);
    const { document, issues } = resolveTemplatePage(raw, ids, { mode: "draft", missing: "drop" });
    expect(issues).toEqual([]);
    expect(document?.blocks.map((b) => Object.values(b.props)[0])).toEqual([
      { source: "newest" },
      { source: "manual", productIds: [kept] },
      { source: "newest" },
      expect.anything(),
      { source: "top_level" },
    ]);
    expect(document?.blocks[3]?.props.moreLink).toBeNull();
  });

  it("renders every silhouette as a small JPEG, banners at their own size", async () => {
    const banner = await renderTemplateImage({ color: "#8ce99a", shape: "apple", width: 750, height: 360 });
    expect(banner.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(banner.byteLength).toBeLessThan(40 * 1024);
    const square = await renderTemplateImage({ color: "#c2255c", shape: "lipstick" });
    expect(square.byteLength).toBeLessThan(40 * 1024);
  });

  it("finds a free title with a suffix", () => {
    expect(freeTitle("首页", new Set())).toBe("首页");
    expect(freeTitle("首页", new Set(["首页", "首页 (2)"]))).toBe("首页 (3)");
    expect(freeTitle("x".repeat(40), new Set(["x".repeat(40)]))).toBe(`${"x".repeat(36)} (2)`);
  });
});

describe("provisioning with a template", () => {
  let h: Harness;
  let deps: TemplateDeps;

  beforeAll(async () => {
    h = await startHarness();
    deps = { db: h.db, env: h.env, storage: createStorage(h.env) };
  });
  afterAll(async () => h?.close());

  async function provision(template: string, key: string) {
    const { tenant } = await provisionTenant(
      h.admin,
      h.env,
      { name: `Template ${template}`, key, ownerEmail: `owner@${key}.test`, plan: "free", template },
      deps,
    );
    const owner = await h.admin.withAdmin((tx) =>
      tx.membership.findFirstOrThrow({ where: { tenantId: tenant.id, role: "owner" } }),
    );
    return { tenantId: tenant.id, membershipId: owner.id };
  }

  const pagesOf = (tenantId: string) =>
    h.db.withTenant(tenantId, (tx) =>
      tx.page.findMany({
        select: { id: true, title: true, isHome: true, publishedVersion: true, draftRevision: true, draft: true },
        orderBy: { createdAt: "asc" },
      }),
    );

  it.each(CONTENT)(
    "%s: creates the catalog, publishes every page (home first) and the theme, then adds drafts on apply",
    async (name) => {
      const template = readTemplate(name);
      if (!template?.catalog || !template.settings) throw new Error(`${name} is incomplete`);
      const key = `tpl-${name}`;
      // A refusal at publish throws a TemplateError naming the template, the page and the problems.
      const actor = await provision(name, key);

      const counts = await h.db.withTenant(actor.tenantId, async (tx) => ({
        products: await tx.product.count({ where: { status: "on_shelf" } }),
        categories: await tx.category.count(),
        skus: await tx.sku.count(),
      }));
      expect(counts.products).toBe(template.catalog.products.length);
      expect(counts.categories).toBe(template.catalog.categories.reduce((n, c) => n + 1 + c.children.length, 0));

      const pages = await pagesOf(actor.tenantId);
      expect(pages.map((p) => p.title)).toEqual(template.pages.map((p) => (p.raw as { title: string }).title));
      expect(pages.filter((p) => p.isHome).map((p) => p.title)).toEqual([pages[0]?.title]);
      for (const p of pages) expect(p.publishedVersion, `${name}: ${p.title} is published`).toBe(1);
      // Published links point at the store's own pages, products and categories.
      expect(JSON.stringify(pages.map((p) => p.draft))).not.toMatch(/@(page|product|category):|"template"/);

      const settings = await getStoreSettings(h.db, actor.tenantId);
      expect(settings.published?.document).toEqual(template.settings);
      expect(settings.hasUnpublishedChanges).toBe(false);

      // Checked again now that every page is published: no problems and no warnings either
      // (heavy images, hidden categories, links to unpublished pages).
      for (const p of pages) {
        const check = await h.db.withTenant(actor.tenantId, (tx) => checkPage(tx, h.env, actor.tenantId, p.draft));
        expect([...check.problems, ...check.warnings], `${name}: ${p.title}`).toEqual([]);
      }
      // Hydrated as shoppers get them, every product list and category navigation shows something.
      for (const p of pages) {
        const document = currentDocument(p.draft);
        const data = await h.db.withTenant(actor.tenantId, (tx) =>
          hydratePage(readerOverTx(tx, actor.tenantId), actor.tenantId, document, { env: h.env }),
        );
        for (const b of eachBlock(document.blocks)) {
          if (["product-grid", "product-scroll", "category-nav"].includes(b.type)) {
            expect(data.bindings[b.id]?.length, `${name}: ${p.title}: block ${b.id} shows nothing`).toBeGreaterThan(0);
          }
        }
      }

      // Apply again later: new drafts beside the published pages, nothing existing touched.
      const applied = await applyTemplatePages(deps, actor, name);
      expect(applied.pages.length).toBe(template.pages.length);
      const after = await pagesOf(actor.tenantId);
      expect(after.length).toBe(pages.length * 2);
      for (const before of pages) {
        const same = after.find((p) => p.id === before.id);
        expect(same).toMatchObject({
          title: before.title,
          isHome: before.isHome,
          publishedVersion: 1,
          draftRevision: before.draftRevision,
        });
      }
      const added = after.filter((p) => !pages.some((b) => b.id === p.id));
      for (const p of added) {
        expect(p.isHome).toBe(false);
        expect(p.publishedVersion).toBeNull();
        expect(p.title).toMatch(/ \(2\)$/);
      }
      // The drafts point at the store's copies of the template's products (matched by SKU code).
      const productIds = await h.db.withTenant(actor.tenantId, async (tx) =>
        (await tx.product.findMany({ select: { id: true } })).map((p) => p.id),
      );
      const draftText = JSON.stringify(added.map((p) => p.draft));
      expect(productIds.some((id) => draftText.includes(id))).toBe(true);
      expect(draftText).not.toMatch(/@(page|product|category):/);
      // The theme stays what was published.
      expect((await getStoreSettings(h.db, actor.tenantId)).revision).toBe(settings.revision);
    },
  );

  it("applies a template's pages to a store without its catalog: drafts with fallbacks", async () => {
    const actor = await provision("blank", "tpl-blank-later");
    expect(await pagesOf(actor.tenantId)).toEqual([]);
    const applied = await applyTemplatePages(deps, actor, "fashion");
    const pages = await pagesOf(actor.tenantId);
    expect(pages.map((p) => p.id)).toEqual(applied.pages.map((p) => p.id));
    expect(pages.every((p) => p.publishedVersion === null)).toBe(true);
    // The first page of an empty store becomes home (the pages service's rule), as a draft.
    expect(pages.filter((p) => p.isHome).length).toBe(1);
    const text = JSON.stringify(pages.map((p) => p.draft));
    expect(text).not.toMatch(/@(page|product|category):/);
    expect(text).toContain('"source":"newest"');
  });
});
