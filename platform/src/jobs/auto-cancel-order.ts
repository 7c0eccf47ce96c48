// orders.auto-cancel: an unpaid order is cancelled when its payment time is up, and its stock
// returns. Written to the outbox with the order, delayed to its pay-by time. Idempotent: a paid,
// cancelled or not-yet-due order is left alone, and the cancel is a conditional transition, so a
// second delivery releases nothing twice.
import { ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { autoCancelOrder } from "../services/orders/cancel-order.ts";
import { defineJob } from "./define.ts";

export const ZAutoCancelPayload = z.object({ orderId: ZUuid });

export const autoCancelOrderJob = defineJob({
  name: "orders.auto-cancel",
  version: 1,
  payload: ZAutoCancelPayload,
  retry: { attempts: 8, backoffMs: 10_000 },
  handler: async (payload, ctx) => {
    if (!ctx.tenantId) throw new Error("orders.auto-cancel needs a store: the outbox row has no tenant");
    await autoCancelOrder(ctx.db, ctx.tenantId, payload.orderId);
  },
});
