// A stand-in for api.weixin.qq.com as a third-party platform (component) sees it when acting for the
// mini-programs that authorized it, on 127.0.0.1: the component and authorizer tokens, code2session
// through the component, getuserphonenumber and the shipping-information upload, with WeChat's wire
// format (JSON answers; errors are HTTP 200 with {errcode, errmsg}). It also plays WeChat's side of
// the authorization event URL: it makes component_verify_tickets, encrypts them with WXBizMsgCrypt
// (the product's implementation, which its own tests check against WeChat's published sample) and
// POSTs them. Credentials are made fresh per start.
import { randomBytes, randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { computeSignature, encryptMessage } from "../../integrations/wechat/msg-crypt.ts";

export type FakeWechatFailure = "500" | "timeout" | "errcode";

export interface FakeWechatOpenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body when it parsed, else the raw text; absent when empty. */
  body?: unknown;
  /** Set when the request was answered by a failure injected with failNext. */
  injected?: FakeWechatFailure;
}

export interface FakeWechatPushDelivery {
  url: string;
  query: Record<string, string>;
  body: string;
}

export interface FakeWechatOpenOptions {
  /** How pushes reach the platform (e.g. `app.request`); default: fetch(url). */
  deliver?: (req: FakeWechatPushDelivery) => Promise<{ status: number; body: string }>;
  /** The fake's clock in milliseconds (token and code expiry); default Date.now. */
  now?: () => number;
}

export interface FakeWechatOpen {
  baseUrl: string;
  component: { appId: string; appSecret: string; token: string; encodingAesKey: string };
  /** Every request received, in order. */
  requests: FakeWechatOpenRequest[];
  /** Accepted upload_shipping_info bodies, with the authorizer appid they were uploaded for. */
  shippingUploads: { appid: string; body: unknown }[];
  /** The latest ticket pushed (the only one api_component_token accepts), if any. */
  readonly latestTicket: string | undefined;
  /** Makes a new component_verify_ticket and pushes it, encrypted, to the authorization event URL. */
  pushTicket(url: string): Promise<{ status: number; body: string; ticket: string }>;
  /**
   * Pushes `xml` (the plaintext event) encrypted and enveloped like pushTicket. `tamper: "signature"`
   * spoils msg_signature; `tamper: "ciphertext"` flips a ciphertext bit and signs the spoiled value, so
   * the signature verifies and decryption fails.
   */
  pushRaw(
    url: string,
    opts: { xml: string; tamper?: "signature" | "ciphertext" },
  ): Promise<{ status: number; body: string; query: Record<string, string> }>;
  /** Registers a mini-program as authorized to the component; returns its authorizer_refresh_token. Re-authorizing replaces the refresh token. */
  authorize(authorizerAppid: string): { refreshToken: string };
  /** Withdraws an authorization: its refresh token and authorizer tokens stop working. */
  deauthorize(authorizerAppid: string): void;
  /** A one-time wx.login code for `appid` (five minutes, single use). */
  issueLoginCode(appid: string, user: { openid: string; unionid?: string }): string;
  /** A one-time getPhoneNumber code for `appid` (five minutes, single use); phone like "13800138000". */
  issuePhoneCode(appid: string, phone: string): string;
  /**
   * The next `times` requests whose path starts with `pathPrefix` (default: any) fail: "500" answers
   * HTTP 500, "timeout" never answers (the request is not processed), "errcode" answers 200
   * {"errcode":-1,"errmsg":"system error"} (WeChat's busy signal).
   */
  failNext(times: number, kind: FakeWechatFailure, pathPrefix?: string): void;
  /** Every token issued so far stops working (42001 access_token expired). */
  expireTokens(): void;
  close(): Promise<void>;
}

type WxAnswer = Record<string, unknown>;
const wxError = (errcode: number, errmsg: string): WxAnswer => ({ errcode, errmsg });

const TOKEN_TTL_S = 7200;
const CODE_TTL_MS = 5 * 60_000;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const alnum = (n: number) => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join("");
const opaque = (bytes: number) => randomBytes(bytes).toString("base64url");

const componentTokenBody = z.object({
  component_appid: z.string(),
  component_appsecret: z.string().optional(),
  component_verify_ticket: z.string().optional(),
});
const authorizerTokenBody = z.object({
  component_appid: z.string(),
  authorizer_appid: z.string(),
  authorizer_refresh_token: z.string(),
});
const phoneBody = z.object({ code: z.string() });
const optionalString = z.string().optional();
const shippingBody = z.object({
  order_key: z.object({
    order_number_type: z.number().int(),
    transaction_id: optionalString,
    mchid: optionalString,
    out_trade_no: optionalString,
  }),
  logistics_type: z.number().int(),
  delivery_mode: z.number().int(),
  is_all_delivered: z.boolean().optional(),
  shipping_list: z.array(
    z.object({
      tracking_no: optionalString,
      express_company: optionalString,
      item_desc: z.string(),
      contact: z.object({ consignor_contact: optionalString, receiver_contact: optionalString }).optional(),
    }),
  ),
  upload_time: z.string(),
  payer: z.object({ openid: z.string() }),
});
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function formatError(error: z.ZodError): WxAnswer {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "body";
  return wxError(47001, `data format error: ${where} missing or invalid`);
}

/** The WeChat rules for 发货信息录入 the fake checks; null when the upload is acceptable. */
function checkShipping(b: z.infer<typeof shippingBody>): WxAnswer | null {
  const k = b.order_key;
  if (k.order_number_type === 2) {
    if (!k.transaction_id) return wxError(10060001, "order_key: order_number_type 2 needs transaction_id");
  } else if (k.order_number_type === 1) {
    if (!k.mchid || !k.out_trade_no) {
      return wxError(10060001, "order_key: order_number_type 1 needs mchid and out_trade_no");
    }
  } else {
    return wxError(47001, "order_key.order_number_type must be 1 (mchid + out_trade_no) or 2 (transaction_id)");
  }
  if (![1, 2, 3, 4].includes(b.logistics_type)) {
    return wxError(47001, "logistics_type must be 1 (express), 2 (same-city), 3 (virtual) or 4 (self pickup)");
  }
  if (b.delivery_mode !== 1 && b.delivery_mode !== 2) {
    return wxError(268485224, "delivery_mode must be 1 (UNIFIED_DELIVERY) or 2 (SPLIT_DELIVERY)");
  }
  if (b.delivery_mode === 2 && b.is_all_delivered === undefined) {
    return wxError(47001, "delivery_mode 2 (SPLIT_DELIVERY) needs is_all_delivered");
  }
  const max = b.delivery_mode === 1 ? 1 : 10;
  if (b.shipping_list.length < 1 || b.shipping_list.length > max) {
    return wxError(47001, `shipping_list must have 1..${max} item(s) for delivery_mode ${b.delivery_mode}`);
  }
  for (const [i, item] of b.shipping_list.entries()) {
    if (!item.item_desc) return wxError(47001, `shipping_list[${i}].item_desc is required`);
    if ([...item.item_desc].length > 120) {
      return wxError(47001, `shipping_list[${i}].item_desc is longer than 120 characters`);
    }
    if (b.logistics_type === 1) {
      if (!item.tracking_no || !item.express_company) {
        return wxError(47001, `shipping_list[${i}]: logistics_type 1 (express) needs tracking_no and express_company`);
      }
      if (item.tracking_no.length > 128) return wxError(47001, `shipping_list[${i}].tracking_no is too long`);
      if (item.express_company.length > 128) {
        return wxError(47001, `shipping_list[${i}].express_company is too long`);
      }
      if (item.express_company === "SF" && !item.contact?.consignor_contact && !item.contact?.receiver_contact) {
        return wxError(47001, `shipping_list[${i}]: express_company SF needs contact (consignor or receiver)`);
      }
    }
  }
  if (!RFC3339.test(b.upload_time) || Number.isNaN(Date.parse(b.upload_time))) {
    return wxError(268485216, "upload_time must be RFC 3339, e.g. 2022-12-15T13:29:35.120+08:00");
  }
  if (!b.payer.openid) return wxError(47001, "payer.openid is required");
  return null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function startFakeWechatOpen(opts: FakeWechatOpenOptions = {}): Promise<FakeWechatOpen> {
  const now = opts.now ?? Date.now;
  const component = {
    appId: `wx${randomBytes(8).toString("hex")}`,
    appSecret: randomBytes(16).toString("hex"),
    token: alnum(32),
    encodingAesKey: alnum(43),
  };
  const requests: FakeWechatOpenRequest[] = [];
  const shippingUploads: FakeWechatOpen["shippingUploads"] = [];
  let latestTicket: string | undefined;

  /** Issued tokens: component tokens carry no appid; authorizer tokens carry theirs. */
  const tokens = new Map<string, { kind: "component" | "authorizer"; appid?: string; expiresAt: number }>();
  /** authorizer appid → its current refresh token */
  const authorized = new Map<string, string>();
  const loginCodes = new Map<
    string,
    { appid: string; openid: string; unionid?: string; expiresAt: number; used: boolean }
  >();
  const phoneCodes = new Map<string, { appid: string; phone: string; expiresAt: number; used: boolean }>();
  const failures: { times: number; kind: FakeWechatFailure; prefix: string }[] = [];

  const issueToken = (kind: "component" | "authorizer", appid?: string) => {
    const token = `${randomInt(10, 100)}_${opaque(96)}`;
    tokens.set(token, { kind, ...(appid ? { appid } : {}), expiresAt: now() + TOKEN_TTL_S * 1000 });
    return token;
  };

  /** Checks a token of `kind`; answers WeChat's error or the token's record. */
  const checkToken = (token: string | undefined, kind: "component" | "authorizer") => {
    if (!token) return { error: wxError(41001, "access_token missing") };
    const t = tokens.get(token);
    if (!t || t.kind !== kind) {
      return { error: wxError(40001, "invalid credential, access_token is invalid or not latest") };
    }
    if (now() >= t.expiresAt) return { error: wxError(42001, "access_token expired") };
    return { token: t };
  };

  const handlers: Record<
    string,
    { method: "GET" | "POST"; handle(q: Record<string, string>, body: unknown): WxAnswer }
  > = {
    "/cgi-bin/component/api_component_token": {
      method: "POST",
      handle(_q, body) {
        const b = componentTokenBody.safeParse(body);
        if (!b.success) return formatError(b.error);
        if (b.data.component_appid !== component.appId) return wxError(40013, "invalid appid");
        if (!b.data.component_appsecret) return wxError(41004, "appsecret missing");
        if (b.data.component_appsecret !== component.appSecret) return wxError(40125, "invalid appsecret");
        if (!latestTicket || b.data.component_verify_ticket !== latestTicket) {
          return wxError(61006, "component ticket is expired");
        }
        return { component_access_token: issueToken("component"), expires_in: TOKEN_TTL_S };
      },
    },
    "/cgi-bin/component/api_authorizer_token": {
      method: "POST",
      handle(q, body) {
        const c = checkToken(q.component_access_token, "component");
        if (c.error) return c.error;
        const b = authorizerTokenBody.safeParse(body);
        if (!b.success) return formatError(b.error);
        if (b.data.component_appid !== component.appId) return wxError(40013, "invalid appid");
        if (authorized.get(b.data.authorizer_appid) !== b.data.authorizer_refresh_token) {
          return wxError(61023, "refresh_token is invalid");
        }
        return {
          authorizer_access_token: issueToken("authorizer", b.data.authorizer_appid),
          expires_in: TOKEN_TTL_S,
          authorizer_refresh_token: b.data.authorizer_refresh_token,
        };
      },
    },
    "/sns/component/jscode2session": {
      method: "GET",
      handle(q) {
        const c = checkToken(q.component_access_token, "component");
        if (c.error) return c.error;
        if (q.component_appid !== component.appId) return wxError(40013, "invalid appid");
        if (!q.appid || !authorized.has(q.appid)) {
          return wxError(61003, "component is not authorized by this account");
        }
        if (q.grant_type !== "authorization_code") return wxError(40002, "invalid grant_type");
        const code = q.js_code ? loginCodes.get(q.js_code) : undefined;
        if (!code || code.used || now() >= code.expiresAt || code.appid !== q.appid) {
          return wxError(40029, "invalid code");
        }
        code.used = true;
        return {
          openid: code.openid,
          session_key: randomBytes(16).toString("base64"),
          ...(code.unionid ? { unionid: code.unionid } : {}),
        };
      },
    },
    "/wxa/business/getuserphonenumber": {
      method: "POST",
      handle(q, body) {
        const c = checkToken(q.access_token, "authorizer");
        if (c.error) return c.error;
        const b = phoneBody.safeParse(body);
        if (!b.success) return formatError(b.error);
        const code = phoneCodes.get(b.data.code);
        if (!code || code.used || now() >= code.expiresAt || code.appid !== c.token.appid) {
          return wxError(40029, "invalid code");
        }
        code.used = true;
        return {
          errcode: 0,
          errmsg: "ok",
          phone_info: {
            phoneNumber: code.phone,
            purePhoneNumber: code.phone,
            countryCode: "86",
            watermark: { timestamp: Math.floor(now() / 1000), appid: code.appid },
          },
        };
      },
    },
    "/wxa/sec/order/upload_shipping_info": {
      method: "POST",
      handle(q, body) {
        const c = checkToken(q.access_token, "authorizer");
        if (c.error) return c.error;
        const b = shippingBody.safeParse(body);
        if (!b.success) return formatError(b.error);
        const problem = checkShipping(b.data);
        if (problem) return problem;
        shippingUploads.push({ appid: c.token.appid ?? "", body });
        return { errcode: 0, errmsg: "ok" };
      },
    },
  };

  const sendJson = (res: ServerResponse, status: number, answer: WxAnswer) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(answer));
  };

  const server: Server = createServer((req, res) => {
    readBody(req).then(
      (text) => {
        const url = new URL(req.url ?? "/", "http://x");
        const query = Object.fromEntries(url.searchParams);
        const method = req.method ?? "";
        const body = text ? (parseJson(text) ?? text) : undefined;
        const entry: FakeWechatOpenRequest = {
          method,
          path: url.pathname,
          query,
          ...(body !== undefined ? { body } : {}),
        };
        requests.push(entry);

        const failure = failures.find((f) => f.times > 0 && url.pathname.startsWith(f.prefix));
        if (failure) {
          failure.times--;
          entry.injected = failure.kind;
          if (failure.kind === "timeout") return; // never answered; close() drops the connection
          if (failure.kind === "500") {
            res.writeHead(500, { "content-type": "text/html" });
            return res.end("<html><body><h1>500 Internal Server Error</h1></body></html>");
          }
          return sendJson(res, 200, wxError(-1, "system error"));
        }

        const handler = handlers[url.pathname];
        if (!handler) return sendJson(res, 404, wxError(-1, `unknown api ${url.pathname}`));
        if (method !== handler.method) {
          return sendJson(
            res,
            200,
            handler.method === "GET" ? wxError(43001, "require GET method") : wxError(43002, "require POST method"),
          );
        }
        if (method === "POST" && parseJson(text) === undefined) {
          return sendJson(res, 200, wxError(47001, "data format error"));
        }
        return sendJson(res, 200, handler.handle(query, parseJson(text)));
      },
      () => sendJson(res, 400, wxError(-1, "unreadable request")),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const deliver =
    opts.deliver ??
    (async (d: FakeWechatPushDelivery) => {
      const res = await fetch(d.url, { method: "POST", headers: { "content-type": "text/xml" }, body: d.body });
      return { status: res.status, body: await res.text() };
    });

  const push = async (url: string, xml: string, tamper?: "signature" | "ciphertext") => {
    const enc = encryptMessage(component, xml);
    let { encrypt, msgSignature } = enc;
    if (tamper === "ciphertext") {
      const ct = Buffer.from(encrypt, "base64");
      // The first ciphertext byte feeds the plaintext's length prefix: decryption cannot succeed.
      ct[0] = (ct[0] ?? 0) ^ 0x80;
      encrypt = ct.toString("base64");
      msgSignature = computeSignature(component.token, enc.timestamp, enc.nonce, encrypt);
    } else if (tamper === "signature") {
      msgSignature = computeSignature(component.token, enc.timestamp, enc.nonce, `${encrypt}x`);
    }
    const query = {
      signature: computeSignature(component.token, enc.timestamp, enc.nonce),
      timestamp: enc.timestamp,
      nonce: enc.nonce,
      encrypt_type: "aes",
      msg_signature: msgSignature,
    };
    const target = new URL(url);
    for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
    const body = `<xml><AppId><![CDATA[${component.appId}]]></AppId><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const answer = await deliver({ url: target.toString(), query, body });
    return { ...answer, query };
  };

  const oneTimeCode = () => opaque(24);

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    component,
    requests,
    shippingUploads,
    get latestTicket() {
      return latestTicket;
    },
    async pushTicket(url) {
      const ticket = `ticket@@@${opaque(64)}`;
      latestTicket = ticket;
      const xml =
        `<xml><AppId><![CDATA[${component.appId}]]></AppId><CreateTime>${Math.floor(now() / 1000)}</CreateTime>` +
        `<InfoType><![CDATA[component_verify_ticket]]></InfoType>` +
        `<ComponentVerifyTicket><![CDATA[${ticket}]]></ComponentVerifyTicket></xml>`;
      const { status, body } = await push(url, xml);
      return { status, body, ticket };
    },
    pushRaw: (url, { xml, tamper }) => push(url, xml, tamper),
    authorize(authorizerAppid) {
      const refreshToken = `refreshtoken@@@${opaque(32)}`;
      authorized.set(authorizerAppid, refreshToken);
      return { refreshToken };
    },
    deauthorize(authorizerAppid) {
      authorized.delete(authorizerAppid);
      for (const [token, t] of tokens) if (t.appid === authorizerAppid) tokens.delete(token);
    },
    issueLoginCode(appid, user) {
      const code = oneTimeCode();
      loginCodes.set(code, {
        appid,
        openid: user.openid,
        ...(user.unionid ? { unionid: user.unionid } : {}),
        expiresAt: now() + CODE_TTL_MS,
        used: false,
      });
      return code;
    },
    issuePhoneCode(appid, phone) {
      const code = randomBytes(32).toString("hex");
      phoneCodes.set(code, { appid, phone, expiresAt: now() + CODE_TTL_MS, used: false });
      return code;
    },
    failNext(times, kind, pathPrefix = "/") {
      failures.push({ times, kind, prefix: pathPrefix });
    },
    expireTokens() {
      for (const t of tokens.values()) t.expiresAt = Number.NEGATIVE_INFINITY;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
