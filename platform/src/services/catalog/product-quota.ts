// The plan's product quota, checked when products are created or restored (services/billing/quota.ts).
// Products in the recycle bin do not count.
import type { Tx } from "../../db/types.ts";
import { assertQuota } from "../billing/quota.ts";

/** Throws 402 plan_limit when `adding` more live products would pass the plan's limit (concurrency-safe). */
export async function assertProductQuota(tx: Tx, tenantId: string, adding: number): Promise<void> {
  await assertQuota(tx, tenantId, "products", adding);
}
