// A template's pages and theme, put into a store through the merchant pages services, so the same
// validation, sanitizing and publish checks apply as to a merchant's own pages.
//
// At provisioning (applyTemplate): catalog, then the pages (the first is home), each published,
// then the theme and tab bar, published. Later (applyTemplatePages): the pages only, as drafts,
// under titles not already taken; existing pages, the home page and the theme are left alone, and
// the pages point at the store's own copies of the template's catalog where it has them (the theme
// as the settings draft only when asked: applyTemplateSettingsDraft). templatePageDocument: one
// page's document for an existing page, nothing written but its pictures.
import type { TImageRef, TPageDocument, TPageIssue } from "@mallwright/schema";
import { ApiError } from "../../http/errors.ts";
import type { CatalogActor } from "../catalog/actor.ts";
import { createPage } from "../pages/create-page.ts";
import { getStoreSettings, publishStoreSettings, saveStoreSettingsDraft } from "../pages/manage-store-settings.ts";
import type { PageActor } from "../pages/page-actor.ts";
import { publishPage } from "../pages/publish-page.ts";
import { savePageDraft } from "../pages/save-page-draft.ts";
import { setHomePage } from "../pages/set-home-page.ts";
import { applyTemplateCatalog, type TemplateCatalogIds, type TemplateDeps } from "./apply-template-catalog.ts";
import { readTemplate, type TemplateContent } from "./read-template.ts";
import {
  collectTemplateImages,
  placeholderImageRefs,
  resolveTemplatePage,
  templateImageKey,
} from "./resolve-template-page.ts";
import { imageRefOf, uploadTemplateImage } from "./upload-template-image.ts";

/** A template that cannot be applied as written: names the template, the file and the problems. */
export class TemplateError extends Error {
  override readonly name = "TemplateError";
  constructor(
    readonly template: string,
    readonly file: string,
    readonly problems: { path: string; message: string }[],
    what = "is not valid",
  ) {
    super(
      `template ${template}: ${file} ${what}: ${problems
        .slice(0, 10)
        .map((p) => `${p.path || "(document)"}: ${p.message}`)
        .join("; ")}`,
    );
  }
}

export interface AppliedPage {
  key: string;
  id: string;
  title: string;
}

export interface AppliedTemplate {
  categories: number;
  products: number;
  pages: AppliedPage[];
  /** Publish warnings (not refusals), per page key. */
  warnings: Record<string, TPageIssue[]>;
  settingsPublished: boolean;
}

const TITLE_MAX = 40;
const PROBE_ID = "00000000-0000-4000-8000-000000000000";

function mustRead(name: string): TemplateContent {
  const t = readTemplate(name);
  if (!t) throw new ApiError("validation_failed", `there is no template called ${name}`);
  return t;
}

/** "<title>", or "<title> (2)", "(3)"… when taken, within the title limit. */
export function freeTitle(title: string, taken: Set<string>): string {
  if (!taken.has(title)) return title;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${title.slice(0, TITLE_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Creates the template's pages (empty, so they have ids to link each other by), uploads their
 * pictures, then saves each resolved document as the draft. Unresolvable documents throw a
 * TemplateError before anything is written.
 */
async function createTemplatePages(
  deps: TemplateDeps,
  actor: PageActor,
  template: TemplateContent,
  catalog: TemplateCatalogIds,
  missing: "fail" | "drop",
): Promise<AppliedPage[]> {
  const name = template.manifest.name;
  // The placeholders are checked first against fake page ids: a broken template writes nothing.
  const probeIds = Object.fromEntries(template.pages.map((p) => [p.key, PROBE_ID]));
  for (const page of template.pages) {
    const probe = resolveTemplatePage(
      page.raw,
      { ...catalog, pages: probeIds, images: placeholderImageRefs(page.raw) },
      { mode: "draft", missing },
    );
    if (probe.issues.length > 0) throw new TemplateError(name, page.file, probe.issues);
  }

  const taken = new Set(
    await deps.db.withTenant(actor.tenantId, async (tx) =>
      (await tx.page.findMany({ select: { title: true } })).map((p) => p.title),
    ),
  );
  const created: (AppliedPage & { raw: unknown; file: string; revision: number })[] = [];
  for (const page of template.pages) {
    const raw = page.raw as { title?: unknown };
    const title = freeTitle(typeof raw.title === "string" ? raw.title : page.key, taken);
    taken.add(title);
    const detail = await createPage(deps.db, actor, { title });
    created.push({ key: page.key, id: detail.id, title, raw: page.raw, file: page.file, revision: detail.revision });
  }

  const images: Record<string, TImageRef> = {};
  for (const page of created) await uploadPageImages(deps, actor.tenantId, page.raw, page.title, images);

  const pageIds = Object.fromEntries(created.map((p) => [p.key, p.id]));
  for (const page of created) {
    const resolved = resolveTemplatePage(page.raw, { ...catalog, pages: pageIds, images }, { mode: "draft", missing });
    if (!resolved.document) throw new TemplateError(name, page.file, resolved.issues);
    await savePageDraft(deps.db, actor, page.id, `"r${page.revision}"`, { ...resolved.document, title: page.title });
  }
  return created.map(({ key, id, title }) => ({ key, id, title }));
}

/** Renders and uploads a template page's pictures not in `images` yet, named after the page; adds their refs to it. */
async function uploadPageImages(
  deps: TemplateDeps,
  tenantId: string,
  raw: unknown,
  title: string,
  images: Record<string, TImageRef>,
): Promise<Record<string, TImageRef>> {
  for (const [i, img] of collectTemplateImages(raw).entries()) {
    const key = templateImageKey(img);
    if (images[key]) continue;
    images[key] = imageRefOf(await uploadTemplateImage(deps, tenantId, img, `${title}-${i + 1}`));
  }
  return images;
}

/** Publishes each page through the publish checks; a refusal throws a TemplateError naming the page. */
async function publishTemplatePages(
  deps: TemplateDeps,
  actor: PageActor,
  template: TemplateContent,
  pages: AppliedPage[],
): Promise<Record<string, TPageIssue[]>> {
  const warnings: Record<string, TPageIssue[]> = {};
  for (const page of pages) {
    try {
      const out = await publishPage(deps.db, deps.env, actor, page.id, { note: `Template ${template.manifest.name}` });
      if (out.warnings.length > 0) warnings[page.key] = out.warnings;
    } catch (err) {
      if (err instanceof ApiError && err.code === "validation_failed") {
        throw new TemplateError(
          template.manifest.name,
          `pages/${page.key}.json`,
          err.details ?? [],
          "was refused at publish",
        );
      }
      throw err;
    }
  }
  const home = pages[0];
  if (home) await setHomePage(deps.db, actor, home.id);
  return warnings;
}

/**
 * Provisioning: the template's catalog, pages and theme, all published, the first page home.
 * Throws a TemplateError when the template cannot be applied as written.
 */
export async function applyTemplate(deps: TemplateDeps, actor: CatalogActor, name: string): Promise<AppliedTemplate> {
  const template = mustRead(name);
  const pageActor: PageActor = { ...actor, canPublish: true };
  const catalog = await applyTemplateCatalog(deps, actor, name);
  const pages = await createTemplatePages(deps, pageActor, template, catalog.ids, "fail");
  const warnings = await publishTemplatePages(deps, pageActor, template, pages);
  const settingsPublished = await applyTemplateSettings(deps, pageActor, template);
  return { categories: catalog.categories, products: catalog.products, pages, warnings, settingsPublished };
}

/**
 * "Apply template" on an existing store: the template's pages as new drafts, nothing else touched.
 * Links and bindings point at the store's products and categories that came from the template
 * (matched by SKU code prefix and category name); those the store lacks are dropped.
 */
export async function applyTemplatePages(
  deps: TemplateDeps,
  actor: CatalogActor,
  name: string,
): Promise<{ pages: AppliedPage[] }> {
  const template = mustRead(name);
  const catalog = await matchTemplateCatalog(deps, actor.tenantId, template);
  const pages = await createTemplatePages(deps, { ...actor, canPublish: false }, template, catalog, "drop");
  return { pages };
}

/**
 * One template page's document for an existing page of the store ("apply to this page"): resolved
 * against the store's own copies of the template's catalog (missing ones dropped, as are links to the
 * template's other pages, which this store does not have), its pictures uploaded into the store's
 * media library. Creates no page: the designer puts the document into the page's draft (undoable).
 * `pageKey` defaults to the template's first (home) page; an unknown one is a 422.
 */
export async function templatePageDocument(
  deps: TemplateDeps,
  actor: CatalogActor,
  name: string,
  pageKey?: string,
): Promise<{ key: string; document: TPageDocument }> {
  const template = mustRead(name);
  const page = pageKey === undefined ? template.pages[0] : template.pages.find((p) => p.key === pageKey);
  if (!page) {
    throw new ApiError("validation_failed", `the template ${name} has no page called ${pageKey ?? "(first)"}`, [
      { path: "page", message: "unknown page of this template", in: "body" },
    ]);
  }
  const catalog = await matchTemplateCatalog(deps, actor.tenantId, template);
  const probe = resolveTemplatePage(
    page.raw,
    { ...catalog, pages: {}, images: placeholderImageRefs(page.raw) },
    { mode: "draft", missing: "drop" },
  );
  if (probe.issues.length > 0) throw new TemplateError(name, page.file, probe.issues);
  const raw = page.raw as { title?: unknown };
  const title = typeof raw.title === "string" ? raw.title : page.key;
  const images = await uploadPageImages(deps, actor.tenantId, page.raw, title, {});
  const resolved = resolveTemplatePage(page.raw, { ...catalog, pages: {}, images }, { mode: "draft", missing: "drop" });
  if (!resolved.document) throw new TemplateError(name, page.file, resolved.issues);
  return { key: page.key, document: resolved.document };
}

/**
 * The template's theme and tab bar as the store's settings draft (not published: the merchant
 * publishes from the theme dialog). Saved over the current draft's revision: an explicit choice.
 */
export async function applyTemplateSettingsDraft(deps: TemplateDeps, tenantId: string, name: string): Promise<boolean> {
  return saveTemplateSettingsDraft(deps, tenantId, mustRead(name));
}

async function saveTemplateSettingsDraft(deps: TemplateDeps, tenantId: string, template: TemplateContent) {
  if (!template.settings) return false;
  const current = await getStoreSettings(deps.db, tenantId);
  await saveStoreSettingsDraft(deps.db, tenantId, `"r${current.revision}"`, template.settings);
  return true;
}

/** The store's own copies of the template's categories (by name under the same parent) and products (by SKU code). */
async function matchTemplateCatalog(
  deps: TemplateDeps,
  tenantId: string,
  template: TemplateContent,
): Promise<TemplateCatalogIds> {
  const ids: TemplateCatalogIds = { categories: {}, products: {} };
  const catalog = template.catalog;
  if (!catalog) return ids;
  const prefixes = catalog.products.map((p) => p.codePrefix);
  const { categories, skus } = await deps.db.withTenant(tenantId, async (tx) => ({
    categories: await tx.category.findMany({
      select: { id: true, name: true, parentId: true },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    }),
    skus: await tx.sku.findMany({
      where: { code: { in: prefixes.map((p) => `${p}-01`) }, product: { deletedAt: null } },
      select: { code: true, productId: true },
    }),
  }));
  for (const top of catalog.categories) {
    const parent = categories.find((c) => c.parentId === null && c.name === top.name);
    if (parent) ids.categories[top.key] = parent.id;
    for (const child of top.children) {
      const c =
        categories.find((c) => parent && c.parentId === parent.id && c.name === child.name) ??
        categories.find((c) => c.parentId !== null && c.name === child.name);
      if (c) ids.categories[child.key] = c.id;
    }
  }
  for (const s of skus) if (s.code) ids.products[s.code.slice(0, -"-01".length)] = s.productId;
  return ids;
}

/** Saves and publishes the template's theme and tab bar (a new store: its settings are at revision 0). */
async function applyTemplateSettings(
  deps: TemplateDeps,
  actor: PageActor,
  template: TemplateContent,
): Promise<boolean> {
  if (!(await saveTemplateSettingsDraft(deps, actor.tenantId, template))) return false;
  await publishStoreSettings(deps.db, actor.tenantId);
  return true;
}
