// Fulfilment: staff ship a paid order (express: carrier + tracking number; pickup: ready for the
// shopper, who shows a pickup code), hand a pickup over when the code matches, the shopper
// confirms receipt, and an unconfirmed shipment completes itself after the store's auto-confirm
// days. Every step is a transition of the state machine (order-state.ts).

import type { Database, Tx } from "../../db/types.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { autoConfirmOrderJob } from "../../jobs/auto-confirm-order.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { uploadShippingJob } from "../../jobs/wechat-upload-shipping.ts";
import { readCheckoutRules } from "../checkout/checkout-settings.ts";
import { type Actor, move } from "./order-state.ts";

async function locked(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM orders WHERE id = ${id}::uuid FOR UPDATE`;
  const order = await tx.order.findUnique({ where: { id } });
  if (!order) throw notFound("order");
  return order;
}

export interface ShipInput {
  carrier?: string;
  trackingNo?: string;
}

export async function shipOrder(db: Database, tenantId: string, memberId: string, id: string, input: ShipInput) {
  await db.withTenant(tenantId, async (tx) => {
    const order = await locked(tx, id);
    if (order.delivery === "express" && (!input.carrier || !input.trackingNo)) {
      throw new ApiError("validation_failed", "an express order ships with a carrier and a tracking number", [
        ...(!input.carrier ? [{ path: "carrier", message: "required for express orders", in: "body" as const }] : []),
        ...(!input.trackingNo
          ? [{ path: "trackingNo", message: "required for express orders", in: "body" as const }]
          : []),
      ]);
    }
    const actor: Actor = { kind: "merchant", id: memberId };
    await move(tx, id, "paid", "shipped", actor, {
      note: order.delivery === "pickup" ? "ready for pickup" : `${input.carrier} ${input.trackingNo}`,
      data:
        order.delivery === "express" ? { carrier: input.carrier ?? null, trackingNo: input.trackingNo ?? null } : {},
    });
    // WeChat holds a WeChat-paid order's settlement until it has the shipping info.
    if (order.paymentProvider === "wechat") {
      await tx.order.update({ where: { id }, data: { shippingUploadStatus: "pending", shippingUploadError: null } });
      await enqueue(tx, uploadShippingJob, { orderId: id });
    }
    const rules = await readCheckoutRules(tx);
    // Pickups complete when handed over; shipments confirm themselves after the store's days.
    if (order.delivery === "express") {
      await enqueue(tx, autoConfirmOrderJob, { orderId: id }, { delayMs: rules.autoConfirmDays * 86_400_000 });
    }
  });
}

/** Staff queue a failed shipping-info upload again. */
export async function retryShippingUpload(db: Database, tenantId: string, id: string) {
  await db.withTenant(tenantId, async (tx) => {
    const order = await locked(tx, id);
    if (order.paymentProvider !== "wechat" || !order.shippingUploadStatus) {
      throw new ApiError("conflict", "only a shipped WeChat Pay order has shipping info to send");
    }
    if (order.shippingUploadStatus === "uploaded") {
      throw new ApiError("conflict", "WeChat has this order's shipping info already");
    }
    await tx.order.update({ where: { id }, data: { shippingUploadStatus: "pending", shippingUploadError: null } });
    await enqueue(tx, uploadShippingJob, { orderId: id }, { dedupeKey: `${id}@${Date.now()}` });
  });
}

/** Staff hand a pickup order over: the shopper's code must match. */
export async function handOverPickup(db: Database, tenantId: string, memberId: string, id: string, code: string) {
  await db.withTenant(tenantId, async (tx) => {
    const order = await locked(tx, id);
    if (order.delivery !== "pickup") throw new ApiError("conflict", "only a pickup order is handed over");
    if (order.pickupCode !== code) {
      throw new ApiError("validation_failed", "the pickup code does not match this order", [
        { path: "code", message: "wrong code", in: "body" },
      ]);
    }
    await move(tx, id, "shipped", "completed", { kind: "merchant", id: memberId }, { note: "picked up" });
  });
}

/** The shopper confirms receipt of a shipped (or delivered) express order. */
export async function confirmReceipt(db: Database, tenantId: string, shopperId: string, id: string) {
  await db.withTenant(tenantId, async (tx) => {
    const order = await locked(tx, id);
    if (order.shopperId !== shopperId) throw notFound("order");
    if (order.delivery === "pickup" && order.status === "shipped") {
      throw new ApiError("conflict", "show the pickup code at the store to collect this order");
    }
    const from = order.status === "delivered" ? "delivered" : "shipped";
    await move(tx, id, from, "completed", { kind: "shopper", id: shopperId }, { note: "receipt confirmed" });
  });
}

/**
 * The auto-confirm job: completes a shipment whose time has come. One not due yet (a run that came
 * early, or the store lengthened its days since) answers its due time; anything else is left alone.
 */
export async function autoConfirmOrder(
  db: Database,
  tenantId: string,
  id: string,
): Promise<{ completed: boolean; dueAt: Date | null }> {
  return db.withTenant(tenantId, async (tx) => {
    const order = await locked(tx, id).catch(() => null);
    if (!order?.shippedAt || (order.status !== "shipped" && order.status !== "delivered")) {
      return { completed: false, dueAt: null };
    }
    // WeChat holds a WeChat-paid order's settlement until it has the shipping info.
    if (order.paymentProvider === "wechat") {
      await tx.order.update({ where: { id }, data: { shippingUploadStatus: "pending", shippingUploadError: null } });
      await enqueue(tx, uploadShippingJob, { orderId: id });
    }
    const rules = await readCheckoutRules(tx);
    const dueAt = new Date(order.shippedAt.getTime() + rules.autoConfirmDays * 86_400_000);
    if (dueAt.getTime() > Date.now()) return { completed: false, dueAt };
    await move(tx, id, order.status, "completed", { kind: "system", id: null }, { note: "confirmed automatically" });
    return { completed: true, dueAt: null };
  });
}
