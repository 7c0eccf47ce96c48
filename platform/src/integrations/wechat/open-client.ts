// api.weixin.qq.com for the platform's third-party platform (component) acting for the stores'
// mini-programs: the component token, authorizer tokens, code2session, phone numbers and the
// order-shipping upload. WeChat answers HTTP 200 with {errcode, errmsg} when something is wrong;
// -1 (busy), 45009-ish rate limits, 5xx, timeouts and network errors are worth another try.
import { z } from "zod";
import type { WechatComponentConfig } from "./config.ts";

export class WechatApiError extends Error {
  constructor(
    message: string,
    readonly errcode: number,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "WechatApiError";
  }
}

/** errcodes meaning "try again": system busy, rate limits. */
const RETRYABLE = new Set([-1, 45009, 45011]);
/** errcodes meaning the access token is no longer good (refresh it and retry once). */
export const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

const ZErr = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });

export interface ShippingInfo {
  order_key: { order_number_type: 1 | 2; transaction_id?: string; mchid?: string; out_trade_no?: string };
  logistics_type: 1 | 2 | 3 | 4;
  delivery_mode: 1;
  shipping_list: {
    tracking_no?: string;
    express_company?: string;
    item_desc: string;
    contact?: { consignor_contact?: string; receiver_contact?: string };
  }[];
  upload_time: string;
  payer: { openid: string };
}

export interface WechatOpenClient {
  componentToken(ticket: string): Promise<{ token: string; expiresIn: number }>;
  authorizerToken(
    componentToken: string,
    authorizerAppid: string,
    refreshToken: string,
  ): Promise<{ token: string; expiresIn: number; refreshToken: string }>;
  codeToSession(componentToken: string, appid: string, code: string): Promise<{ openid: string; unionid?: string }>;
  phoneNumber(authorizerToken: string, code: string): Promise<{ phone: string; countryCode: string }>;
  uploadShipping(authorizerToken: string, info: ShippingInfo): Promise<void>;
}

export function createWechatOpenClient(cfg: WechatComponentConfig, fetchImpl: typeof fetch = fetch): WechatOpenClient {
  async function call<T>(
    schema: z.ZodType<T>,
    method: "GET" | "POST",
    path: string,
    query: Record<string, string>,
    body?: unknown,
  ): Promise<T> {
    const url = `${cfg.baseUrl}${path}?${new URLSearchParams(query)}`;
    let res: Response;
    try {
      res = await fetchImpl(url, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(cfg.timeoutMs),
      });
    } catch {
      throw new WechatApiError(`WeChat (${path}) did not answer`, -2, true);
    }
    if (res.status >= 500) throw new WechatApiError(`WeChat (${path}) answered HTTP ${res.status}`, -3, true);
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new WechatApiError(`WeChat (${path}) answered something other than JSON`, -4, true);
    }
    const err = ZErr.safeParse(json);
    if (err.success && err.data.errcode !== 0) {
      const { errcode, errmsg } = err.data;
      throw new WechatApiError(`WeChat (${path}): ${errcode} ${errmsg ?? ""}`.trim(), errcode, RETRYABLE.has(errcode));
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new WechatApiError(`WeChat (${path}) answered an unexpected shape`, -5, false);
    return parsed.data;
  }

  return {
    async componentToken(ticket) {
      const r = await call(
        z.object({ component_access_token: z.string().min(1), expires_in: z.number().int() }),
        "POST",
        "/cgi-bin/component/api_component_token",
        {},
        { component_appid: cfg.appId, component_appsecret: cfg.appSecret, component_verify_ticket: ticket },
      );
      return { token: r.component_access_token, expiresIn: r.expires_in };
    },
    async authorizerToken(componentToken, authorizerAppid, refreshToken) {
      const r = await call(
        z.object({
          authorizer_access_token: z.string().min(1),
          expires_in: z.number().int(),
          authorizer_refresh_token: z.string().min(1),
        }),
        "POST",
        "/cgi-bin/component/api_authorizer_token",
        { component_access_token: componentToken },
        { component_appid: cfg.appId, authorizer_appid: authorizerAppid, authorizer_refresh_token: refreshToken },
      );
      return { token: r.authorizer_access_token, expiresIn: r.expires_in, refreshToken: r.authorizer_refresh_token };
    },
    async codeToSession(componentToken, appid, code) {
      const r = await call(
        z.object({ openid: z.string().min(1).max(128), unionid: z.string().min(1).max(128).optional() }),
        "GET",
        "/sns/component/jscode2session",
        {
          appid,
          js_code: code,
          grant_type: "authorization_code",
          component_appid: cfg.appId,
          component_access_token: componentToken,
        },
      );
      return { openid: r.openid, ...(r.unionid ? { unionid: r.unionid } : {}) };
    },
    async phoneNumber(authorizerToken, code) {
      const r = await call(
        z.object({
          phone_info: z.object({ phoneNumber: z.string(), purePhoneNumber: z.string(), countryCode: z.string() }),
        }),
        "POST",
        "/wxa/business/getuserphonenumber",
        { access_token: authorizerToken },
        { code },
      );
      return { phone: r.phone_info.purePhoneNumber, countryCode: r.phone_info.countryCode };
    },
    async uploadShipping(authorizerToken, info) {
      await call(
        z.object({}).loose(),
        "POST",
        "/wxa/sec/order/upload_shipping_info",
        { access_token: authorizerToken },
        info,
      );
    },
  };
}
