// The fake WeChat Pay (partner mode), driven by a small client written here from WeChat's
// documentation with node:crypto + fetch (no product code): it signs requests, verifies the fake's
// responses and notifications, and decrypts AES-256-GCM resources with the APIv3 key.
import {
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  verify,
  X509Certificate,
} from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type FakeWechatPay, type Notification, startFakeWechatPay } from "./wechat-pay-server.ts";

const SUB_MCHID = "1900000109";
const SUB_APPID = "wx8888888888888888";

// --- the independent client

interface Signing {
  key?: KeyObject;
  serial?: string;
  mchid?: string;
  timestamp?: number;
  signal?: AbortSignal;
}

async function call(
  fake: FakeWechatPay,
  method: "GET" | "POST",
  pathWithQuery: string,
  body?: object,
  o: Signing = {},
) {
  const text = body === undefined ? "" : JSON.stringify(body);
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString("hex").toUpperCase();
  const key = o.key ?? createPrivateKey(fake.merchant.privateKeyPem);
  const message = `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${text}\n`;
  const signature = sign("RSA-SHA256", Buffer.from(message), key).toString("base64");
  // Attribute order is free; this client deliberately does not use the documented one.
  const authorization =
    `WECHATPAY2-SHA256-RSA2048 signature="${signature}",mchid="${o.mchid ?? fake.merchant.mchid}",` +
    `timestamp="${timestamp}",serial_no="${o.serial ?? fake.merchant.certSerial}",nonce_str="${nonce}"`;
  const res = await fetch(`${fake.baseUrl}${pathWithQuery}`, {
    method,
    headers: {
      authorization,
      accept: "application/json",
      "user-agent": "mallwright-test",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: text }),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const raw = await res.text();
  const data: unknown = (res.headers.get("content-type") ?? "").startsWith("application/json")
    ? JSON.parse(raw)
    : undefined;
  return { status: res.status, headers: res.headers, raw, data };
}

/** The key WeChat's responses and notifications are checked with, as the docs describe per mode. */
function platformKey(fake: FakeWechatPay): KeyObject {
  if (fake.verification === "certificate") return new X509Certificate(z.string().parse(fake.platformCertPem)).publicKey;
  return createPublicKey(z.string().parse(fake.platformPublicKeyPem));
}

/** Verifies Wechatpay-Signature over `${timestamp}\n${nonce}\n${body}\n`, and the serial and age. */
function wechatSignatureOk(get: (name: string) => string | undefined, body: string, key: KeyObject, serial: string) {
  const timestamp = get("Wechatpay-Timestamp") ?? "";
  const nonce = get("Wechatpay-Nonce") ?? "";
  const signature = get("Wechatpay-Signature") ?? "";
  if (get("Wechatpay-Serial") !== serial) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  return verify("RSA-SHA256", Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), key, Buffer.from(signature, "base64"));
}

const responseOk = (fake: FakeWechatPay, r: { headers: Headers; raw: string }, key = platformKey(fake)) =>
  wechatSignatureOk((n) => r.headers.get(n) ?? undefined, r.raw, key, fake.platformSerial);

const headerOf = (h: Record<string, string>) => (name: string) =>
  Object.entries(h).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

const notificationOk = (fake: FakeWechatPay, n: { headers: Record<string, string>; body: string }) =>
  wechatSignatureOk(headerOf(n.headers), n.body, platformKey(fake), fake.platformSerial);

const Encrypted = z.object({
  algorithm: z.literal("AEAD_AES_256_GCM"),
  ciphertext: z.string(),
  associated_data: z.string(),
  nonce: z.string().length(12),
});
const NotificationBody = z.object({
  id: z.string().uuid(),
  create_time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
  resource_type: z.literal("encrypt-resource"),
  event_type: z.string(),
  summary: z.string(),
  resource: Encrypted.extend({ original_type: z.string() }),
});

/** AES-256-GCM with the APIv3 key; the last 16 bytes of the ciphertext are the tag. */
function decrypt(apiV3Key: string, r: z.infer<typeof Encrypted>): string {
  const buf = Buffer.from(r.ciphertext, "base64");
  const d = createDecipheriv("aes-256-gcm", Buffer.from(apiV3Key), Buffer.from(r.nonce));
  d.setAAD(Buffer.from(r.associated_data));
  d.setAuthTag(buf.subarray(buf.length - 16));
  return Buffer.concat([d.update(buf.subarray(0, buf.length - 16)), d.final()]).toString("utf8");
}

const openNotification = (fake: FakeWechatPay, n: { body: string }) => {
  const body = NotificationBody.parse(JSON.parse(n.body));
  const plain: unknown = JSON.parse(decrypt(fake.apiV3Key, body.resource));
  return { body, plain };
};

const Prepay = z.object({ prepay_id: z.string() });
const WxError = z.object({ code: z.string(), message: z.string() });
const Query = z.object({
  trade_state: z.string(),
  transaction_id: z.string().optional(),
  success_time: z.string().optional(),
  amount: z.object({ total: z.number(), payer_total: z.number().optional(), currency: z.literal("CNY") }),
});
const Refund = z.object({ refund_id: z.string(), status: z.string(), success_time: z.string().optional() });

let seq = 0;
const newTradeNo = () => `MW${Date.now()}${String(seq++).padStart(4, "0")}`;

const prepayBody = (fake: FakeWechatPay, outTradeNo: string, total = 8800) => ({
  sp_appid: fake.merchant.appid,
  sp_mchid: fake.merchant.mchid,
  sub_appid: SUB_APPID,
  sub_mchid: SUB_MCHID,
  description: "Mallwright-测试商品",
  out_trade_no: outTradeNo,
  time_expire: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
  notify_url: "https://shop.example.com/wechat/notify",
  amount: { total, currency: "CNY" },
  payer: { sub_openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
});

async function prepay(fake: FakeWechatPay, outTradeNo = newTradeNo(), total = 8800) {
  const r = await call(fake, "POST", "/v3/pay/partner/transactions/jsapi", prepayBody(fake, outTradeNo, total));
  expect(r.status).toBe(200);
  return { outTradeNo, prepayId: Prepay.parse(r.data).prepay_id };
}

const queryPath = (fake: FakeWechatPay, outTradeNo: string) =>
  `/v3/pay/partner/transactions/out-trade-no/${outTradeNo}?sp_mchid=${fake.merchant.mchid}&sub_mchid=${SUB_MCHID}`;

const refundBody = (outTradeNo: string, outRefundNo: string, refund: number, total = 8800) => ({
  sub_mchid: SUB_MCHID,
  out_trade_no: outTradeNo,
  out_refund_no: outRefundNo,
  notify_url: "https://shop.example.com/wechat/refund-notify",
  amount: { refund, total, currency: "CNY" },
});

// --- certificate mode, notifications handed to an in-process hook

describe("fake WeChat Pay, certificate mode", () => {
  let fake: FakeWechatPay;
  const received: { url: string; headers: Record<string, string>; body: string }[] = [];

  beforeAll(async () => {
    fake = await startFakeWechatPay({
      deliver: async (n) => {
        received.push(n);
        return { status: 200, body: "" };
      },
    });
    fake.addSubMerchant(SUB_MCHID, SUB_APPID);
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("makes fresh keys in WeChat's shapes", () => {
    expect(fake.merchant.mchid).toMatch(/^\d{10}$/);
    expect(fake.merchant.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(fake.merchant.certSerial).toMatch(/^[0-9A-F]{40}$/);
    expect(fake.apiV3Key).toMatch(/^[A-Za-z0-9]{32}$/);
    const cert = new X509Certificate(z.string().parse(fake.platformCertPem));
    expect(cert.serialNumber).toBe(fake.platformSerial);
    expect(fake.platformSerial).toMatch(/^[0-9A-F]{40}$/);
    expect(cert.subject).toContain("CN=Tenpay.com Root CA");
    expect(fake.platformPublicKeyPem).toBeUndefined();
  });

  it("accepts a signed prepay and signs its answer with the platform certificate's key", async () => {
    const outTradeNo = newTradeNo();
    const r = await call(fake, "POST", "/v3/pay/partner/transactions/jsapi", prepayBody(fake, outTradeNo));
    expect(r.status).toBe(200);
    expect(Prepay.parse(r.data).prepay_id).toMatch(/^wx[0-9a-z]{32}$/);
    expect(r.headers.get("request-id")).toBeTruthy();
    expect(r.headers.get("wechatpay-nonce")).toHaveLength(32);
    expect(responseOk(fake, r)).toBe(true);
    expect(responseOk(fake, r, createPublicKey(fake.otherKey.publicKeyPem))).toBe(false);
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", verified: true });
    expect(fake.transactions.get(outTradeNo)).toMatchObject({ state: "NOTPAY", sub_mchid: SUB_MCHID });
  });

  it("serves the platform certificate encrypted with the APIv3 key", async () => {
    const r = await call(fake, "GET", "/v3/certificates");
    expect(r.status).toBe(200);
    expect(responseOk(fake, r)).toBe(true);
    const data = z
      .object({ data: z.array(z.object({ serial_no: z.string(), encrypt_certificate: Encrypted })) })
      .parse(r.data);
    const [entry] = data.data;
    expect(entry?.serial_no).toBe(fake.platformSerial);
    expect(entry?.encrypt_certificate.associated_data).toBe("certificate");
    expect(entry && decrypt(fake.apiV3Key, entry.encrypt_certificate)).toBe(fake.platformCertPem);
  });

  it("answers 401 SIGN_ERROR to a wrongly signed request, and logs it", async () => {
    const body = prepayBody(fake, newTradeNo());
    const cases: Signing[] = [
      { key: createPrivateKey(fake.otherKey.privateKeyPem) },
      { serial: fake.otherKey.serial },
      { mchid: "1900000002" },
      { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    ];
    for (const c of cases) {
      const r = await call(fake, "POST", "/v3/pay/partner/transactions/jsapi", body, c);
      expect(r.status).toBe(401);
      expect(WxError.parse(r.data).code).toBe("SIGN_ERROR");
      expect(responseOk(fake, r)).toBe(true); // errors are signed too
      expect(fake.requests.at(-1)).toMatchObject({ verified: false, reason: expect.any(String) });
    }
    const bare = await fetch(`${fake.baseUrl}/v3/certificates`);
    expect(bare.status).toBe(401);
    expect(fake.transactions.has(body.out_trade_no)).toBe(false);
  });

  it("returns the same prepay_id for a repeat, and refuses a conflicting reuse or bad parameters", async () => {
    const { outTradeNo, prepayId } = await prepay(fake);
    const again = await call(fake, "POST", "/v3/pay/partner/transactions/jsapi", prepayBody(fake, outTradeNo));
    expect(Prepay.parse(again.data).prepay_id).toBe(prepayId);
    const other = await call(fake, "POST", "/v3/pay/partner/transactions/jsapi", prepayBody(fake, outTradeNo, 100));
    expect(other.status).toBe(400);
    expect(WxError.parse(other.data).code).toBe("INVALID_REQUEST");

    const bad = async (patch: object) => {
      const r = await call(fake, "POST", "/v3/pay/partner/transactions/jsapi", {
        ...prepayBody(fake, newTradeNo()),
        ...patch,
      });
      expect(r.status).toBe(400);
      return WxError.parse(r.data).code;
    };
    expect(await bad({ out_trade_no: "12345" })).toBe("PARAM_ERROR");
    expect(await bad({ amount: { total: 0 } })).toBe("PARAM_ERROR");
    expect(await bad({ sp_appid: "wx0000000000000000" })).toBe("PARAM_ERROR");
    expect(await bad({ sub_appid: undefined })).toBe("PARAM_ERROR"); // sub_openid needs sub_appid
    expect(await bad({ sub_appid: "wx1111111111111111" })).toBe("PARAM_ERROR");
    expect(await bad({ sub_mchid: "1900000999" })).toBe("INVALID_REQUEST");
    expect(await bad({ notify_url: "ftp://shop.example.com/n" })).toBe("PARAM_ERROR");
    expect(await bad({ time_expire: "2026-12-02 15:04:05" })).toBe("PARAM_ERROR");
  });

  it("shows SUCCESS after pay, and delivers a signed TRANSACTION.SUCCESS that decrypts to the query body", async () => {
    const { outTradeNo } = await prepay(fake);
    const before = await call(fake, "GET", queryPath(fake, outTradeNo));
    expect(Query.parse(before.data).trade_state).toBe("NOTPAY");
    expect(before.data).not.toHaveProperty("transaction_id"); // only once paid

    const sent = received.length;
    const n = await fake.pay(outTradeNo);
    expect(received.length).toBe(sent + 1);
    const delivered = received.at(-1);
    expect(delivered?.url).toBe("https://shop.example.com/wechat/notify");
    expect(delivered && notificationOk(fake, delivered)).toBe(true);
    expect(fake.deliveries.at(-1)).toEqual({ id: n.id, status: 200, body: "" });

    const { body, plain } = openNotification(fake, n);
    expect(body).toMatchObject({ id: n.id, event_type: "TRANSACTION.SUCCESS", summary: "支付成功" });
    expect(body.resource).toMatchObject({ original_type: "transaction", associated_data: "transaction" });
    expect(plain).toEqual(n.resource);

    const after = await call(fake, "GET", queryPath(fake, outTradeNo));
    expect(responseOk(fake, after)).toBe(true);
    expect(after.data).toEqual(plain);
    const q = Query.parse(after.data);
    expect(q.trade_state).toBe("SUCCESS");
    expect(q.transaction_id).toMatch(/^4200\d{24}$/);
    expect(q.success_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(after.data).toHaveProperty("amount", {
      total: 8800,
      payer_total: 8800,
      currency: "CNY",
      payer_currency: "CNY",
    });
    expect(after.data).toMatchObject({ payer: { sub_openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" }, trade_type: "JSAPI" });

    const repeat = await call(fake, "POST", "/v3/pay/partner/transactions/jsapi", prepayBody(fake, outTradeNo));
    expect(WxError.parse(repeat.data).code).toBe("ORDERPAID");
    const close = await call(fake, "POST", `/v3/pay/partner/transactions/out-trade-no/${outTradeNo}/close`, {
      sp_mchid: fake.merchant.mchid,
      sub_mchid: SUB_MCHID,
    });
    expect(close.status).toBe(400);
    expect(WxError.parse(close.data).code).toBe("ORDERPAID");
    const unknown = await call(fake, "GET", queryPath(fake, "NO_SUCH_ORDER"));
    expect(unknown.status).toBe(404);
    expect(WxError.parse(unknown.data).code).toBe("ORDER_NOT_EXIST");
  });

  it("builds tampered notifications that fail exactly where intended", async () => {
    const { outTradeNo } = await prepay(fake);
    const paid: Notification = await fake.pay(outTradeNo, { send: false });
    const resource = paid.resource;

    const good = fake.notification("TRANSACTION.SUCCESS", resource);
    expect(notificationOk(fake, good)).toBe(true);
    expect(good.url).toBe("https://shop.example.com/wechat/notify");

    const badSignature = fake.notification("TRANSACTION.SUCCESS", resource, { tamper: "signature" });
    expect(notificationOk(fake, badSignature)).toBe(false);
    expect(openNotification(fake, badSignature).plain).toEqual(resource);

    const badCiphertext = fake.notification("TRANSACTION.SUCCESS", resource, { tamper: "ciphertext" });
    expect(notificationOk(fake, badCiphertext)).toBe(true);
    expect(() => openNotification(fake, badCiphertext)).toThrow();

    const otherKey = fake.notification("TRANSACTION.SUCCESS", resource, { signWith: "other" });
    expect(notificationOk(fake, otherKey)).toBe(false);
    const otherOk = wechatSignatureOk(
      headerOf(otherKey.headers),
      otherKey.body,
      createPublicKey(fake.otherKey.publicKeyPem),
      fake.platformSerial,
    );
    expect(otherOk).toBe(true);

    const wrongSerial = fake.notification("TRANSACTION.SUCCESS", resource, { serial: fake.otherKey.serial });
    expect(headerOf(wrongSerial.headers)("Wechatpay-Serial")).toBe(fake.otherKey.serial);
    expect(notificationOk(fake, wrongSerial)).toBe(false);

    const stale = fake.notification("TRANSACTION.SUCCESS", resource, { timestampOffsetSec: -360 });
    expect(notificationOk(fake, stale)).toBe(false);
    const ts = Number(headerOf(stale.headers)("Wechatpay-Timestamp"));
    expect(Math.round(Date.now() / 1000 - ts)).toBeGreaterThanOrEqual(359);
    const staleSignatureValid = verify(
      "RSA-SHA256",
      Buffer.from(`${ts}\n${headerOf(stale.headers)("Wechatpay-Nonce")}\n${stale.body}\n`),
      platformKey(fake),
      Buffer.from(headerOf(stale.headers)("Wechatpay-Signature") ?? "", "base64"),
    );
    expect(staleSignatureValid).toBe(true);

    const replay = fake.notification("TRANSACTION.SUCCESS", resource, {
      id: paid.id,
      url: "https://elsewhere.example/n",
    });
    expect(replay.id).toBe(paid.id);
    expect(replay.url).toBe("https://elsewhere.example/n");
  });

  it("refunds: NOT_ENOUGH over the total, idempotent out_refund_no, PROCESSING until completed", async () => {
    const { outTradeNo } = await prepay(fake);
    const unpaid = await call(
      fake,
      "POST",
      "/v3/refund/domestic/refunds",
      refundBody(outTradeNo, `R${outTradeNo}`, 100),
    );
    expect(unpaid.status).toBe(400);
    expect(WxError.parse(unpaid.data).code).toBe("INVALID_REQUEST");
    const missing = await call(fake, "POST", "/v3/refund/domestic/refunds", refundBody("NO_SUCH_ORDER", "R1", 100));
    expect(missing.status).toBe(404);
    expect(WxError.parse(missing.data).code).toBe("RESOURCE_NOT_EXISTS");

    await fake.pay(outTradeNo);
    const over = await call(
      fake,
      "POST",
      "/v3/refund/domestic/refunds",
      refundBody(outTradeNo, `A${outTradeNo}`, 8801),
    );
    expect(over.status).toBe(400);
    expect(WxError.parse(over.data).code).toBe("NOT_ENOUGH");

    const first = await call(
      fake,
      "POST",
      "/v3/refund/domestic/refunds",
      refundBody(outTradeNo, `B${outTradeNo}`, 5000),
    );
    expect(first.status).toBe(200);
    expect(responseOk(fake, first)).toBe(true);
    expect(first.data).toMatchObject({
      out_refund_no: `B${outTradeNo}`,
      out_trade_no: outTradeNo,
      channel: "ORIGINAL",
      user_received_account: "支付用户零钱",
      status: "PROCESSING",
      amount: { total: 8800, refund: 5000, payer_total: 8800, payer_refund: 5000, discount_refund: 0, currency: "CNY" },
    });
    const refundId = Refund.parse(first.data).refund_id;
    const repeat = await call(
      fake,
      "POST",
      "/v3/refund/domestic/refunds",
      refundBody(outTradeNo, `B${outTradeNo}`, 5000),
    );
    expect(Refund.parse(repeat.data).refund_id).toBe(refundId);
    const changed = await call(
      fake,
      "POST",
      "/v3/refund/domestic/refunds",
      refundBody(outTradeNo, `B${outTradeNo}`, 4000),
    );
    expect(WxError.parse(changed.data).code).toBe("INVALID_REQUEST");
    const rest = await call(
      fake,
      "POST",
      "/v3/refund/domestic/refunds",
      refundBody(outTradeNo, `C${outTradeNo}`, 3801),
    );
    expect(WxError.parse(rest.data).code).toBe("NOT_ENOUGH");
    const wrongTotal = await call(
      fake,
      "POST",
      "/v3/refund/domestic/refunds",
      refundBody(outTradeNo, `D${outTradeNo}`, 100, 9000),
    );
    expect(wrongTotal.status).toBe(400);

    const refundPath = `/v3/refund/domestic/refunds/B${outTradeNo}?sub_mchid=${SUB_MCHID}`;
    expect(Refund.parse((await call(fake, "GET", refundPath)).data).status).toBe("PROCESSING");
    expect(Query.parse((await call(fake, "GET", queryPath(fake, outTradeNo))).data).trade_state).toBe("REFUND");

    const n = await fake.completeRefund(`B${outTradeNo}`);
    const delivered = received.at(-1);
    expect(delivered?.url).toBe("https://shop.example.com/wechat/refund-notify");
    expect(delivered && notificationOk(fake, delivered)).toBe(true);
    const { body, plain } = openNotification(fake, n);
    expect(body).toMatchObject({ event_type: "REFUND.SUCCESS", summary: "退款成功" });
    expect(body.resource.associated_data).toBe("refund");
    expect(plain).toMatchObject({
      sp_mchid: fake.merchant.mchid,
      sub_mchid: SUB_MCHID,
      out_trade_no: outTradeNo,
      out_refund_no: `B${outTradeNo}`,
      refund_id: refundId,
      refund_status: "SUCCESS",
      user_received_account: "支付用户零钱",
      amount: { total: 8800, refund: 5000, payer_total: 8800, payer_refund: 5000 },
    });
    const done = Refund.parse((await call(fake, "GET", refundPath)).data);
    expect(done.status).toBe("SUCCESS");
    expect(done.success_time).toMatch(/\+08:00$/);
    const unknown = await call(fake, "GET", `/v3/refund/domestic/refunds/NOPE?sub_mchid=${SUB_MCHID}`);
    expect(WxError.parse(unknown.data).code).toBe("RESOURCE_NOT_EXISTS");
  });

  it("bills the day's payment and refund in yuan, with the summary line, and honours overrides", async () => {
    const day = "2025-06-18";
    const { outTradeNo } = await prepay(fake);
    await fake.pay(outTradeNo, { send: false, at: new Date("2025-06-18T02:00:00Z") }); // 10:00 in Beijing
    const r = await call(fake, "POST", "/v3/refund/domestic/refunds", refundBody(outTradeNo, `R${outTradeNo}`, 3000));
    const refundId = Refund.parse(r.data).refund_id;
    await fake.completeRefund(`R${outTradeNo}`, { send: false, at: new Date("2025-06-18T06:30:00Z") });
    const transactionId = z.string().parse(fake.transactions.get(outTradeNo)?.transaction_id);

    const fetchBill = async () => {
      const meta = await call(fake, "GET", `/v3/bill/tradebill?bill_date=${day}&sub_mchid=${SUB_MCHID}&bill_type=ALL`);
      expect(meta.status).toBe(200);
      expect(responseOk(fake, meta)).toBe(true);
      const m = z
        .object({ hash_type: z.literal("SHA1"), hash_value: z.string(), download_url: z.string() })
        .parse(meta.data);
      const url = new URL(m.download_url);
      expect(url.origin).toBe(fake.baseUrl);
      const file = await call(fake, "GET", `${url.pathname}${url.search}`);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(file.headers.get("wechatpay-signature")).toBeNull(); // the download is not signed
      expect(fake.requests.at(-1)).toMatchObject({ path: "/v3/billdownload/file", verified: true });
      expect(createHash("sha1").update(file.raw).digest("hex")).toBe(m.hash_value);
      return file.raw;
    };

    const raw = await fetchBill();
    expect(raw.endsWith("\r\n")).toBe(true);
    const lines = raw.split("\r\n").slice(0, -1);
    expect(lines).toHaveLength(5);
    const header = (lines[0] ?? "").split(",");
    expect(header).toHaveLength(27);
    expect(lines[3]).toBe(
      "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额",
    );
    for (const l of [lines[1], lines[2], lines[4]]) expect(l?.split(",").every((f) => f.startsWith("`"))).toBe(true);
    const row = (l: string | undefined) =>
      Object.fromEntries((l ?? "").split(",").map((f, i) => [header[i] ?? String(i), f.slice(1)]));
    expect(row(lines[1])).toMatchObject({
      交易时间: "2025-06-18 10:00:00",
      公众账号ID: fake.merchant.appid,
      商户号: fake.merchant.mchid,
      特约商户号: SUB_MCHID,
      微信订单号: transactionId,
      商户订单号: outTradeNo,
      交易类型: "JSAPI",
      交易状态: "SUCCESS",
      货币种类: "CNY",
      应结订单金额: "88.00",
      退款金额: "0.00",
      商品名称: "Mallwright-测试商品",
      手续费: "0.53",
      费率: "0.60%",
      订单金额: "88.00",
    });
    expect(row(lines[2])).toMatchObject({
      交易时间: "2025-06-18 14:30:00",
      交易状态: "REFUND",
      应结订单金额: "88.00",
      微信退款单号: refundId,
      商户退款单号: `R${outTradeNo}`,
      退款金额: "30.00",
      退款状态: "SUCCESS",
      申请退款金额: "30.00",
    });
    expect(lines[4]).toBe("`2,`88.00,`30.00,`0.00,`0.35,`88.00,`30.00");

    // A test can rewrite the day: drop the refund and inflate the payment.
    fake.billOverrides.set(day, (rows) =>
      rows.filter((x) => x.tradeState !== "REFUND").map((x) => ({ ...x, settlementAmountFen: 9900 })),
    );
    const altered = (await fetchBill()).split("\r\n");
    expect(altered).toHaveLength(5); // header, one row, summary header, summary, ""
    expect(altered[1]).toContain("`99.00");
    expect(altered[3]).toBe("`1,`99.00,`0.00,`0.00,`0.53,`88.00,`0.00");
    fake.billOverrides.delete(day);

    const empty = await call(
      fake,
      "GET",
      `/v3/bill/tradebill?bill_date=2025-06-17&sub_mchid=${SUB_MCHID}&bill_type=ALL`,
    );
    expect(empty.status).toBe(400);
    expect(WxError.parse(empty.data).code).toBe("NO_STATEMENT_EXIST");
  });

  it("fails the next requests on demand: a signed 500 SYSTEM_ERROR, or a hang", async () => {
    const { outTradeNo } = await prepay(fake);
    fake.failNext(1, "500", "/v3/pay/partner/transactions/out-trade-no/");
    const failed = await call(fake, "GET", queryPath(fake, outTradeNo));
    expect(failed.status).toBe(500);
    expect(failed.data).toEqual({ code: "SYSTEM_ERROR", message: "系统错误" });
    expect(responseOk(fake, failed)).toBe(true);
    expect((await call(fake, "GET", queryPath(fake, outTradeNo))).status).toBe(200);

    fake.failNext(1, "timeout");
    const logged = fake.requests.length;
    await expect(
      call(fake, "GET", queryPath(fake, outTradeNo), undefined, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(fake.requests.length).toBe(logged + 1);
    expect((await call(fake, "GET", queryPath(fake, outTradeNo))).status).toBe(200);
  });
});

// --- WeChat Pay public-key mode, notifications over real HTTP

describe("fake WeChat Pay, public-key mode", () => {
  let fake: FakeWechatPay;
  let receiver: Server;
  let receiverUrl = "";
  const posted: { headers: Record<string, string>; body: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString("utf8");
      });
      req.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
        posted.push({ headers, body });
        res.writeHead(204);
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const address = receiver.address();
    if (!address || typeof address === "string") throw new Error("no address");
    receiverUrl = `http://127.0.0.1:${address.port}/wechat/notify`;
    fake = await startFakeWechatPay({ verification: "publicKey", closeMinAgeMs: 5 * 60_000 });
    fake.addSubMerchant(SUB_MCHID, SUB_APPID);
  });
  afterAll(async () => {
    await fake?.close();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  it("signs with the WeChat Pay public key and has no platform certificates", async () => {
    expect(fake.platformSerial).toMatch(/^PUB_KEY_ID_\d{32}$/);
    expect(fake.platformCertPem).toBeUndefined();
    expect(fake.platformPublicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const r = await call(fake, "POST", "/v3/pay/partner/transactions/jsapi", prepayBody(fake, newTradeNo()));
    expect(r.status).toBe(200);
    expect(r.headers.get("wechatpay-serial")).toBe(fake.platformSerial);
    expect(responseOk(fake, r)).toBe(true);
    const certs = await call(fake, "GET", "/v3/certificates");
    expect(certs.status).toBe(404);
    expect(responseOk(fake, certs)).toBe(true);
  });

  it("POSTs the payment notification to notify_url and records the delivery", async () => {
    const outTradeNo = newTradeNo();
    const r = await call(fake, "POST", "/v3/pay/partner/transactions/jsapi", {
      ...prepayBody(fake, outTradeNo),
      notify_url: receiverUrl,
    });
    expect(r.status).toBe(200);
    const n = await fake.pay(outTradeNo);
    expect(posted).toHaveLength(1);
    const got = posted[0];
    expect(got?.headers["content-type"]).toBe("application/json");
    expect(got && notificationOk(fake, got)).toBe(true);
    expect(got && openNotification(fake, got).plain).toMatchObject({
      out_trade_no: outTradeNo,
      trade_state: "SUCCESS",
    });
    expect(fake.deliveries.at(-1)).toEqual({ id: n.id, status: 204, body: "" });
  });

  it("refuses to close a young order, closes it once 5 minutes old, then refuses a new prepay", async () => {
    const { outTradeNo } = await prepay(fake);
    const closePath = `/v3/pay/partner/transactions/out-trade-no/${outTradeNo}/close`;
    const closeBody = { sp_mchid: fake.merchant.mchid, sub_mchid: SUB_MCHID };
    const young = await call(fake, "POST", closePath, closeBody);
    expect(young.status).toBe(400);
    expect(young.data).toEqual({ code: "INVALID_REQUEST", message: "订单生成后不能马上调用关单接口" });

    const t = fake.transactions.get(outTradeNo);
    if (t) t.created = new Date(Date.now() - 6 * 60_000);
    const closed = await call(fake, "POST", closePath, closeBody);
    expect(closed.status).toBe(204);
    expect(closed.raw).toBe("");
    expect(responseOk(fake, closed)).toBe(true);
    expect(Query.parse((await call(fake, "GET", queryPath(fake, outTradeNo))).data).trade_state).toBe("CLOSED");
    const again = await call(fake, "POST", "/v3/pay/partner/transactions/jsapi", prepayBody(fake, outTradeNo));
    expect(WxError.parse(again.data).code).toBe("ORDER_CLOSED");
    const unknown = await call(
      fake,
      "POST",
      "/v3/pay/partner/transactions/out-trade-no/NO_SUCH_ORDER/close",
      closeBody,
    );
    expect(unknown.status).toBe(404);
  });
});
