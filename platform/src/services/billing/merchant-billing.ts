// What a store sees and does about its plan: usage against limits, the plans on offer, Checkout to
// subscribe (a store with a live subscription changes plan in place, prorated), the Billing Portal
// for card, invoices and cancellation, and its invoices.
import { PLANS, QUOTAS, type TBilling, type TQuota, ZBillingStatus, ZPlan } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { type Stripe, stripeClient } from "../../integrations/stripe/client.ts";
import { graceEndsAt, syncFromStripe } from "./billing-state.ts";
import { planCatalog, planSpec } from "./plans.ts";
import { planOf, usageOf } from "./quota.ts";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function billingSummary(db: Database, env: Env, tenantId: string): Promise<TBilling> {
  return db.withTenant(tenantId, async (tx) => {
    const plan = await planOf(tx, tenantId);
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { billingStatus: true } });
    const b = await tx.tenantBilling.findUnique({ where: { tenantId } });
    const usage = Object.fromEntries(
      await Promise.all(QUOTAS.map(async (q) => [q, await usageOf(tx, tenantId, q)] as const)),
    ) as Record<TQuota, number>;
    const spec = planSpec(plan);
    const status = tenant.billingStatus;
    return {
      plan,
      status: ZBillingStatus.safeParse(status).data ?? "active",
      trialEndsAt:
        status === "trialing" ? iso(b?.subscriptionStatus === "trialing" ? b.currentPeriodEnd : b?.trialEndsAt) : null,
      pastDueSince: iso(b?.pastDueSince),
      graceEndsAt: b?.pastDueSince ? iso(graceEndsAt(b)) : null,
      interval: b?.billingInterval === "month" || b?.billingInterval === "year" ? b.billingInterval : null,
      currentPeriodEnd: iso(b?.currentPeriodEnd),
      cancelAtPeriodEnd: b?.cancelAtPeriodEnd ?? false,
      subscribed: Boolean(b?.stripeSubscriptionId && b.subscriptionStatus !== "canceled"),
      override:
        b?.planOverride && (!b.planOverrideUntil || b.planOverrideUntil > new Date())
          ? {
              plan: ZPlan.safeParse(b.planOverride).data ?? "free",
              until: iso(b.planOverrideUntil),
              reason: b.planOverrideReason,
            }
          : null,
      usage: QUOTAS.map((q) => ({ quota: q, used: usage[q], limit: spec.limits[q] })),
      features: spec.features,
      plans: PLANS.map((p) => {
        const s = planSpec(p);
        return {
          id: p,
          limits: s.limits,
          features: s.features,
          amounts: s.amounts,
          purchasable: { month: Boolean(s.prices.month), year: Boolean(s.prices.year) },
        };
      }),
      stripeConfigured: Boolean(stripeClient(env)),
    };
  });
}

function requireStripe(env: Env): Stripe {
  const stripe = stripeClient(env);
  if (!stripe)
    throw new ApiError(
      "unavailable",
      "online billing is not set up on this platform: ask the platform operator to change your plan",
    );
  return stripe;
}

async function ensureCustomer(db: Database, stripe: Stripe, tenantId: string): Promise<string> {
  const known = await db.withTenant(tenantId, async (tx) => {
    const b = await tx.tenantBilling.findUnique({ where: { tenantId } });
    const t = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, key: true } });
    const owner = await tx.membership.findFirst({
      where: { tenantId, role: "owner" },
      include: { user: { select: { email: true } } },
    });
    return { customer: b?.stripeCustomerId ?? null, name: t.name, key: t.key, email: owner?.user.email };
  });
  if (known.customer) return known.customer;
  const created = await stripe.customers.create(
    {
      name: known.name,
      ...(known.email ? { email: known.email } : {}),
      metadata: { tenant_id: tenantId, tenant_key: known.key },
    },
    // Two clicks at once make one customer.
    { idempotencyKey: `mallwright-customer-${tenantId}` },
  );
  await db.withTenant(tenantId, (tx) =>
    tx.tenantBilling.upsert({
      where: { tenantId },
      create: { tenantId, stripeCustomerId: created.id },
      update: { stripeCustomerId: created.id },
    }),
  );
  return created.id;
}

/** Subscribe (Checkout) or, with a live subscription, change its plan in place. */
export async function startCheckout(
  db: Database,
  env: Env,
  tenantId: string,
  input: { plan: "growth" | "pro"; interval: "month" | "year" },
): Promise<{ url: string | null; changed: boolean }> {
  const stripe = requireStripe(env);
  const price = planCatalog().plans[input.plan].prices[input.interval];
  if (!price) {
    throw new ApiError(
      "validation_failed",
      `the ${input.plan} plan is not sold ${input.interval === "month" ? "monthly" : "yearly"}`,
      [{ path: "interval", message: "no price", in: "body" }],
    );
  }
  const customer = await ensureCustomer(db, stripe, tenantId);
  const billing = await db.withTenant(tenantId, (tx) => tx.tenantBilling.findUniqueOrThrow({ where: { tenantId } }));
  const live =
    billing.stripeSubscriptionId &&
    !["canceled", "incomplete_expired"].includes(billing.subscriptionStatus ?? "canceled");
  if (live && billing.stripeSubscriptionId) {
    const sub = await stripe.subscriptions.retrieve(billing.stripeSubscriptionId);
    const item = sub.items.data[0];
    if (!item) throw new ApiError("conflict", "the subscription has no plan to change");
    if (item.price.id === price) throw new ApiError("conflict", `the store is on the ${input.plan} plan already`);
    await stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, price }],
      proration_behavior: "create_prorations",
      metadata: { tenant_id: tenantId },
    });
    await syncFromStripe(db, env, stripe, tenantId, `plan change to ${input.plan}`);
    return { url: null, changed: true };
  }
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: tenantId,
    line_items: [{ price, quantity: 1 }],
    success_url: `${env.publicUrl}/billing?checkout=success`,
    cancel_url: `${env.publicUrl}/billing?checkout=cancelled`,
    metadata: { tenant_id: tenantId, plan: input.plan },
    subscription_data: { metadata: { tenant_id: tenantId } },
  });
  if (!session.url) throw new ApiError("unavailable", "Stripe did not give a checkout link; try again");
  return { url: session.url, changed: false };
}

export async function portalSession(db: Database, env: Env, tenantId: string): Promise<{ url: string }> {
  const stripe = requireStripe(env);
  const customer = await ensureCustomer(db, stripe, tenantId);
  const s = await stripe.billingPortal.sessions.create({ customer, return_url: `${env.publicUrl}/billing` });
  return { url: s.url };
}

export async function listInvoices(db: Database, env: Env, tenantId: string) {
  const stripe = stripeClient(env);
  const billing = await db.withTenant(tenantId, (tx) => tx.tenantBilling.findUnique({ where: { tenantId } }));
  if (!stripe || !billing?.stripeCustomerId) return { items: [] };
  const list = await stripe.invoices.list({ customer: billing.stripeCustomerId, limit: 24 });
  return {
    items: list.data.map((i) => ({
      id: i.id ?? "",
      number: i.number ?? null,
      status: i.status ?? "draft",
      amountDue: i.amount_due,
      amountPaid: i.amount_paid,
      currency: i.currency,
      createdAt: new Date(i.created * 1000).toISOString(),
      periodStart: new Date(i.period_start * 1000).toISOString(),
      periodEnd: new Date(i.period_end * 1000).toISOString(),
      hostedUrl: i.hosted_invoice_url ?? null,
      pdfUrl: i.invoice_pdf ?? null,
    })),
  };
}
