// Publishing: now (the draft becomes a new immutable version, after the publish checks), at a time
// (the checks run now and again when the `pages.publish` job fires), cancelling a schedule, and
// rollback (an older version's document, migrated to the current schema, republished as a new
// version that records where it came from). Publishing now cancels a pending schedule.

import type {
  TPublishPageRequest,
  TPublishPageResponse,
  TRollbackPageRequest,
  TSchedulePageResponse,
} from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { publishPageJob } from "../../jobs/publish-page.ts";
import { assertFeature } from "../billing/quota.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import { checkPage } from "./check-page.ts";
import type { PageActor } from "./page-actor.ts";
import { lockPage } from "./page-rows.ts";
import { insertPageVersion, publishRefusal } from "./publish-version.ts";

/** How far ahead a publish may be scheduled. */
export const MAX_SCHEDULE_MS = 366 * 24 * 60 * 60 * 1000;

export type PublishOutcome =
  | ({ kind: "published" } & TPublishPageResponse)
  | ({ kind: "scheduled" } & TSchedulePageResponse);

export async function publishPage(
  db: Database,
  env: Env,
  actor: PageActor,
  pageId: string,
  input: TPublishPageRequest,
  now: Date = new Date(),
): Promise<PublishOutcome> {
  const at = input.at === undefined ? null : new Date(input.at);
  if (at && at.getTime() <= now.getTime()) {
    throw new ApiError("validation_failed", "invalid body: at: must be in the future (leave it out to publish now)", [
      { path: "at", in: "body", message: "must be in the future" },
    ]);
  }
  if (at && at.getTime() - now.getTime() > MAX_SCHEDULE_MS) {
    throw new ApiError("validation_failed", "invalid body: at: must be within a year", [
      { path: "at", in: "body", message: "must be within a year" },
    ]);
  }
  return db.withTenant(actor.tenantId, async (tx) => {
    await notifyCatalogChanged(tx, actor.tenantId);
    const page = await lockPage(tx, pageId);
    const check = await checkPage(tx, env, actor.tenantId, page.draft);
    if (check.problems.length > 0 || !check.document) throw publishRefusal(check.problems);
    if (!at) {
      const v = await insertPageVersion(tx, actor.tenantId, pageId, check.document, {
        note: input.note,
        by: actor.membershipId,
        restoredFrom: null,
      });
      return {
        kind: "published",
        version: v.version,
        publishedAt: v.publishedAt.toISOString(),
        warnings: check.warnings,
      };
    }
    await assertFeature(tx, actor.tenantId, "scheduledPublish");
    // The job carries the time it was scheduled for: a later reschedule or a cancel changes the
    // page's scheduled_at, and a job whose time no longer matches does nothing.
    await tx.$executeRaw`
      UPDATE pages SET scheduled_at = ${at.toISOString()}::timestamptz, scheduled_note = ${input.note} WHERE id = ${pageId}::uuid`;
    await enqueue(
      tx,
      publishPageJob,
      { pageId, at: at.toISOString(), memberId: actor.membershipId },
      { delayMs: Math.max(0, at.getTime() - Date.now()) },
    );
    return { kind: "scheduled", scheduled: { at: at.toISOString(), note: input.note }, warnings: check.warnings };
  });
}

/** Cancels a pending scheduled publish (nothing pending is fine); its job will find nothing to do. */
export async function cancelScheduledPublish(db: Database, actor: PageActor, pageId: string): Promise<void> {
  await db.withTenant(actor.tenantId, async (tx) => {
    await lockPage(tx, pageId);
    await tx.$executeRaw`UPDATE pages SET scheduled_at = NULL, scheduled_note = NULL WHERE id = ${pageId}::uuid`;
  });
}

/** Republishes `version` as a new version (restoredFrom = version), after the same checks as a publish. */
export async function rollbackPage(
  db: Database,
  env: Env,
  actor: PageActor,
  pageId: string,
  input: TRollbackPageRequest,
): Promise<TPublishPageResponse> {
  return db.withTenant(actor.tenantId, async (tx) => {
    await notifyCatalogChanged(tx, actor.tenantId);
    await lockPage(tx, pageId);
    const rows = await tx.$queryRaw<{ document: unknown }[]>`
      SELECT document FROM page_versions WHERE page_id = ${pageId}::uuid AND version = ${input.version}::int`;
    const old = rows[0];
    if (!old) throw notFound(`version ${input.version} of this page`);
    const check = await checkPage(tx, env, actor.tenantId, old.document);
    if (check.problems.length > 0 || !check.document) throw publishRefusal(check.problems);
    const v = await insertPageVersion(tx, actor.tenantId, pageId, check.document, {
      note: input.note ?? `Restored version ${input.version}`,
      by: actor.membershipId,
      restoredFrom: input.version,
    });
    return { version: v.version, publishedAt: v.publishedAt.toISOString(), warnings: check.warnings };
  });
}
