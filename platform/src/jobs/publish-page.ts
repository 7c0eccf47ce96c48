// pages.publish: publishes a page at the time it was scheduled for (services/pages/run-scheduled-publish.ts),
// in its store's scope. Idempotent: it publishes only while the page is still scheduled for that exact
// time, and publishing clears the schedule.
import { ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { runScheduledPublish } from "../services/pages/run-scheduled-publish.ts";
import { defineJob } from "./define.ts";

export const ZPublishPagePayload = z.object({
  pageId: ZUuid,
  /** The scheduled time (ISO 8601), compared with the page's scheduled_at when the job runs. */
  at: z.iso.datetime({ offset: true }),
  /** Who scheduled it: the author of the version. */
  memberId: ZUuid.nullable(),
});
export type TPublishPagePayload = z.infer<typeof ZPublishPagePayload>;

export const publishPageJob = defineJob({
  name: "pages.publish",
  version: 1,
  payload: ZPublishPagePayload,
  retry: { attempts: 5, backoffMs: 30_000 },
  handler: async (payload, ctx) => {
    if (!ctx.tenantId) throw new Error("pages.publish needs a store: the outbox row has no tenant");
    await runScheduledPublish(ctx.db, ctx.env, ctx.log, ctx.tenantId, payload);
  },
});
