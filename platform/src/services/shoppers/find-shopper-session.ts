// The shopper behind a session token, looked up in the store's own sessions on the read path (one
// statement), or from this process's recent lookups (session-cache.ts). Its own module (no
// password hashing in its imports), so the request path and the edge entry stay free of native code.
//
// A route may also leave the lookup to its handler's first read (requireShopperToken, the order
// submission): shopperSessionSql is then a common table expression of that read, and the handler
// remembers what it found as findShopperSession does.
import { type Sql, sql, type TenantReader } from "../../db/read.ts";
import { ApiError } from "../../http/errors.ts";
import { type ShopperSessionCache, shopperSessionCache } from "./session-cache.ts";

export interface FoundShopperSession {
  sessionId: string;
  shopperId: string;
}

/** A session token not looked up yet: its store and its hash (hex). */
export interface PendingShopperSession {
  tenantId: string;
  tokenHashHex: string;
}

export interface ShopperSessionRow extends FoundShopperSession {
  /** Epoch milliseconds. */
  expiresAt: number;
}

export const tokenHashHex = (tokenHash: Uint8Array<ArrayBuffer>): string =>
  Array.from(tokenHash, (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * The session's row, if it is live and of this store: mw_resolve_shopper_session (migrations/0016),
 * one statement, no transaction needed, this store's sessions only.
 */
export function shopperSessionSql(pending: PendingShopperSession): Sql<ShopperSessionRow> {
  return sql<ShopperSessionRow>`
    SELECT session_id::text AS "sessionId", shopper_id::text AS "shopperId",
           (extract(epoch FROM expires_at) * 1000)::float8 AS "expiresAt"
    FROM mw_resolve_shopper_session(${pending.tenantId}::uuid, decode(${pending.tokenHashHex}, 'hex'))`;
}

/** The 401 of a token with no live session in this store. */
export const noShopperSession = () =>
  new ApiError("unauthenticated", "the shopper session is missing, expired or revoked");

/** What this process looked up recently, if still good. */
export function cachedShopperSession(
  pending: PendingShopperSession,
  cache: ShopperSessionCache | null = shopperSessionCache,
): FoundShopperSession | null {
  return cache?.get(pending.tenantId, pending.tokenHashHex) ?? null;
}

/** Keeps a found session for the next requests (never past its expiry). */
export function rememberShopperSession(
  pending: PendingShopperSession,
  row: ShopperSessionRow,
  cache: ShopperSessionCache | null = shopperSessionCache,
): FoundShopperSession {
  const session = { sessionId: row.sessionId, shopperId: row.shopperId };
  cache?.set(pending.tenantId, pending.tokenHashHex, session, Number(row.expiresAt));
  return session;
}

/** The shopper behind a session token in this store, or null (unknown, expired, revoked, another store's). */
export async function findShopperSession(
  reader: TenantReader,
  tenantId: string,
  tokenHash: Uint8Array<ArrayBuffer>,
  cache: ShopperSessionCache | null = shopperSessionCache,
): Promise<FoundShopperSession | null> {
  const pending = { tenantId, tokenHashHex: tokenHashHex(tokenHash) };
  const cached = cachedShopperSession(pending, cache);
  if (cached) return cached;
  const [row] = await reader.call(shopperSessionSql(pending));
  return row ? rememberShopperSession(pending, row, cache) : null;
}
