// orders.auto-cancel: an unpaid order is cancelled when its payment time is up, and its stock
// returns (a WeChat order is queried and closed first). Written to the outbox with the order, delayed
// to its pay-by time. Idempotent: a paid,
// cancelled or not-yet-due order is left alone, and the cancel is a conditional transition, so a
// second delivery releases nothing twice.
import { ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { autoCancelOrder } from "../services/orders/cancel-order.ts";
import { closeBeforeCancel, wechatPay } from "../services/payments/wechat-pay.ts";
import { defineJob } from "./define.ts";
import { enqueue } from "./outbox.ts";

export const ZAutoCancelPayload = z.object({ orderId: ZUuid });

export const autoCancelOrderJob = defineJob({
  name: "orders.auto-cancel",
  version: 1,
  payload: ZAutoCancelPayload,
  retry: { attempts: 8, backoffMs: 10_000 },
  handler: async (payload, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("orders.auto-cancel needs a store: the outbox row has no tenant");
    // A WeChat order is asked about (the money may be on its way) and closed before stock returns.
    const client = wechatPay(ctx.env);
    if (client) {
      const order = await ctx.db.withTenant(tenantId, (tx) =>
        tx.order.findUnique({ where: { id: payload.orderId }, select: { status: true, payBy: true } }),
      );
      if (order?.status === "pending_payment" && order.payBy.getTime() <= Date.now()) {
        const closed = await closeBeforeCancel(ctx.db, client, tenantId, payload.orderId);
        if (!closed.proceed) {
          // Paid after all; or too young for WeChat to close: again once it may.
          if (closed.retryAt) {
            const at = closed.retryAt;
            await ctx.db.withTenant(tenantId, (tx) =>
              enqueue(tx, autoCancelOrderJob, payload, {
                delayMs: Math.max(0, at.getTime() - Date.now()),
                dedupeKey: `${payload.orderId}@${at.toISOString()}`,
              }),
            );
          }
          return;
        }
      }
    }
    const { dueAt } = await autoCancelOrder(ctx.db, tenantId, payload.orderId);
    // Early (clocks, a long transaction): again at the due time, once (the key names that time).
    if (dueAt) {
      await ctx.db.withTenant(tenantId, (tx) =>
        enqueue(tx, autoCancelOrderJob, payload, {
          delayMs: Math.max(0, dueAt.getTime() - Date.now()) + 2_000,
          dedupeKey: `${payload.orderId}@${dueAt.toISOString()}`,
        }),
      );
    }
  },
});
