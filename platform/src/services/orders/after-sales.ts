// After-sales. A shopper asks for a refund of a paid order (whole or some lines, up to what each
// line may still refund); staff approve, and the refund goes through the order's payment provider,
// the lines and the order record what was refunded, and returned units may go back into stock; or
// staff reject with a reason. One open request per order. Refunding more than was paid is refused
// when asked, and the database's checks refuse it again. A request may carry up to six photos the
// shopper uploaded (POST /store/v1/media); staff see them with it.
import { AFTER_SALE_MAX_PHOTOS, type TAfterSale, type TAfterSaleRequest, ZAfterSaleStatus } from "@mallwright/schema";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import type { CartActor } from "../cart/change-cart.ts";
import { changeStock } from "../inventory/change-stock.ts";
import { presentMediaRef } from "../media/media-url.ts";
import { startRefund } from "../payments/wechat-refunds.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import { move } from "./order-state.ts";
import { devPaymentProvider } from "./payments.ts";

const REFUNDABLE_STATUSES = ["paid", "shipped", "delivered", "completed"];

type Row = Awaited<ReturnType<typeof loadAfterSales>>[number];

export const afterSaleInclude = {
  order: { select: { number: true } },
  lines: { include: { orderLine: { select: { title: true } } } },
  photos: {
    orderBy: { position: "asc" },
    include: { media: { select: { id: true, storageKey: true, variants: true } } },
  },
} as const;

export function loadAfterSales(
  tx: Tx,
  where: { id?: string; shopperId?: string; status?: string; orderId?: string },
  take = 50,
) {
  return tx.afterSale.findMany({
    where,
    include: afterSaleInclude,
    orderBy: { id: "desc" },
    take,
  });
}

export function presentAfterSale(env: Env, a: Row): TAfterSale {
  return {
    id: a.id,
    orderId: a.orderId,
    orderNumber: a.order.number,
    kind: a.kind === "return_refund" ? "return_refund" : "refund",
    status: ZAfterSaleStatus.safeParse(a.status).data ?? "requested",
    reason: a.reason,
    amount: a.amount,
    lines: a.lines.map((l) => ({
      lineId: l.orderLineId,
      title: l.orderLine.title,
      quantity: l.quantity,
      amount: l.amount,
    })),
    photos: a.photos.map((p) => presentMediaRef(env, p.media)),
    decisionNote: a.decisionNote,
    restocked: a.restocked,
    createdAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt ? a.decidedAt.toISOString() : null,
  };
}

async function one(tx: Tx, env: Env, id: string): Promise<TAfterSale> {
  const [row] = await loadAfterSales(tx, { id });
  if (!row) throw notFound("after-sale request");
  return presentAfterSale(env, row);
}

export interface AfterSaleDeps {
  db: Database;
  env: Env;
}

export async function requestAfterSale(
  { db, env }: AfterSaleDeps,
  actor: CartActor,
  orderId: string,
  input: TAfterSaleRequest,
): Promise<TAfterSale> {
  return db.withTenant(actor.tenantId, async (tx) => {
    await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId}::uuid FOR UPDATE`;
    const order = await tx.order.findFirst({
      where: { id: orderId, shopperId: actor.shopperId },
      include: { lines: true },
    });
    if (!order) throw notFound("order");
    if (!REFUNDABLE_STATUSES.includes(order.status)) {
      throw new ApiError("conflict", `order ${order.number} is ${order.status}: only paid orders can be refunded`, [
        { path: "status", message: order.status },
      ]);
    }
    if (await tx.afterSale.count({ where: { orderId, status: "requested" } })) {
      throw new ApiError("conflict", "this order already has an after-sale request waiting for the store");
    }
    const wanted =
      input.lines ??
      order.lines
        .map((l) => ({ lineId: l.id, quantity: l.quantity - l.refundedQuantity }))
        .filter((l) => l.quantity > 0);
    if (wanted.length === 0) throw new ApiError("conflict", "everything in this order has been refunded already");
    const lines = wanted.map((w, i) => {
      const line = order.lines.find((l) => l.id === w.lineId);
      if (!line)
        throw new ApiError("validation_failed", "no such line in this order", [
          { path: `lines.${i}.lineId`, message: "not in this order", in: "body" },
        ]);
      if (w.quantity > line.quantity - line.refundedQuantity) {
        throw new ApiError(
          "validation_failed",
          `at most ${line.quantity - line.refundedQuantity} of ${line.title} can be refunded`,
          [{ path: `lines.${i}.quantity`, message: "more than can be refunded", in: "body" }],
        );
      }
      return { line, quantity: w.quantity, value: w.quantity * line.unitPrice };
    });
    const linesValue = lines.reduce((s, l) => s + l.value, 0);
    // A whole-order refund of an unshipped order gives the shipping fee back too.
    const wholeUnshipped = !input.lines && order.status === "paid";
    const ceiling = Math.min(linesValue + (wholeUnshipped ? order.shippingFee : 0), order.total - order.refundedTotal);
    if (ceiling <= 0) throw new ApiError("conflict", "nothing in these lines can be refunded");
    const amount = input.amount ?? ceiling;
    if (amount > ceiling) {
      throw new ApiError("validation_failed", `at most ${(ceiling / 100).toFixed(2)} can be refunded for these lines`, [
        { path: "amount", message: `at most ${ceiling}`, in: "body" },
      ]);
    }
    // The amount is spread over the lines in proportion to their value (the last takes the rest).
    let left = amount;
    const shares = lines.map((l, i) => {
      const share =
        i === lines.length - 1 ? left : Math.min(left, Math.floor((amount * l.value) / Math.max(linesValue, 1)));
      left -= share;
      return share;
    });
    const created = await tx.afterSale.create({
      data: {
        tenantId: actor.tenantId,
        orderId,
        shopperId: actor.shopperId,
        kind: input.kind,
        status: "requested",
        reason: input.reason,
        amount,
      },
    });
    await tx.afterSaleLine.createMany({
      data: lines.map((l, i) => ({
        tenantId: actor.tenantId,
        afterSaleId: created.id,
        orderLineId: l.line.id,
        quantity: l.quantity,
        amount: shares[i] ?? 0,
      })),
    });
    const photoIds = input.photoIds ?? [];
    if (photoIds.length > 0) {
      // Only the shopper's own uploaded images: another shopper's, the store's library, another store's: 422.
      const mine = await tx.media.findMany({
        where: { id: { in: photoIds }, shopperId: actor.shopperId, kind: "image" },
        select: { id: true },
      });
      if (mine.length !== photoIds.length || photoIds.length > AFTER_SALE_MAX_PHOTOS) {
        throw new ApiError("validation_failed", "a photo is not one you uploaded", [
          { path: "photoIds", message: "upload the photos with POST /store/v1/media first", in: "body" },
        ]);
      }
      await tx.afterSalePhoto.createMany({
        data: photoIds.map((mediaId, position) => ({
          tenantId: actor.tenantId,
          afterSaleId: created.id,
          mediaId,
          position,
        })),
      });
    }
    return one(tx, env, created.id);
  });
}

export async function approveAfterSale(
  { db, env }: AfterSaleDeps,
  tenantId: string,
  memberId: string,
  id: string,
  opts: { restock: boolean; note?: string },
): Promise<TAfterSale> {
  return db.withTenant(tenantId, async (tx) => {
    await tx.$queryRaw`SELECT id FROM after_sales WHERE id = ${id}::uuid FOR UPDATE`;
    const a = await tx.afterSale.findUnique({
      where: { id },
      include: { lines: { include: { orderLine: true } }, order: true },
    });
    if (!a) throw notFound("after-sale request");
    if (a.status !== "requested")
      throw new ApiError("conflict", `this request is already ${a.status}`, [{ path: "status", message: a.status }]);
    await tx.$queryRaw`SELECT id FROM orders WHERE id = ${a.orderId}::uuid FOR UPDATE`;
    const order = await tx.order.findUniqueOrThrow({ where: { id: a.orderId } });
    if (a.amount > order.total - order.refundedTotal) {
      throw new ApiError("conflict", "the order cannot refund that much any more");
    }
    const paymentRef = order.paymentRef;
    if (!paymentRef) throw new ApiError("conflict", "the order has no payment to refund");
    for (const l of a.lines) {
      await tx.orderLine.update({
        where: { id: l.orderLineId },
        data: { refundedQuantity: { increment: l.quantity }, refundedAmount: { increment: l.amount } },
      });
    }
    await tx.order.update({ where: { id: order.id }, data: { refundedTotal: { increment: a.amount } } });
    // Units of an order not shipped yet never left: they always go back. A return's, when asked.
    const unshipped = order.status === "paid";
    const restock = unshipped || (opts.restock && a.kind === "return_refund");
    if (restock) {
      const back = a.lines.flatMap((l) => (l.orderLine.skuId ? [{ skuId: l.orderLine.skuId, delta: l.quantity }] : []));
      await changeStock(tx, back, { reason: "refund", actorId: memberId, ref: order.number });
      await notifyCatalogChanged(tx, tenantId);
    }
    const wechat = order.paymentProvider === "wechat";
    await tx.afterSale.update({
      where: { id },
      data: {
        // WeChat Pay confirms a refund by notification: until then the request is refunding.
        status: wechat ? "refunding" : "refunded",
        decidedBy: memberId,
        decisionNote: opts.note ?? null,
        restocked: restock,
        refundRef: a.id,
        decidedAt: new Date(),
      },
    });
    await tx.orderEvent.create({
      data: {
        tenantId,
        orderId: order.id,
        fromStatus: order.status,
        toStatus: order.status,
        actor: "merchant",
        actorId: memberId,
        note: `refunded ${(a.amount / 100).toFixed(2)}${restock ? ", units back in stock" : ""}`,
      },
    });
    // Refunded in full before it shipped: there is nothing left to ship.
    if (unshipped && order.refundedTotal + a.amount >= order.total) {
      await move(
        tx,
        order.id,
        "paid",
        "cancelled",
        { kind: "merchant", id: memberId },
        {
          note: "refunded in full",
          data: { cancelReason: "refunded in full" },
        },
      );
    }
    if (wechat) {
      // Recorded here, asked for by a job (retried), confirmed by WeChat's notification.
      await startRefund(tx, tenantId, {
        orderId: order.id,
        afterSaleId: a.id,
        amount: a.amount,
        reason: a.reason,
        outRefundNo: a.id.replaceAll("-", ""),
      });
      return one(tx, env, id);
    }
    // The provider last: a failure before this rolls everything back with nothing refunded; its own
    // failure rolls back the records of a refund that did not happen.
    const outcome = await devPaymentProvider.refund(paymentRef, a.amount, a.id);
    if (outcome !== "refunded") throw new ApiError("unavailable", "the payment provider did not refund; try again");
    return one(tx, env, id);
  });
}

export async function rejectAfterSale(
  { db, env }: AfterSaleDeps,
  tenantId: string,
  memberId: string,
  id: string,
  reason: string,
): Promise<TAfterSale> {
  return db.withTenant(tenantId, async (tx) => {
    const moved = await tx.afterSale.updateMany({
      where: { id, status: "requested" },
      data: { status: "rejected", decidedBy: memberId, decisionNote: reason, decidedAt: new Date() },
    });
    if (moved.count === 0) {
      const a = await tx.afterSale.findUnique({ where: { id }, select: { status: true } });
      if (!a) throw notFound("after-sale request");
      throw new ApiError("conflict", `this request is already ${a.status}`, [{ path: "status", message: a.status }]);
    }
    return one(tx, env, id);
  });
}
