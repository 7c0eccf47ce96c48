// WeChat Pay API v3 in partner (service-provider) mode. wechatpay-node-v3 signs (its getSignature and
// getAuthorization build the WECHATPAY2-SHA256-RSA2048 header; sha256WithRsa makes paySign) and
// its PEM handling; it has no partner endpoints, and its HTTP layer answers only status and body,
// without the Wechatpay-* headers a response's signature is checked with, so requests go through
// fetch here and every answer's signature is verified before its body is read. Its decipher_gcm
// never calls final(), so the GCM tag goes unchecked: notifications are decrypted here instead.
import { createDecipheriv, createHash, createVerify, randomBytes } from "node:crypto";
import Pay from "wechatpay-node-v3";
import { z } from "zod";
import type { WechatPayConfig } from "./config.ts";

/** A failed call: `retryable` for timeouts, network errors and 5xx (the caller's job retries). */
export class WechatPayError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "WechatPayError";
  }
}

const ZAmount = z.object({
  total: z.number().int(),
  payer_total: z.number().int().optional(),
  currency: z.string().optional(),
  payer_currency: z.string().optional(),
});

export const ZWxTransaction = z.object({
  sp_appid: z.string().optional(),
  sp_mchid: z.string(),
  sub_appid: z.string().optional(),
  sub_mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_state: z.enum(["SUCCESS", "REFUND", "NOTPAY", "CLOSED", "REVOKED", "USERPAYING", "PAYERROR"]),
  trade_state_desc: z.string().optional(),
  success_time: z.string().optional(),
  payer: z.object({ sp_openid: z.string().optional(), sub_openid: z.string().optional() }).optional(),
  amount: ZAmount.optional(),
});
export type WxTransaction = z.infer<typeof ZWxTransaction>;

export const ZWxRefund = z.object({
  refund_id: z.string(),
  out_refund_no: z.string(),
  transaction_id: z.string().optional(),
  out_trade_no: z.string().optional(),
  sub_mchid: z.string().optional(),
  status: z.enum(["SUCCESS", "CLOSED", "PROCESSING", "ABNORMAL"]).optional(),
  refund_status: z.enum(["SUCCESS", "CLOSED", "PROCESSING", "ABNORMAL"]).optional(),
  success_time: z.string().optional(),
  amount: z.object({ total: z.number().int(), refund: z.number().int() }).loose(),
});
export type WxRefund = z.infer<typeof ZWxRefund>;

const ZPrepay = z.object({ prepay_id: z.string().min(1) });
const ZBill = z.object({ hash_type: z.string(), hash_value: z.string(), download_url: z.url() });
const ZErrorBody = z.object({ code: z.string(), message: z.string() });

export const ZNotification = z.object({
  id: z.string().min(1).max(64),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.string(),
  summary: z.string().optional(),
  resource: z.object({
    algorithm: z.literal("AEAD_AES_256_GCM"),
    ciphertext: z.string(),
    associated_data: z.string().optional(),
    nonce: z.string(),
    original_type: z.string().optional(),
  }),
});
export type WxNotification = z.infer<typeof ZNotification>;

export type Verified =
  | { ok: true; notification: WxNotification; resource: unknown }
  | { ok: false; reason: "headers" | "serial" | "timestamp" | "signature" | "body" | "decrypt" };

/** WeChat allows a notification's timestamp to be at most this far from our clock. */
export const NOTIFY_MAX_SKEW_SEC = 300;

export interface WechatPayClient {
  readonly config: WechatPayConfig;
  jsapiPrepay(p: {
    subMchid: string;
    subAppid: string;
    openid: string;
    outTradeNo: string;
    description: string;
    total: number;
    timeExpire: Date;
  }): Promise<{ prepayId: string }>;
  /** null when WeChat has no such order (ORDER_NOT_EXIST). */
  queryTransaction(subMchid: string, outTradeNo: string): Promise<WxTransaction | null>;
  close(subMchid: string, outTradeNo: string): Promise<void>;
  refund(p: {
    subMchid: string;
    outTradeNo: string;
    outRefundNo: string;
    reason: string;
    refund: number;
    total: number;
  }): Promise<WxRefund>;
  queryRefund(subMchid: string, outRefundNo: string): Promise<WxRefund | null>;
  /** The day's trade bill (bill_type ALL) as text, or null when WeChat has none (no trades). */
  tradeBill(subMchid: string, billDate: string): Promise<string | null>;
  /** wx.requestPayment's parameters for a prepay id, signed with the merchant key. */
  requestPaymentParams(
    appId: string,
    prepayId: string,
  ): { timeStamp: string; nonceStr: string; package: string; signType: "RSA"; paySign: string };
  verifyNotification(headers: (name: string) => string | undefined, rawBody: string): Verified;
}

/** RFC 3339 in China time, as WeChat writes and expects times (time_expire). */
export function chinaTime(d: Date): string {
  const shifted = new Date(d.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

const nonce = () => randomBytes(16).toString("hex");

export function createWechatPayClient(config: WechatPayConfig, fetchImpl: typeof fetch = fetch): WechatPayClient {
  const signer = new Pay({
    appid: config.spAppid,
    mchid: config.spMchid,
    // Only used by the library to read a serial when none is given; ours is configured.
    publicKey: Buffer.alloc(0),
    privateKey: Buffer.from(config.privateKey.export({ type: "pkcs8", format: "pem" })),
    serial_no: config.certSerial,
    key: config.apiV3Key,
  });

  function verifySignature(serial: string, timestamp: string, nonceStr: string, body: string, signature: string) {
    const key = config.verifiers.get(serial);
    if (!key) return "serial" as const;
    const ok = createVerify("RSA-SHA256")
      .update(`${timestamp}\n${nonceStr}\n${body}\n`)
      .verify(key, signature, "base64");
    return ok ? null : ("signature" as const);
  }

  async function call(
    method: "GET" | "POST",
    pathWithQuery: string,
    body?: unknown,
    opts: { signed?: boolean; absoluteUrl?: string } = {},
  ): Promise<{ status: number; text: string }> {
    const payload = body === undefined ? "" : JSON.stringify(body);
    const ts = String(Math.floor(Date.now() / 1000));
    const n = nonce();
    const signature = signer.getSignature(method, n, ts, pathWithQuery, payload || undefined);
    const headers: Record<string, string> = {
      Accept: "application/json",
      Authorization: signer.getAuthorization(n, ts, signature),
      "User-Agent": "Mallwright",
    };
    if (payload) headers["Content-Type"] = "application/json";
    let res: Response;
    try {
      res = await fetchImpl(opts.absoluteUrl ?? `${config.baseUrl}${pathWithQuery}`, {
        method,
        headers,
        body: payload || undefined,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (err) {
      const timeout = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      throw new WechatPayError(
        timeout ? "WeChat Pay did not answer in time" : "WeChat Pay could not be reached",
        0,
        timeout ? "TIMEOUT" : "NETWORK",
        true,
      );
    }
    const text = await res.text();
    if (opts.signed !== false) {
      const h = (k: string) => res.headers.get(k) ?? "";
      const problem =
        !h("wechatpay-signature") || !h("wechatpay-timestamp") || !h("wechatpay-nonce")
          ? "signature"
          : verifySignature(
              h("wechatpay-serial"),
              h("wechatpay-timestamp"),
              h("wechatpay-nonce"),
              text,
              h("wechatpay-signature"),
            );
      if (problem) {
        // An answer we cannot trust is treated like no answer: the job asks again later.
        throw new WechatPayError(
          `WeChat Pay's answer failed verification (${problem})`,
          res.status,
          "UNVERIFIED",
          true,
        );
      }
    }
    if (res.status >= 400) {
      const parsed = ZErrorBody.safeParse(safeJson(text));
      const code = parsed.success ? parsed.data.code : `HTTP_${res.status}`;
      const message = parsed.success ? parsed.data.message : `HTTP ${res.status}`;
      throw new WechatPayError(
        `WeChat Pay: ${code}: ${message}`,
        res.status,
        code,
        res.status >= 500 || code === "SYSTEM_ERROR",
      );
    }
    return { status: res.status, text };
  }

  function parse<T>(schema: z.ZodType<T>, text: string, what: string): T {
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) throw new WechatPayError(`WeChat Pay answered an unexpected ${what}`, 200, "BAD_ANSWER", true);
    return parsed.data;
  }

  const sp = { sp_mchid: config.spMchid };

  return {
    config,
    async jsapiPrepay(p) {
      const { text } = await call("POST", "/v3/pay/partner/transactions/jsapi", {
        sp_appid: config.spAppid,
        sp_mchid: config.spMchid,
        sub_appid: p.subAppid,
        sub_mchid: p.subMchid,
        description: p.description.slice(0, 127),
        out_trade_no: p.outTradeNo,
        time_expire: chinaTime(p.timeExpire),
        notify_url: config.notifyUrl,
        amount: { total: p.total, currency: "CNY" },
        payer: { sub_openid: p.openid },
      });
      return { prepayId: parse(ZPrepay, text, "prepay answer").prepay_id };
    },
    async queryTransaction(subMchid, outTradeNo) {
      const q = new URLSearchParams({ ...sp, sub_mchid: subMchid });
      try {
        const { text } = await call(
          "GET",
          `/v3/pay/partner/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?${q}`,
        );
        return parse(ZWxTransaction, text, "order query answer");
      } catch (err) {
        if (err instanceof WechatPayError && err.code === "ORDER_NOT_EXIST") return null;
        throw err;
      }
    },
    async close(subMchid, outTradeNo) {
      await call("POST", `/v3/pay/partner/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, {
        ...sp,
        sub_mchid: subMchid,
      });
    },
    async refund(p) {
      const { text } = await call("POST", "/v3/refund/domestic/refunds", {
        sub_mchid: p.subMchid,
        out_trade_no: p.outTradeNo,
        out_refund_no: p.outRefundNo,
        reason: p.reason.slice(0, 80),
        notify_url: config.notifyUrl,
        amount: { refund: p.refund, total: p.total, currency: "CNY" },
      });
      return parse(ZWxRefund, text, "refund answer");
    },
    async queryRefund(subMchid, outRefundNo) {
      const q = new URLSearchParams({ sub_mchid: subMchid });
      try {
        const { text } = await call("GET", `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}?${q}`);
        return parse(ZWxRefund, text, "refund query answer");
      } catch (err) {
        if (err instanceof WechatPayError && err.code === "RESOURCE_NOT_EXISTS") return null;
        throw err;
      }
    },
    async tradeBill(subMchid, billDate) {
      const q = new URLSearchParams({ bill_date: billDate, sub_mchid: subMchid, bill_type: "ALL" });
      let meta: z.infer<typeof ZBill>;
      try {
        const { text } = await call("GET", `/v3/bill/tradebill?${q}`);
        meta = parse(ZBill, text, "bill answer");
      } catch (err) {
        if (err instanceof WechatPayError && err.code === "NO_STATEMENT_EXIST") return null;
        throw err;
      }
      // The download link comes from WeChat's signed answer; it must still point at WeChat Pay's host.
      const url = new URL(meta.download_url);
      if (url.origin !== new URL(config.baseUrl).origin) {
        throw new WechatPayError("the bill's download link is not on WeChat Pay's host", 200, "BAD_ANSWER", false);
      }
      // The file itself is not signed: its hash, from the signed answer, is checked instead.
      const file = await call("GET", `${url.pathname}${url.search}`, undefined, { signed: false });
      const algorithm = meta.hash_type.toUpperCase() === "SHA1" ? "sha1" : "sha256";
      const digest = createHash(algorithm).update(file.text, "utf8").digest("hex");
      if (digest.toLowerCase() !== meta.hash_value.toLowerCase()) {
        throw new WechatPayError("the downloaded bill does not match its hash", 200, "BAD_ANSWER", true);
      }
      return file.text;
    },
    requestPaymentParams(appId, prepayId) {
      const timeStamp = String(Math.floor(Date.now() / 1000));
      const nonceStr = nonce();
      const pkg = `prepay_id=${prepayId}`;
      const paySign = signer.sha256WithRsa(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`);
      return { timeStamp, nonceStr, package: pkg, signType: "RSA", paySign };
    },
    verifyNotification(header, rawBody) {
      const serial = header("wechatpay-serial");
      const timestamp = header("wechatpay-timestamp");
      const nonceStr = header("wechatpay-nonce");
      const signature = header("wechatpay-signature");
      if (!serial || !timestamp || !nonceStr || !signature || !/^\d{1,12}$/.test(timestamp)) {
        return { ok: false, reason: "headers" };
      }
      if (Math.abs(Date.now() / 1000 - Number(timestamp)) > NOTIFY_MAX_SKEW_SEC)
        return { ok: false, reason: "timestamp" };
      const problem = verifySignature(serial, timestamp, nonceStr, rawBody, signature);
      if (problem) return { ok: false, reason: problem };
      const parsed = ZNotification.safeParse(safeJson(rawBody));
      if (!parsed.success) return { ok: false, reason: "body" };
      const r = parsed.data.resource;
      try {
        const plain = safeJson(decryptResource(config.apiV3Key, r.ciphertext, r.associated_data ?? "", r.nonce));
        if (typeof plain !== "object" || plain === null) return { ok: false, reason: "decrypt" };
        return { ok: true, notification: parsed.data, resource: plain };
      } catch {
        return { ok: false, reason: "decrypt" };
      }
    },
  };
}

/** AEAD_AES_256_GCM with the APIv3 key: the ciphertext ends with the 16-byte tag, checked by final(). */
export function decryptResource(
  apiV3Key: string,
  ciphertext: string,
  associatedData: string,
  nonceStr: string,
): string {
  const bytes = Buffer.from(ciphertext, "base64");
  if (bytes.length < 17) throw new Error("ciphertext too short");
  const decipher = createDecipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(nonceStr, "utf8"));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
