// POST /webhooks/stripe: the signature checked on the raw body (constructEvent, 300 s tolerance),
// the event stored once by its id and routed to its store by customer, then handled by a job that
// reads the subscription as Stripe holds it now (billing-state.ts syncFromStripe) — so repeats and
// events out of order end in the same state. Anything unverified changes nothing.
import { z } from "zod";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { type Stripe, stripeClient, stripeWebhookSecret } from "../../integrations/stripe/client.ts";
import { stripeEventJob } from "../../jobs/billing-stripe-event.ts";
import { enqueue } from "../../jobs/outbox.ts";
import type { Logger } from "../../logger.ts";

export const STRIPE_TOLERANCE_SEC = 300;

/** An id, or an expanded object carrying one. */
const ZRef = z.union([
  z.string(),
  z
    .object({ id: z.string() })
    .loose()
    .transform((o) => o.id),
]);
/** What every event's object may say about its customer and subscription (checked, nothing assumed). */
const ZEventObject = z
  .object({
    id: z.string().optional(),
    customer: ZRef.nullish(),
    subscription: ZRef.nullish(),
    parent: z
      .object({ subscription_details: z.object({ subscription: ZRef.nullish() }).loose().nullish() })
      .loose()
      .nullish(),
  })
  .loose();

/** The customer and subscription an event is about, read from its object whatever its type. */
export function refsOf(event: Stripe.Event): {
  customer: string | null;
  subscription: string | null;
  objectId: string | null;
} {
  const o = ZEventObject.safeParse(event.data.object);
  if (!o.success) return { customer: null, subscription: null, objectId: null };
  const { id, customer, subscription, parent } = o.data;
  return {
    customer: customer ?? null,
    subscription: event.type.startsWith("customer.subscription.")
      ? (id ?? null)
      : (subscription ?? parent?.subscription_details?.subscription ?? null),
    objectId: id ?? null,
  };
}

export async function receiveStripeWebhook(
  deps: { db: Database; env: Env; log: Logger },
  raw: string,
  signature: string | undefined,
): Promise<{ received: true; duplicate: boolean }> {
  const { db, env, log } = deps;
  const stripe = stripeClient(env);
  const secret = stripeWebhookSecret(env);
  if (!stripe || !secret) throw new ApiError("not_found", "Stripe is not configured here");
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(raw, signature ?? "", secret, STRIPE_TOLERANCE_SEC);
  } catch {
    log.warn({ probe: "stripe.webhook", signed: Boolean(signature) }, "Stripe webhook refused");
    throw new ApiError("bad_request", "the Stripe-Signature does not verify (or is too old)");
  }
  const refs = refsOf(event);
  const rows = refs.customer
    ? await db.withApp(
        (tx) =>
          tx.$queryRaw<{ id: string | null }[]>`SELECT mw_tenant_by_stripe_customer(${refs.customer})::text AS id`,
      )
    : [];
  const tenantId = rows[0]?.id ?? null;
  const store = async (tx: Parameters<Parameters<Database["withApp"]>[0]>[0]) =>
    tx.$executeRaw`
      INSERT INTO stripe_events (id, type, target_tenant_id, object_id)
      VALUES (${event.id}, ${event.type}, ${tenantId}::uuid, ${refs.objectId})
      ON CONFLICT (id) DO NOTHING`;
  if (!tenantId) {
    const inserted = await db.withApp(store);
    log.info({ event: event.type, eventId: event.id }, "Stripe event for no store of ours");
    return { received: true, duplicate: inserted === 0 };
  }
  const inserted = await db.withTenant(tenantId, async (tx) => {
    const n = await store(tx);
    if (n === 1) {
      await enqueue(
        tx,
        stripeEventJob,
        { eventId: event.id, type: event.type, subscriptionId: refs.subscription },
        { dedupeKey: event.id },
      );
    }
    return n;
  });
  return { received: true, duplicate: inserted === 0 };
}
