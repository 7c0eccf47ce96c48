// payments.wechat-check: asks WeChat Pay about an order's payment when its notification has not come
// (a minute after the prepay, then 3, 10 and 30 minutes, while the order is unpaid and payable) and
// applies the answer once (services/payments/wechat-pay.ts applyTransaction). Idempotent: applying
// the same SUCCESS again finds the payment recorded and changes nothing.
import { ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { CHECK_DELAYS_MS, checkPayment, closeBeforeCancel, wechatPay } from "../services/payments/wechat-pay.ts";
import { defineJob } from "./define.ts";
import { enqueue } from "./outbox.ts";

export const checkWechatPaymentJob = defineJob({
  name: "payments.wechat-check",
  version: 1,
  payload: z.object({ orderId: ZUuid, round: z.number().int().min(0).max(20) }),
  retry: { attempts: 6, backoffMs: 10_000 },
  handler: async ({ orderId, round }, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("payments.wechat-check needs a store");
    const client = wechatPay(ctx.env);
    if (!client) return;
    const outcome = await checkPayment(ctx.db, client, tenantId, orderId);
    ctx.log.info({ orderId, round, outcome }, "asked WeChat Pay about a payment");
    if (outcome !== "not_paid") return;
    const next = CHECK_DELAYS_MS[round + 1];
    if (next === undefined) return;
    await ctx.db.withTenant(tenantId, async (tx) => {
      const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true, payBy: true } });
      // Past the pay-by time the payment timeout asks (and closes) instead.
      if (order?.status !== "pending_payment" || order.payBy.getTime() < Date.now() + next) return;
      await enqueue(
        tx,
        checkWechatPaymentJob,
        { orderId, round: round + 1 },
        { delayMs: next, dedupeKey: `${orderId}:${round + 1}` },
      );
    });
  },
});

/** payments.wechat-close: closes the WeChat order of an order cancelled by its shopper or staff. */
export const closeWechatOrderJob = defineJob({
  name: "payments.wechat-close",
  version: 1,
  payload: z.object({ orderId: ZUuid }),
  retry: { attempts: 8, backoffMs: 30_000 },
  handler: async ({ orderId }, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("payments.wechat-close needs a store");
    const client = wechatPay(ctx.env);
    if (!client) return;
    const r = await closeBeforeCancel(ctx.db, client, tenantId, orderId);
    if (!r.proceed && r.retryAt) {
      const retryAt = r.retryAt;
      await ctx.db.withTenant(tenantId, (tx) =>
        enqueue(
          tx,
          closeWechatOrderJob,
          { orderId },
          {
            delayMs: Math.max(0, retryAt.getTime() - Date.now()),
            dedupeKey: `${orderId}@${retryAt.toISOString()}`,
          },
        ),
      );
    }
  },
});
