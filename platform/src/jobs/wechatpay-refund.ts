// payments.wechat-refund asks WeChat Pay for a recorded refund (retried with backoff on timeouts and
// 5xx; the same out_refund_no each time, so WeChat refunds once); payments.wechat-refund-check asks
// about one whose notification has not come. Both apply the answer once (wechat-refunds.ts).
import { ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { wechatPay } from "../services/payments/wechat-pay.ts";
import { checkRefund, REFUND_CHECK_DELAY_MS, requestRefund } from "../services/payments/wechat-refunds.ts";
import { defineJob } from "./define.ts";
import { enqueue } from "./outbox.ts";

export const requestWechatRefundJob = defineJob({
  name: "payments.wechat-refund",
  version: 1,
  payload: z.object({ refundId: ZUuid }),
  retry: { attempts: 8, backoffMs: 15_000 },
  handler: async ({ refundId }, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("payments.wechat-refund needs a store");
    const client = wechatPay(ctx.env);
    if (!client) throw new Error("WeChat Pay is not configured: the refund waits");
    const outcome = await requestRefund(ctx.db, client, tenantId, refundId);
    ctx.log.info({ refundId, outcome }, "asked WeChat Pay for a refund");
  },
});

/** At most this many checks, 5 minutes apart and then doubling. */
const MAX_ROUNDS = 6;

export const checkWechatRefundJob = defineJob({
  name: "payments.wechat-refund-check",
  version: 1,
  payload: z.object({ refundId: ZUuid, round: z.number().int().min(0).max(20) }),
  retry: { attempts: 6, backoffMs: 15_000 },
  handler: async ({ refundId, round }, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("payments.wechat-refund-check needs a store");
    const client = wechatPay(ctx.env);
    if (!client) return;
    const outcome = await checkRefund(ctx.db, client, tenantId, refundId);
    if (outcome !== "processing" || round + 1 >= MAX_ROUNDS) return;
    await ctx.db.withTenant(tenantId, (tx) =>
      enqueue(
        tx,
        checkWechatRefundJob,
        { refundId, round: round + 1 },
        {
          delayMs: REFUND_CHECK_DELAY_MS * 2 ** (round + 1),
          dedupeKey: `${refundId}:${round + 1}`,
        },
      ),
    );
  },
});
