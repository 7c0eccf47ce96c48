// The plans merchants pay for: quotas, features, the Stripe price of each interval and the trial.
// Defaults in @mallwright/schema (PLAN_LIMITS, PLAN_FEATURES); the platform may configure its own in
// a JSON file (PLANS_FILE), validated here at boot. The effective plan of a store: an admin's
// override while it lasts, else its subscription's, else its trial's, else free.
import { readFileSync } from "node:fs";
import {
  FEATURES,
  PLAN_FEATURES,
  PLAN_LIMITS,
  PLANS,
  QUOTAS,
  type TFeature,
  type TPlan,
  type TQuota,
} from "@mallwright/schema";
import { z } from "zod";
import type { Env } from "../../env.ts";

export interface PlanSpec {
  id: TPlan;
  limits: Record<TQuota, number | null>;
  features: Record<TFeature, boolean>;
  /** Stripe price ids (null: not sold for that interval, or the free plan). */
  prices: { month: string | null; year: string | null };
  /** Fen per interval, for display (Stripe holds the real prices). */
  amounts: { month: number | null; year: number | null };
}

const ZLimit = z.number().int().min(0).nullable();
const ZPlanOverrides = z.partialRecord(
  z.enum(PLANS),
  z
    .strictObject({
      limits: z.strictObject(Object.fromEntries(QUOTAS.map((q) => [q, ZLimit.optional()]))).optional(),
      features: z.strictObject(Object.fromEntries(FEATURES.map((f) => [f, z.boolean().optional()]))).optional(),
      amounts: z
        .strictObject({
          month: z.number().int().min(0).nullable().optional(),
          year: z.number().int().min(0).nullable().optional(),
        })
        .optional(),
    })
    .optional(),
);

const DEFAULT_AMOUNTS: Record<TPlan, { month: number | null; year: number | null }> = {
  free: { month: null, year: null },
  growth: { month: 9_900, year: 99_000 },
  pro: { month: 29_900, year: 299_000 },
};

export interface PlanCatalog {
  plans: Record<TPlan, PlanSpec>;
  trialDays: number;
  graceDays: number;
  /** The plan a Stripe price id sells, and its interval. */
  byPrice(priceId: string): { plan: TPlan; interval: "month" | "year" } | null;
}

function build(env: Env | null): PlanCatalog {
  let overrides: z.infer<typeof ZPlanOverrides> = {};
  if (env?.PLANS_FILE) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(env.PLANS_FILE, "utf8"));
    } catch {
      throw new Error(`Invalid configuration:\n  PLANS_FILE: cannot read JSON from ${env.PLANS_FILE}`);
    }
    const parsed = ZPlanOverrides.safeParse(raw);
    if (!parsed.success) {
      throw new Error(
        `Invalid configuration:\n  PLANS_FILE: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    }
    overrides = parsed.data;
  }
  const priceIds: Record<TPlan, { month: string | null; year: string | null }> = {
    free: { month: null, year: null },
    growth: { month: env?.STRIPE_PRICE_GROWTH_MONTH ?? null, year: env?.STRIPE_PRICE_GROWTH_YEAR ?? null },
    pro: { month: env?.STRIPE_PRICE_PRO_MONTH ?? null, year: env?.STRIPE_PRICE_PRO_YEAR ?? null },
  };
  const plans = Object.fromEntries(
    PLANS.map((id) => {
      const o = overrides[id];
      const limits = { ...PLAN_LIMITS[id] };
      for (const q of QUOTAS) {
        const v = o?.limits?.[q];
        if (v !== undefined) limits[q] = v;
      }
      const features = { ...PLAN_FEATURES[id] };
      for (const f of FEATURES) {
        const v = o?.features?.[f];
        if (v !== undefined) features[f] = v;
      }
      const spec: PlanSpec = {
        id,
        limits,
        features,
        prices: priceIds[id],
        amounts: {
          month: o?.amounts?.month !== undefined ? o.amounts.month : DEFAULT_AMOUNTS[id].month,
          year: o?.amounts?.year !== undefined ? o.amounts.year : DEFAULT_AMOUNTS[id].year,
        },
      };
      return [id, spec];
    }),
  ) as Record<TPlan, PlanSpec>;
  return {
    plans,
    trialDays: env?.BILLING_TRIAL_DAYS ?? 14,
    graceDays: env?.BILLING_GRACE_DAYS ?? 7,
    byPrice(priceId) {
      for (const p of PLANS) {
        if (plans[p].prices.month === priceId) return { plan: p, interval: "month" };
        if (plans[p].prices.year === priceId) return { plan: p, interval: "year" };
      }
      return null;
    },
  };
}

let current: PlanCatalog = build(null);

/** Reads the platform's plan settings (boot); until then, and in unit code, the defaults. */
export function configurePlans(env: Env): PlanCatalog {
  current = build(env);
  return current;
}

export function planCatalog(): PlanCatalog {
  return current;
}

export function planSpec(plan: TPlan): PlanSpec {
  return current.plans[plan];
}

/** The next plan up that lifts `quota` past `needed`, for "upgrade to …" messages. */
export function upgradeFor(plan: TPlan, quota: TQuota, needed: number): TPlan | null {
  const order = PLANS.indexOf(plan);
  for (const p of PLANS.slice(order + 1)) {
    const limit = current.plans[p].limits[quota];
    if (limit === null || limit >= needed) return p;
  }
  return null;
}
