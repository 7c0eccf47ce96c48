// The store's theme and tab bar: one row per store with a draft (saved under If-Match like page
// drafts) and the published copy. A store that never saved any shows the defaults at revision 0,
// and its first save names "r0"; publishing with no row publishes the defaults.
import {
  DEFAULT_TAB_BAR,
  DEFAULT_THEME,
  type TStoreSettings,
  type TStoreSettingsDocument,
  ZStoreSettingsDocument,
} from "@mallwright/schema";
import type { Database, Tx } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";
import { issuesToDetails } from "../../http/validation.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import { assertRevision, requireRevision } from "./revision.ts";

export const DEFAULT_STORE_SETTINGS: TStoreSettingsDocument = {
  logo: null,
  theme: DEFAULT_THEME,
  tabBar: DEFAULT_TAB_BAR,
};

interface SettingsRow {
  draft: unknown;
  revision: number;
  published: unknown;
  publishedVersion: number | null;
  publishedAt: Date | null;
  changed: boolean;
}

async function readSettings(tx: Tx, lock: boolean): Promise<SettingsRow | undefined> {
  const rows = lock
    ? await tx.$queryRaw<SettingsRow[]>`
        SELECT draft, draft_revision AS revision, published, published_version AS "publishedVersion",
               published_at AS "publishedAt", (published IS NULL OR published <> draft) AS changed
        FROM store_settings FOR UPDATE`
    : await tx.$queryRaw<SettingsRow[]>`
        SELECT draft, draft_revision AS revision, published, published_version AS "publishedVersion",
               published_at AS "publishedAt", (published IS NULL OR published <> draft) AS changed
        FROM store_settings`;
  return rows[0];
}

/** A stored settings document, read with today's schema (defaults fill what older rows lack). */
function parseStored(stored: unknown): TStoreSettingsDocument {
  const parsed = ZStoreSettingsDocument.safeParse(stored);
  if (!parsed.success) throw new Error("stored store settings no longer match ZStoreSettingsDocument");
  return parsed.data;
}

function present(row: SettingsRow | undefined): TStoreSettings {
  if (!row) return { revision: 0, draft: DEFAULT_STORE_SETTINGS, published: null, hasUnpublishedChanges: false };
  return {
    revision: row.revision,
    draft: parseStored(row.draft),
    published:
      row.published != null && row.publishedVersion !== null && row.publishedAt
        ? {
            version: row.publishedVersion,
            publishedAt: row.publishedAt.toISOString(),
            document: parseStored(row.published),
          }
        : null,
    hasUnpublishedChanges: row.changed,
  };
}

export async function getStoreSettings(db: Database, tenantId: string): Promise<TStoreSettings> {
  return db.withTenant(tenantId, async (tx) => present(await readSettings(tx, false)));
}

export async function saveStoreSettingsDraft(
  db: Database,
  tenantId: string,
  ifMatch: string | undefined,
  input: TStoreSettingsDocument,
): Promise<TStoreSettings> {
  return db.withTenant(tenantId, async (tx) => {
    const expected = requireRevision(ifMatch);
    const row = await readSettings(tx, true);
    assertRevision(expected, row?.revision ?? 0);
    if (input.logo?.mediaId) {
      // RLS: another store's media is as missing as a deleted one.
      const found = await tx.media.findFirst({
        where: { id: input.logo.mediaId, kind: "image" },
        select: { id: true },
      });
      if (!found) {
        throw new ApiError("validation_failed", "the logo must be an image of this store's media library", [
          { path: "logo.mediaId", message: "no such image", in: "body" },
        ]);
      }
    }
    const draft = JSON.stringify(input);
    if (row) {
      await tx.$executeRaw`
        UPDATE store_settings SET draft = ${draft}::jsonb, draft_revision = draft_revision + 1, updated_at = now()`;
    } else {
      // Two first saves at once: the unique (tenant_id) lets one in; the other is told the revision it missed.
      const inserted = await tx.$executeRaw`
        INSERT INTO store_settings (tenant_id, draft) VALUES (${tenantId}::uuid, ${draft}::jsonb)
        ON CONFLICT (tenant_id) DO NOTHING`;
      if (inserted === 0) assertRevision(expected, 1);
    }
    return present(await readSettings(tx, false));
  });
}

export async function publishStoreSettings(
  db: Database,
  tenantId: string,
): Promise<{ version: number; publishedAt: string }> {
  return db.withTenant(tenantId, async (tx) => {
    await notifyCatalogChanged(tx, tenantId);
    let row = await readSettings(tx, true);
    if (!row) {
      await tx.$executeRaw`
        INSERT INTO store_settings (tenant_id, draft) VALUES (${tenantId}::uuid, ${JSON.stringify(DEFAULT_STORE_SETTINGS)}::jsonb)
        ON CONFLICT (tenant_id) DO NOTHING`;
      row = await readSettings(tx, true);
      if (!row) throw new Error("store settings row vanished");
    }
    // Drafts were valid when saved; a schema change since may have made one invalid: say where.
    const parsed = ZStoreSettingsDocument.safeParse(row.draft);
    if (!parsed.success) {
      const details = issuesToDetails(parsed.error.issues);
      throw new ApiError("validation_failed", "the saved theme draft is no longer valid: save it again", details);
    }
    const out = await tx.$queryRaw<{ version: number; publishedAt: Date }[]>`
      UPDATE store_settings SET published = ${JSON.stringify(parsed.data)}::jsonb,
             published_version = coalesce(published_version, 0) + 1, published_at = now()
      RETURNING published_version AS version, published_at AS "publishedAt"`;
    const v = out[0];
    if (!v) throw new Error("publishing store settings updated nothing");
    return { version: v.version, publishedAt: v.publishedAt.toISOString() };
  });
}
