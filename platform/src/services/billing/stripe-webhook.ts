// POST /webhooks/stripe: the signature checked on the raw body (constructEvent, 300 s tolerance),
// the event stored once by its id and routed to its store by customer, then handled by a job that
// reads the subscription as Stripe holds it now (billing-state.ts syncFromStripe) — so repeats and
// events out of order end in the same state. Anything unverified changes nothing.
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { type Stripe, stripeClient, stripeWebhookSecret } from "../../integrations/stripe/client.ts";
import { stripeEventJob } from "../../jobs/billing-stripe-event.ts";
import { enqueue } from "../../jobs/outbox.ts";
import type { Logger } from "../../logger.ts";

export const STRIPE_TOLERANCE_SEC = 300;

/** The customer and subscription an event is about, read from its object whatever its type. */
export function refsOf(event: Stripe.Event): {
  customer: string | null;
  subscription: string | null;
  objectId: string | null;
} {
  const o: unknown = event.data.object;
  if (typeof o !== "object" || o === null) return { customer: null, subscription: null, objectId: null };
  const rec = o as Record<string, unknown>;
  const str = (v: unknown) =>
    typeof v === "string"
      ? v
      : typeof v === "object" && v && typeof (v as { id?: unknown }).id === "string"
        ? String((v as { id: string }).id)
        : null;
  let subscription: string | null = null;
  if (event.type.startsWith("customer.subscription.")) subscription = str(rec.id);
  else if (rec.subscription) subscription = str(rec.subscription);
  else {
    const parent = rec.parent as { subscription_details?: { subscription?: unknown } } | undefined;
    subscription = str(parent?.subscription_details?.subscription);
  }
  return { customer: str(rec.customer), subscription, objectId: str(rec.id) };
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
