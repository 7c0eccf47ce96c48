// A page's published versions, newest first (cursor pages), and one version's document migrated
// to the current schema version.
import type { TListPageVersionsQuery, TPageVersionDetail, TPageVersionList } from "@mallwright/schema";
import { z } from "zod";
import type { Database, Tx } from "../../db/types.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { notFound } from "../../http/errors.ts";
import { badCursor } from "../catalog/page-cursor.ts";
import { currentDocument, presentVersion, VERSION_AUTHOR, VERSION_COLUMNS, type VersionRow } from "./page-rows.ts";

const ZVersionCursor = z.strictObject({ before: z.number().int().min(1) });

function decodeVersionCursor(cursor: string): number {
  try {
    return ZVersionCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))).before;
  } catch {
    throw badCursor();
  }
}

async function assertPage(tx: Tx, pageId: string): Promise<void> {
  const found = await tx.page.findUnique({ where: { id: pageId }, select: { id: true } });
  if (!found) throw notFound("page");
}

export async function listPageVersions(
  db: Database,
  tenantId: string,
  pageId: string,
  query: TListPageVersionsQuery,
): Promise<TPageVersionList> {
  const before = query.cursor ? decodeVersionCursor(query.cursor) : null;
  return db.withTenant(tenantId, async (tx) => {
    await assertPage(tx, pageId);
    const rows = await tx.$queryRaw<VersionRow[]>`
      SELECT ${VERSION_COLUMNS} FROM page_versions v ${VERSION_AUTHOR}
      WHERE v.page_id = ${pageId}::uuid ${before === null ? Prisma.empty : Prisma.sql`AND v.version < ${before}::int`}
      ORDER BY v.version DESC
      LIMIT ${query.limit + 1}`;
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(presentVersion),
      nextCursor:
        rows.length > query.limit && last
          ? Buffer.from(JSON.stringify({ before: last.version })).toString("base64url")
          : null,
    };
  });
}

export async function getPageVersion(
  db: Database,
  tenantId: string,
  pageId: string,
  version: number,
): Promise<TPageVersionDetail> {
  return db.withTenant(tenantId, async (tx) => {
    await assertPage(tx, pageId);
    const rows = await tx.$queryRaw<(VersionRow & { document: unknown })[]>`
      SELECT ${VERSION_COLUMNS}, v.document FROM page_versions v ${VERSION_AUTHOR}
      WHERE v.page_id = ${pageId}::uuid AND v.version = ${version}::int`;
    const row = rows[0];
    if (!row) throw notFound("page version");
    return { ...presentVersion(row), document: currentDocument(row.document) };
  });
}
