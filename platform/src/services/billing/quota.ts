// Plan quotas, checked in the services at the moment something is created: products, pages, staff
// seats (members + open invitations), media storage and orders per month. Over the limit: 402
// plan_limit naming the quota, the usage and the plan to upgrade to. Each check takes a per-store,
// per-quota advisory lock first, so concurrent creations cannot squeeze past the limit together.
// A store that downgrades keeps everything it has; only new creation past the quota stops.
import { type TPlan, type TQuota, ZPlan } from "@mallwright/schema";
import type { Tx } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";
import { mediaTotals } from "../media/media-quota.ts";
import { planSpec, upgradeFor } from "./plans.ts";

const LABEL: Record<TQuota, { en: string; zh: string }> = {
  products: { en: "products", zh: "商品" },
  pages: { en: "pages", zh: "页面" },
  staff: { en: "staff seats", zh: "员工席位" },
  mediaBytes: { en: "media storage", zh: "素材存储" },
  ordersPerMonth: { en: "orders this month", zh: "本月订单" },
};

const fmt = (quota: TQuota, n: number) =>
  quota === "mediaBytes" ? `${(n / 1024 / 1024).toFixed(1)} MB` : n.toLocaleString("en-US");

/** The store's effective plan (tenants.plan mirrors it: services/billing/billing-state.ts). */
export async function planOf(tx: Tx, tenantId: string): Promise<TPlan> {
  const t = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { plan: true } });
  return ZPlan.safeParse(t.plan).data ?? "free";
}

/** How much of `quota` the transaction's store uses now. */
export async function usageOf(tx: Tx, tenantId: string, quota: TQuota): Promise<number> {
  switch (quota) {
    case "products":
      return tx.product.count({ where: { deletedAt: null } });
    case "pages":
      return tx.page.count();
    case "staff": {
      const [members, invites] = await Promise.all([
        tx.membership.count(),
        tx.staffInvite.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
      ]);
      return members + invites;
    }
    case "mediaBytes":
      return (await mediaTotals(tx, tenantId)).bytes;
    case "ordersPerMonth": {
      const [row] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM orders
        WHERE created_at >= (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')`;
      return row?.n ?? 0;
    }
  }
}

export function planLimitError(plan: TPlan, quota: TQuota, limit: number, used: number, adding: number): ApiError {
  const next = upgradeFor(plan, quota, used + adding);
  const label = LABEL[quota];
  return new ApiError(
    "plan_limit",
    `the ${plan} plan allows ${fmt(quota, limit)} ${label.en} and the store has ${fmt(quota, used)}${
      next ? `: upgrade to ${next} in Settings > Billing (设置 > 套餐与账单)` : ""
    }`,
    [
      { path: `quota.${quota}`, message: `${fmt(quota, used)} of ${fmt(quota, limit)} ${label.zh}已用` },
      ...(next ? [{ path: "upgrade", message: next }] : []),
    ],
  );
}

/**
 * Throws 402 plan_limit when `adding` more of `quota` would pass the store's plan. Call it in the
 * transaction that creates the thing, before creating it.
 */
export async function assertQuota(tx: Tx, tenantId: string, quota: TQuota, adding = 1): Promise<void> {
  if (adding <= 0) return;
  const plan = await planOf(tx, tenantId);
  const limit = planSpec(plan).limits[quota];
  if (limit === null) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`mallwright:quota:${quota}:${tenantId}`}::text, 0))`;
  const used = await usageOf(tx, tenantId, quota);
  if (used + adding > limit) throw planLimitError(plan, quota, limit, used, adding);
}

/** Whether the store's plan has `feature`; else 402 plan_limit naming the plan that has it. */
export async function assertFeature(
  tx: Tx,
  tenantId: string,
  feature: "removeBranding" | "scheduledPublish" | "csvImport",
): Promise<void> {
  const plan = await planOf(tx, tenantId);
  if (planSpec(plan).features[feature]) return;
  const label = {
    removeBranding: "removing the platform's branding",
    scheduledPublish: "scheduled publishing",
    csvImport: "CSV import",
  }[feature];
  const with_ = (["growth", "pro"] as const).find((p) => planSpec(p).features[feature]);
  throw new ApiError(
    "plan_limit",
    `the ${plan} plan does not include ${label}${with_ ? `: upgrade to ${with_}` : ""}`,
    [
      { path: `feature.${feature}`, message: "not in this plan" },
      ...(with_ ? [{ path: "upgrade", message: with_ }] : []),
    ],
  );
}
