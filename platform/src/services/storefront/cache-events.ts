// Telling the store read path that a tenant's pages, settings or catalog changed, so cached hydrated
// pages (services/storefront/page-cache.ts) are dropped: in this process at once, in every other
// process through PostgreSQL NOTIFY on channel `mallwright_cache` (payload: the tenant id; or
// `session:<id>`, a shopper's sign-out, for services/shoppers/session-cache.ts).
// pg_notify runs inside the change's own transaction, so the notification is delivered only if,
// and when, it commits. Each process LISTENs (startCacheListener) and drops that tenant's entries.
// The local drop happens before the commit; a read racing it could keep pre-commit data, which the
// notification (this process hears its own) drops again right after the commit. Embedded PGlite
// runs one transaction at a time, so no read can fall between the drop and the commit there.
import postgres from "postgres";
import type { Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import type { Logger } from "../../logger.ts";
import { SESSION_NOTICE_PREFIX, shopperSessionCache } from "../shoppers/session-cache.ts";
import { storePageCache } from "./page-cache.ts";

export const CACHE_CHANNEL = "mallwright_cache";

let heard = 0;
/** How many notifications this process's listeners have received (tests wait on it). */
export const cacheNotificationsHeard = () => heard;

/** Call inside the transaction that changes a tenant's catalog, pages or store settings. */
export async function notifyCatalogChanged(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${tenantId})`;
  storePageCache.invalidateTenant(tenantId);
}

/**
 * LISTENs on `mallwright_cache` over its own connection (PostgreSQL only; embedded mode is one
 * process) and drops the named tenant's cached pages. On a reconnect everything is dropped, since
 * notifications sent while the connection was down are lost. Returns the function that stops it.
 */
export async function startCacheListener(env: Env, log: Logger): Promise<() => Promise<void>> {
  if (!env.DATABASE_URL) return async () => {};
  const sql = postgres(env.DATABASE_URL, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: "mallwright-cache-listener" },
  });
  let listening = false;
  await sql.listen(
    CACHE_CHANNEL,
    (payload) => {
      heard++;
      if (payload.startsWith(SESSION_NOTICE_PREFIX)) {
        shopperSessionCache.dropSession(payload.slice(SESSION_NOTICE_PREFIX.length));
      } else {
        storePageCache.invalidateTenant(payload);
      }
    },
    () => {
      if (listening) {
        log.warn("cache listener reconnected: dropping every cached store page and shopper session");
        storePageCache.clear();
        shopperSessionCache.clear();
      }
      listening = true;
    },
  );
  return async () => {
    await sql.end({ timeout: 5 });
  };
}
