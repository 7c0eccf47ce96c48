// Submitting the cart as an order, in one transaction (CONVENTIONS "From Medusa": each step undone
// by the rollback of the ones before): re-plan the checkout (any problem: 422 listing them all) ->
// reserve stock with guarded updates (never below zero; a line sold out meanwhile: 409) -> snapshot
// prices, titles and specs into order lines under a per-store order number -> the ordered lines
// leave the cart -> the payment timeout's cancel is written to the outbox. Wrapped in the
// Idempotency-Key protocol by the caller (routes/store/orders.ts).
import { randomInt } from "node:crypto";
import type { TCheckoutRequest, TOrder } from "@mallwright/schema";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import { autoCancelOrderJob } from "../../jobs/auto-cancel-order.ts";
import { enqueue } from "../../jobs/outbox.ts";
import type { CartActor } from "../cart/change-cart.ts";
import { planCheckout } from "../checkout/preview-checkout.ts";
import { changeStock, StockError } from "../inventory/change-stock.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import type { Complete } from "./idempotency.ts";
import { loadOrders, presentOrder } from "./present-order.ts";

/** yymmdd + the store's counter of the day, at least 6 digits: 261202000042. */
async function nextOrderNumber(tx: Tx, tenantId: string): Promise<string> {
  const rows = await tx.$queryRaw<{ day: string; last: number }[]>`
    INSERT INTO order_sequences (tenant_id, day, last) VALUES (${tenantId}::uuid, (now() AT TIME ZONE 'Asia/Shanghai')::date, 1)
    ON CONFLICT (tenant_id, day) DO UPDATE SET last = order_sequences.last + 1
    RETURNING to_char(day, 'YYMMDD') AS day, last`;
  const row = rows[0];
  if (!row) throw new Error("order sequence did not answer");
  return `${row.day}${String(row.last).padStart(6, "0")}`;
}

/** Submits the order; `complete` (the Idempotency-Key's) commits with it. Answers the order. */
export async function submitOrder(
  db: Database,
  env: Env,
  actor: CartActor,
  input: TCheckoutRequest,
  complete?: Complete,
): Promise<TOrder> {
  const cipher = fieldCipher(env);
  return db.withTenant(actor.tenantId, async (tx) => {
    // One submission per shopper at a time: the cart cannot change under it.
    await tx.$queryRaw`SELECT id FROM shoppers WHERE id = ${actor.shopperId}::uuid FOR UPDATE`;
    const plan = await planCheckout(tx, env, actor, input);
    const { preview } = plan;
    if (preview.problems.length > 0) {
      throw new ApiError(
        "validation_failed",
        preview.problems[0]?.message ?? "the order cannot be submitted",
        preview.problems.map((p) => ({ path: p.itemId ? `cart.${p.itemId}` : p.code, message: p.message })),
      );
    }
    // The order number's row is one queue per store: taken after the stock, so a submission waiting
    // on a busy SKU does not hold up every other one. The ledger rows get the number afterwards.
    let entries: { id: string }[];
    try {
      entries = await changeStock(
        tx,
        preview.lines.map((l) => ({ skuId: l.skuId ?? "", delta: -l.quantity })),
        { reason: "order", actorId: null },
      );
    } catch (err) {
      if (err instanceof StockError) {
        throw new ApiError("conflict", "part of the order sold out meanwhile: review the cart", err.details);
      }
      throw err;
    }
    const number = await nextOrderNumber(tx, actor.tenantId);
    await tx.inventoryLedgerEntry.updateMany({
      where: { id: { in: entries.map((e) => e.id) } },
      data: { ref: number },
    });
    const payBy = new Date(Date.now() + plan.rules.paymentTimeoutMin * 60_000);
    const a = plan.address;
    const p = plan.pickupPoint;
    const order = await tx.order.create({
      data: {
        tenantId: actor.tenantId,
        number,
        shopperId: actor.shopperId,
        status: "pending_payment",
        delivery: preview.delivery,
        ...(a
          ? {
              recipientEnc: a.recipientEnc,
              phoneEnc: a.phoneEnc,
              phoneTail: a.phoneTail,
              province: a.province,
              city: a.city,
              district: a.district,
              detailEnc: a.detailEnc,
            }
          : {}),
        ...(p
          ? {
              pickupPointId: p.id,
              pickupName: p.name,
              pickupAddress: p.address,
              pickupCode: String(randomInt(0, 1_000_000)).padStart(6, "0"),
            }
          : {}),
        itemsTotal: preview.itemsTotal,
        shippingFee: preview.shippingFee,
        total: preview.total,
        currency: preview.currency,
        itemCount: preview.lines.reduce((n, l) => n + l.quantity, 0),
        note: input.note ?? null,
        payBy,
      },
    });
    await tx.orderLine.createMany({
      data: preview.lines.map((l, position) => ({
        tenantId: actor.tenantId,
        orderId: order.id,
        position,
        skuId: l.skuId,
        productId: l.productId,
        title: l.title,
        specValues: l.specValues,
        image: l.image,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
      })),
    });
    await tx.orderEvent.create({
      data: {
        tenantId: actor.tenantId,
        orderId: order.id,
        fromStatus: null,
        toStatus: "pending_payment",
        actor: "shopper",
        actorId: actor.shopperId,
      },
    });
    await tx.cartItem.deleteMany({ where: { id: { in: preview.lines.map((l) => l.itemId) } } });
    // A little after the pay-by time (the outbox counts from the transaction's start); a run that is
    // still early puts itself off again (cancel-order.ts).
    await enqueue(tx, autoCancelOrderJob, { orderId: order.id }, { delayMs: payBy.getTime() - Date.now() + 2_000 });
    await complete?.(tx, order.id);
    await notifyCatalogChanged(tx, actor.tenantId);
    const [row] = await loadOrders(tx, { id: order.id });
    if (!row) throw new Error("the new order vanished");
    return presentOrder(cipher, row);
  });
}
