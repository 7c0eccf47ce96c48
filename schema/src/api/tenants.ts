// Tenants as platform admins see them: provisioning, listing, suspension.
import { z } from "zod";
import { ZDisplayName, ZEmail, ZPage, ZPageQuery, ZUuid } from "./common.ts";

/** Words a tenant key may not be: they collide with routes, hosts or support channels. */
export const RESERVED_TENANT_KEYS = [
  "admin",
  "api",
  "app",
  "assets",
  "auth",
  "billing",
  "cdn",
  "dashboard",
  "demo-admin",
  "docs",
  "help",
  "login",
  "mail",
  "mallwright",
  "merchant",
  "platform",
  "root",
  "static",
  "status",
  "store",
  "support",
  "system",
  "webhooks",
  "www",
] as const;

export const ZTenantKey = z
  .string()
  .trim()
  .min(3, "must be 3 to 32 characters")
  .max(32, "must be 3 to 32 characters")
  .regex(
    /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/,
    "must be lowercase letters, digits and single hyphens, starting with a letter",
  )
  .refine((k) => !(RESERVED_TENANT_KEYS as readonly string[]).includes(k), "is a reserved word");

export const PLANS = ["free", "growth", "pro"] as const;
export const ZPlan = z.enum(PLANS);
export type TPlan = z.infer<typeof ZPlan>;
export const TENANT_STATUSES = ["active", "suspended"] as const;
/** The store's billing: trialing -> active; past_due (grace), then suspended; canceled: back on free. */
export const ZBillingStatus = z.enum(["trialing", "active", "past_due", "suspended", "canceled"]);
export type TBillingStatus = z.infer<typeof ZBillingStatus>;
export const ZTenantStatus = z.enum(TENANT_STATUSES);
export const ZTemplateName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, "must be a template folder name");

export const ZCreateTenantRequest = z.strictObject({
  name: ZDisplayName,
  key: ZTenantKey,
  ownerEmail: ZEmail,
  plan: ZPlan.default("free"),
  template: ZTemplateName.optional(),
});
export type TCreateTenantRequest = z.infer<typeof ZCreateTenantRequest>;

export const ZUpdateTenantRequest = z
  .strictObject({ name: ZDisplayName.optional(), plan: ZPlan.optional() })
  .refine((v) => v.name !== undefined || v.plan !== undefined, "name or plan is required");
export type TUpdateTenantRequest = z.infer<typeof ZUpdateTenantRequest>;

export const ZSuspendTenantRequest = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
});

export const ZTenant = z.object({
  id: ZUuid,
  key: z.string(),
  name: z.string(),
  plan: ZPlan,
  status: ZTenantStatus,
  billingStatus: ZBillingStatus,
  template: z.string().nullable(),
  suspendedAt: z.string().nullable(),
  suspendReason: z.string().nullable(),
  createdAt: z.string(),
  /** In lists: what the store uses now (orders: this month, China time). */
  usage: z
    .object({
      products: z.number().int(),
      pages: z.number().int(),
      staff: z.number().int(),
      ordersThisMonth: z.number().int(),
    })
    .optional(),
});
export type TTenant = z.infer<typeof ZTenant>;

export const ZListTenantsQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: ZTenantStatus.optional(),
  plan: ZPlan.optional(),
  billingStatus: ZBillingStatus.optional(),
  sort: z.enum(["createdAt", "-createdAt", "key", "-key"]).default("-createdAt"),
});
export type TListTenantsQuery = z.infer<typeof ZListTenantsQuery>;

export const ZTenantPage = ZPage(ZTenant);

export const ZProvisionTenantResponse = z.object({
  tenant: ZTenant,
  owner: z.object({
    email: z.string(),
    /** Link the owner follows to set a password; only when the owner had no account yet. */
    inviteUrl: z.string().nullable(),
  }),
});
export type TProvisionTenantResponse = z.infer<typeof ZProvisionTenantResponse>;

/** The quotas a plan sets; each enforced where the thing is created (null = unlimited). */
export const QUOTAS = ["products", "pages", "staff", "mediaBytes", "ordersPerMonth"] as const;
export type TQuota = (typeof QUOTAS)[number];
/** The features a plan switches on. */
export const FEATURES = ["removeBranding", "scheduledPublish", "csvImport"] as const;
export type TFeature = (typeof FEATURES)[number];

/**
 * What each plan includes by default (the platform may configure its own: PLANS_FILE). `staff` counts
 * members and open invitations, the owner included.
 */
export const PLAN_LIMITS: Record<(typeof PLANS)[number], Record<TQuota, number | null>> = {
  free: { products: 100, pages: 10, staff: 3, mediaBytes: 500 * 1024 * 1024, ordersPerMonth: 500 },
  growth: { products: 5_000, pages: 50, staff: 10, mediaBytes: 10 * 1024 * 1024 * 1024, ordersPerMonth: 20_000 },
  pro: { products: null, pages: null, staff: null, mediaBytes: null, ordersPerMonth: null },
};
export const PLAN_FEATURES: Record<(typeof PLANS)[number], Record<TFeature, boolean>> = {
  free: { removeBranding: false, scheduledPublish: false, csvImport: false },
  growth: { removeBranding: false, scheduledPublish: true, csvImport: true },
  pro: { removeBranding: true, scheduledPublish: true, csvImport: true },
};
