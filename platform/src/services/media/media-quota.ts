// Per-tenant media usage (originals plus variants) against the plan's quota.
import { ZPlan } from "@mallwright/schema";
import type { Tx } from "../../db/types.ts";
import { planSpec } from "../billing/plans.ts";
import { planLimitError } from "../billing/quota.ts";

export interface MediaUsageTotals {
  bytes: number;
  count: number;
  quotaBytes: number | null;
  /** For the quota's message; not part of the API's usage. */
  plan: "free" | "growth" | "pro";
}

/** Usage of the transaction's tenant. Variant sizes live in `variants` JSON, so they are summed there. */
export async function mediaTotals(tx: Tx, tenantId: string): Promise<MediaUsageTotals> {
  const [row] = await tx.$queryRaw<{ count: number; bytes: bigint }[]>`
    SELECT count(*)::int AS count,
           coalesce(sum(m.bytes + coalesce(
             (SELECT sum((v.value ->> 'bytes')::bigint) FROM jsonb_each(m.variants) AS v), 0)), 0)::bigint AS bytes
      FROM media m
     WHERE m.tenant_id = ${tenantId}::uuid`;
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { plan: true } });
  const plan = ZPlan.safeParse(tenant.plan).data ?? "free";
  return { count: row?.count ?? 0, bytes: Number(row?.bytes ?? 0), quotaBytes: planSpec(plan).limits.mediaBytes, plan };
}

/** 402 plan_limit unless `adding` more bytes fit in the tenant's plan. */
export function assertFits(totals: MediaUsageTotals, adding: number): void {
  if (totals.quotaBytes === null || totals.bytes + adding <= totals.quotaBytes) return;
  throw planLimitError(totals.plan, "mediaBytes", totals.quotaBytes, totals.bytes, adding);
}

/**
 * Serialises uploads of one tenant for the rest of the transaction, so two uploads cannot both
 * pass the quota check on the same remaining space.
 */
export async function lockTenantMedia(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`media-quota:${tenantId}`}, 0))`;
}
