// Periodic platform jobs, written to the outbox by whichever process relays it (the server without
// Redis, else the worker): each period's row has a dedupe key naming the period, so any number of
// processes ticking at once enqueue it once. It writes as the admin role, like the relay: the app
// role may insert platform-level rows but not read them, which a keyed insert needs.
import type { AdminDatabase } from "../db/types.ts";
import type { Env } from "../env.ts";
import { wechatComponentConfig, wechatPayConfig } from "../integrations/wechat/config.ts";
import type { Logger } from "../logger.ts";
import { planCatalog } from "../services/billing/plans.ts";
import { previousChinaDay } from "../services/payments/reconcile-bill.ts";
import { refreshBillingJob } from "./billing-stripe-event.ts";
import { enqueue } from "./outbox.ts";
import { refreshComponentTokenJob } from "./wechat-component-token.ts";
import { reconcileBillsJob } from "./wechatpay-bills.ts";

/** WeChat Pay publishes the previous day's bills at 10:00 China time; ours are asked for after that. */
export const BILL_HOUR_CHINA = 10;

/** Enqueues what is due at `now` (the component token's 10-minute slot, the previous day's bills). */
export async function tick(admin: AdminDatabase, env: Env, now = new Date()): Promise<string[]> {
  const enqueued: string[] = [];
  await admin.withAdmin(async (tx) => {
    if (wechatComponentConfig(env)) {
      const slot = Math.floor(now.getTime() / 600_000);
      await enqueue(tx, refreshComponentTokenJob, {}, { tenantId: null, dedupeKey: `slot:${slot}` });
      enqueued.push(refreshComponentTokenJob.name);
    }
    // Stores whose billing state changes with time: a trial ended, a grace period over, an override ended.
    const graceMs = planCatalog().graceDays * 86_400_000;
    const due = await tx.tenantBilling.findMany({
      where: {
        OR: [
          { status: "trialing", stripeSubscriptionId: null, trialEndsAt: { lte: now } },
          { status: "past_due", pastDueSince: { lte: new Date(now.getTime() - graceMs) } },
          { planOverride: { not: null }, planOverrideUntil: { lte: now } },
        ],
      },
      select: { tenantId: true },
      take: 500,
    });
    const hour = Math.floor(now.getTime() / 3_600_000);
    for (const d of due) {
      await enqueue(
        tx,
        refreshBillingJob,
        { at: now.toISOString() },
        { tenantId: d.tenantId, dedupeKey: `hour:${hour}` },
      );
    }
    if (due.length > 0) enqueued.push(refreshBillingJob.name);
    const chinaHour = new Date(now.getTime() + 8 * 3600_000).getUTCHours();
    if (wechatPayConfig(env) && chinaHour >= BILL_HOUR_CHINA) {
      const billDate = previousChinaDay(now);
      await enqueue(tx, reconcileBillsJob, { billDate }, { tenantId: null, dedupeKey: billDate });
      enqueued.push(reconcileBillsJob.name);
    }
  });
  return enqueued;
}

/** Ticks every minute until stopped. */
export function startScheduler(admin: AdminDatabase, env: Env, log: Logger, everyMs = 60_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = tick(admin, env).catch((err: unknown) => log.warn({ err }, "scheduler tick failed"));
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
