// What every request carries through the middleware chain: its id, logger and who is calling.

import type { TTenantRole } from "@mallwright/schema";
import type { Permission } from "../auth/permissions.ts";
import type { TenantReader } from "../db/read.ts";
import type { StoreTenantRow, TenantCache } from "../db/tenant-cache.ts";
import type { AdminDatabase, Database } from "../db/types.ts";
import type { Env } from "../env.ts";
import type { Storage } from "../integrations/storage/index.ts";
import type { Logger } from "../logger.ts";
import type { PendingShopperSession } from "../services/shoppers/find-shopper-session.ts";
import type { PageCache } from "../services/storefront/page-cache.ts";

/** Everything a route needs from outside: built once by the server, the CLI or a test. */
export interface AppDeps {
  env: Env;
  log: Logger;
  db: Database;
  /** The storefront's read path (src/db/read.ts): one cheap transaction per request, no Prisma. */
  reader: TenantReader;
  /** Store key -> tenant for a few seconds (src/db/tenant-cache.ts); without it every store request looks it up. */
  tenantCache?: TenantCache<StoreTenantRow>;
  /**
   * Hydrated store pages (src/services/storefront/page-cache.ts); unset: the process's one cache,
   * which publishes and catalog changes invalidate. The benchmark's cold case passes `new PageCache(0)`.
   */
  pageCache?: PageCache;
  /** Cross-tenant access: platform routes and webhook routing only (see src/db/admin-imports.test.ts). */
  admin: AdminDatabase;
  /** Media files: a local folder or S3-compatible storage. */
  storage: Storage;
  /** Reports the database and migrations state for /readyz. */
  readiness: () => Promise<{ ok: boolean; detail: string }>;
  /** Nudges the outbox relay after a commit that wrote jobs (in-process mode); optional. */
  kickOutbox?: () => void;
  /** Extra sub-apps (the queue dashboard) mounted under /platform/v1 behind admin auth. */
  platformExtras?: { path: string; app: import("hono").Hono }[];
}

export interface PlatformPrincipal {
  kind: "platform";
  sessionId: string;
  userId: string;
}

export interface MerchantPrincipal {
  kind: "merchant";
  sessionId: string;
  userId: string;
  tenantId: string;
  membershipId: string;
  role: TTenantRole;
  permissions: ReadonlySet<Permission>;
}

/** A signed-in shopper of the request's store (requireShopper). */
export interface ShopperPrincipal {
  kind: "shopper";
  tenantId: string;
  sessionId: string;
  shopperId: string;
}

export interface StoreTenant {
  id: string;
  key: string;
  name: string;
  plan: string;
}

/**
 * The request's logger (bound to its id). Built on demand: a child logger per request costs a
 * noticeable share of a cached storefront read, and most requests only log their one line.
 */
export function requestLog(c: { get(key: "deps"): AppDeps; get(key: "requestId"): string }): Logger {
  return c.get("deps").log.child({ requestId: c.get("requestId") });
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    platform: PlatformPrincipal;
    merchant: MerchantPrincipal;
    storeTenant: StoreTenant;
    shopper: ShopperPrincipal;
    /** A shopper's token whose session the handler looks up itself (requireShopperToken). */
    shopperToken: PendingShopperSession;
  };
}
