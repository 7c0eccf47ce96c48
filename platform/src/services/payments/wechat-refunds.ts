// WeChat Pay refunds. A refund is recorded with what it refunds (after-sales approval, or money that
// arrived for a cancelled order) and asked for by a job that retries with backoff; out_refund_no
// makes the ask idempotent at WeChat. The answer comes by notification or by query, and
// applyRefund applies it once, whichever comes first — even before the ask itself has returned.
import type { Database, Tx } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";
import { type WechatPayClient, WechatPayError, type WxRefund } from "../../integrations/wechat/pay-client.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { checkWechatRefundJob, requestWechatRefundJob } from "../../jobs/wechatpay-refund.ts";

/** WeChat allows at most 50 refunds of one payment. */
export const MAX_REFUNDS_PER_PAYMENT = 50;
/** When to ask about a refund whose notification has not come. */
export const REFUND_CHECK_DELAY_MS = 5 * 60_000;

/** Records a refund and queues its request, in the caller's transaction. */
export async function startRefund(
  tx: Tx,
  tenantId: string,
  r: { orderId: string; afterSaleId: string | null; amount: number; reason: string; outRefundNo: string },
): Promise<string> {
  const count = await tx.refund.count({ where: { orderId: r.orderId } });
  if (count >= MAX_REFUNDS_PER_PAYMENT) {
    throw new ApiError("conflict", `a WeChat Pay payment can be refunded at most ${MAX_REFUNDS_PER_PAYMENT} times`);
  }
  const refund = await tx.refund.upsert({
    where: { tenantId_outRefundNo: { tenantId, outRefundNo: r.outRefundNo } },
    create: { tenantId, ...r },
    update: {},
  });
  await enqueue(tx, requestWechatRefundJob, { refundId: refund.id }, { dedupeKey: refund.id });
  return refund.id;
}

export type RefundOutcome = "succeeded" | "failed" | "processing" | "already" | "mismatch" | "unknown";

/** Applies WeChat's word on a refund in the caller's transaction; once. */
export async function applyRefund(tx: Tx, tenantId: string, w: WxRefund): Promise<RefundOutcome> {
  const refund = await tx.refund.findUnique({
    where: { tenantId_outRefundNo: { tenantId, outRefundNo: w.out_refund_no } },
  });
  if (!refund) return "unknown";
  await tx.$queryRaw`SELECT id FROM refunds WHERE id = ${refund.id}::uuid FOR UPDATE`;
  const now = await tx.refund.findUniqueOrThrow({ where: { id: refund.id } });
  if (now.status === "succeeded" || now.status === "failed") return "already";
  if (w.amount.refund !== now.amount) return "mismatch";
  const status = w.refund_status ?? w.status ?? "PROCESSING";
  if (status === "PROCESSING") {
    await tx.refund.update({ where: { id: now.id }, data: { status: "processing", refundId: w.refund_id } });
    return "processing";
  }
  const ok = status === "SUCCESS";
  await tx.refund.update({
    where: { id: now.id },
    data: {
      status: ok ? "succeeded" : "failed",
      refundId: w.refund_id,
      completedAt: new Date(),
      error: ok ? null : `WeChat Pay: ${status}`,
    },
  });
  if (ok) {
    await tx.paymentLedgerEntry.createMany({
      data: [{ tenantId, orderId: now.orderId, kind: "refund", amount: now.amount, ref: now.outRefundNo }],
      skipDuplicates: true,
    });
  }
  if (now.afterSaleId) {
    await tx.afterSale.updateMany({
      where: { id: now.afterSaleId, status: "refunding" },
      data: { status: ok ? "refunded" : "refund_failed" },
    });
  }
  const order = await tx.order.findUniqueOrThrow({ where: { id: now.orderId }, select: { status: true } });
  await tx.orderEvent.create({
    data: {
      tenantId,
      orderId: now.orderId,
      fromStatus: order.status,
      toStatus: order.status,
      actor: "system",
      note: ok
        ? `WeChat Pay refunded ${(now.amount / 100).toFixed(2)}`
        : `WeChat Pay could not refund ${(now.amount / 100).toFixed(2)} (${status}): handle it in the WeChat Pay merchant platform`,
    },
  });
  return ok ? "succeeded" : "failed";
}

/** The refund job: asks WeChat for the refund (idempotent by out_refund_no) and applies its answer. */
export async function requestRefund(
  db: Database,
  client: WechatPayClient,
  tenantId: string,
  refundId: string,
): Promise<RefundOutcome> {
  const pre = await db.withTenant(tenantId, async (tx) => {
    const refund = await tx.refund.findUnique({ where: { id: refundId } });
    if (!refund) return null;
    const payment = await tx.payment.findUnique({ where: { tenantId_orderId: { tenantId, orderId: refund.orderId } } });
    return { refund, payment };
  });
  if (!pre) return "unknown";
  const { refund, payment } = pre;
  if (refund.status === "succeeded" || refund.status === "failed") return "already";
  if (!payment?.transactionId) {
    await db.withTenant(tenantId, (tx) =>
      fail(tx, refund.id, refund.afterSaleId, "the order has no WeChat Pay payment"),
    );
    return "failed";
  }
  let answer: WxRefund;
  try {
    answer = await client.refund({
      subMchid: payment.subMchid,
      outTradeNo: payment.outTradeNo,
      outRefundNo: refund.outRefundNo,
      reason: refund.reason,
      refund: refund.amount,
      total: payment.amount,
    });
  } catch (err) {
    // Timeouts, 5xx and unverifiable answers: the job tries again (the same out_refund_no).
    if (!(err instanceof WechatPayError) || err.retryable) throw err;
    await db.withTenant(tenantId, (tx) => fail(tx, refund.id, refund.afterSaleId, err.message));
    return "failed";
  }
  const outcome = await db.withTenant(tenantId, (tx) => applyRefund(tx, tenantId, answer));
  if (outcome === "processing") {
    await db.withTenant(tenantId, (tx) =>
      enqueue(
        tx,
        checkWechatRefundJob,
        { refundId: refund.id, round: 0 },
        { delayMs: REFUND_CHECK_DELAY_MS, dedupeKey: `${refund.id}:0` },
      ),
    );
  }
  return outcome;
}

/** The fallback when no refund notification came: asks WeChat and applies the answer. */
export async function checkRefund(
  db: Database,
  client: WechatPayClient,
  tenantId: string,
  refundId: string,
): Promise<RefundOutcome> {
  const refund = await db.withTenant(tenantId, (tx) => tx.refund.findUnique({ where: { id: refundId } }));
  if (!refund) return "unknown";
  if (refund.status === "succeeded" || refund.status === "failed") return "already";
  const payment = await db.withTenant(tenantId, (tx) =>
    tx.payment.findUnique({ where: { tenantId_orderId: { tenantId, orderId: refund.orderId } } }),
  );
  if (!payment) return "unknown";
  const w = await client.queryRefund(payment.subMchid, refund.outRefundNo);
  if (!w) return refund.status === "pending" ? "processing" : "unknown";
  return db.withTenant(tenantId, (tx) => applyRefund(tx, tenantId, w));
}

async function fail(tx: Tx, refundId: string, afterSaleId: string | null, error: string) {
  await tx.refund.updateMany({
    where: { id: refundId, status: { in: ["pending", "processing"] } },
    data: { status: "failed", error: error.slice(0, 300), completedAt: new Date() },
  });
  if (afterSaleId) {
    await tx.afterSale.updateMany({
      where: { id: afterSaleId, status: "refunding" },
      data: { status: "refund_failed" },
    });
  }
}
