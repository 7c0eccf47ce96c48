// The store behind a storefront request's X-Mallwright-Tenant key: one global lookup (no tenant is set
// yet), kept for a few seconds in the process's tenant cache. Suspension is checked by the caller on
// every request, from the cached status; src/db/tenant-cache.ts says how fresh that is.
import { sql, type TenantReader } from "../../db/read.ts";
import type { StoreTenantRow, TenantCache } from "../../db/tenant-cache.ts";

export function storeTenantQuery(key: string) {
  // A store suspended for billing reads as "billing_suspended" (its own 423 code).
  return sql<StoreTenantRow>`
    SELECT id::text AS id, key, name, plan,
           CASE WHEN status = 'active' AND billing_status = 'suspended' THEN 'billing_suspended' ELSE status END AS status
    FROM tenants WHERE key = ${key}`;
}

async function lookUp(reader: TenantReader, key: string): Promise<StoreTenantRow | null> {
  const [rows] = await reader.readGlobal([storeTenantQuery(key)]);
  return rows[0] ?? null;
}

/** The tenant whose key is `key`, or null. `key` must already be a well-formed tenant key. */
export function findStoreTenant(
  reader: TenantReader,
  cache: TenantCache<StoreTenantRow> | undefined,
  key: string,
): Promise<StoreTenantRow | null> {
  return cache ? cache.get(key, (k) => lookUp(reader, k)) : lookUp(reader, key);
}
