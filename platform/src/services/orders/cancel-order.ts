// Cancelling an unpaid order (by its shopper, by staff, or by the payment timeout): the transition
// and the stock's return happen in one transaction, and the transition is conditional on the
// order still being unpaid, so stock comes back exactly once however often this runs.
import type { Database, Tx } from "../../db/types.ts";
import { notFound } from "../../http/errors.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { closeWechatOrderJob } from "../../jobs/wechatpay-check-payment.ts";
import { changeStock } from "../inventory/change-stock.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import { type Actor, move } from "./order-state.ts";

/**
 * Cancels order `orderId` in the caller's transaction (locking it first). `shopperId`: only that
 * shopper's order (another's is a 404, like one that does not exist).
 */
export async function cancelInTx(
  tx: Tx,
  tenantId: string,
  orderId: string,
  actor: Actor,
  reason: string | null,
  shopperId?: string,
) {
  await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId}::uuid FOR UPDATE`;
  if (shopperId && !(await tx.order.findFirst({ where: { id: orderId, shopperId }, select: { id: true } }))) {
    throw notFound("order");
  }
  await move(tx, orderId, "pending_payment", "cancelled", actor, { note: reason, data: { cancelReason: reason } });
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { number: true } });
  const lines = await tx.orderLine.findMany({ where: { orderId }, select: { skuId: true, quantity: true } });
  // A SKU removed since has nowhere to return to.
  const back = lines.flatMap((l) => (l.skuId ? [{ skuId: l.skuId, delta: l.quantity }] : []));
  await changeStock(tx, back, {
    reason: "cancel",
    actorId: actor.kind === "merchant" ? actor.id : null,
    ref: order.number,
  });
  await notifyCatalogChanged(tx, tenantId);
  // A WeChat order still open at WeChat is closed, so it can no longer be paid.
  const payment = await tx.payment.findUnique({ where: { tenantId_orderId: { tenantId, orderId } } });
  if (payment?.status === "prepaid") {
    await enqueue(tx, closeWechatOrderJob, { orderId }, { dedupeKey: `${orderId}:cancelled` });
  }
}

/**
 * The payment timeout: cancels the order if it is still unpaid and due. An unpaid order not due yet
 * answers its due time (the job puts itself off until then); anything else is left alone.
 */
export async function autoCancelOrder(
  db: Database,
  tenantId: string,
  orderId: string,
): Promise<{ cancelled: boolean; dueAt: Date | null }> {
  return db.withTenant(tenantId, async (tx) => {
    await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId}::uuid FOR UPDATE`;
    const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true, payBy: true } });
    if (order?.status !== "pending_payment") return { cancelled: false, dueAt: null };
    if (order.payBy > new Date()) return { cancelled: false, dueAt: order.payBy };
    await cancelInTx(tx, tenantId, orderId, { kind: "system", id: null }, "payment time ran out");
    return { cancelled: true, dueAt: null };
  });
}
