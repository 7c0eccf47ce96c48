// Resolves who is calling: platform admin sessions, merchant staff sessions, storefront tenants,
// and shoppers (a store-scoped bearer token, looked up inside the store's RLS scope).

import { ZTenantKey } from "@mallwright/schema";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv, ShopperPrincipal } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { findMerchantSession, findPlatformSession } from "../services/auth/resolve-session.ts";
import {
  cachedShopperSession,
  type FoundShopperSession,
  findShopperSession,
  noShopperSession,
  type PendingShopperSession,
  tokenHashHex,
} from "../services/shoppers/find-shopper-session.ts";
import { findStoreTenant } from "../services/storefront/find-store-tenant.ts";
import { type Permission, permissionsOf } from "./permissions.ts";
import { hashToken } from "./token-hash.ts";

export const PLATFORM_COOKIE = "mw_admin_session";
export const MERCHANT_COOKIE = "mw_session";

interface PresentedToken {
  token: string;
  fromCookie: boolean;
}

function presentedToken(c: Context<AppEnv>, cookie: string): PresentedToken | undefined {
  const header = c.req.header("authorization");
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) throw new ApiError("unauthenticated", "Authorization header must be 'Bearer <token>'");
    return { token: m[1], fromCookie: false };
  }
  const value = getCookie(c, cookie);
  return value ? { token: value, fromCookie: true } : undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Cookie-authenticated writes must come from our own origin (SameSite=Lax is the first line). */
function checkOrigin(c: Context<AppEnv>, presented: PresentedToken) {
  if (!presented.fromCookie || SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header("origin") ?? c.req.header("referer");
  const own = new URL(c.get("deps").env.publicUrl).origin;
  let theirs: string | undefined;
  try {
    theirs = origin ? new URL(origin).origin : undefined;
  } catch {
    theirs = undefined;
  }
  if (theirs !== own)
    throw new ApiError("forbidden", "cross-site request refused: send the Origin of this site or use a bearer token");
}

function tooLong(token: string) {
  return token.length > 200;
}

export const requirePlatform: MiddlewareHandler<AppEnv> = async (c, next) => {
  const presented = presentedToken(c, PLATFORM_COOKIE);
  if (!presented || tooLong(presented.token)) throw new ApiError("unauthenticated", "sign in as a platform admin");
  const { db } = c.get("deps");
  const session = await findPlatformSession(db, presented.token);
  if (!session) {
    if (await findMerchantSession(db, presented.token)) {
      throw new ApiError("wrong_audience", "a merchant session cannot use the platform API");
    }
    throw new ApiError("unauthenticated", "session is missing, expired or revoked");
  }
  checkOrigin(c, presented);
  c.set("platform", { kind: "platform", sessionId: session.id, userId: session.userId });
  await next();
};

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
/** What a store suspended for billing may still change: its billing, and its own session. */
const BILLING_OPEN = /^\/merchant\/v1\/(billing(\/|$)|auth\/)/;

export function requireMerchant(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const presented = presentedToken(c, MERCHANT_COOKIE);
    if (!presented || tooLong(presented.token)) throw new ApiError("unauthenticated", "sign in to your store");
    const { db } = c.get("deps");
    const session = await findMerchantSession(db, presented.token);
    if (!session) {
      if (await findPlatformSession(db, presented.token)) {
        throw new ApiError("wrong_audience", "a platform admin session cannot use the merchant API");
      }
      throw new ApiError("unauthenticated", "session is missing, expired or revoked");
    }
    checkOrigin(c, presented);
    if (session.tenantStatus === "suspended") {
      throw new ApiError("tenant_suspended", "this store is suspended; contact the platform operator");
    }
    // Suspended for an unpaid invoice: everything reads, only billing (and signing in or out) writes.
    if (session.billingStatus === "suspended" && !READS.has(c.req.method) && !BILLING_OPEN.test(c.req.path)) {
      throw new ApiError(
        "billing_suspended",
        "this store is suspended for an unpaid invoice: it is read-only until the invoice is paid (Settings > Billing)",
      );
    }
    const permissions = permissionsOf(session.role);
    if (!permissions.has(permission)) {
      throw new ApiError("forbidden", `your role (${session.role}) may not do this (needs ${permission})`);
    }
    c.set("merchant", {
      kind: "merchant",
      sessionId: session.id,
      userId: session.userId,
      tenantId: session.tenantId,
      membershipId: session.membershipId,
      role: session.role,
      permissions,
    });
    await next();
  };
}

export const TENANT_HEADER = "x-mallwright-tenant";

export const requireStoreTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = c.req.header(TENANT_HEADER);
  if (!raw) throw new ApiError("bad_request", "the X-Mallwright-Tenant header (store key) is required");
  const key = ZTenantKey.safeParse(raw);
  if (!key.success) throw new ApiError("not_found", "store not found");
  const { reader, tenantCache } = c.get("deps");
  // Cached for a few seconds per process; suspending in this process drops the entry (db/tenant-cache.ts).
  const tenant = await findStoreTenant(reader, tenantCache, key.data);
  if (!tenant) throw new ApiError("not_found", "store not found");
  if (tenant.status === "suspended") throw new ApiError("tenant_suspended", "this store is closed for now");
  if (tenant.status === "billing_suspended") {
    throw new ApiError("billing_suspended", "this store is closed until its plan's invoice is paid");
  }
  c.set("storeTenant", { id: tenant.id, key: tenant.key, name: tenant.name, plan: tenant.plan });
  await next();
};

/**
 * A signed-in shopper of the request's store (after requireStoreTenant): `Authorization: Bearer
 * mws_…` from POST /store/v1/auth/wechat. Another store's token, a merchant's or none: 401.
 */
export const requireShopper: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = shopperToken(c);
  const store = c.get("storeTenant");
  const session = await findShopperSession(c.get("deps").reader, store.id, hashToken(token));
  if (!session) throw noShopperSession();
  c.set("shopper", shopperPrincipal(store.id, session));
  await next();
};

/**
 * requireShopper for a handler that looks the session up in its own first read (one round trip
 * fewer: the order submission). A missing or malformed token is refused here all the same; a
 * session this process saw recently sets `shopper` at once; any other sets `shopperToken`, and the
 * handler answers noShopperSession() when its read finds no live session of this store.
 */
export const requireShopperToken: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = shopperToken(c);
  const store = c.get("storeTenant");
  const pending = { tenantId: store.id, tokenHashHex: tokenHashHex(hashToken(token)) };
  const cached = cachedShopperSession(pending);
  if (cached) c.set("shopper", shopperPrincipal(store.id, cached));
  else c.set("shopperToken", pending);
  await next();
};

/** The request's shopper, from the session found for their token in this store. */
export function shopperPrincipal(tenantId: string, session: FoundShopperSession): ShopperPrincipal {
  return { kind: "shopper", tenantId, sessionId: session.sessionId, shopperId: session.shopperId };
}

/** The shopper of a requireShopperToken route: known, or their token still to be looked up. */
export function shopperOrToken(c: Context<AppEnv>): ShopperPrincipal | PendingShopperSession {
  const known: ShopperPrincipal | undefined = c.get("shopper");
  if (known) return known;
  const pending: PendingShopperSession | undefined = c.get("shopperToken");
  if (pending) return pending;
  throw new Error("the route has no shopper: requireShopperToken did not run before it");
}

function shopperToken(c: Context<AppEnv>): string {
  const header = c.req.header("authorization");
  const m = header ? /^Bearer\s+(mws_\S+)$/i.exec(header) : null;
  const token = m?.[1];
  if (!token || tooLong(token)) throw new ApiError("unauthenticated", "sign in to the store first");
  return token;
}
