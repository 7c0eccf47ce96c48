// The store's pages, most recently edited first (cursor pages), and one page as the designer opens it.
import type { TListPagesQuery, TPageDetail, TPageList } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { badCursor, decodeCursor, encodeCursor, isExactTimestamp } from "../catalog/page-cursor.ts";
import { loadPageDetail, type PageRow, presentSummary } from "./page-rows.ts";

interface ListRow extends PageRow {
  changed: boolean;
  updatedKey: string;
}

export async function listPages(db: Database, tenantId: string, query: TListPagesQuery): Promise<TPageList> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (after && !isExactTimestamp(after.v)) throw badCursor();
  const rows = await db.withTenant(
    tenantId,
    (tx) => tx.$queryRaw<ListRow[]>`
      SELECT p.id::text AS id, p.title, p.is_home AS "isHome", p.draft_revision AS revision,
             p.published_version AS "publishedVersion", p.published_at AS "publishedAt",
             p.scheduled_at AS "scheduledAt", p.scheduled_note AS "scheduledNote",
             p.created_at AS "createdAt", p.updated_at AS "updatedAt",
             to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedKey",
             (v.document IS NULL OR v.document <> p.draft) AS changed
      FROM pages p
      LEFT JOIN page_versions v ON v.tenant_id = p.tenant_id AND v.page_id = p.id AND v.version = p.published_version
      WHERE p.tenant_id = ${tenantId}::uuid
        ${after ? Prisma.sql`AND (p.updated_at, p.id) < (${after.v}::timestamptz, ${after.id}::uuid)` : Prisma.empty}
      ORDER BY p.updated_at DESC, p.id DESC
      LIMIT ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentSummary({ ...r, draft: null })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.updatedKey, last.id) : null,
  };
}

export async function getPage(db: Database, tenantId: string, pageId: string): Promise<TPageDetail> {
  return db.withTenant(tenantId, (tx) => loadPageDetail(tx, pageId));
}
