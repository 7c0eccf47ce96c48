// Billing as the API answers it, for the billing tests: parsed by the API's own schemas, so a fixture
// that drifts from the API fails here rather than passing on a wrong shape.
import { PLAN_FEATURES, PLAN_LIMITS, PLANS, type TBilling, ZBilling, ZTenantBillingDetail } from "@mallwright/schema";
import type { z } from "zod";

const MB = 1024 * 1024;
const DAY = 86_400_000;

export const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

const AMOUNTS = {
  free: { month: null, year: null },
  growth: { month: 9_900, year: 99_000 },
  pro: { month: 29_900, year: 299_000 },
};

/** A store on free, active, with Stripe configured; `over` changes any part. */
export function billing(over: Partial<TBilling> = {}): TBilling {
  const plan = over.plan ?? "free";
  return ZBilling.parse({
    plan,
    status: "active",
    trialEndsAt: null,
    pastDueSince: null,
    graceEndsAt: null,
    interval: null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    subscribed: false,
    override: null,
    usage: [
      { quota: "products", used: 12, limit: PLAN_LIMITS[plan].products },
      { quota: "pages", used: 4, limit: PLAN_LIMITS[plan].pages },
      { quota: "staff", used: 2, limit: PLAN_LIMITS[plan].staff },
      { quota: "mediaBytes", used: 120 * MB, limit: PLAN_LIMITS[plan].mediaBytes },
      { quota: "ordersPerMonth", used: 37, limit: PLAN_LIMITS[plan].ordersPerMonth },
    ],
    features: PLAN_FEATURES[plan],
    plans: PLANS.map((id) => ({
      id,
      limits: PLAN_LIMITS[id],
      features: PLAN_FEATURES[id],
      amounts: AMOUNTS[id],
      purchasable: { month: id !== "free", year: id !== "free" },
    })),
    stripeConfigured: true,
    ...over,
  });
}

export type TenantBillingDetail = z.infer<typeof ZTenantBillingDetail>;

export function tenantBilling(over: Partial<TenantBillingDetail> = {}): TenantBillingDetail {
  const { plans: _plans, ...summary } = billing({ plan: over.plan ?? "growth", status: over.status ?? "trialing" });
  return ZTenantBillingDetail.parse({
    ...summary,
    trialEndsAt: inDays(10),
    stripeCustomerId: "cus_Q1w2e3r4",
    stripeSubscriptionId: null,
    subscriptionStatus: null,
    transitions: [
      {
        fromStatus: null,
        toStatus: "trialing",
        fromPlan: null,
        toPlan: "growth",
        cause: "provisioned with a 14-day trial",
        at: "2025-01-01T00:00:00.000Z",
      },
    ],
    ...over,
  });
}
