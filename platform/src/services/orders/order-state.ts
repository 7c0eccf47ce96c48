// The order state machine, in one place. A transition is a conditional UPDATE on the status it
// leaves (so two at once cannot both happen: the loser gets 409 with the state it found) plus an
// event row (who, when, from, to) and the orders.status-changed event in the outbox, both in the
// caller's transaction. Everything that changes an order's status goes through move().
import type { TOrderStatus } from "@mallwright/schema";
import type { Tx } from "../../db/types.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { orderStatusChangedJob } from "../../jobs/order-status-changed.ts";
import { enqueue } from "../../jobs/outbox.ts";

export const TRANSITIONS: Readonly<Record<TOrderStatus, readonly TOrderStatus[]>> = {
  pending_payment: ["paid", "cancelled"],
  // paid -> cancelled: refunded in full before shipping (after-sales.ts).
  paid: ["shipped", "cancelled"],
  shipped: ["delivered", "completed"],
  delivered: ["completed"],
  completed: [],
  cancelled: [],
};

export function canMove(from: TOrderStatus, to: TOrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface Actor {
  kind: "shopper" | "merchant" | "system";
  id: string | null;
}

/** Timestamps each target status sets. */
const STAMP: Partial<Record<TOrderStatus, string>> = {
  paid: "paid_at",
  shipped: "shipped_at",
  delivered: "delivered_at",
  completed: "completed_at",
  cancelled: "cancelled_at",
};

function isStatus(s: string): s is TOrderStatus {
  return s in TRANSITIONS;
}

export function illegal(number: string, from: string, to: TOrderStatus): ApiError {
  return new ApiError("conflict", `order ${number} is ${from}: it cannot become ${to}`, [
    { path: "status", message: from },
  ]);
}

/**
 * Moves order `id` from `from` to `to` in the caller's transaction; `set` adds columns to write
 * with it. Throws 404 for no such order, 409 when it is not in `from` (or the move is not legal).
 */
export async function move(
  tx: Tx,
  id: string,
  from: TOrderStatus,
  to: TOrderStatus,
  actor: Actor,
  opts: { note?: string | null; data?: Record<string, string | number | Date | null> } = {},
): Promise<void> {
  const current = await tx.order.findUnique({ where: { id }, select: { status: true, number: true, tenantId: true } });
  if (!current) throw notFound("order");
  if (!canMove(from, to) || current.status !== from) throw illegal(current.number, current.status, to);
  const stamp = STAMP[to];
  const moved = await tx.order.updateMany({
    where: { id, status: from },
    data: {
      status: to,
      ...(stamp === "paid_at" ? { paidAt: new Date() } : {}),
      ...(stamp === "shipped_at" ? { shippedAt: new Date() } : {}),
      ...(stamp === "delivered_at" ? { deliveredAt: new Date() } : {}),
      ...(stamp === "completed_at" ? { completedAt: new Date() } : {}),
      ...(stamp === "cancelled_at" ? { cancelledAt: new Date() } : {}),
      ...(opts.data ?? {}),
    },
  });
  if (moved.count !== 1) {
    const now = await tx.order.findUnique({ where: { id }, select: { status: true } });
    throw illegal(current.number, now && isStatus(now.status) ? now.status : current.status, to);
  }
  await tx.orderEvent.create({
    data: {
      tenantId: current.tenantId,
      orderId: id,
      fromStatus: from,
      toStatus: to,
      actor: actor.kind,
      actorId: actor.id,
      note: opts.note ?? null,
    },
  });
  await enqueue(
    tx,
    orderStatusChangedJob,
    { orderId: id, from, to, actor: actor.kind },
    { tenantId: current.tenantId },
  );
}
