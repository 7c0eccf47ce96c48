// Shopper sign-in. A shopper is per store (provider + subject unique in the store) and gets a
// store-scoped session token (`mws_…`, stored as a SHA-256). Until WeChat's code2session login is
// configured, the development login takes `code` = `dev:<name>`; it is refused in production.
import { newToken } from "../../auth/secrets.ts";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { wechatComponentConfig, wechatPayConfig } from "../../integrations/wechat/config.ts";
import { CACHE_CHANNEL } from "../storefront/cache-events.ts";
import { SESSION_NOTICE_PREFIX, shopperSessionCache } from "./session-cache.ts";
import { logInWithWechat } from "./wechat-login.ts";

export interface ShopperSession {
  token: string;
  expiresAt: Date;
  shopper: { id: string; nickname: string | null; isNew: boolean };
}

const DEV_CODE = /^dev:([\p{L}\p{N}_.-]{1,32})$/u;

/**
 * Whether `code` = `dev:<name>` logins (and the development payment provider) are offered: never in
 * production, nor once WeChat (Pay or the third-party platform) is configured.
 */
export function devShopperLoginAllowed(env: Env): boolean {
  return env.NODE_ENV !== "production" && !wechatPayConfig(env) && !wechatComponentConfig(env);
}

/** Signs a shopper in with a login code (the mini-program's wx.login code, or `dev:<name>`). */
export async function logInShopper(db: Database, env: Env, tenantId: string, code: string): Promise<ShopperSession> {
  const dev = DEV_CODE.exec(code);
  if (!dev?.[1] && wechatComponentConfig(env)) return logInWithWechat(db, env, tenantId, code);
  if (!dev?.[1]) {
    throw new ApiError("unavailable", "WeChat sign-in is not configured for this platform yet", [
      { path: "code", message: "only the development login (dev:<name>) is available", in: "body" },
    ]);
  }
  if (!devShopperLoginAllowed(env)) {
    throw new ApiError("forbidden", "the development shopper login is not available in production");
  }
  return startShopperSession(db, env, tenantId, { provider: "dev", subject: dev[1], nickname: dev[1] });
}

/** Finds or creates the store's shopper for (provider, subject) and opens a session for them. */
export async function startShopperSession(
  db: Database,
  env: Env,
  tenantId: string,
  who: { provider: "dev" | "wechat"; subject: string; nickname?: string; unionid?: string },
): Promise<ShopperSession> {
  const { token, hash } = newToken("mws");
  const expiresAt = new Date(Date.now() + env.SESSION_TTL_HOURS * 3600_000);
  return db.withTenant(tenantId, async (tx) => {
    const existing = await tx.shopper.findUnique({
      where: { tenantId_provider_subject: { tenantId, provider: who.provider, subject: who.subject } },
    });
    const shopper =
      existing ??
      (await tx.shopper.upsert({
        // Two first sign-ins at once: the unique key lets one insert, the other finds it.
        where: { tenantId_provider_subject: { tenantId, provider: who.provider, subject: who.subject } },
        create: {
          tenantId,
          provider: who.provider,
          subject: who.subject,
          nickname: who.nickname ?? null,
          unionid: who.unionid ?? null,
        },
        update: {},
      }));
    if (existing) await tx.shopper.update({ where: { id: shopper.id }, data: { lastSeenAt: new Date() } });
    await tx.shopperSession.create({ data: { tenantId, shopperId: shopper.id, tokenHash: hash, expiresAt } });
    return { token, expiresAt, shopper: { id: shopper.id, nickname: shopper.nickname, isNew: !existing } };
  });
}

/**
 * Ends a shopper session (sign-out): this process forgets it at once, the others when the NOTIFY
 * sent with the change reaches them (session-cache.ts).
 */
export async function revokeShopperSession(db: Database, tenantId: string, sessionId: string): Promise<void> {
  await db.withTenant(tenantId, async (tx) => {
    await tx.shopperSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${`${SESSION_NOTICE_PREFIX}${sessionId}`})`;
  });
  shopperSessionCache.dropSession(sessionId);
}
