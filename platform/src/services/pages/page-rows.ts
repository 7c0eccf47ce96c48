// Reading pages and their versions inside a tenant transaction, and presenting them: the draft
// migrated to the current schema version, the published version with its author, the schedule.
import {
  migratePage,
  PageVersionError,
  type TPageAuthor,
  type TPageDetail,
  type TPageDocument,
  type TPageSummary,
  type TPageVersionSummary,
} from "@mallwright/schema";
import type { Tx } from "../../db/types.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { notFound } from "../../http/errors.ts";

/** The columns of a page as services use them. */
export interface PageRow {
  id: string;
  title: string;
  isHome: boolean;
  draft: unknown;
  revision: number;
  publishedVersion: number | null;
  publishedAt: Date | null;
  scheduledAt: Date | null;
  scheduledNote: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const PAGE_COLUMNS = Prisma.sql`p.id::text AS id, p.title, p.is_home AS "isHome", p.draft,
  p.draft_revision AS revision, p.published_version AS "publishedVersion", p.published_at AS "publishedAt",
  p.scheduled_at AS "scheduledAt", p.scheduled_note AS "scheduledNote", p.created_at AS "createdAt",
  p.updated_at AS "updatedAt"`;

/** The page, locked for the rest of the transaction (saves, publishes and the schedule queue on it). 404 if absent. */
export async function lockPage(tx: Tx, pageId: string): Promise<PageRow> {
  const rows = await tx.$queryRaw<
    PageRow[]
  >`SELECT ${PAGE_COLUMNS} FROM pages p WHERE p.id = ${pageId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw notFound("page");
  return row;
}

export interface VersionRow {
  version: number;
  note: string;
  restoredFrom: number | null;
  publishedAt: Date;
  publishedBy: string | null;
  email: string | null;
  name: string | null;
}

/** Columns of a version `v` with its author (`m` membership, `u` user): join them with VERSION_AUTHOR. */
export const VERSION_COLUMNS = Prisma.sql`v.version, v.note, v.restored_from AS "restoredFrom",
  v.published_at AS "publishedAt", v.published_by::text AS "publishedBy", u.email, u.name`;
export const VERSION_AUTHOR = Prisma.sql`LEFT JOIN memberships m ON m.tenant_id = v.tenant_id AND m.id = v.published_by
  LEFT JOIN users u ON u.id = m.user_id`;

export function presentAuthor(r: Pick<VersionRow, "publishedBy" | "email" | "name">): TPageAuthor {
  return { memberId: r.publishedBy, email: r.email, name: r.name };
}

export function presentVersion(r: VersionRow): TPageVersionSummary {
  return {
    version: r.version,
    note: r.note,
    author: presentAuthor(r),
    publishedAt: r.publishedAt.toISOString(),
    restoredFrom: r.restoredFrom,
  };
}

/**
 * A stored document at the current schema version. Drafts and versions are stored current, so
 * this only does work after a schema change: the next save or publish writes the migrated form.
 */
export function currentDocument(stored: unknown): TPageDocument {
  try {
    return migratePage(stored).document as TPageDocument;
  } catch (err) {
    // Only a row written by a newer server gets here (a rolled-back deploy): say so rather than 500 blindly.
    if (err instanceof PageVersionError) throw new Error(`stored page document: ${err.message}`);
    throw err;
  }
}

interface DetailRow extends PageRow, Partial<Omit<VersionRow, "publishedAt">> {
  versionPublishedAt: Date | null;
  changed: boolean;
}

/** One page as the designer opens it; 404 if absent. */
export async function loadPageDetail(tx: Tx, pageId: string): Promise<TPageDetail> {
  const rows = await tx.$queryRaw<DetailRow[]>`
    SELECT ${PAGE_COLUMNS}, v.version, v.note, v.restored_from AS "restoredFrom",
           v.published_at AS "versionPublishedAt", v.published_by::text AS "publishedBy", u.email, u.name,
           (v.document IS NULL OR v.document <> p.draft) AS changed
    FROM pages p
    LEFT JOIN page_versions v ON v.tenant_id = p.tenant_id AND v.page_id = p.id AND v.version = p.published_version
    ${VERSION_AUTHOR}
    WHERE p.id = ${pageId}::uuid`;
  const r = rows[0];
  if (!r) throw notFound("page");
  return {
    id: r.id,
    title: r.title,
    isHome: r.isHome,
    revision: r.revision,
    hasUnpublishedChanges: r.changed,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    draft: currentDocument(r.draft),
    published:
      r.version != null && r.versionPublishedAt
        ? presentVersion({
            version: r.version,
            note: r.note ?? "",
            restoredFrom: r.restoredFrom ?? null,
            publishedAt: r.versionPublishedAt,
            publishedBy: r.publishedBy ?? null,
            email: r.email ?? null,
            name: r.name ?? null,
          })
        : null,
    scheduled: r.scheduledAt ? { at: r.scheduledAt.toISOString(), note: r.scheduledNote ?? "" } : null,
  };
}

export function presentSummary(r: PageRow & { changed: boolean }): TPageSummary {
  return {
    id: r.id,
    title: r.title,
    isHome: r.isHome,
    revision: r.revision,
    publishedVersion: r.publishedVersion,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    scheduledAt: r.scheduledAt?.toISOString() ?? null,
    hasUnpublishedChanges: r.changed,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Serializes changes to which page is home (create's "first page is home", set-home) per store. */
export async function lockHome(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`mallwright:pages-home:${tenantId}`}::text, 0))`;
}
