// Paying an order with WeChat Pay (partner mode: the platform's sp_mchid, the store's sub_mchid and
// mini-program). The prepay id is kept and reused while it is valid; what WeChat says happened — by
// notification (wechat-notify.ts) or by query (the check job, auto-cancel) — is applied by one
// function, applyTransaction, in the order's own transaction, so it takes effect once.
import type { TOrder } from "@mallwright/schema";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import { perEnv } from "../../integrations/per-env.ts";
import { wechatPayConfig } from "../../integrations/wechat/config.ts";
import {
  createWechatPayClient,
  type WechatPayClient,
  WechatPayError,
  type WxTransaction,
} from "../../integrations/wechat/pay-client.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { checkWechatPaymentJob } from "../../jobs/wechatpay-check-payment.ts";
import type { CartActor } from "../cart/change-cart.ts";
import { move } from "../orders/order-state.ts";
import { loadOrders, presentOrder } from "../orders/present-order.ts";
import { startRefund } from "./wechat-refunds.ts";

/** The platform's WeChat Pay client, or null when WeChat Pay is not configured. */
export const wechatPay: (env: Env) => WechatPayClient | null = perEnv((env) => {
  const cfg = wechatPayConfig(env);
  return cfg ? createWechatPayClient(cfg) : null;
});

/** A prepay id lives two hours at WeChat; one with less than a minute left is not handed out. */
const PREPAY_LIFETIME_MS = 2 * 3600_000;
const PREPAY_MARGIN_MS = 60_000;
/** When to ask WeChat about a payment whose notification has not come (then later and later). */
export const CHECK_DELAYS_MS = [60_000, 3 * 60_000, 10 * 60_000, 30 * 60_000] as const;

export interface RequestPayment {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: "RSA";
  paySign: string;
}

/** A store's payment settings, or the 409/503 a shopper sees when it cannot take WeChat Pay. */
export async function storeSubMerchant(tx: Tx, tenantId: string): Promise<{ subMchid: string; subAppid: string }> {
  const wx = await tx.tenantWechat.findUnique({ where: { tenantId } });
  if (!wx?.subMchid || !wx.subAppid || wx.onboardingStatus !== "active") {
    throw new ApiError("unavailable", "this store cannot take WeChat Pay payments yet", [
      { path: "payment", message: wx ? `onboarding ${wx.onboardingStatus}` : "not set up" },
    ]);
  }
  return { subMchid: wx.subMchid, subAppid: wx.subAppid };
}

/** POST /store/v1/orders/{id}/pay with WeChat Pay: wx.requestPayment's parameters for the order. */
export async function payWithWechat(
  db: Database,
  env: Env,
  client: WechatPayClient,
  actor: CartActor,
  orderId: string,
): Promise<{ order: TOrder; requestPayment: RequestPayment }> {
  const { tenantId, shopperId } = actor;
  const now = Date.now();
  const pre = await db.withTenant(tenantId, async (tx) => {
    const order = await tx.order.findFirst({ where: { id: orderId, shopperId } });
    if (!order) throw notFound("order");
    if (order.status !== "pending_payment") {
      throw new ApiError("conflict", `order ${order.number} is ${order.status}: there is nothing to pay`, [
        { path: "status", message: order.status },
      ]);
    }
    if (order.payBy.getTime() <= now) {
      throw new ApiError("conflict", `order ${order.number} is past its payment time`, [
        { path: "status", message: "expired" },
      ]);
    }
    const shopper = await tx.shopper.findUniqueOrThrow({ where: { id: shopperId } });
    if (shopper.provider !== "wechat") {
      throw new ApiError("conflict", "sign in with WeChat to pay with WeChat Pay", [
        { path: "shopper", message: shopper.provider },
      ]);
    }
    const merchant = await storeSubMerchant(tx, tenantId);
    const payment = await tx.payment.findUnique({ where: { tenantId_orderId: { tenantId, orderId } } });
    const lines = await tx.orderLine.findMany({ where: { orderId }, orderBy: { position: "asc" }, take: 1 });
    return { order, openid: shopper.subject, merchant, payment, firstTitle: lines[0]?.title ?? order.number };
  });
  const { order, merchant, payment } = pre;
  let prepayId = payment?.prepayId ?? null;
  const reusable =
    prepayId &&
    payment?.status === "prepaid" &&
    payment.openid === pre.openid &&
    (payment.prepayExpiresAt?.getTime() ?? 0) > now + PREPAY_MARGIN_MS;
  if (!reusable) {
    try {
      ({ prepayId } = await client.jsapiPrepay({
        subMchid: merchant.subMchid,
        subAppid: merchant.subAppid,
        openid: pre.openid,
        outTradeNo: order.number,
        description: order.itemCount > 1 ? `${pre.firstTitle} 等${order.itemCount}件` : pre.firstTitle,
        total: order.total,
        timeExpire: order.payBy,
      }));
    } catch (err) {
      if (err instanceof WechatPayError && (err.code === "ORDERPAID" || err.code === "ORDER_CLOSED")) {
        // WeChat knows better: ask it and apply what it says (a lost notification, say).
        await checkPayment(db, client, tenantId, orderId);
        throw new ApiError(
          "conflict",
          `order ${order.number} was already ${err.code === "ORDERPAID" ? "paid" : "closed"} at WeChat Pay`,
        );
      }
      throw new ApiError("unavailable", "WeChat Pay is not answering; try again in a moment");
    }
    const expiresAt = new Date(Math.min(now + PREPAY_LIFETIME_MS, order.payBy.getTime()));
    await db.withTenant(tenantId, async (tx) => {
      await tx.payment.upsert({
        where: { tenantId_orderId: { tenantId, orderId } },
        create: {
          tenantId,
          orderId,
          provider: "wechat",
          outTradeNo: order.number,
          subMchid: merchant.subMchid,
          subAppid: merchant.subAppid,
          openid: pre.openid,
          amount: order.total,
          prepayId,
          prepayExpiresAt: expiresAt,
        },
        update: { prepayId, prepayExpiresAt: expiresAt, openid: pre.openid },
      });
      // If the notification is late (or lost), ask WeChat.
      await enqueue(
        tx,
        checkWechatPaymentJob,
        { orderId, round: 0 },
        { delayMs: CHECK_DELAYS_MS[0], dedupeKey: `${orderId}:0` },
      );
    });
  }
  if (!prepayId) throw new Error("prepay without an id");
  const [row] = await db.withTenant(tenantId, (tx) => loadOrders(tx, { id: orderId }));
  if (!row) throw notFound("order");
  return {
    order: presentOrder(fieldCipher(env), row),
    requestPayment: client.requestPaymentParams(merchant.subAppid, prepayId),
  };
}

export type ApplyOutcome = "paid" | "already" | "late_refunded" | "not_paid" | "mismatch" | "unknown_order";

/**
 * Applies WeChat's view of a payment in the caller's transaction (tenant scope): a SUCCESS moves the
 * order to paid with one capture in the ledger; money for an order already cancelled is captured,
 * flagged and refunded in full; anything that does not match the order changes nothing.
 */
export async function applyTransaction(
  tx: Tx,
  tenantId: string,
  spMchid: string,
  t: WxTransaction,
): Promise<ApplyOutcome> {
  const found = await tx.payment.findUnique({
    where: { tenantId_outTradeNo: { tenantId, outTradeNo: t.out_trade_no } },
    select: { orderId: true },
  });
  if (!found) return "unknown_order";
  // The order's lock first, then everything read fresh: a notification and a query applying the
  // same payment at once queue here, and the second sees what the first wrote.
  await tx.$queryRaw`SELECT id FROM orders WHERE id = ${found.orderId}::uuid FOR UPDATE`;
  const payment = await tx.payment.findUniqueOrThrow({
    where: { tenantId_outTradeNo: { tenantId, outTradeNo: t.out_trade_no } },
  });
  const order = await tx.order.findUniqueOrThrow({ where: { id: payment.orderId } });
  const matches =
    t.sp_mchid === spMchid &&
    t.sub_mchid === payment.subMchid &&
    (t.sub_appid === undefined || t.sub_appid === payment.subAppid) &&
    t.amount?.total === order.total &&
    t.amount?.total === payment.amount &&
    (t.amount?.currency ?? "CNY") === "CNY";
  if (!matches) return "mismatch";
  if (t.trade_state !== "SUCCESS" && t.trade_state !== "REFUND") {
    if (t.trade_state === "CLOSED" && payment.status === "prepaid") {
      await tx.payment.update({ where: { id: payment.id }, data: { status: "closed", closedAt: new Date() } });
    }
    return "not_paid";
  }
  if (payment.transactionId) return "already";
  const transactionId = t.transaction_id ?? "";
  const paidAt = t.success_time ? new Date(t.success_time) : new Date();
  await tx.paymentLedgerEntry.createMany({
    data: [{ tenantId, orderId: order.id, kind: "capture", amount: payment.amount, ref: transactionId }],
    skipDuplicates: true,
  });
  if (order.status === "pending_payment") {
    await tx.payment.update({ where: { id: payment.id }, data: { status: "paid", transactionId, paidAt } });
    await move(
      tx,
      order.id,
      "pending_payment",
      "paid",
      { kind: "system", id: null },
      { note: "paid with WeChat Pay", data: { paymentProvider: "wechat", paymentRef: transactionId } },
    );
    return "paid";
  }
  // The order was cancelled (timed out, or by the shopper) before the money arrived: give it back.
  await tx.payment.update({
    where: { id: payment.id },
    data: { status: "refunded_late", transactionId, paidAt, late: true },
  });
  await tx.order.update({ where: { id: order.id }, data: { paymentProvider: "wechat", paymentRef: transactionId } });
  await tx.orderEvent.create({
    data: {
      tenantId,
      orderId: order.id,
      fromStatus: order.status,
      toStatus: order.status,
      actor: "system",
      note: `payment of ${(payment.amount / 100).toFixed(2)} arrived after the order was ${order.status}: refunded in full automatically`,
    },
  });
  await startRefund(tx, tenantId, {
    orderId: order.id,
    afterSaleId: null,
    amount: payment.amount,
    reason: "订单已取消，自动退款",
    outRefundNo: `L${order.number}`,
  });
  return "late_refunded";
}

/** Asks WeChat about an order's payment and applies the answer; null when there is nothing to ask. */
export async function checkPayment(
  db: Database,
  client: WechatPayClient,
  tenantId: string,
  orderId: string,
): Promise<ApplyOutcome | null> {
  const payment = await db.withTenant(tenantId, (tx) =>
    tx.payment.findUnique({ where: { tenantId_orderId: { tenantId, orderId } } }),
  );
  if (!payment) return null;
  const t = await client.queryTransaction(payment.subMchid, payment.outTradeNo);
  if (!t) return "not_paid";
  return db.withTenant(tenantId, (tx) => applyTransaction(tx, tenantId, client.config.spMchid, t));
}

/** WeChat refuses to close an order younger than this. */
export const CLOSE_MIN_AGE_MS = 5 * 60_000;

/**
 * Before the payment timeout cancels an order: ask WeChat first (money may be on its way) and close
 * the WeChat order so it can no longer be paid. Answers whether the cancel may go ahead, or the time
 * to try again (too young to close, or WeChat not answering — the caller's job retries).
 */
export async function closeBeforeCancel(
  db: Database,
  client: WechatPayClient,
  tenantId: string,
  orderId: string,
): Promise<{ proceed: true } | { proceed: false; paid: boolean; retryAt?: Date }> {
  const payment = await db.withTenant(tenantId, (tx) =>
    tx.payment.findUnique({ where: { tenantId_orderId: { tenantId, orderId } } }),
  );
  if (!payment || payment.status === "closed") return { proceed: true };
  const outcome = await checkPayment(db, client, tenantId, orderId);
  if (outcome === "paid" || outcome === "already" || outcome === "late_refunded") return { proceed: false, paid: true };
  const age = Date.now() - payment.createdAt.getTime();
  if (age < CLOSE_MIN_AGE_MS) {
    return { proceed: false, paid: false, retryAt: new Date(payment.createdAt.getTime() + CLOSE_MIN_AGE_MS + 1_000) };
  }
  try {
    await client.close(payment.subMchid, payment.outTradeNo);
  } catch (err) {
    if (!(err instanceof WechatPayError)) throw err;
    if (err.code === "ORDERPAID") {
      await checkPayment(db, client, tenantId, orderId);
      return { proceed: false, paid: true };
    }
    if (err.code !== "ORDER_NOT_EXIST" && err.code !== "ORDER_CLOSED") throw err;
  }
  await db.withTenant(tenantId, (tx) =>
    tx.payment.updateMany({
      where: { id: payment.id, status: "prepaid" },
      data: { status: "closed", closedAt: new Date() },
    }),
  );
  return { proceed: true };
}
