// Shopper sign-in with WeChat: the mini-program's wx.login code goes to code2session through the
// platform's component (/sns/component/jscode2session) for the store's own appid; the shopper is
// the store's (openid unique in the store; unionid kept when WeChat gives one). The session key is
// not kept: nothing here decrypts with it (phone numbers come from getPhoneNumber codes).
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import { TOKEN_ERRCODES, WechatApiError } from "../../integrations/wechat/open-client.ts";
import { authorizerAccess, componentAccessToken, refreshComponentToken, wechatOpen } from "../wechat/component.ts";
import { type ShopperSession, startShopperSession } from "./log-in-shopper.ts";

/** WeChat's "this code is no good" answers. */
const BAD_CODE = new Set([40029, 40163, 40226]);

export async function logInWithWechat(db: Database, env: Env, tenantId: string, code: string): Promise<ShopperSession> {
  const client = wechatOpen(env);
  if (!client) throw new ApiError("unavailable", "WeChat sign-in is not configured for this platform");
  const wx = await db.withTenant(tenantId, (tx) => tx.tenantWechat.findUnique({ where: { tenantId } }));
  if (!wx?.subAppid) throw new ApiError("unavailable", "this store's mini-program is not connected to WeChat yet");
  const appid = wx.subAppid;
  let who: { openid: string; unionid?: string };
  try {
    try {
      who = await client.codeToSession(await componentAccessToken(db, env), appid, code);
    } catch (err) {
      // The component token went bad early (revoked, clock): make a new one and try once more.
      if (!(err instanceof WechatApiError) || !TOKEN_ERRCODES.has(err.errcode)) throw err;
      await refreshComponentToken(db, env);
      who = await client.codeToSession(await componentAccessToken(db, env), appid, code);
    }
  } catch (err) {
    if (err instanceof WechatApiError && BAD_CODE.has(err.errcode)) {
      throw new ApiError("validation_failed", "the login code is invalid or was used already: call wx.login again", [
        { path: "code", message: "invalid code", in: "body" },
      ]);
    }
    if (err instanceof ApiError) throw err;
    throw new ApiError("unavailable", "WeChat sign-in is not answering; try again in a moment");
  }
  return startShopperSession(db, env, tenantId, {
    provider: "wechat",
    subject: who.openid,
    ...(who.unionid ? { unionid: who.unionid } : {}),
  });
}

/** Binds the phone number behind a getPhoneNumber code to the signed-in shopper (encrypted). */
export async function bindShopperPhone(
  db: Database,
  env: Env,
  actor: { tenantId: string; shopperId: string },
  code: string,
): Promise<{ phoneTail: string }> {
  const { tenantId, shopperId } = actor;
  if (!wechatOpen(env)) throw new ApiError("unavailable", "WeChat is not configured for this platform");
  let phone: string;
  try {
    const { token } = await authorizerAccess(db, env, tenantId);
    phone = (await wechatOpen(env)?.phoneNumber(token, code))?.phone ?? "";
  } catch (err) {
    if (err instanceof WechatApiError && BAD_CODE.has(err.errcode)) {
      throw new ApiError("validation_failed", "the phone code is invalid or was used already", [
        { path: "code", message: "invalid code", in: "body" },
      ]);
    }
    if (err instanceof ApiError) throw err;
    throw new ApiError("unavailable", "WeChat is not answering; try again in a moment");
  }
  if (!/^[0-9]{5,20}$/.test(phone)) throw new ApiError("unavailable", "WeChat answered no usable phone number");
  const phoneTail = phone.slice(-4);
  await db.withTenant(tenantId, (tx) =>
    tx.shopper.update({ where: { id: shopperId }, data: { phoneEnc: fieldCipher(env).encrypt(phone), phoneTail } }),
  );
  return { phoneTail };
}
