// Writes a published version: the next version number (the caller holds the page's row lock, so
// numbers never collide), the page pointing at it, and any pending schedule cleared. Versions are
// never changed afterwards: the app role may insert them but not update or delete them.
import type { TErrorDetail, TPageDocument, TPageIssue } from "@mallwright/schema";
import type { Tx } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";

export interface NewVersion {
  note: string;
  /** The membership publishing (null: nobody we know, e.g. a system job). */
  by: string | null;
  /** The version a rollback republishes. */
  restoredFrom: number | null;
}

export async function insertPageVersion(
  tx: Tx,
  tenantId: string,
  pageId: string,
  document: TPageDocument,
  v: NewVersion,
): Promise<{ version: number; publishedAt: Date }> {
  const rows = await tx.$queryRaw<{ version: number; publishedAt: Date }[]>`
    WITH v AS (
      INSERT INTO page_versions (tenant_id, page_id, version, document, note, restored_from, published_by)
      SELECT ${tenantId}::uuid, ${pageId}::uuid, coalesce(max(version), 0) + 1, ${JSON.stringify(document)}::jsonb,
             ${v.note}, ${v.restoredFrom}::int, ${v.by}::uuid
      FROM page_versions WHERE page_id = ${pageId}::uuid
      RETURNING version, published_at
    )
    UPDATE pages SET published_version = v.version, published_at = v.published_at,
           scheduled_at = NULL, scheduled_note = NULL
    FROM v WHERE pages.id = ${pageId}::uuid
    RETURNING v.version, v.published_at AS "publishedAt"`;
  const row = rows[0];
  if (!row) throw new Error("publishing a page version updated no page");
  return row;
}

/** Most problems one refusal lists (a page of 300 blocks of broken links stays readable). */
const MAX_LISTED = 500;

/** The 422 that refuses a publish, listing every problem with the path of its block. */
export function publishRefusal(problems: TPageIssue[]): ApiError {
  const details: TErrorDetail[] = problems.slice(0, MAX_LISTED).map((p) => ({ path: p.path, message: p.message }));
  if (problems.length > MAX_LISTED) {
    details.push({ path: "", message: `and ${problems.length - MAX_LISTED} more problems` });
  }
  const first = problems[0];
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  return new ApiError(
    "validation_failed",
    `this page cannot be published (${count})${first ? `: ${first.path || "page"}: ${first.message}` : ""}`,
    details,
  );
}
