// A fake WeChat Pay API v3 in service-provider ("partner") mode for tests, on 127.0.0.1.
// It speaks the real wire format: it refuses any /v3 request whose WECHATPAY2-SHA256-RSA2048
// Authorization does not verify against the merchant key made for this run, signs every response
// with its own platform key (certificate mode or WeChat Pay public-key mode), keeps transactions and
// refunds in memory, serves trade bills, and sends AES-256-GCM encrypted, signed notifications.
// Written from WeChat's documentation, independently of our client.
import { execFile } from "node:child_process";
import {
  createCipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  randomBytes,
  randomInt,
  randomUUID,
  sign,
  verify,
  X509Certificate,
} from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Types

export type Verification = "certificate" | "publicKey";
export type TradeState = "NOTPAY" | "SUCCESS" | "CLOSED" | "REFUND" | "PAYERROR";
export type RefundStatus = "PROCESSING" | "SUCCESS" | "CLOSED" | "ABNORMAL";
export type NotificationEvent = "TRANSACTION.SUCCESS" | "REFUND.SUCCESS" | "REFUND.ABNORMAL" | "REFUND.CLOSED";

export interface FakeTransaction {
  sp_mchid: string;
  sub_mchid: string;
  sp_appid: string;
  sub_appid?: string;
  out_trade_no: string;
  description: string;
  attach?: string;
  amount: { total: number; currency: "CNY" };
  notify_url: string;
  state: TradeState;
  created: Date;
  /** As sent in the prepay (RFC3339). */
  time_expire?: string;
  payer: { sp_openid?: string; sub_openid?: string };
  prepay_id: string;
  transaction_id?: string;
  success_time?: Date;
  /** Canonical JSON of the prepay body: tells a harmless repeat from a conflicting reuse. */
  fingerprint: string;
}

export interface FakeRefund {
  sub_mchid: string;
  out_trade_no: string;
  transaction_id: string;
  out_refund_no: string;
  refund_id: string;
  reason?: string;
  notify_url?: string;
  amount: { refund: number; total: number };
  status: RefundStatus;
  create_time: Date;
  success_time?: Date;
}

/** The query body of a partner transaction; also the decrypted TRANSACTION.SUCCESS resource. */
export interface TransactionResource {
  sp_appid: string;
  sp_mchid: string;
  sub_appid?: string;
  sub_mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type: "JSAPI";
  trade_state: TradeState;
  trade_state_desc: string;
  bank_type?: string;
  attach?: string;
  success_time?: string;
  payer: { sp_openid?: string; sub_openid?: string };
  amount: { total: number; payer_total?: number; currency: "CNY"; payer_currency?: "CNY" };
}

/** The decrypted REFUND.* resource. */
export interface RefundResource {
  sp_mchid: string;
  sub_mchid: string;
  out_trade_no: string;
  transaction_id: string;
  out_refund_no: string;
  refund_id: string;
  refund_status: RefundStatus;
  success_time?: string;
  user_received_account: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number };
}

export interface Notification<R extends object = object> {
  url: string;
  headers: Record<string, string>;
  body: string;
  id: string;
  /** The plaintext of resource.ciphertext. */
  resource: R;
}

export interface NotificationOptions {
  /** "signature": flip a byte of Wechatpay-Signature; "ciphertext": flip a byte of the ciphertext
   *  (the signature is then computed over the tampered body, so only decryption fails). */
  tamper?: "signature" | "ciphertext";
  /** Overrides Wechatpay-Serial. */
  serial?: string;
  /** Shifts Wechatpay-Timestamp (and create_time); the signature stays valid over it. */
  timestampOffsetSec?: number;
  signWith?: "platform" | "other";
  id?: string;
  /** Defaults to the notify_url of the refund / transaction the resource names, else "". */
  url?: string;
}

/** One line of a trade bill (bill_type ALL), as typed values; amounts in fen. */
export interface BillRow {
  /** 交易时间, Asia/Shanghai "YYYY-MM-DD HH:mm:ss". */
  time: string;
  spAppid: string;
  spMchid: string;
  subMchid: string;
  deviceInfo: string;
  transactionId: string;
  outTradeNo: string;
  openid: string;
  tradeType: string;
  /** "SUCCESS" for a payment line, "REFUND" for a refund line. */
  tradeState: string;
  bankType: string;
  currency: string;
  settlementAmountFen: number;
  couponAmountFen: number;
  /** "0" on payment lines. */
  refundId: string;
  /** "0" on payment lines. */
  outRefundNo: string;
  refundAmountFen: number;
  rechargeCouponRefundFen: number;
  refundType: string;
  refundStatus: string;
  description: string;
  attach: string;
  /** Negative on refund lines (the fee handed back). */
  feeFen: number;
  rate: string;
  orderAmountFen: number;
  requestedRefundFen: number;
  rateNote: string;
}

export interface FakeWechatPayRequest {
  method: string;
  /** The pathname, without the query. */
  path: string;
  /** Path and query exactly as sent (what the signature covers). */
  url: string;
  verified: boolean;
  reason?: string;
  /** The parsed JSON body (or the raw text when it was not JSON); absent when empty. */
  body?: unknown;
}

export interface FakeWechatPayOptions {
  verification?: Verification;
  /** Replaces the HTTP POST of notifications (e.g. to call an in-process app). */
  deliver?: (n: { url: string; headers: Record<string, string>; body: string }) => Promise<{
    status: number;
    body: string;
  }>;
  /** WeChat refuses to close an order younger than 5 minutes; default 0 (no minimum). */
  closeMinAgeMs?: number;
}

export interface FakeWechatPay {
  baseUrl: string;
  verification: Verification;
  /** The service provider: our client signs with privateKeyPem and sends certSerial as serial_no. */
  merchant: { mchid: string; appid: string; privateKeyPem: string; certSerial: string };
  apiV3Key: string;
  /** Certificate mode: the cert's serial (40 hex). Public-key mode: "PUB_KEY_ID_" + 32 digits. */
  platformSerial: string;
  platformCertPem: string | undefined;
  platformPublicKeyPem: string | undefined;
  /** A second key pair, for signing things with the "wrong" key. */
  otherKey: { privateKeyPem: string; publicKeyPem: string; serial: string };
  /** Base64 SHA256withRSA of message with the platform key or the other key. */
  signWith(which: "platform" | "other", message: string): string;
  requests: FakeWechatPayRequest[];
  deliveries: { id: string; status: number; body: string }[];
  transactions: ReadonlyMap<string, FakeTransaction>;
  refunds: ReadonlyMap<string, FakeRefund>;
  /** Per bill_date, rewrites that day's rows before the bill is rendered. */
  billOverrides: Map<string, (rows: BillRow[]) => BillRow[]>;
  addSubMerchant(subMchid: string, subAppid: string): void;
  pay(outTradeNo: string, opts?: { send?: boolean; at?: Date }): Promise<Notification<TransactionResource>>;
  completeRefund(
    outRefundNo: string,
    opts?: { status?: "SUCCESS" | "ABNORMAL" | "CLOSED"; send?: boolean; at?: Date },
  ): Promise<Notification<RefundResource>>;
  notification<R extends object>(
    eventType: NotificationEvent,
    resource: R,
    opts?: NotificationOptions,
  ): Notification<R>;
  deliver(n: Notification): Promise<{ status: number; body: string }>;
  failNext(times: number, kind: "500" | "timeout", pathPrefix?: string): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randomAlnum = (n: number) => Array.from({ length: n }, () => ALNUM.charAt(randomInt(ALNUM.length))).join("");
const randomDigits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join("");
const randomHex = (n: number) =>
  randomBytes(Math.ceil(n / 2))
    .toString("hex")
    .slice(0, n)
    .toUpperCase();
/** 40 uppercase hex digits with a leading 1–7, so it prints the same as an X.509 serial. */
const randomSerial = () => randomInt(1, 8).toString(16) + randomHex(39);
const nowSec = () => Math.floor(Date.now() / 1000);

// WeChat's times are Beijing time: RFC3339 with +08:00, bills "YYYY-MM-DD HH:mm:ss", bill days by the
// Asia/Shanghai calendar (no DST, so a fixed offset is exact).
const shanghai = (d: Date) => {
  const iso = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 19) };
};
const rfc3339 = (d: Date) => {
  const s = shanghai(d);
  return `${s.day}T${s.time}+08:00`;
};

const rsaSign = (key: KeyObject, message: string) => sign("RSA-SHA256", Buffer.from(message), key).toString("base64");

/** AEAD_AES_256_GCM as WeChat uses it: key = the APIv3 key's 32 bytes, base64(ciphertext ‖ 16-byte tag). */
function aesGcmEncrypt(apiV3Key: string, nonce: string, associatedData: string, plaintext: string): string {
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64");
}

/** Flips one byte in the middle of a base64 value. */
function flipByte(b64: string): string {
  const buf = Buffer.from(b64, "base64");
  const i = Math.floor(buf.length / 2);
  buf.writeUInt8(buf.readUInt8(i) ^ 0xff, i);
  return buf.toString("base64");
}

/** JSON with object keys sorted, to compare two request bodies by value. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const yuan = (fen: number) => {
  const f = Math.round(fen);
  const abs = Math.abs(f);
  return `${f < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};
/** The service fee at 0.6%, rounded half up to the fen. */
const feeOf = (fen: number) => Math.round((fen * 6) / 1000);

const execFileP = promisify(execFile);
const generateKeyPairP = promisify(generateKeyPair);
const rsaKeyPair = () =>
  generateKeyPairP("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });

/** A self-signed platform certificate made with the openssl CLI, like WeChat's (but self-signed). */
async function makePlatformCert(privateKeyPem: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "fake-wechat-pay-"));
  try {
    const keyFile = path.join(dir, "platform-key.pem");
    await writeFile(keyFile, privateKeyPem, { mode: 0o600 });
    const { stdout } = await execFileP("openssl", [
      "req",
      "-x509",
      "-new",
      "-key",
      keyFile,
      "-subj",
      "/CN=Tenpay.com Root CA",
      "-days",
      "3",
      "-set_serial",
      `0x${randomSerial()}`,
      "-sha256",
    ]);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Request authentication

const AUTH_SCHEME = "WECHATPAY2-SHA256-RSA2048";
const AUTH_ATTRS = ["mchid", "nonce_str", "timestamp", "serial_no", "signature"] as const;

/**
 * Checks `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",timestamp="..",
 * serial_no="..",signature=".."` (any order). The signed message is
 * `METHOD\npathWithQuery\ntimestamp\nnonce_str\nbody\n`. Returns why it fails, or null.
 */
function checkAuthorization(
  header: string | undefined,
  method: string,
  pathWithQuery: string,
  body: string,
  merchant: { mchid: string; certSerial: string; publicKey: KeyObject },
): string | null {
  if (!header) return "missing Authorization";
  if (!header.startsWith(`${AUTH_SCHEME} `)) return `Authorization scheme must be ${AUTH_SCHEME}`;
  const rest = header.slice(AUTH_SCHEME.length + 1);
  const attrs = new Map<string, string>();
  const re = /\s*([a-z_]+)="([^"]*)"\s*(?:,|$)/y;
  while (re.lastIndex < rest.length) {
    const m = re.exec(rest);
    if (!m) return "malformed Authorization attributes";
    const [, key = "", value = ""] = m;
    if (attrs.has(key)) return `duplicate ${key}`;
    attrs.set(key, value);
  }
  for (const k of AUTH_ATTRS) if (!attrs.get(k)) return `missing ${k}`;
  const mchid = attrs.get("mchid") ?? "";
  const nonce = attrs.get("nonce_str") ?? "";
  const timestamp = attrs.get("timestamp") ?? "";
  const serial = attrs.get("serial_no") ?? "";
  const signature = attrs.get("signature") ?? "";
  if (mchid !== merchant.mchid) return "mchid does not match the merchant";
  if (serial !== merchant.certSerial) return "serial_no is not the merchant certificate serial";
  if (!/^\d{1,12}$/.test(timestamp)) return "timestamp is not a number of seconds";
  if (Math.abs(nowSec() - Number(timestamp)) > 300) return "timestamp more than 5 minutes off";
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return "signature is not base64";
  const message = `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
  const ok = verify("RSA-SHA256", Buffer.from(message), merchant.publicKey, Buffer.from(signature, "base64"));
  return ok ? null : "signature does not verify";
}

// ---------------------------------------------------------------------------------------------
// Request bodies

const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** WeChat wants a directly reachable http(s) URL, at most 256 chars, without a query string. */
const notifyUrl = z
  .string()
  .max(256)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && u.search === "";
    } catch {
      return false;
    }
  }, "must be an http(s) URL without a query string");

const PrepayBody = z.object({
  sp_appid: z.string().min(1),
  sp_mchid: z.string().min(1),
  sub_appid: z.string().min(1).optional(),
  sub_mchid: z.string().min(1),
  description: z.string().min(1).max(127),
  out_trade_no: z.string().regex(OUT_TRADE_NO, "must be 6-32 of [A-Za-z0-9_-|*]"),
  time_expire: z
    .string()
    .regex(RFC3339, "must be RFC3339, e.g. 2026-12-02T15:04:05+08:00")
    .refine((s) => !Number.isNaN(Date.parse(s)), "is not a valid time")
    .optional(),
  attach: z.string().min(1).max(128).optional(),
  notify_url: notifyUrl,
  goods_tag: z.string().optional(),
  amount: z.object({ total: z.number().int().min(1), currency: z.literal("CNY").optional() }),
  payer: z.object({ sp_openid: z.string().min(1).optional(), sub_openid: z.string().min(1).optional() }),
});

const CloseBody = z.object({ sp_mchid: z.string().min(1), sub_mchid: z.string().min(1) });

const RefundBody = z.object({
  sub_mchid: z.string().min(1),
  transaction_id: z.string().min(1).optional(),
  out_trade_no: z.string().min(1).optional(),
  out_refund_no: z.string().regex(OUT_REFUND_NO, "must be 1-64 of [A-Za-z0-9_-|*@]"),
  reason: z.string().max(80).optional(),
  notify_url: notifyUrl.optional(),
  funds_account: z.string().optional(),
  amount: z.object({
    refund: z.number().int().min(1),
    total: z.number().int().min(1),
    currency: z.literal("CNY"),
  }),
});

const NamesRefund = z.object({ out_refund_no: z.string() });
const NamesTransaction = z.object({ out_trade_no: z.string() });

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid body";
}

// ---------------------------------------------------------------------------------------------
// Responses

interface Reply {
  status: number;
  body: string;
  contentType?: string;
  /** The bill download is the one response WeChat does not sign. */
  unsigned?: boolean;
}
const json = (status: number, value: object): Reply => ({
  status,
  body: JSON.stringify(value),
  contentType: "application/json",
});
const fail = (status: number, code: string, message: string) => json(status, { code, message });
const noContent: Reply = { status: 204, body: "" };

const TRADE_STATE_DESC: Record<TradeState, string> = {
  NOTPAY: "订单未支付",
  SUCCESS: "支付成功",
  CLOSED: "订单已关闭",
  REFUND: "转入退款",
  PAYERROR: "支付失败",
};
const SUMMARY: Record<NotificationEvent, string> = {
  "TRANSACTION.SUCCESS": "支付成功",
  "REFUND.SUCCESS": "退款成功",
  "REFUND.ABNORMAL": "退款异常",
  "REFUND.CLOSED": "退款关闭",
};
const USER_RECEIVED_ACCOUNT = "支付用户零钱";

const BILL_HEADER =
  "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const BILL_SUMMARY_HEADER =
  "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

/** Renders a trade bill: every field prefixed with a backtick, amounts in yuan, CRLF line ends. */
function renderBill(rows: BillRow[]): string {
  const line = (fields: string[]) => `${fields.map((f) => `\`${f}`).join(",")}\r\n`;
  const sum = (rs: BillRow[], pick: (r: BillRow) => number) => rs.reduce((s, r) => s + pick(r), 0);
  const payments = rows.filter((r) => r.tradeState !== "REFUND");
  const refunds = rows.filter((r) => r.tradeState === "REFUND");
  const body = rows.map((r) =>
    line([
      r.time,
      r.spAppid,
      r.spMchid,
      r.subMchid,
      r.deviceInfo,
      r.transactionId,
      r.outTradeNo,
      r.openid,
      r.tradeType,
      r.tradeState,
      r.bankType,
      r.currency,
      yuan(r.settlementAmountFen),
      yuan(r.couponAmountFen),
      r.refundId,
      r.outRefundNo,
      yuan(r.refundAmountFen),
      yuan(r.rechargeCouponRefundFen),
      r.refundType,
      r.refundStatus,
      r.description,
      r.attach,
      yuan(r.feeFen),
      r.rate,
      yuan(r.orderAmountFen),
      yuan(r.requestedRefundFen),
      r.rateNote,
    ]),
  );
  const summary = line([
    String(rows.length),
    yuan(sum(payments, (r) => r.settlementAmountFen)),
    yuan(sum(refunds, (r) => r.refundAmountFen)),
    yuan(sum(refunds, (r) => r.rechargeCouponRefundFen)),
    yuan(sum(rows, (r) => r.feeFen)),
    yuan(sum(payments, (r) => r.orderAmountFen)),
    yuan(sum(refunds, (r) => r.requestedRefundFen)),
  ]);
  return `${BILL_HEADER}\r\n${body.join("")}${BILL_SUMMARY_HEADER}\r\n${summary}`;
}

// ---------------------------------------------------------------------------------------------
// The server

export async function startFakeWechatPay(opts: FakeWechatPayOptions = {}): Promise<FakeWechatPay> {
  const verification: Verification = opts.verification ?? "certificate";
  const closeMinAgeMs = opts.closeMinAgeMs ?? 0;
  const [merchantKeys, platformKeys, otherKeys] = await Promise.all([rsaKeyPair(), rsaKeyPair(), rsaKeyPair()]);

  const merchant = {
    mchid: "1900000001",
    appid: `wx${randomHex(16).toLowerCase()}`,
    privateKeyPem: merchantKeys.privateKey,
    certSerial: randomSerial(),
  };
  const merchantPublicKey = createPublicKey(merchantKeys.publicKey);
  const apiV3Key = randomAlnum(32);

  const platformPrivateKey = createPrivateKey(platformKeys.privateKey);
  const otherPrivateKey = createPrivateKey(otherKeys.privateKey);
  let platformCertPem: string | undefined;
  let platformPublicKeyPem: string | undefined;
  let platformSerial: string;
  let certificate: X509Certificate | undefined;
  if (verification === "certificate") {
    platformCertPem = await makePlatformCert(platformKeys.privateKey);
    certificate = new X509Certificate(platformCertPem);
    platformSerial = certificate.serialNumber.toUpperCase();
  } else {
    // WeChat Pay public-key mode: a bare SPKI key identified by "PUB_KEY_ID_" + digits.
    platformPublicKeyPem = platformKeys.publicKey;
    platformSerial = `PUB_KEY_ID_${randomDigits(32)}`;
  }
  const otherKey = {
    privateKeyPem: otherKeys.privateKey,
    publicKeyPem: otherKeys.publicKey,
    serial: verification === "certificate" ? randomSerial() : `PUB_KEY_ID_${randomDigits(32)}`,
  };
  const signWith = (which: "platform" | "other", message: string) =>
    rsaSign(which === "platform" ? platformPrivateKey : otherPrivateKey, message);

  const subMerchants = new Map<string, string>(); // sub_mchid -> sub_appid
  const transactions = new Map<string, FakeTransaction>();
  const refunds = new Map<string, FakeRefund>();
  const billOverrides: FakeWechatPay["billOverrides"] = new Map();
  const billFiles = new Map<string, { content: string; expires: number }>();
  const requests: FakeWechatPayRequest[] = [];
  const deliveries: FakeWechatPay["deliveries"] = [];
  const faults: { remaining: number; kind: "500" | "timeout"; prefix: string }[] = [];
  const hanging = new Set<ServerResponse>();
  let baseUrl = "";

  // --- bodies as WeChat returns them

  function transactionBody(t: FakeTransaction): TransactionResource {
    const paid = t.transaction_id !== undefined && t.success_time !== undefined;
    return {
      sp_appid: t.sp_appid,
      sp_mchid: t.sp_mchid,
      ...(t.sub_appid !== undefined ? { sub_appid: t.sub_appid } : {}),
      sub_mchid: t.sub_mchid,
      out_trade_no: t.out_trade_no,
      ...(t.transaction_id !== undefined ? { transaction_id: t.transaction_id } : {}),
      trade_type: "JSAPI",
      trade_state: t.state,
      trade_state_desc: TRADE_STATE_DESC[t.state],
      ...(paid ? { bank_type: "OTHERS" } : {}),
      ...(t.attach !== undefined ? { attach: t.attach } : {}),
      ...(t.success_time !== undefined ? { success_time: rfc3339(t.success_time) } : {}),
      payer: { ...t.payer },
      amount: paid
        ? { total: t.amount.total, payer_total: t.amount.total, currency: "CNY", payer_currency: "CNY" }
        : { total: t.amount.total, currency: "CNY" },
    };
  }

  function refundBody(r: FakeRefund) {
    return {
      refund_id: r.refund_id,
      out_refund_no: r.out_refund_no,
      transaction_id: r.transaction_id,
      out_trade_no: r.out_trade_no,
      channel: "ORIGINAL",
      user_received_account: USER_RECEIVED_ACCOUNT,
      ...(r.success_time !== undefined ? { success_time: rfc3339(r.success_time) } : {}),
      create_time: rfc3339(r.create_time),
      status: r.status,
      funds_account: "AVAILABLE",
      amount: {
        total: r.amount.total,
        refund: r.amount.refund,
        payer_total: r.amount.total,
        payer_refund: r.amount.refund,
        settlement_refund: r.amount.refund,
        settlement_total: r.amount.total,
        discount_refund: 0,
        currency: "CNY",
      },
    };
  }

  function refundResource(r: FakeRefund): RefundResource {
    return {
      sp_mchid: merchant.mchid,
      sub_mchid: r.sub_mchid,
      out_trade_no: r.out_trade_no,
      transaction_id: r.transaction_id,
      out_refund_no: r.out_refund_no,
      refund_id: r.refund_id,
      refund_status: r.status,
      ...(r.success_time !== undefined ? { success_time: rfc3339(r.success_time) } : {}),
      user_received_account: USER_RECEIVED_ACCOUNT,
      amount: {
        total: r.amount.total,
        refund: r.amount.refund,
        payer_total: r.amount.total,
        payer_refund: r.amount.refund,
      },
    };
  }

  function billRows(day: string, subMchid: string | undefined): BillRow[] {
    const rows: BillRow[] = [];
    const common = (t: FakeTransaction) => ({
      spAppid: t.sp_appid,
      spMchid: t.sp_mchid,
      subMchid: t.sub_mchid,
      deviceInfo: "",
      transactionId: t.transaction_id ?? "",
      outTradeNo: t.out_trade_no,
      openid: t.payer.sp_openid ?? t.payer.sub_openid ?? "",
      tradeType: "JSAPI",
      bankType: "OTHERS",
      currency: "CNY",
      settlementAmountFen: t.amount.total,
      couponAmountFen: 0,
      rechargeCouponRefundFen: 0,
      description: t.description,
      attach: t.attach ?? "",
      rate: "0.60%",
      orderAmountFen: t.amount.total,
      rateNote: "",
    });
    for (const t of transactions.values()) {
      if (!t.success_time || shanghai(t.success_time).day !== day) continue;
      if (subMchid !== undefined && t.sub_mchid !== subMchid) continue;
      const s = shanghai(t.success_time);
      rows.push({
        ...common(t),
        time: `${s.day} ${s.time}`,
        tradeState: "SUCCESS",
        refundId: "0",
        outRefundNo: "0",
        refundAmountFen: 0,
        refundType: "",
        refundStatus: "",
        feeFen: feeOf(t.amount.total),
        requestedRefundFen: 0,
      });
    }
    for (const r of refunds.values()) {
      if (r.status !== "SUCCESS" || !r.success_time || shanghai(r.success_time).day !== day) continue;
      const t = transactions.get(r.out_trade_no);
      if (!t || (subMchid !== undefined && t.sub_mchid !== subMchid)) continue;
      const s = shanghai(r.success_time);
      rows.push({
        ...common(t),
        time: `${s.day} ${s.time}`,
        tradeState: "REFUND",
        refundId: r.refund_id,
        outRefundNo: r.out_refund_no,
        refundAmountFen: r.amount.refund,
        refundType: "ORIGINAL",
        refundStatus: "SUCCESS",
        feeFen: -feeOf(r.amount.refund),
        requestedRefundFen: r.amount.refund,
      });
    }
    return rows.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  }

  // --- notifications

  function buildNotification<R extends object>(
    eventType: NotificationEvent,
    resource: R,
    o: NotificationOptions = {},
  ): Notification<R> {
    const kind = eventType.startsWith("TRANSACTION.") ? "transaction" : "refund";
    const nonce = randomAlnum(12);
    let ciphertext = aesGcmEncrypt(apiV3Key, nonce, kind, JSON.stringify(resource));
    if (o.tamper === "ciphertext") ciphertext = flipByte(ciphertext);
    const offset = o.timestampOffsetSec ?? 0;
    const id = o.id ?? randomUUID();
    const body = JSON.stringify({
      id,
      create_time: rfc3339(new Date(Date.now() + offset * 1000)),
      resource_type: "encrypt-resource",
      event_type: eventType,
      summary: SUMMARY[eventType],
      resource: { original_type: kind, algorithm: "AEAD_AES_256_GCM", ciphertext, associated_data: kind, nonce },
    });
    const timestamp = String(nowSec() + offset);
    const headerNonce = randomAlnum(32);
    let signature = signWith(o.signWith ?? "platform", `${timestamp}\n${headerNonce}\n${body}\n`);
    if (o.tamper === "signature") signature = flipByte(signature);
    let url = o.url;
    if (url === undefined) {
      const asRefund = NamesRefund.safeParse(resource);
      const asTransaction = NamesTransaction.safeParse(resource);
      url =
        (kind === "refund" && asRefund.success ? refunds.get(asRefund.data.out_refund_no)?.notify_url : undefined) ??
        (asTransaction.success ? transactions.get(asTransaction.data.out_trade_no)?.notify_url : undefined) ??
        "";
    }
    return {
      url,
      headers: {
        "Content-Type": "application/json",
        "Wechatpay-Timestamp": timestamp,
        "Wechatpay-Nonce": headerNonce,
        "Wechatpay-Signature": signature,
        "Wechatpay-Serial": o.serial ?? platformSerial,
        "Wechatpay-Signature-Type": AUTH_SCHEME,
      },
      body,
      id,
      resource,
    };
  }

  async function deliver(n: Notification): Promise<{ status: number; body: string }> {
    let result: { status: number; body: string };
    try {
      if (opts.deliver) {
        result = await opts.deliver({ url: n.url, headers: n.headers, body: n.body });
      } else {
        // WeChat waits 5 seconds for the answer; only 200/204 count as received.
        const res = await fetch(n.url, {
          method: "POST",
          headers: n.headers,
          body: n.body,
          signal: AbortSignal.timeout(5000),
        });
        result = { status: res.status, body: await res.text() };
      }
    } catch (err) {
      deliveries.push({ id: n.id, status: 0, body: String(err) });
      throw err;
    }
    deliveries.push({ id: n.id, ...result });
    return result;
  }

  // --- endpoints

  function prepay(input: unknown): Reply {
    const parsed = PrepayBody.safeParse(input);
    if (!parsed.success) return fail(400, "PARAM_ERROR", firstIssue(parsed.error));
    const b = parsed.data;
    if (b.sp_mchid !== merchant.mchid) return fail(400, "PARAM_ERROR", "sp_mchid与请求的商户号不一致");
    if (b.sp_appid !== merchant.appid) return fail(400, "PARAM_ERROR", "sp_appid与sp_mchid不匹配");
    const subAppid = subMerchants.get(b.sub_mchid);
    if (subAppid === undefined) return fail(400, "INVALID_REQUEST", "受理关系不存在");
    if (b.sub_appid !== undefined && b.sub_appid !== subAppid) {
      return fail(400, "PARAM_ERROR", "sub_appid与sub_mchid不匹配");
    }
    const { sp_openid, sub_openid } = b.payer;
    if ((sp_openid === undefined) === (sub_openid === undefined)) {
      return fail(400, "PARAM_ERROR", "payer: 需要sp_openid或sub_openid之一");
    }
    if (sub_openid !== undefined && b.sub_appid === undefined) {
      return fail(400, "PARAM_ERROR", "传入sub_openid时sub_appid必填");
    }
    const existing = transactions.get(b.out_trade_no);
    if (existing) {
      if (existing.state === "SUCCESS" || existing.state === "REFUND") return fail(400, "ORDERPAID", "该订单已支付");
      if (existing.state === "CLOSED") return fail(400, "ORDER_CLOSED", "订单已关闭");
      if (existing.fingerprint !== canonical(input)) {
        return fail(400, "INVALID_REQUEST", "201 商户订单号重复，且请求参数与原订单不一致");
      }
      // A repeat with the same parameters gets the same prepay_id.
      return json(200, { prepay_id: existing.prepay_id });
    }
    if (b.time_expire !== undefined && Date.parse(b.time_expire) <= Date.now()) {
      return fail(400, "PARAM_ERROR", "time_expire: 订单失效时间必须晚于当前时间");
    }
    const now = new Date();
    const s = shanghai(now);
    const t: FakeTransaction = {
      sp_mchid: b.sp_mchid,
      sub_mchid: b.sub_mchid,
      sp_appid: b.sp_appid,
      ...(b.sub_appid !== undefined ? { sub_appid: b.sub_appid } : {}),
      out_trade_no: b.out_trade_no,
      description: b.description,
      ...(b.attach !== undefined ? { attach: b.attach } : {}),
      amount: { total: b.amount.total, currency: "CNY" },
      notify_url: b.notify_url,
      state: "NOTPAY",
      created: now,
      ...(b.time_expire !== undefined ? { time_expire: b.time_expire } : {}),
      payer: { ...(sp_openid !== undefined ? { sp_openid } : {}), ...(sub_openid !== undefined ? { sub_openid } : {}) },
      // Real ones look like "wx" + yyyyMMddHHmmss + random hex.
      prepay_id: `wx${s.day.replaceAll("-", "")}${s.time.replaceAll(":", "")}${randomHex(18).toLowerCase()}`,
      fingerprint: canonical(input),
    };
    transactions.set(t.out_trade_no, t);
    return json(200, { prepay_id: t.prepay_id });
  }

  function findTransaction(t: FakeTransaction | undefined, q: URLSearchParams): Reply {
    const spMchid = q.get("sp_mchid");
    const subMchid = q.get("sub_mchid");
    if (!spMchid || !subMchid) return fail(400, "PARAM_ERROR", "sp_mchid和sub_mchid必填");
    if (spMchid !== merchant.mchid) return fail(400, "PARAM_ERROR", "sp_mchid与请求的商户号不一致");
    if (!t || t.sub_mchid !== subMchid) return fail(404, "ORDER_NOT_EXIST", "订单不存在");
    return json(200, transactionBody(t));
  }

  function closeTransaction(outTradeNo: string, input: unknown): Reply {
    const parsed = CloseBody.safeParse(input);
    if (!parsed.success) return fail(400, "PARAM_ERROR", firstIssue(parsed.error));
    if (parsed.data.sp_mchid !== merchant.mchid) return fail(400, "PARAM_ERROR", "sp_mchid与请求的商户号不一致");
    const t = transactions.get(outTradeNo);
    if (!t || t.sub_mchid !== parsed.data.sub_mchid) return fail(404, "ORDER_NOT_EXIST", "订单不存在");
    if (t.state === "SUCCESS" || t.state === "REFUND") return fail(400, "ORDERPAID", "该订单已支付");
    if (Date.now() - t.created.getTime() < closeMinAgeMs) {
      return fail(400, "INVALID_REQUEST", "订单生成后不能马上调用关单接口");
    }
    t.state = "CLOSED"; // closing a closed order again is also a 204
    return noContent;
  }

  function createRefund(input: unknown): Reply {
    const parsed = RefundBody.safeParse(input);
    if (!parsed.success) return fail(400, "PARAM_ERROR", firstIssue(parsed.error));
    const b = parsed.data;
    if (b.transaction_id === undefined && b.out_trade_no === undefined) {
      return fail(400, "PARAM_ERROR", "transaction_id和out_trade_no必须二选一");
    }
    // transaction_id wins when both are given.
    const t =
      b.transaction_id !== undefined
        ? [...transactions.values()].find((x) => x.transaction_id === b.transaction_id)
        : transactions.get(b.out_trade_no ?? "");
    if (!t || t.sub_mchid !== b.sub_mchid) return fail(404, "RESOURCE_NOT_EXISTS", "订单不存在");
    const existing = refunds.get(b.out_refund_no);
    if (existing) {
      const same =
        existing.out_trade_no === t.out_trade_no &&
        existing.amount.refund === b.amount.refund &&
        existing.amount.total === b.amount.total;
      if (!same) return fail(400, "INVALID_REQUEST", "商户退款单号重复，且与原退款请求参数不一致");
      return json(200, refundBody(existing)); // idempotent repeat
    }
    if (t.state !== "SUCCESS" && t.state !== "REFUND") return fail(400, "INVALID_REQUEST", "订单未支付，不能退款");
    if (b.amount.total !== t.amount.total) return fail(400, "PARAM_ERROR", "amount.total与原订单金额不一致");
    const mine = [...refunds.values()].filter((r) => r.out_trade_no === t.out_trade_no);
    if (mine.length >= 50) return fail(400, "INVALID_REQUEST", "一笔订单最多退款50次");
    const refunded = mine
      .filter((r) => r.status !== "CLOSED" && r.status !== "ABNORMAL")
      .reduce((s, r) => s + r.amount.refund, 0);
    if (refunded + b.amount.refund > t.amount.total) return fail(400, "NOT_ENOUGH", "订单可退金额不足");
    const r: FakeRefund = {
      sub_mchid: t.sub_mchid,
      out_trade_no: t.out_trade_no,
      transaction_id: t.transaction_id ?? "",
      out_refund_no: b.out_refund_no,
      refund_id: `50${randomDigits(27)}`,
      ...(b.reason !== undefined ? { reason: b.reason } : {}),
      ...(b.notify_url !== undefined ? { notify_url: b.notify_url } : {}),
      amount: { refund: b.amount.refund, total: b.amount.total },
      status: "PROCESSING",
      create_time: new Date(),
    };
    refunds.set(r.out_refund_no, r);
    t.state = "REFUND"; // the query now says 转入退款
    return json(200, refundBody(r));
  }

  function getRefund(outRefundNo: string, q: URLSearchParams): Reply {
    const subMchid = q.get("sub_mchid");
    if (!subMchid) return fail(400, "PARAM_ERROR", "sub_mchid必填");
    const r = refunds.get(outRefundNo);
    if (!r || r.sub_mchid !== subMchid) return fail(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
    return json(200, refundBody(r));
  }

  function tradeBill(q: URLSearchParams): Reply {
    const day = q.get("bill_date") ?? "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      return fail(400, "PARAM_ERROR", "bill_date格式应为YYYY-MM-DD");
    }
    const billType = q.get("bill_type") ?? "ALL";
    if (billType !== "ALL") return fail(400, "PARAM_ERROR", `this fake serves bill_type ALL only, not ${billType}`);
    if (q.has("tar_type")) return fail(400, "PARAM_ERROR", "this fake serves uncompressed bills only (no tar_type)");
    const subMchid = q.get("sub_mchid") ?? undefined;
    let rows = billRows(day, subMchid);
    const override = billOverrides.get(day);
    if (override) rows = override(rows);
    if (rows.length === 0) return fail(400, "NO_STATEMENT_EXIST", "账单不存在");
    const content = renderBill(rows);
    const token = randomHex(32).toLowerCase();
    billFiles.set(token, { content, expires: Date.now() + 30_000 }); // download_url is valid for 30 s
    return json(200, {
      hash_type: "SHA1",
      hash_value: createHash("sha1").update(content, "utf8").digest("hex"),
      download_url: `${baseUrl}/v3/billdownload/file?token=${token}`,
    });
  }

  function billDownload(q: URLSearchParams): Reply {
    const file = billFiles.get(q.get("token") ?? "");
    if (!file) return fail(404, "RESOURCE_NOT_EXISTS", "下载链接不存在");
    if (Date.now() > file.expires) return fail(400, "INVALID_REQUEST", "下载链接已过期");
    return { status: 200, body: file.content, contentType: "text/plain;charset=utf-8", unsigned: true };
  }

  function certificates(): Reply {
    if (!certificate || !platformCertPem) {
      return fail(404, "RESOURCE_NOT_EXISTS", "商户使用微信支付公钥验签，无平台证书");
    }
    const nonce = randomAlnum(12);
    return json(200, {
      data: [
        {
          serial_no: platformSerial,
          effective_time: rfc3339(new Date(certificate.validFrom)),
          expire_time: rfc3339(new Date(certificate.validTo)),
          encrypt_certificate: {
            algorithm: "AEAD_AES_256_GCM",
            nonce,
            associated_data: "certificate",
            ciphertext: aesGcmEncrypt(apiV3Key, nonce, "certificate", platformCertPem),
          },
        },
      ],
    });
  }

  function route(method: string, pathname: string, q: URLSearchParams, input: unknown): Reply {
    const tx = /^\/v3\/pay\/partner\/transactions\/out-trade-no\/([^/]+)$/.exec(pathname);
    const txClose = /^\/v3\/pay\/partner\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(pathname);
    const txById = /^\/v3\/pay\/partner\/transactions\/id\/([^/]+)$/.exec(pathname);
    const refund = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(pathname);
    const param = (m: RegExpExecArray) => decodeURIComponent(m[1] ?? "");
    if (method === "POST" && pathname === "/v3/pay/partner/transactions/jsapi") return prepay(input);
    if (method === "GET" && tx) return findTransaction(transactions.get(param(tx)), q);
    if (method === "GET" && txById) {
      const id = param(txById);
      return findTransaction(
        [...transactions.values()].find((t) => t.transaction_id === id),
        q,
      );
    }
    if (method === "POST" && txClose) return closeTransaction(param(txClose), input);
    if (method === "POST" && pathname === "/v3/refund/domestic/refunds") return createRefund(input);
    if (method === "GET" && refund) return getRefund(param(refund), q);
    if (method === "GET" && pathname === "/v3/bill/tradebill") return tradeBill(q);
    if (method === "GET" && pathname === "/v3/billdownload/file") return billDownload(q);
    if (method === "GET" && pathname === "/v3/certificates") return certificates();
    return fail(404, "NOT_FOUND", `no such endpoint: ${method} ${pathname}`);
  }

  /** Sends a reply with WeChat's response headers, signed by the platform key unless `unsigned`. */
  function send(res: ServerResponse, r: Reply) {
    const headers: Record<string, string> = { "Request-ID": `${randomHex(40)}-0` };
    if (r.contentType) headers["Content-Type"] = r.contentType;
    if (!r.unsigned) {
      const timestamp = String(nowSec());
      const nonce = randomAlnum(32);
      headers["Wechatpay-Timestamp"] = timestamp;
      headers["Wechatpay-Nonce"] = nonce;
      headers["Wechatpay-Serial"] = platformSerial;
      headers["Wechatpay-Signature"] = signWith("platform", `${timestamp}\n${nonce}\n${r.body}\n`);
      headers["Wechatpay-Signature-Type"] = AUTH_SCHEME;
    }
    res.writeHead(r.status, headers);
    res.end(r.body);
  }

  function takeFault(pathname: string): "500" | "timeout" | undefined {
    const i = faults.findIndex((f) => f.remaining > 0 && pathname.startsWith(f.prefix));
    const f = faults[i];
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) faults.splice(i, 1);
    return f.kind;
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const method = req.method ?? "";
    const pathWithQuery = req.url ?? "/";
    const url = new URL(pathWithQuery, "http://x");
    let body: unknown;
    let badJson = false;
    if (raw !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
        badJson = true;
      }
    }
    if (!url.pathname.startsWith("/v3/")) {
      requests.push({ method, path: url.pathname, url: pathWithQuery, verified: false, reason: "not /v3", body });
      return send(res, fail(404, "NOT_FOUND", "not found"));
    }
    const reason = checkAuthorization(req.headers.authorization, method, pathWithQuery, raw, {
      mchid: merchant.mchid,
      certSerial: merchant.certSerial,
      publicKey: merchantPublicKey,
    });
    requests.push({
      method,
      path: url.pathname,
      url: pathWithQuery,
      verified: reason === null,
      ...(reason ? { reason } : {}),
      ...(raw !== "" ? { body } : {}),
    });
    const fault = takeFault(url.pathname);
    if (fault === "timeout") {
      // Never answer; close() tears the socket down.
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (fault === "500") return send(res, fail(500, "SYSTEM_ERROR", "系统错误"));
    if (reason) return send(res, fail(401, "SIGN_ERROR", `签名错误: ${reason}`));
    // WeChat refuses requests without Accept or User-Agent, and JSON bodies not labelled as such.
    if (!req.headers.accept || !req.headers["user-agent"]) {
      return send(res, fail(400, "PARAM_ERROR", "HTTP头缺少Accept或User-Agent"));
    }
    if (raw !== "" && !/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      return send(res, fail(400, "PARAM_ERROR", "Content-Type必须为application/json"));
    }
    if (badJson) return send(res, fail(400, "PARAM_ERROR", "请求体不是合法的JSON"));
    send(res, route(method, url.pathname, url.searchParams, body));
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString("utf8"));
      } catch (err) {
        if (!res.headersSent) send(res, fail(500, "SYSTEM_ERROR", `fake crashed: ${String(err)}`));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("fake WeChat Pay: no TCP address");
  baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    baseUrl,
    verification,
    merchant,
    apiV3Key,
    platformSerial,
    platformCertPem,
    platformPublicKeyPem,
    otherKey,
    signWith,
    requests,
    deliveries,
    transactions,
    refunds,
    billOverrides,
    addSubMerchant(subMchid, subAppid) {
      subMerchants.set(subMchid, subAppid);
    },
    async pay(outTradeNo, o = {}) {
      const t = transactions.get(outTradeNo);
      if (!t) throw new Error(`fake WeChat Pay: no transaction ${outTradeNo}`);
      if (t.state !== "NOTPAY" && t.state !== "PAYERROR") {
        throw new Error(`fake WeChat Pay: transaction ${outTradeNo} is ${t.state}, cannot pay`);
      }
      if (t.time_expire !== undefined && Date.parse(t.time_expire) <= Date.now()) {
        throw new Error(`fake WeChat Pay: transaction ${outTradeNo} expired at ${t.time_expire}`);
      }
      const at = o.at ?? new Date();
      t.state = "SUCCESS";
      // Real ones: "4200" + 6 digits + yyyyMMdd + 10 digits.
      t.transaction_id = `4200${randomDigits(6)}${shanghai(at).day.replaceAll("-", "")}${randomDigits(10)}`;
      t.success_time = at;
      const n = buildNotification("TRANSACTION.SUCCESS", transactionBody(t), { url: t.notify_url });
      if (o.send !== false) await deliver(n);
      return n;
    },
    async completeRefund(outRefundNo, o = {}) {
      const r = refunds.get(outRefundNo);
      if (!r) throw new Error(`fake WeChat Pay: no refund ${outRefundNo}`);
      if (r.status === "SUCCESS" || r.status === "CLOSED") {
        throw new Error(`fake WeChat Pay: refund ${outRefundNo} is already ${r.status}`);
      }
      const status = o.status ?? "SUCCESS";
      r.status = status;
      if (status === "SUCCESS") r.success_time = o.at ?? new Date();
      const n = buildNotification(`REFUND.${status}`, refundResource(r), { url: r.notify_url ?? "" });
      // Without a notify_url in the refund request WeChat sends no notification.
      if (o.send !== false && r.notify_url) await deliver(n);
      return n;
    },
    notification: buildNotification,
    deliver,
    failNext(times, kind, pathPrefix = "/v3/") {
      faults.push({ remaining: times, kind, prefix: pathPrefix });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of hanging) res.socket?.destroy();
        hanging.clear();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
