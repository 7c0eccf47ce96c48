// The plan's product quota (PLAN_LIMITS.products), checked when products are created or restored.
// Products in the recycle bin do not count.
import { PLAN_LIMITS, ZPlan } from "@mallwright/schema";
import type { Tx } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";

/**
 * Throws 402 quota_exceeded when `adding` more live products would pass the plan's limit. Takes a
 * per-store advisory lock first, so two concurrent creates cannot both squeeze into the last slot.
 */
export async function assertProductQuota(tx: Tx, tenantId: string, adding: number): Promise<void> {
  if (adding <= 0) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`mallwright:products:${tenantId}`}::text, 0))`;
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { plan: true } });
  const plan = ZPlan.parse(tenant.plan);
  const limit = PLAN_LIMITS[plan].products;
  if (limit === null) return;
  const live = await tx.product.count({ where: { deletedAt: null } });
  if (live + adding > limit) {
    throw new ApiError(
      "quota_exceeded",
      `the ${plan} plan allows ${limit} products and the store has ${live}: upgrade the plan, or delete products forever from the recycle bin`,
    );
  }
}
