// Plans and billing of merchants: what a store's plan allows and how much is used, subscribing and
// managing the subscription, and platform admins' overrides, trials and audit log.
import { z } from "zod";
import { ZUuid } from "./common.ts";
import { FEATURES, QUOTAS, ZBillingStatus, ZPlan } from "./tenants.ts";
export const ZQuota = z.enum(QUOTAS);
export const ZFeature = z.enum(FEATURES);
const ZLimits = z.record(ZQuota, z.number().int().nullable());
const ZFeatures = z.record(ZFeature, z.boolean());

export const ZBilling = z.object({
  plan: ZPlan,
  status: ZBillingStatus,
  trialEndsAt: z.string().nullable(),
  pastDueSince: z.string().nullable(),
  /** When a past-due store is suspended unless paid. */
  graceEndsAt: z.string().nullable(),
  interval: z.enum(["month", "year"]).nullable(),
  currentPeriodEnd: z.string().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  subscribed: z.boolean(),
  override: z.object({ plan: ZPlan, until: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  usage: z.array(z.object({ quota: ZQuota, used: z.number(), limit: z.number().nullable() })),
  features: ZFeatures,
  plans: z.array(
    z.object({
      id: ZPlan,
      limits: ZLimits,
      features: ZFeatures,
      amounts: z.object({ month: z.number().int().nullable(), year: z.number().int().nullable() }),
      purchasable: z.object({ month: z.boolean(), year: z.boolean() }),
    }),
  ),
  stripeConfigured: z.boolean(),
});
export type TBilling = z.infer<typeof ZBilling>;

export const ZBillingCheckoutRequest = z.strictObject({
  plan: z.enum(["growth", "pro"]),
  interval: z.enum(["month", "year"]).default("month"),
});
export const ZBillingCheckoutResponse = z.object({
  /** Stripe Checkout to go to; null when a live subscription changed plan in place. */
  url: z.string().nullable(),
  changed: z.boolean(),
});
export const ZBillingPortalResponse = z.object({ url: z.string() });
export const ZInvoiceList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string().nullable(),
      status: z.string(),
      amountDue: z.number().int(),
      amountPaid: z.number().int(),
      currency: z.string(),
      createdAt: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      hostedUrl: z.string().nullable(),
      pdfUrl: z.string().nullable(),
    }),
  ),
});

export const ZPlanOverrideRequest = z.strictObject({
  plan: ZPlan.nullable().describe("The plan to give whatever Stripe says; null ends an override"),
  until: z.iso.datetime({ offset: true }).nullable().optional().describe("When it ends (default: until removed)"),
  reason: z.string().trim().min(1, "say why").max(500),
});
export const ZExtendTrialRequest = z.strictObject({
  days: z.number().int().min(1).max(365).describe("Days added to the trial (from now if it has ended)"),
  plan: ZPlan.optional().describe("The plan of the trial (default: the trial's own, or growth)"),
  reason: z.string().trim().min(1, "say why").max(500),
});

export type TPlanOverrideRequest = z.infer<typeof ZPlanOverrideRequest>;
export type TExtendTrialRequest = z.infer<typeof ZExtendTrialRequest>;

export const ZBillingTransition = z.object({
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  fromPlan: z.string().nullable(),
  toPlan: z.string(),
  cause: z.string(),
  at: z.string(),
});
export const ZTenantBillingDetail = ZBilling.omit({ plans: true }).extend({
  stripeCustomerId: z.string().nullable(),
  stripeSubscriptionId: z.string().nullable(),
  subscriptionStatus: z.string().nullable(),
  transitions: z.array(ZBillingTransition),
});

export const ZAuditEntry = z.object({
  id: ZUuid,
  actor: z.string(),
  action: z.string(),
  tenantId: ZUuid.nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  at: z.string(),
});
export const ZAuditQuery = z.strictObject({
  tenantId: ZUuid.optional(),
  cursor: ZUuid.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const ZAuditPage = z.object({ items: z.array(ZAuditEntry), nextCursor: ZUuid.nullable() });
