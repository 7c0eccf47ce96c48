// What the `pages.publish` job does when a scheduled time comes: publish the page's draft as it is
// then, only if the page is still scheduled for exactly that time (a cancel or a reschedule changes
// it), after the same checks as a publish. Idempotent: a publish clears the schedule, so a second
// run of the same job finds nothing to do. A refused publish clears the schedule too and emails the
// member who scheduled it the problems (there is no other channel to tell them yet).
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { sendEmailJob } from "../../jobs/send-email.ts";
import type { Logger } from "../../logger.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import { checkPage } from "./check-page.ts";
import { insertPageVersion } from "./publish-version.ts";

export interface ScheduledPublish {
  pageId: string;
  /** ISO time the job was scheduled for. */
  at: string;
  memberId: string | null;
}

export type ScheduledPublishResult =
  | { outcome: "published"; version: number }
  | { outcome: "skipped"; reason: "page_gone" | "not_scheduled_for_this_time" }
  | { outcome: "refused"; problems: number };

export async function runScheduledPublish(
  db: Database,
  env: Env,
  log: Logger,
  tenantId: string,
  job: ScheduledPublish,
): Promise<ScheduledPublishResult> {
  const result = await db.withTenant(tenantId, async (tx): Promise<ScheduledPublishResult> => {
    await notifyCatalogChanged(tx, tenantId);
    const rows = await tx.$queryRaw<{ title: string; draft: unknown; note: string | null; due: boolean }[]>`
      SELECT title, draft, scheduled_note AS note, scheduled_at IS NOT DISTINCT FROM ${job.at}::timestamptz AS due
      FROM pages WHERE id = ${job.pageId}::uuid FOR UPDATE`;
    const page = rows[0];
    if (!page) return { outcome: "skipped", reason: "page_gone" };
    if (!page.due) return { outcome: "skipped", reason: "not_scheduled_for_this_time" };
    const check = await checkPage(tx, env, tenantId, page.draft);
    if (check.problems.length === 0 && check.document) {
      const v = await insertPageVersion(tx, tenantId, job.pageId, check.document, {
        note: page.note ?? "",
        by: job.memberId,
        restoredFrom: null,
      });
      return { outcome: "published", version: v.version };
    }
    await tx.$executeRaw`UPDATE pages SET scheduled_at = NULL, scheduled_note = NULL WHERE id = ${job.pageId}::uuid`;
    const to = job.memberId
      ? await tx.$queryRaw<{ email: string }[]>`
          SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.id = ${job.memberId}::uuid`
      : [];
    const email = to[0]?.email;
    if (email) {
      const lines = check.problems.slice(0, 50).map((p) => `- ${p.path || "page"}: ${p.message}`);
      await enqueue(tx, sendEmailJob, {
        to: email,
        subject: `Scheduled publish of "${page.title}" did not happen`,
        text: `The page "${page.title}" was scheduled to be published at ${job.at}, but the publish checks refused it:\n\n${lines.join("\n")}\n\nFix the draft and publish it again.`,
      });
    }
    return { outcome: "refused", problems: check.problems.length };
  });
  if (result.outcome === "refused") {
    log.warn({ tenantId, pageId: job.pageId, problems: result.problems }, "scheduled page publish refused");
  }
  return result;
}
