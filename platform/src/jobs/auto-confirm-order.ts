// orders.auto-confirm: a shipped order the shopper has not confirmed is completed the store's
// auto-confirm days after shipping. Enqueued when the order ships, delayed by that time.
// Idempotent: only a shipped order whose time has come moves (a conditional transition).
import { ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { autoConfirmOrder } from "../services/orders/fulfil-order.ts";
import { defineJob } from "./define.ts";
import { enqueue } from "./outbox.ts";

export const autoConfirmOrderJob = defineJob({
  name: "orders.auto-confirm",
  version: 1,
  payload: z.object({ orderId: ZUuid }),
  retry: { attempts: 8, backoffMs: 60_000 },
  handler: async (payload, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("orders.auto-confirm needs a store: the outbox row has no tenant");
    const { dueAt } = await autoConfirmOrder(ctx.db, tenantId, payload.orderId);
    if (dueAt) {
      await ctx.db.withTenant(tenantId, (tx) =>
        enqueue(tx, autoConfirmOrderJob, payload, {
          delayMs: Math.max(0, dueAt.getTime() - Date.now()) + 2_000,
          dedupeKey: `${payload.orderId}@${dueAt.toISOString()}`,
        }),
      );
    }
  },
});
