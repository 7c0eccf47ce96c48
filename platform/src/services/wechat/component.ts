// The platform's WeChat third-party platform (component): WeChat pushes a component_verify_ticket
// every ten minutes (encrypted, signed: integrations/wechat/msg-crypt.ts); the component access
// token is made from the latest ticket and kept fresh by a scheduled job; each store's mini-program
// has an authorizer token, refreshed from its refresh token when it nears expiry. Tokens and the
// ticket are encrypted at rest and never logged.
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import { perEnv } from "../../integrations/per-env.ts";
import { wechatComponentConfig } from "../../integrations/wechat/config.ts";
import { decryptMessage, MsgCryptError, parseComponentEvent, parsePush } from "../../integrations/wechat/msg-crypt.ts";
import { createWechatOpenClient, type WechatOpenClient } from "../../integrations/wechat/open-client.ts";
import type { Logger } from "../../logger.ts";

/** The open-platform client, or null when no component is configured (no WeChat sign-in then). */
export const wechatOpen: (env: Env) => WechatOpenClient | null = perEnv((env) => {
  const cfg = wechatComponentConfig(env);
  return cfg ? createWechatOpenClient(cfg) : null;
});

/** A token with less than this left is renewed before use; the job renews those within 20 minutes. */
const TOKEN_MARGIN_MS = 5 * 60_000;
export const COMPONENT_REFRESH_AHEAD_MS = 20 * 60_000;

/**
 * POST /webhooks/wechat/component: a push from WeChat. Answers "success" (what WeChat expects) for
 * anything that verified; a push that fails verification changes nothing and is logged as a probe.
 */
export async function receiveComponentPush(
  deps: { db: Database; env: Env; log: Logger },
  query: { msg_signature?: string; timestamp?: string; nonce?: string },
  body: string,
): Promise<{ status: 200 | 400 | 401 | 404; text: string }> {
  const { db, env, log } = deps;
  const cfg = wechatComponentConfig(env);
  if (!cfg) return { status: 404, text: "not configured" };
  const probe = (reason: string) => log.warn({ probe: "wechat.component", reason }, "WeChat component push refused");
  if (!query.msg_signature || !query.timestamp || !query.nonce) {
    probe("query");
    return { status: 400, text: "missing signature" };
  }
  let xml: string;
  try {
    const push = parsePush(body);
    xml = decryptMessage(cfg, {
      msgSignature: query.msg_signature,
      timestamp: query.timestamp,
      nonce: query.nonce,
      encrypt: push.encrypt,
    });
  } catch (err) {
    probe(err instanceof MsgCryptError ? err.reason : "format");
    return { status: err instanceof MsgCryptError && err.reason === "signature" ? 401 : 400, text: "refused" };
  }
  let event: ReturnType<typeof parseComponentEvent>;
  try {
    event = parseComponentEvent(xml);
  } catch {
    probe("event");
    return { status: 400, text: "refused" };
  }
  if (event.type === "component_verify_ticket") {
    if (event.appId !== cfg.appId) {
      probe("appid");
      return { status: 400, text: "refused" };
    }
    const enc = fieldCipher(env).encrypt(event.ticket);
    await db.withApp(
      (tx) => tx.$executeRaw`
        INSERT INTO wechat_component (id, verify_ticket_enc, ticket_at, updated_at) VALUES (1, ${enc}, now(), now())
        ON CONFLICT (id) DO UPDATE SET verify_ticket_enc = EXCLUDED.verify_ticket_enc, ticket_at = now(), updated_at = now()`,
    );
    log.info("WeChat component verify ticket received");
  } else if (event.type !== "other") {
    log.info({ event: event.type, authorizerAppid: event.authorizerAppid }, "WeChat authorization event");
  }
  return { status: 200, text: "success" };
}

/** Makes a new component access token from the latest ticket and stores it. */
export async function refreshComponentToken(db: Database, env: Env): Promise<Date> {
  const client = wechatOpen(env);
  if (!client) throw new Error("no WeChat component is configured");
  const cipher = fieldCipher(env);
  const row = await db.withApp((tx) => tx.wechatComponent.findUnique({ where: { id: 1 } }));
  if (!row?.verifyTicketEnc) {
    throw new ApiError("unavailable", "WeChat has not pushed a component verify ticket yet; sign-in opens once it has");
  }
  const { token, expiresIn } = await client.componentToken(cipher.decrypt(row.verifyTicketEnc));
  const expiresAt = new Date(Date.now() + expiresIn * 1000);
  await db.withApp((tx) =>
    tx.wechatComponent.update({
      where: { id: 1 },
      data: { accessTokenEnc: cipher.encrypt(token), accessTokenExpiresAt: expiresAt },
    }),
  );
  return expiresAt;
}

/** The component access token, renewed first when it is missing or about to expire. */
export async function componentAccessToken(db: Database, env: Env): Promise<string> {
  const cipher = fieldCipher(env);
  const row = await db.withApp((tx) => tx.wechatComponent.findUnique({ where: { id: 1 } }));
  if (row?.accessTokenEnc && (row.accessTokenExpiresAt?.getTime() ?? 0) > Date.now() + TOKEN_MARGIN_MS) {
    return cipher.decrypt(row.accessTokenEnc);
  }
  await refreshComponentToken(db, env);
  const again = await db.withApp((tx) => tx.wechatComponent.findUniqueOrThrow({ where: { id: 1 } }));
  if (!again.accessTokenEnc) throw new Error("the component token was not stored");
  return cipher.decrypt(again.accessTokenEnc);
}

/** A store's mini-program: its appid and a live authorizer access token (refreshed when near expiry). */
export async function authorizerAccess(
  db: Database,
  env: Env,
  tenantId: string,
  opts: { forceRefresh?: boolean } = {},
): Promise<{ appid: string; token: string }> {
  const client = wechatOpen(env);
  if (!client) throw new ApiError("unavailable", "WeChat is not configured for this platform");
  const cipher = fieldCipher(env);
  const wx = await db.withTenant(tenantId, (tx) => tx.tenantWechat.findUnique({ where: { tenantId } }));
  if (!wx?.subAppid) throw new ApiError("unavailable", "this store's mini-program is not connected to WeChat yet");
  if (
    !opts.forceRefresh &&
    wx.authorizerAccessTokenEnc &&
    (wx.authorizerTokenExpiresAt?.getTime() ?? 0) > Date.now() + TOKEN_MARGIN_MS
  ) {
    return { appid: wx.subAppid, token: cipher.decrypt(wx.authorizerAccessTokenEnc) };
  }
  if (!wx.authorizerRefreshTokenEnc) {
    throw new ApiError("unavailable", "this store's mini-program has not authorized the platform yet");
  }
  const component = await componentAccessToken(db, env);
  const r = await client.authorizerToken(component, wx.subAppid, cipher.decrypt(wx.authorizerRefreshTokenEnc));
  const expiresAt = new Date(Date.now() + r.expiresIn * 1000);
  await db.withTenant(tenantId, (tx) =>
    tx.tenantWechat.update({
      where: { tenantId },
      data: {
        authorizerAccessTokenEnc: cipher.encrypt(r.token),
        authorizerRefreshTokenEnc: cipher.encrypt(r.refreshToken),
        authorizerTokenExpiresAt: expiresAt,
      },
    }),
  );
  return { appid: wx.subAppid, token: r.token };
}
