// WeChat end to end against the fake WeChat Pay and open-platform servers (real wire formats, keys
// made per run) on PostgreSQL: a shopper signs in with a wx.login code, pays, the notification marks
// the order paid once, the merchant ships and the shipping info is uploaded, a refund completes by
// its notification, and the next day's bill reconciles. Then the unhappy cases.
import { createPublicKey, createVerify } from "node:crypto";
import type { TAfterSale, TOrder } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tick } from "../../jobs/scheduler.ts";
import { type CreatedProduct, createProductVia, productBody } from "../../services/catalog/catalog-fixtures.ts";
import { reconcileBill } from "../../services/payments/reconcile-bill.ts";
import { wechatPay } from "../../services/payments/wechat-pay.ts";
import { applyRefund } from "../../services/payments/wechat-refunds.ts";
import { type FakeWechatOpen, startFakeWechatOpen } from "../../test/fakes/wechat-open-server.ts";
import { type FakeWechatPay, type Notification, startFakeWechatPay } from "../../test/fakes/wechat-pay-server.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

const ORIGIN = "http://mallwright.test";
/** The China calendar day of `d`, as WeChat's bills count days. */
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const NOTIFY_PATH = "/webhooks/wechatpay/notify";
const SUB_MCHID = "1900000109";

let h: Harness;
let pay: FakeWechatPay;
let open: FakeWechatOpen;
let shop: TenantFixture;
let appid: string;
let tea: CreatedProduct;
let keys = 0;

/** Delivers what a fake sends to our endpoint into the in-process app. */
async function toApp(url: string, init: { headers: Record<string, string>; body: string }) {
  const u = new URL(url);
  const res = await h.app.request(`${u.pathname}${u.search}`, {
    method: "POST",
    headers: init.headers,
    body: init.body,
  });
  return { status: res.status, body: await res.text() };
}

const store = (token: string, headers: Record<string, string> = {}) => ({
  token,
  headers: { "x-mallwright-tenant": shop.key, ...headers },
});

/** Runs WeChat's jobs now, even those waiting for a delay or a retry. */
const runJobs = (prefixes: string[] = ["payments.", "wechat."]) => h.runJobsNow(prefixes);

async function signIn(openid: string): Promise<string> {
  const code = open.issueLoginCode(appid, { openid, unionid: `union-${openid}` });
  const res = await h.call("POST", "/store/v1/auth/wechat", {
    headers: { "x-mallwright-tenant": shop.key },
    body: { code },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return String(res.body.token);
}

async function order(token: string, quantity = 1): Promise<TOrder> {
  await h.call("POST", "/store/v1/cart/items", { ...store(token), body: { skuId: tea.skus[0]?.id, quantity } });
  await h.call("POST", "/store/v1/addresses", {
    ...store(token),
    body: {
      recipient: "王小明",
      phone: "13800138000",
      province: "浙江省",
      city: "杭州市",
      district: "西湖区",
      detail: "文三路 90 号",
    },
  });
  const res = await h.call("POST", "/store/v1/orders", {
    ...store(token, { "idempotency-key": `wx${++keys}` }),
    body: { delivery: "express" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as unknown as TOrder;
}

const orderRow = (id: string) => h.admin.withAdmin((tx) => tx.order.findUniqueOrThrow({ where: { id } }));
const ledger = (orderId: string) =>
  h.admin.withAdmin((tx) => tx.paymentLedgerEntry.findMany({ where: { orderId }, orderBy: { createdAt: "asc" } }));
const paidEvents = (orderId: string) =>
  h.admin.withAdmin((tx) =>
    tx.orderEvent.count({ where: { orderId, toStatus: "paid", fromStatus: "pending_payment" } }),
  );

async function startPaying(token: string, o: TOrder) {
  const res = await h.call("POST", `/store/v1/orders/${o.id}/pay`, store(token));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as { provider: string; order: TOrder; requestPayment: Record<string, string> };
}

beforeAll(async () => {
  pay = await startFakeWechatPay({ verification: "certificate", deliver: (n) => toApp(n.url, n) });
  open = await startFakeWechatOpen({
    deliver: (r) => toApp(r.url, { headers: { "content-type": "text/xml" }, body: r.body }),
  });
  h = await startHarness({
    WECHATPAY_SP_MCHID: pay.merchant.mchid,
    WECHATPAY_SP_APPID: pay.merchant.appid,
    WECHATPAY_PRIVATE_KEY: pay.merchant.privateKeyPem,
    WECHATPAY_CERT_SERIAL: pay.merchant.certSerial,
    WECHATPAY_APIV3_KEY: pay.apiV3Key,
    WECHATPAY_PLATFORM_CERTS: pay.platformCertPem ?? "",
    WECHATPAY_BASE_URL: pay.baseUrl,
    WECHATPAY_NOTIFY_URL: `${ORIGIN}${NOTIFY_PATH}`,
    WECHAT_HTTP_TIMEOUT_MS: "800",
    WECHAT_COMPONENT_APPID: open.component.appId,
    WECHAT_COMPONENT_SECRET: open.component.appSecret,
    WECHAT_COMPONENT_TOKEN: open.component.token,
    WECHAT_COMPONENT_AES_KEY: open.component.encodingAesKey,
    WECHAT_API_BASE_URL: open.baseUrl,
  });
  shop = await h.tenant();
  appid = `wx${"0123456789abcdef".split("").reverse().join("")}`;
  pay.addSubMerchant(SUB_MCHID, appid);
  const { refreshToken } = open.authorize(appid);
  const admin = await h.platformAdmin();
  const set = await h.call("PUT", `/platform/v1/tenants/${shop.id}/wechat`, {
    token: admin.token,
    body: { subMchid: SUB_MCHID, subAppid: appid, onboardingStatus: "active", authorizerRefreshToken: refreshToken },
  });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  expect(set.body).toMatchObject({ subMchid: SUB_MCHID, onboardingStatus: "active", authorized: true });
  expect(JSON.stringify(set.body)).not.toContain(refreshToken);
  // WeChat pushes the component verify ticket; sign-in works from then on.
  const pushed = await open.pushTicket(`${ORIGIN}/webhooks/wechat/component`);
  expect(pushed).toMatchObject({ status: 200, body: "success" });
  tea = await createProductVia(
    h,
    shop.tokens.owner,
    productBody({ title: "龙井", status: "on_shelf", skus: [{ specValues: [], price: 2500, stock: 100 }] }),
  );
}, 60_000);

afterAll(async () => {
  await h?.close();
  await pay?.close();
  await open?.close();
});

describe("WeChat: sign in, pay, ship, refund, reconcile", () => {
  let token: string;
  let paid: TOrder;
  let notification: Notification;

  it("signs a shopper in with a wx.login code through the component (once per code)", async () => {
    const code = open.issueLoginCode(appid, { openid: "o-alice", unionid: "u-alice" });
    const res = await h.call("POST", "/store/v1/auth/wechat", {
      headers: { "x-mallwright-tenant": shop.key },
      body: { code },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    token = String(res.body.token);
    const me = await h.call("GET", "/store/v1/me", store(token));
    expect(me.body).toMatchObject({ provider: "wechat" });
    const shopper = await h.admin.withAdmin((tx) =>
      tx.shopper.findFirstOrThrow({ where: { tenantId: shop.id, subject: "o-alice" } }),
    );
    expect(shopper).toMatchObject({ provider: "wechat", unionid: "u-alice" });
    // The same code again: WeChat says it is used.
    const again = await h.call("POST", "/store/v1/auth/wechat", {
      headers: { "x-mallwright-tenant": shop.key },
      body: { code },
    });
    expect(again.status).toBe(422);
    // The development login is off once WeChat Pay is configured.
    const dev = await h.call("POST", "/store/v1/auth/wechat", {
      headers: { "x-mallwright-tenant": shop.key },
      body: { code: "dev:x" },
    });
    expect(dev.status).toBe(403);
  });

  it("binds a phone number from a getPhoneNumber code", async () => {
    const code = open.issuePhoneCode(appid, "13912345678");
    const res = await h.call("POST", "/store/v1/me/phone", { ...store(token), body: { code } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ phoneTail: "5678" });
    const s = await h.admin.withAdmin((tx) =>
      tx.shopper.findFirstOrThrow({ where: { tenantId: shop.id, subject: "o-alice" } }),
    );
    expect(s.phoneTail).toBe("5678");
    expect(s.phoneEnc).not.toContain("13912345678");
    expect((await h.call("POST", "/store/v1/me/phone", { ...store(token), body: { code } })).status).toBe(422);
  });

  it("prepays in partner mode and signs wx.requestPayment; a second call reuses the prepay id", async () => {
    paid = await order(token, 2);
    const first = await startPaying(token, paid);
    expect(first.provider).toBe("wechat");
    expect(first.order.status).toBe("pending_payment");
    const rp = first.requestPayment;
    expect(rp).toMatchObject({ signType: "RSA" });
    expect(rp.package).toMatch(/^prepay_id=wx/);
    const key = createPublicKey(pay.merchant.privateKeyPem);
    const signed = `${appid}\n${rp.timeStamp}\n${rp.nonceStr}\n${rp.package}\n`;
    expect(
      createVerify("RSA-SHA256")
        .update(signed)
        .verify(key, rp.paySign ?? "", "base64"),
    ).toBe(true);
    const tx = pay.transactions.get(paid.number);
    expect(tx).toMatchObject({
      sp_mchid: pay.merchant.mchid,
      sub_mchid: SUB_MCHID,
      sub_appid: appid,
      amount: { total: paid.total },
    });
    expect(tx?.payer.sub_openid).toBe("o-alice");
    expect(tx?.time_expire).toMatch(/\+08:00$/);
    const second = await startPaying(token, paid);
    expect(second.requestPayment.package).toBe(rp.package);
    expect(pay.requests.filter((r) => r.path === "/v3/pay/partner/transactions/jsapi")).toHaveLength(1);
    expect(pay.requests.every((r) => r.verified)).toBe(true);
  });

  it("marks the order paid once, however often WeChat repeats the notification", async () => {
    notification = await pay.pay(paid.number);
    expect(pay.deliveries.at(-1)?.status).toBe(204);
    for (let i = 0; i < 15; i++) expect((await pay.deliver(notification)).status).toBe(204);
    await runJobs();
    const row = await orderRow(paid.id);
    expect(row.status).toBe("paid");
    expect(row.paymentProvider).toBe("wechat");
    expect(row.paymentRef).toBe(pay.transactions.get(paid.number)?.transaction_id);
    expect(await paidEvents(paid.id)).toBe(1);
    expect(await ledger(paid.id)).toMatchObject([{ kind: "capture", amount: paid.total }]);
    // Delivered again after it was applied: still nothing new.
    expect((await pay.deliver(notification)).status).toBe(204);
    await runJobs();
    expect(await paidEvents(paid.id)).toBe(1);
    expect(await ledger(paid.id)).toHaveLength(1);
    const n = await h.admin.withAdmin((tx) => tx.paymentNotification.findMany({ where: { tenantId: shop.id } }));
    expect(n).toHaveLength(1);
    expect(n[0]?.appliedAt).not.toBeNull();
  });

  it("uploads the shipping info when the merchant ships", async () => {
    const shipped = await h.call("POST", `/merchant/v1/orders/${paid.id}/ship`, {
      token: shop.tokens.owner,
      body: { carrier: "顺丰速运", trackingNo: "SF1234567890" },
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body.shippingUpload).toMatchObject({ status: "pending" });
    await runJobs();
    const upload = open.shippingUploads.at(-1);
    expect(upload?.appid).toBe(appid);
    expect(upload?.body).toMatchObject({
      order_key: { order_number_type: 2, transaction_id: pay.transactions.get(paid.number)?.transaction_id },
      logistics_type: 1,
      shipping_list: [
        { tracking_no: "SF1234567890", express_company: "SF", contact: { receiver_contact: "138****8000" } },
      ],
      payer: { openid: "o-alice" },
    });
    const seen = await h.call("GET", `/merchant/v1/orders/${paid.id}`, { token: shop.tokens.owner });
    expect(seen.body.shippingUpload).toMatchObject({ status: "uploaded", error: null });
    expect(seen.body.payment).toMatchObject({ provider: "wechat", status: "paid", late: false });
  });

  it("refunds through WeChat Pay, confirmed by the refund notification", async () => {
    const asked = await h.call("POST", `/store/v1/orders/${paid.id}/after-sales`, {
      ...store(token),
      body: { kind: "refund", reason: "不想要了", lines: [{ lineId: paid.lines[0]?.id, quantity: 1 }] },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const approve = await h.call("POST", `/merchant/v1/after-sales/${String(asked.body.id)}/approve`, {
      token: shop.tokens.owner,
      body: {},
    });
    expect(approve.status, JSON.stringify(approve.body)).toBe(200);
    expect((approve.body as unknown as TAfterSale).status).toBe("refunding");
    await runJobs();
    const outRefundNo = String(asked.body.id).replaceAll("-", "");
    expect(pay.refunds.get(outRefundNo)).toMatchObject({
      status: "PROCESSING",
      amount: { refund: 2500, total: paid.total },
    });
    const n = await pay.completeRefund(outRefundNo);
    expect(pay.deliveries.at(-1)?.status).toBe(204);
    await pay.deliver(n);
    await runJobs();
    const a = await h.admin.withAdmin((tx) => tx.afterSale.findUniqueOrThrow({ where: { id: String(asked.body.id) } }));
    expect(a.status).toBe("refunded");
    expect(await ledger(paid.id)).toMatchObject([
      { kind: "capture", amount: paid.total },
      { kind: "refund", amount: 2500, ref: outRefundNo },
    ]);
  });

  it("reconciles the next day's bill, and records what does not match", async () => {
    const day = chinaDay(new Date());
    // 10:30 the next morning, China time: the scheduler asks for yesterday's bills.
    const nextMorning = new Date(`${day}T02:30:00Z`);
    nextMorning.setUTCDate(nextMorning.getUTCDate() + 1);
    expect(await tick(h.admin, h.env, nextMorning)).toContain("payments.wechat-bills");
    await runJobs();
    const bills = await h.call("GET", `/platform/v1/tenants/${shop.id}/bills`, {
      token: (await h.platformAdmin()).token,
    });
    expect(bills.status).toBe(200);
    const [run] = bills.body.items as unknown as {
      billDate: string;
      status: string;
      matched: number;
      billTotal: number;
    }[];
    expect(run).toMatchObject({ billDate: day, status: "matched", matched: 2, billTotal: paid.total });
    // The store sees it too.
    const mine = await h.call("GET", "/merchant/v1/wechat", { token: shop.tokens.owner });
    expect(mine.body).toMatchObject({ onboardingStatus: "active", bills: [{ billDate: day, status: "matched" }] });
    // WeChat's bill says another amount, and lists a payment we never saw: both recorded.
    pay.billOverrides.set(day, (rows) => [
      ...rows.map((r) =>
        r.outTradeNo === paid.number && r.tradeState === "SUCCESS" ? { ...r, settlementAmountFen: 1 } : r,
      ),
      { ...(rows[0] ?? ({} as never)), outTradeNo: "999999999999", transactionId: "4200000000000000000000009999" },
    ]);
    const client = wechatPay(h.env);
    if (!client) throw new Error("no client");
    const again = await reconcileBill(h.db, client, shop.id, SUB_MCHID, day);
    expect(again).toMatchObject({ status: "differences", differences: 2 });
    const after = await h.call("GET", `/platform/v1/tenants/${shop.id}/bills`, {
      token: (await h.platformAdmin()).token,
    });
    expect((after.body.items as unknown as { differences: unknown[] }[])[0]?.differences).toEqual(
      expect.arrayContaining([
        { kind: "amount_mismatch", entry: "payment", ref: paid.number, ours: paid.total, theirs: 1 },
        { kind: "missing_here", entry: "payment", ref: "999999999999", ours: null, theirs: paid.total },
      ]),
    );
    pay.billOverrides.delete(day);
  });
});

describe("WeChat Pay notifications that must change nothing", () => {
  let token: string;
  let pending: TOrder;
  let resource: Record<string, unknown>;

  beforeAll(async () => {
    token = await signIn("o-bob");
    pending = await order(token);
    await startPaying(token, pending);
    const n = await pay.pay(pending.number, { send: false });
    resource = n.resource as unknown as Record<string, unknown>;
  });

  const post = (n: Notification) => h.app.request(NOTIFY_PATH, { method: "POST", headers: n.headers, body: n.body });
  async function expectUnchanged() {
    // Only what notifications would have queued (the payment check would ask WeChat, which knows).
    await runJobs(["payments.wechat-notification"]);
    expect((await orderRow(pending.id)).status).toBe("pending_payment");
    expect(await ledger(pending.id)).toHaveLength(0);
  }

  it("a bad signature: 401 with WeChat's failure body", async () => {
    const res = await post(pay.notification("TRANSACTION.SUCCESS", resource, { tamper: "signature" }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: "FAIL", message: expect.any(String) });
    await expectUnchanged();
  });

  it("signed with another key, or naming a serial we do not know: 401", async () => {
    expect((await post(pay.notification("TRANSACTION.SUCCESS", resource, { signWith: "other" }))).status).toBe(401);
    expect((await post(pay.notification("TRANSACTION.SUCCESS", resource, { serial: "ABCDEF0123456789" }))).status).toBe(
      401,
    );
    await expectUnchanged();
  });

  it("a timestamp 6 minutes old: 401", async () => {
    expect((await post(pay.notification("TRANSACTION.SUCCESS", resource, { timestampOffsetSec: -360 }))).status).toBe(
      401,
    );
    await expectUnchanged();
  });

  it("a tampered ciphertext: 400", async () => {
    expect((await post(pay.notification("TRANSACTION.SUCCESS", resource, { tamper: "ciphertext" }))).status).toBe(400);
    await expectUnchanged();
  });

  it("an amount or sub-merchant that does not match the order: 400", async () => {
    const amount = { ...(resource.amount as Record<string, unknown>), total: 1, payer_total: 1 };
    expect((await post(pay.notification("TRANSACTION.SUCCESS", { ...resource, amount }))).status).toBe(400);
    expect((await post(pay.notification("TRANSACTION.SUCCESS", { ...resource, sub_mchid: "1900009999" }))).status).toBe(
      400,
    );
    expect((await post(pay.notification("TRANSACTION.SUCCESS", { ...resource, sp_mchid: "1900000002" }))).status).toBe(
      400,
    );
    await expectUnchanged();
  });

  it("malformed bodies and missing headers: 4xx, never a 500", async () => {
    for (const body of ["", "{", "[]", '{"id":1}']) {
      const res = await h.app.request(NOTIFY_PATH, {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      });
      expect([400, 401]).toContain(res.status);
    }
    await expectUnchanged();
  });

  it("then the genuine one is applied (and a probe never was)", async () => {
    expect((await post(pay.notification("TRANSACTION.SUCCESS", resource))).status).toBe(204);
    await runJobs();
    expect((await orderRow(pending.id)).status).toBe("paid");
    expect(await ledger(pending.id)).toHaveLength(1);
  });
});

describe("WeChat Pay: late notifications, cancellations and faults", () => {
  it("asks WeChat when the notification never comes, and applies the answer", async () => {
    const token = await signIn("o-carol");
    const o = await order(token);
    await startPaying(token, o);
    await pay.pay(o.number, { send: false });
    await runJobs(["payments."]);
    expect((await orderRow(o.id)).status).toBe("paid");
    expect(await ledger(o.id)).toHaveLength(1);
  });

  it("auto-cancel closes the WeChat order before the stock returns", async () => {
    const token = await signIn("o-dave");
    const o = await order(token);
    await startPaying(token, o);
    // Past the pay-by time, and old enough for WeChat to close.
    await h.admin.withAdmin(async (tx) => {
      await tx.order.update({ where: { id: o.id }, data: { payBy: new Date(Date.now() - 1000) } });
      await tx.payment.updateMany({
        where: { orderId: o.id },
        data: { createdAt: new Date(Date.now() - 10 * 60_000) },
      });
    });
    await runJobs(["orders.", "payments."]);
    expect((await orderRow(o.id)).status).toBe("cancelled");
    expect(pay.transactions.get(o.number)?.state).toBe("CLOSED");
  });

  it("money that arrives for a cancelled order is refunded in full and flagged", async () => {
    const token = await signIn("o-erin");
    const o = await order(token);
    await startPaying(token, o);
    const cancelled = await h.call("POST", `/store/v1/orders/${o.id}/cancel`, { ...store(token), body: {} });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    // The shopper paid just before the close reached WeChat.
    await pay.pay(o.number);
    await runJobs();
    const p = await h.admin.withAdmin((tx) => tx.payment.findFirstOrThrow({ where: { orderId: o.id } }));
    expect(p).toMatchObject({ late: true, status: "refunded_late" });
    const outRefundNo = `L${o.number}`;
    expect(pay.refunds.get(outRefundNo)).toMatchObject({ amount: { refund: o.total } });
    await pay.completeRefund(outRefundNo);
    await runJobs();
    expect(await ledger(o.id)).toMatchObject([
      { kind: "capture", amount: o.total },
      { kind: "refund", amount: o.total },
    ]);
    expect((await orderRow(o.id)).status).toBe("cancelled");
    const seen = await h.call("GET", `/merchant/v1/orders/${o.id}`, { token: shop.tokens.owner });
    expect(seen.body.payment).toMatchObject({ late: true, refunds: [{ status: "succeeded", amount: o.total }] });
  });

  /** A paid WeChat order of `openid`'s with a whole-order refund approved (its request queued, not yet run). */
  async function approvedRefund(openid: string) {
    const token = await signIn(openid);
    const o = await order(token);
    await startPaying(token, o);
    await pay.pay(o.number);
    await runJobs();
    const asked = await h.call("POST", `/store/v1/orders/${o.id}/after-sales`, {
      ...store(token),
      body: { kind: "refund", reason: "买错了" },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const approve = await h.call("POST", `/merchant/v1/after-sales/${String(asked.body.id)}/approve`, {
      token: shop.tokens.owner,
      body: {},
    });
    expect(approve.status).toBe(200);
    return { o, afterSaleId: String(asked.body.id), outRefundNo: String(asked.body.id).replaceAll("-", "") };
  }
  const refundRow = (outRefundNo: string) =>
    h.admin.withAdmin((tx) => tx.refund.findFirstOrThrow({ where: { outRefundNo } }));

  it("a refund notification that arrives before the refund call has answered: applied once", async () => {
    const { o, afterSaleId, outRefundNo } = await approvedRefund("o-frank");
    // Our call has reached WeChat (and WeChat has refunded) but its answer has not come back: the
    // refund is still pending here when the notification arrives.
    const client = wechatPay(h.env);
    if (!client) throw new Error("no client");
    await client.refund({
      subMchid: SUB_MCHID,
      outTradeNo: o.number,
      outRefundNo,
      reason: "买错了",
      refund: o.total,
      total: o.total,
    });
    expect((await refundRow(outRefundNo)).status).toBe("pending");
    const n = await pay.completeRefund(outRefundNo);
    expect(pay.deliveries.at(-1)?.status).toBe(204);
    await runJobs(["payments.wechat-notification"]);
    expect((await refundRow(outRefundNo)).status).toBe("succeeded");
    // Then the ask's job runs (and the answer of the first call, PROCESSING, turns up late): nothing more.
    await runJobs();
    await pay.deliver(n);
    await runJobs();
    const stale = await h.db.withTenant(shop.id, (tx) =>
      applyRefund(tx, shop.id, {
        refund_id: "x",
        out_refund_no: outRefundNo,
        status: "PROCESSING",
        amount: { total: o.total, refund: o.total },
      }),
    );
    expect(stale).toBe("already");
    expect((await refundRow(outRefundNo)).status).toBe("succeeded");
    expect((await ledger(o.id)).filter((l) => l.kind === "refund")).toHaveLength(1);
    const a = await h.admin.withAdmin((tx) => tx.afterSale.findUniqueOrThrow({ where: { id: afterSaleId } }));
    expect(a.status).toBe("refunded");
  });

  it("WeChat answering 500, then not answering: the refund is asked again with backoff, never twice over", async () => {
    pay.failNext(1, "500", "/v3/refund");
    pay.failNext(1, "timeout", "/v3/refund");
    const { o, outRefundNo } = await approvedRefund("o-ivy");
    // The first try meets the 500 and waits for its backoff.
    await h.flushJobs();
    expect((await refundRow(outRefundNo)).status).toBe("pending");
    const retry = await h.admin.withAdmin((tx) =>
      tx.outboxEntry.findFirstOrThrow({
        where: { job: "payments.wechat-refund", status: "pending", attempts: { gt: 0 } },
      }),
    );
    expect(retry.availableAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
    await runJobs();
    expect(pay.refunds.get(outRefundNo)?.status).toBe("PROCESSING");
    await pay.completeRefund(outRefundNo);
    await runJobs();
    expect((await refundRow(outRefundNo)).status).toBe("succeeded");
    expect((await ledger(o.id)).filter((l) => l.kind === "refund")).toHaveLength(1);
    const asks = pay.requests.filter(
      (r) => r.path === "/v3/refund/domestic/refunds" && JSON.stringify(r.body ?? {}).includes(outRefundNo),
    );
    expect(asks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(asks.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect([...pay.refunds.values()].filter((r) => r.out_refund_no === outRefundNo)).toHaveLength(1);
  });

  it("a store without an active sub-merchant cannot take WeChat Pay", async () => {
    const other = await h.tenant();
    const res = await h.call("POST", `/store/v1/auth/wechat`, {
      headers: { "x-mallwright-tenant": other.key },
      body: { code: "whatever" },
    });
    expect(res.status).toBe(503);
  });

  it("a push that fails msg_signature changes nothing", async () => {
    const before = await h.admin.withAdmin((tx) => tx.wechatComponent.findUniqueOrThrow({ where: { id: 1 } }));
    const res = await open.pushRaw(`${ORIGIN}/webhooks/wechat/component`, {
      xml: `<xml><AppId><![CDATA[${open.component.appId}]]></AppId><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@forged]]></ComponentVerifyTicket><CreateTime>1</CreateTime></xml>`,
      tamper: "signature",
    });
    expect(res.status).toBe(401);
    const after = await h.admin.withAdmin((tx) => tx.wechatComponent.findUniqueOrThrow({ where: { id: 1 } }));
    expect(after.verifyTicketEnc).toBe(before.verifyTicketEnc);
  });
});

describe("WeChat tokens and timing", () => {
  it("renews a revoked component token when code2session refuses it", async () => {
    open.expireTokens();
    await signIn("o-gina");
  });

  it("the scheduled job renews the component token before it runs out", async () => {
    const soon = new Date(Date.now() + 10 * 60_000);
    await h.admin.withAdmin((tx) =>
      tx.wechatComponent.update({ where: { id: 1 }, data: { accessTokenExpiresAt: soon } }),
    );
    const before = await h.admin.withAdmin((tx) => tx.wechatComponent.findUniqueOrThrow({ where: { id: 1 } }));
    expect(await tick(h.admin, h.env, new Date(Date.now() + 3_600_000))).toContain("wechat.component-token");
    await runJobs(["wechat.component-token"]);
    const after = await h.admin.withAdmin((tx) => tx.wechatComponent.findUniqueOrThrow({ where: { id: 1 } }));
    expect(after.accessTokenEnc).not.toBe(before.accessTokenEnc);
    expect(after.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
  });

  it("auto-cancel waits until WeChat allows closing an order (5 minutes after the prepay)", async () => {
    const token = await signIn("o-hank");
    const o = await order(token);
    await startPaying(token, o);
    await h.admin.withAdmin((tx) =>
      tx.order.update({ where: { id: o.id }, data: { payBy: new Date(Date.now() - 1000) } }),
    );
    await h.admin.withAdmin(
      (tx) =>
        tx.$executeRaw`UPDATE outbox SET available_at = now() WHERE job = 'orders.auto-cancel' AND status = 'pending'`,
    );
    await h.flushJobs();
    expect((await orderRow(o.id)).status).toBe("pending_payment");
    expect(pay.transactions.get(o.number)?.state).toBe("NOTPAY");
    const waiting = await h.admin.withAdmin((tx) =>
      tx.outboxEntry.findMany({
        where: { job: "orders.auto-cancel", status: "pending", dedupeKey: { startsWith: o.id } },
      }),
    );
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.availableAt.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
  });
});
