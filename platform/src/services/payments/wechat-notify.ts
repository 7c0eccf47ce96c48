// WeChat Pay notifications (POST /webhooks/wechatpay/notify): verified over the raw body with the key
// the Wechatpay-Serial names, no more than 5 minutes off our clock, decrypted (AES-256-GCM, the
// APIv3 key), routed to the store by sub_mchid and checked against the order or refund it names;
// then recorded once (WeChat's id) with a job that applies it — all within WeChat's 5 seconds.
// Anything that fails changes nothing and is logged as a probe, without the body.
import { z } from "zod";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ZWxRefund, ZWxTransaction } from "../../integrations/wechat/pay-client.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { applyWechatNotificationJob } from "../../jobs/wechatpay-notification.ts";
import type { Logger } from "../../logger.ts";
import { applyTransaction, wechatPay } from "./wechat-pay.ts";
import { applyRefund } from "./wechat-refunds.ts";

/** What the webhook answers: WeChat wants 200/204 for success, 4xx/5xx with {code, message} otherwise. */
export interface NotifyAnswer {
  status: 204 | 400 | 401 | 404 | 500 | 503;
  body: { code: string; message: string } | null;
}

const fail = (status: NotifyAnswer["status"], message: string): NotifyAnswer => ({
  status,
  body: { code: "FAIL", message },
});

/** The store a sub-merchant belongs to, through the narrow cross-store door (migrations/0014). */
export async function tenantOfSubMerchant(db: Database, subMchid: string): Promise<string | null> {
  const rows = await db.withApp(
    (tx) => tx.$queryRaw<{ id: string | null }[]>`SELECT mw_tenant_by_sub_mchid(${subMchid})::text AS id`,
  );
  return rows[0]?.id ?? null;
}

export async function receiveWechatNotification(
  deps: { db: Database; env: Env; log: Logger },
  header: (name: string) => string | undefined,
  rawBody: string,
): Promise<NotifyAnswer> {
  const { db, env, log } = deps;
  const client = wechatPay(env);
  if (!client) return fail(404, "WeChat Pay is not configured here");
  const probe = (reason: string, extra: Record<string, unknown> = {}) => {
    log.warn(
      { probe: "wechatpay.notify", reason, serial: header("wechatpay-serial") ?? null, ...extra },
      "WeChat Pay notification refused",
    );
  };
  const v = client.verifyNotification(header, rawBody);
  if (!v.ok) {
    probe(v.reason);
    return fail(v.reason === "body" || v.reason === "decrypt" ? 400 : 401, "verification failed");
  }
  const { notification } = v;
  const isPayment = notification.event_type.startsWith("TRANSACTION.");
  const isRefund = notification.event_type.startsWith("REFUND.");
  if (!isPayment && !isRefund) return { status: 204, body: null };
  const parsed = isPayment ? ZWxTransaction.safeParse(v.resource) : ZRefundResource.safeParse(v.resource);
  if (!parsed.success) {
    probe("resource", { event: notification.event_type });
    return fail(400, "unexpected resource");
  }
  const resource = parsed.data;
  if (resource.sp_mchid !== client.config.spMchid) {
    probe("sp_mchid", { event: notification.event_type });
    return fail(400, "not our merchant");
  }
  const tenantId = resource.sub_mchid ? await tenantOfSubMerchant(db, resource.sub_mchid) : null;
  if (!tenantId) {
    probe("sub_mchid", { event: notification.event_type });
    return fail(400, "unknown sub-merchant");
  }
  return db.withTenant(tenantId, async (tx) => {
    if (isPayment) {
      const t = ZWxTransaction.parse(resource);
      const payment = await tx.payment.findUnique({
        where: { tenantId_outTradeNo: { tenantId, outTradeNo: t.out_trade_no } },
        include: { order: { select: { total: true } } },
      });
      const mismatch = !payment
        ? "out_trade_no"
        : t.sub_mchid !== payment.subMchid
          ? "sub_mchid"
          : t.sub_appid !== undefined && t.sub_appid !== payment.subAppid
            ? "sub_appid"
            : t.amount?.total !== payment.amount || t.amount?.total !== payment.order.total
              ? "amount"
              : (t.amount?.currency ?? "CNY") !== "CNY"
                ? "currency"
                : null;
      if (mismatch) {
        probe(mismatch, { event: notification.event_type, tenantId });
        return fail(400, `${mismatch} does not match`);
      }
    } else {
      const r = ZRefundResource.parse(resource);
      const refund = await tx.refund.findUnique({
        where: { tenantId_outRefundNo: { tenantId, outRefundNo: r.out_refund_no } },
      });
      if (!refund || refund.amount !== r.amount.refund) {
        probe(refund ? "amount" : "out_refund_no", { event: notification.event_type, tenantId });
        return fail(400, "the refund does not match");
      }
    }
    const inserted = await tx.$executeRaw`
      INSERT INTO payment_notifications (tenant_id, id, event_type, resource)
      VALUES (${tenantId}::uuid, ${notification.id}, ${notification.event_type}, ${JSON.stringify(resource)}::jsonb)
      ON CONFLICT (id) DO NOTHING`;
    if (inserted === 1) {
      await enqueue(
        tx,
        applyWechatNotificationJob,
        { notificationId: notification.id },
        { dedupeKey: notification.id },
      );
    }
    return { status: 204, body: null };
  });
}

/** A refund notification's resource (REFUND.SUCCESS / ABNORMAL / CLOSED). */
export const ZRefundResource = z.object({
  sp_mchid: z.string(),
  sub_mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  out_refund_no: z.string(),
  refund_id: z.string(),
  refund_status: z.enum(["SUCCESS", "CLOSED", "PROCESSING", "ABNORMAL"]),
  success_time: z.string().optional(),
  amount: z.object({ total: z.number().int(), refund: z.number().int() }).loose(),
});

/** The job: applies a recorded notification once (its row is locked and marked applied). */
export async function applyWechatNotification(
  db: Database,
  env: Env,
  tenantId: string,
  notificationId: string,
): Promise<string> {
  const client = wechatPay(env);
  if (!client) return "not_configured";
  return db.withTenant(tenantId, async (tx) => {
    const rows = await tx.$queryRaw<{ applied: boolean }[]>`
      SELECT applied_at IS NOT NULL AS applied FROM payment_notifications WHERE id = ${notificationId} FOR UPDATE`;
    if (!rows[0]) return "unknown";
    if (rows[0].applied) return "already";
    const n = await tx.paymentNotification.findUniqueOrThrow({ where: { id: notificationId } });
    let outcome: string;
    if (n.eventType.startsWith("TRANSACTION.")) {
      outcome = await applyTransaction(tx, tenantId, client.config.spMchid, ZWxTransaction.parse(n.resource));
    } else {
      const r = ZRefundResource.parse(n.resource);
      const w = ZWxRefund.parse(r);
      outcome = await applyRefund(tx, tenantId, w);
    }
    await tx.paymentNotification.update({ where: { id: notificationId }, data: { appliedAt: new Date(), outcome } });
    return outcome;
  });
}
