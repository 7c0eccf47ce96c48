// billing.stripe-event: handles one stored Stripe event by reading the store's subscription as
// Stripe holds it now and re-deriving the store's billing state (services/billing/billing-state.ts).
// Idempotent and order-free: the outcome depends on Stripe's current state, not on the event.
import { z } from "zod";
import { stripeClient } from "../integrations/stripe/client.ts";
import { refreshBilling, syncFromStripe } from "../services/billing/billing-state.ts";
import { defineJob } from "./define.ts";

export const stripeEventJob = defineJob({
  name: "billing.stripe-event",
  version: 1,
  payload: z.object({
    eventId: z.string().min(1).max(255),
    type: z.string().max(100),
    subscriptionId: z.string().max(255).nullable(),
  }),
  retry: { attempts: 8, backoffMs: 15_000 },
  handler: async ({ eventId, type, subscriptionId }, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("billing.stripe-event needs a store");
    const stripe = stripeClient(ctx.env);
    if (!stripe) return;
    const out = await syncFromStripe(ctx.db, ctx.env, stripe, tenantId, `stripe ${type} ${eventId}`, {
      subscriptionId,
    });
    await ctx.db.withApp((tx) =>
      tx.stripeEvent.updateMany({ where: { id: eventId, processedAt: null }, data: { processedAt: new Date() } }),
    );
    ctx.log.info({ eventId, type, ...out }, "handled a Stripe event");
  },
});

/** billing.refresh: re-derives a store's state at a time (trial end, grace end, override end). */
export const refreshBillingJob = defineJob({
  name: "billing.refresh",
  version: 1,
  payload: z.object({ at: z.iso.datetime({ offset: true }).optional() }),
  retry: { attempts: 5, backoffMs: 30_000 },
  handler: async ({ at }, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("billing.refresh needs a store");
    const out = await refreshBilling(ctx.db, ctx.env, tenantId, "scheduled check", at ? new Date(at) : new Date());
    ctx.log.info(out, "billing re-derived");
  },
});
