// The shopper behind a session token, looked up in the store's own sessions on the read path (one
// statement), or from this process's recent lookups (session-cache.ts). Its own module (no
// password hashing in its imports), so the request path and the edge entry stay free of native code.
import { sql, type TenantReader } from "../../db/read.ts";
import { type ShopperSessionCache, shopperSessionCache } from "./session-cache.ts";

/** The shopper behind a session token in this store, or null (unknown, expired, revoked, another store's). */
export async function findShopperSession(
  reader: TenantReader,
  tenantId: string,
  tokenHash: Uint8Array<ArrayBuffer>,
  cache: ShopperSessionCache | null = shopperSessionCache,
): Promise<{ sessionId: string; shopperId: string } | null> {
  const hex = Array.from(tokenHash, (b) => b.toString(16).padStart(2, "0")).join("");
  const cached = cache?.get(tenantId, hex);
  if (cached) return cached;
  // One statement, no transaction (mw_resolve_shopper_session, migrations/0016): this store's
  // sessions only.
  const rows = await reader.call(
    sql<{ sessionId: string; shopperId: string; expiresAt: number }>`
      SELECT session_id::text AS "sessionId", shopper_id::text AS "shopperId",
             (extract(epoch FROM expires_at) * 1000)::float8 AS "expiresAt"
      FROM mw_resolve_shopper_session(${tenantId}::uuid, decode(${hex}, 'hex'))`,
  );
  const row = rows[0];
  if (!row) return null;
  const session = { sessionId: row.sessionId, shopperId: row.shopperId };
  cache?.set(tenantId, hex, session, Number(row.expiresAt));
  return session;
}
