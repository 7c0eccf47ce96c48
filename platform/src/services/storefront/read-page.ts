// The shopper's view of a page: the current published version (or the store's home page), migrated
// to the current schema version, with its one normalized `data` map (services/pages/hydrate-page.ts)
// and a strong ETag. Bodies are cached per (tenant, page) in this process (page-cache.ts) and dropped
// on publish and on catalog changes (cache-events.ts). Also the published theme and tab bar, and a
// page's draft for previews (never cached) with the store's name and theme.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import {
  loadPage,
  type TPageData,
  type TPageDocument,
  type TStoreSettingsDocument,
  ZStoreSettingsDocument,
} from "@mallwright/schema";
import { sql, type TenantReader } from "../../db/read.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { hydratePage } from "../pages/hydrate-page.ts";
import { DEFAULT_STORE_SETTINGS } from "../pages/manage-store-settings.ts";
import { type CachedPage, type PageCache, storePageCache } from "./page-cache.ts";

export interface StorePage {
  page: { id: string; title: string; version: number; publishedAt: string; document: TPageDocument };
  data: TPageData;
}

interface Deps {
  reader: TenantReader;
  env: Env;
}

const ISO = sql`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** Below this a gzip copy saves too little to keep. */
const GZIP_MIN_BYTES = 1024;

interface VersionRow {
  id: string;
  version: number;
  published_at: string;
  document: unknown;
}

/** A stored document at the current schema version (stored documents were valid when written). */
function current(stored: unknown): TPageDocument {
  const loaded = loadPage(stored, { mode: "draft" });
  if (!loaded.document) {
    const first = loaded.issues[0];
    throw new Error(`stored page document does not load: ${first ? `${first.path}: ${first.message}` : "unknown"}`);
  }
  return loaded.document;
}

/**
 * Strong ETag of a page response: the tenant, the page, its version, and a digest of the hydrated
 * data (the catalog's part of the answer). The data digest stands for the "catalog generation": it
 * is the same in every process for the same catalog, so ETags agree across instances.
 */
export function pageEtag(tenantId: string, pageId: string, version: number, body: string): string {
  const data = createHash("sha256").update(body).digest("base64url").slice(0, 22);
  return `"p.${createHash("sha256").update(`${tenantId}\n${pageId}\n${version}\n${data}`).digest("base64url").slice(0, 27)}"`;
}

/** `which`: "home" or a page id (a uuid). 404 when it is not a published page of this store. */
export async function readStorePage(
  deps: Deps,
  tenantId: string,
  which: "home" | { id: string },
  cache: PageCache = storePageCache,
): Promise<CachedPage> {
  const key = which === "home" ? "home" : which.id;
  const hit = cache.get(tenantId, key);
  if (hit) return hit;
  const generation = cache.generation(tenantId);
  const where = which === "home" ? sql`p.is_home` : sql`p.id = ${which.id}::uuid`;
  const [rows] = await deps.reader.read(tenantId, [
    sql<VersionRow>`
      SELECT p.id::text AS id, v.version, to_char(v.published_at AT TIME ZONE 'UTC', ${ISO}) AS published_at, v.document
      FROM pages p
      JOIN page_versions v ON v.tenant_id = p.tenant_id AND v.page_id = p.id AND v.version = p.published_version
      WHERE ${where}
      LIMIT 1`,
  ]);
  const row = rows[0];
  if (!row) {
    throw which === "home" ? new ApiError("not_found", "this store has no published home page yet") : notFound("page");
  }
  const document = current(row.document);
  const data = await hydratePage(deps.reader, tenantId, document, { env: deps.env });
  const response: StorePage = {
    page: { id: row.id, title: document.title, version: row.version, publishedAt: row.published_at, document },
    data,
  };
  const bytes = new TextEncoder().encode(JSON.stringify(response));
  const value: CachedPage = {
    body: bytes,
    etag: pageEtag(tenantId, row.id, row.version, JSON.stringify(data)),
    gzip: cache.compress && bytes.byteLength >= GZIP_MIN_BYTES ? new Uint8Array(gzipSync(bytes)) : undefined,
  };
  cache.set(tenantId, key, generation, value);
  return value;
}

/** A page's draft, hydrated, as a preview shows it (never cached). 404 when the page is gone. */
export async function readDraftPage(
  deps: Deps,
  tenantId: string,
  pageId: string,
): Promise<{ page: { id: string; title: string; revision: number; document: TPageDocument }; data: TPageData }> {
  const [rows] = await deps.reader.read(tenantId, [
    sql<{ id: string; revision: number; draft: unknown }>`
      SELECT p.id::text AS id, p.draft_revision AS revision, p.draft FROM pages p WHERE p.id = ${pageId}::uuid`,
  ]);
  const row = rows[0];
  if (!row) throw notFound("page");
  const document = current(row.draft);
  const data = await hydratePage(deps.reader, tenantId, document, { env: deps.env });
  return { page: { id: row.id, title: document.title, revision: row.revision, document }, data };
}

/**
 * A draft preview: the draft and its data, plus the store's name, theme and tab bar as the merchant
 * is designing them (the settings' draft: a preview shows what publishing would show).
 */
export async function readDraftPreview(
  deps: Deps,
  tenantId: string,
  pageId: string,
): Promise<
  Awaited<ReturnType<typeof readDraftPage>> & {
    store: {
      name: string;
      logoUrl: string | null;
      theme: TStoreSettingsDocument["theme"];
      tabBar: TStoreSettingsDocument["tabBar"];
    };
  }
> {
  const [draft, [rows]] = await Promise.all([
    readDraftPage(deps, tenantId, pageId),
    deps.reader.read(tenantId, [
      sql<{ name: string; settings: unknown }>`
        SELECT t.name, s.draft AS settings
        FROM tenants t LEFT JOIN store_settings s ON s.tenant_id = t.id
        WHERE t.id = ${tenantId}::uuid`,
    ]),
  ]);
  const row = rows[0];
  const settings = row?.settings ? parseSettings(row.settings) : DEFAULT_STORE_SETTINGS;
  return {
    ...draft,
    store: {
      name: row?.name ?? "",
      logoUrl: settings.logo?.url ?? null,
      theme: settings.theme,
      tabBar: settings.tabBar,
    },
  };
}

export interface StoreSettingsView {
  name: string;
  /** The store's logo (its published settings), null without one. */
  logoUrl: string | null;
  theme: TStoreSettingsDocument["theme"];
  tabBar: TStoreSettingsDocument["tabBar"];
  /** null while the store has never published its settings (the defaults are shown). */
  version: number | null;
}

/** The published theme and tab bar (the defaults when never published) and the store's name. */
export async function readStoreSettings(
  reader: TenantReader,
  tenantId: string,
  name: string,
): Promise<StoreSettingsView> {
  const [rows] = await reader.read(tenantId, [
    sql<{ published: unknown; version: number | null }>`
      SELECT s.published, s.published_version AS version FROM store_settings s WHERE s.published IS NOT NULL`,
  ]);
  const row = rows[0];
  const doc = row ? parseSettings(row.published) : DEFAULT_STORE_SETTINGS;
  return { name, logoUrl: doc.logo?.url ?? null, theme: doc.theme, tabBar: doc.tabBar, version: row?.version ?? null };
}

function parseSettings(stored: unknown): TStoreSettingsDocument {
  // Published settings were valid when published; today's schema fills what older rows lack.
  return ZStoreSettingsDocument.parse(stored);
}
