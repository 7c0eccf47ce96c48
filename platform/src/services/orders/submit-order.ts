// Submitting the cart as an order in two round trips to the database (TenantReader, src/db/read.ts):
//
// 1. One read: the Idempotency-Key (used: replay it, or 422 for another body) and everything the
//    checkout plan needs. The plan is made here, without the database; any problem is a 422 that
//    lists them all, and nothing was written.
// 2. One transaction, written at once (no client round trip inside it, so the hot rows of a busy
//    SKU and of the store's order counter are held only while PostgreSQL runs it):
//    the key claimed (idempotency.ts) -> the shopper's row locked (cart changes queue behind it)
//    -> the planned cart lines taken out of the cart, exactly as planned (else `cart_changed`)
//    -> the products, then the SKUs, locked in id order (every stock writer does, see
//    inventory/change-stock.ts) and checked: still on the shelf, same price, enough stock
//    -> stock taken with a guarded update (never below zero) and its ledger rows, the store's next
//    order number, the order with its lines (prices, titles, specs as they are now), its first
//    event, the payment timeout's cancel and the status event in the outbox -> the products' stock
//    totals -> the page cache told when a SKU sold out.
//    Each check is an mw_assert (migrations/0011): the first that fails rolls the whole back, and
//    its code says why (a 409 to review the cart; sold out meanwhile; a concurrent same key).
//
// The answer is made from the plan and what the transaction returned, not read again.

import { randomInt } from "node:crypto";
import type { TCheckoutRequest, TOrder } from "@mallwright/schema";
import { ZPlan } from "@mallwright/schema";
import { uuidv7 } from "uuidv7";
import { assertionCode, type RowsOf, sql, type TenantReader } from "../../db/read.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { autoCancelOrderJob } from "../../jobs/auto-cancel-order.ts";
import { orderStatusChangedJob } from "../../jobs/order-status-changed.ts";
import { outboxRow } from "../../jobs/outbox.ts";
import { planSpec } from "../billing/plans.ts";
import { planLimitError } from "../billing/quota.ts";
import type { CartActor } from "../cart/change-cart.ts";
import { checkoutQueries, planCheckout } from "../checkout/preview-checkout.ts";
import { CACHE_CHANNEL } from "../storefront/cache-events.ts";
import { storePageCache } from "../storefront/page-cache.ts";
import { claimStatement, type IdempotentRequest, inFlight, keyLookupSql, replayOf } from "./idempotency.ts";

export const SUBMIT_SCOPE = "orders.submit";

export type SubmitOutcome = { kind: "created"; order: TOrder } | { kind: "replayed"; orderId: string };

export interface SubmitDeps {
  reader: TenantReader;
  env: Env;
}

const reviewCart = (message: string, code: string) =>
  new ApiError("conflict", message, [{ path: "cart", message: code }]);

/** What a failed check of the transaction answers. */
function refusal(code: string): ApiError | null {
  switch (code) {
    case "idempotency_in_flight":
      return inFlight();
    case "sold_out":
      return reviewCart("part of the order sold out meanwhile: review the cart", code);
    case "cart_changed":
    case "shopper_gone":
      return reviewCart("the cart changed meanwhile: review it and submit again", code);
    case "off_shelf":
    case "sku_changed":
    case "price_changed":
      return reviewCart("a product in the order changed meanwhile: review the cart", code);
    default:
      return null;
  }
}

/** Orders created this calendar month, China time. */
function ordersThisMonthSql() {
  return sql<{ n: number }>`
    SELECT count(*)::int AS n FROM orders
    WHERE created_at >= (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')`;
}

export async function submitOrder(
  deps: SubmitDeps,
  actor: CartActor,
  input: TCheckoutRequest,
  key: string,
  storePlan = "pro",
): Promise<SubmitOutcome> {
  const { reader, env } = deps;
  const { tenantId, shopperId } = actor;
  const req: IdempotentRequest = { tenantId, scope: SUBMIT_SCOPE, ownerId: shopperId, key, payload: input };
  const effective = ZPlan.safeParse(storePlan).data ?? "free";
  const monthlyLimit = planSpec(effective).limits.ordersPerMonth;
  // The key last: each statement sees what had committed when it started, so a first request with
  // this key committing meanwhile leaves either its key visible here or the cart as it was before.
  // A plan with an order quota adds this month's count (no statement at all for unlimited plans).
  const [settings, cart, points, address, used, monthly] = await reader.read(tenantId, [
    ...checkoutQueries(shopperId, input),
    keyLookupSql(req),
    ...(monthlyLimit === null ? [] : [ordersThisMonthSql()]),
  ]);
  if (used[0]) return { kind: "replayed", orderId: replayOf(used[0], req) };
  const count = monthly?.[0] && "n" in monthly[0] ? Number(monthly[0].n) : 0;
  if (monthlyLimit !== null && count >= monthlyLimit) {
    throw planLimitError(effective, "ordersPerMonth", monthlyLimit, count, 1);
  }

  const plan = planCheckout(env, input, [settings, cart, points, address]);
  const { preview } = plan;
  if (preview.problems.length > 0) {
    throw new ApiError(
      "validation_failed",
      preview.problems[0]?.message ?? "the order cannot be submitted",
      preview.problems.map((p) => ({ path: p.itemId ? `cart.${p.itemId}` : p.code, message: p.message })),
    );
  }

  const orderId = uuidv7();
  // Milliseconds, as every reader of the order sees its times.
  const createdAt = new Date();
  const payBy = new Date(createdAt.getTime() + plan.rules.paymentTimeoutMin * 60_000);
  const lines = preview.lines.flatMap((l, position) =>
    l.skuId && l.productId ? [{ ...l, skuId: l.skuId, productId: l.productId, position }] : [],
  );
  if (lines.length !== preview.lines.length) throw new Error("a buyable line without its SKU or product");
  const linesJson = JSON.stringify(
    lines.map((l) => ({
      position: l.position,
      item_id: l.itemId,
      sku_id: l.skuId,
      product_id: l.productId,
      title: l.title,
      spec_values: l.specValues,
      image: l.image,
      unit_price: l.unitPrice,
      quantity: l.quantity,
    })),
  );
  const skuIds = [...new Set(lines.map((l) => l.skuId))].sort();
  const productIds = [...new Set(lines.map((l) => l.productId))].sort();
  const a = plan.address;
  const p = plan.pickupPoint;
  const pickupCode = p ? String(randomInt(0, 1_000_000)).padStart(6, "0") : null;
  const itemCount = lines.reduce((n, l) => n + l.quantity, 0);
  // A second after the pay-by time (the outbox counts from the transaction's start, a moment after
  // this); a run that is still early puts itself off again (cancel-order.ts).
  const cancelAt = outboxRow(
    autoCancelOrderJob,
    { orderId },
    { tenantId, delayMs: payBy.getTime() - Date.now() + 1_000 },
  );
  const created = outboxRow(
    orderStatusChangedJob,
    { orderId, from: null, to: "pending_payment", actor: "shopper" },
    { tenantId },
  );
  const planned = sql`jsonb_to_recordset(${linesJson}::text::jsonb) AS v(position int, item_id uuid, sku_id uuid,
    product_id uuid, title text, spec_values jsonb, image text, unit_price int, quantity int)`;

  const statements = [
    claimStatement(req, orderId),
    // The shopper's row first (an InitPlan: cart changes take it first too), then the lines.
    sql`WITH me AS (SELECT id FROM shoppers WHERE id = ${shopperId}::uuid FOR UPDATE),
        taken AS (
          DELETE FROM cart_items c USING ${planned}
          WHERE c.shopper_id = (SELECT id FROM me) AND c.id = v.item_id AND c.selected
            AND c.sku_id = v.sku_id AND c.quantity = v.quantity
          RETURNING c.id)
        SELECT mw_assert((SELECT count(*) FROM taken) = ${lines.length}::int, 'cart_changed')`,
    // Products, then SKUs, each in id order.
    sql`WITH shelf AS (
          SELECT mw_assert(count(*) = ${productIds.length}::int, 'off_shelf') AS ok
          FROM (SELECT id FROM products
                WHERE id = ANY(${productIds}::uuid[]) AND status = 'on_shelf' AND deleted_at IS NULL
                ORDER BY id FOR UPDATE) p)
        SELECT mw_assert(count(*) = ${skuIds.length}::int, 'sku_changed'),
               mw_assert(bool_and(s.price = v.unit_price), 'price_changed'),
               mw_assert(bool_and(s.stock >= v.quantity), 'sold_out')
        FROM (SELECT id, price, stock FROM skus
              WHERE id = ANY(${skuIds}::uuid[]) AND (SELECT ok FROM shelf) ORDER BY id FOR UPDATE) s
        JOIN ${planned} ON v.sku_id = s.id`,
    sql<{ number: string; lines: { id: string; position: number }[] }>`
      WITH v AS (SELECT * FROM ${planned}),
      changed AS (
        UPDATE skus s SET stock = s.stock - v.quantity, updated_at = now()
        FROM v WHERE s.id = v.sku_id AND s.stock >= v.quantity
        RETURNING s.tenant_id, s.id, s.product_id, s.spec_values, s.stock, -v.quantity AS delta),
      seq AS (
        INSERT INTO order_sequences (tenant_id, day, last)
        VALUES (${tenantId}::uuid, (now() AT TIME ZONE 'Asia/Shanghai')::date, 1)
        ON CONFLICT (tenant_id, day) DO UPDATE SET last = order_sequences.last + 1
        RETURNING to_char(day, 'YYMMDD') || lpad(last::text, greatest(6, length(last::text)), '0') AS number),
      ledger AS (
        INSERT INTO inventory_ledger (tenant_id, sku_id, spec_values, product_id, delta, stock_after, reason, ref)
        SELECT changed.tenant_id, changed.id, changed.spec_values, changed.product_id, changed.delta, changed.stock,
               'order', seq.number
        FROM changed, seq),
      ord AS (
        INSERT INTO orders (tenant_id, id, number, shopper_id, status, delivery,
                            recipient_enc, phone_enc, phone_tail, province, city, district, detail_enc,
                            pickup_point_id, pickup_name, pickup_address, pickup_code,
                            items_total, shipping_fee, total, currency, item_count, note, pay_by, created_at, updated_at)
        SELECT ${tenantId}::uuid, ${orderId}::uuid, seq.number, ${shopperId}::uuid, 'pending_payment', ${preview.delivery}::text,
               ${a?.recipientEnc ?? null}::text, ${a?.phoneEnc ?? null}::text, ${a?.phoneTail ?? null}::text,
               ${a?.province ?? null}::text, ${a?.city ?? null}::text, ${a?.district ?? null}::text,
               ${a?.detailEnc ?? null}::text,
               ${p?.id ?? null}::uuid, ${p?.name ?? null}::text, ${p?.address ?? null}::text, ${pickupCode}::text,
               ${preview.itemsTotal}::int, ${preview.shippingFee}::int, ${preview.total}::int, ${preview.currency}::text,
               ${itemCount}::int, ${input.note ?? null}::text, ${payBy}, ${createdAt}, ${createdAt}
        FROM seq
        RETURNING id, number),
      order_lines_added AS (
        INSERT INTO order_lines (tenant_id, order_id, position, sku_id, product_id, title, spec_values, image,
                                 unit_price, quantity)
        SELECT ${tenantId}::uuid, ord.id, v.position, v.sku_id, v.product_id, v.title,
               ARRAY(SELECT jsonb_array_elements_text(v.spec_values)), v.image, v.unit_price, v.quantity
        FROM ord, v
        RETURNING id, position),
      first_event AS (
        INSERT INTO order_events (tenant_id, order_id, from_status, to_status, actor, actor_id, created_at)
        SELECT ${tenantId}::uuid, ord.id, NULL, 'pending_payment', 'shopper', ${shopperId}::uuid, ${createdAt} FROM ord),
      jobs AS (
        INSERT INTO outbox (id, tenant_id, job, payload, available_at) VALUES ${cancelAt}, ${created})
      SELECT mw_assert((SELECT count(*) FROM changed) = ${skuIds.length}::int, 'sold_out') AS ok, ord.number,
             (SELECT json_agg(json_build_object('id', id, 'position', position) ORDER BY position)
              FROM order_lines_added) AS lines
      FROM ord`,
    // The products' stock totals; and a sell-out shows on the store's pages at once (lesser stock
    // changes within the page cache's age limit, services/storefront/page-cache.ts).
    sql<{ soldOut: boolean }>`
      WITH totals AS (
        UPDATE products p SET stock_total = least(t.total, 2147483647)::int, updated_at = now()
        FROM (SELECT product_id, sum(stock) AS total FROM skus WHERE product_id = ANY(${productIds}::uuid[])
              GROUP BY product_id) t
        WHERE p.id = t.product_id)
      SELECT true AS "soldOut" FROM (
        SELECT pg_notify(${CACHE_CHANNEL}, ${tenantId}) FROM skus WHERE id = ANY(${skuIds}::uuid[]) AND stock = 0 LIMIT 1
      ) n`,
  ] as const;

  let written: RowsOf<typeof statements>;
  try {
    written = await reader.write(tenantId, statements);
  } catch (err) {
    const code = assertionCode(err);
    if (code === "idempotency_used") {
      // The same key committed between the read and this transaction.
      const [again] = await reader.read(tenantId, [keyLookupSql(req)]);
      if (!again[0]) throw inFlight();
      return { kind: "replayed", orderId: replayOf(again[0], req) };
    }
    throw (code && refusal(code)) || err;
  }
  const orderRow = written[3][0];
  if (written[4].length > 0) storePageCache.invalidateTenant(tenantId);
  if (!orderRow) throw new Error("the order transaction answered no order");
  const lineIds = new Map(orderRow.lines.map((l) => [l.position, l.id]));
  const at = createdAt.toISOString();
  const order: TOrder = {
    id: orderId,
    number: orderRow.number,
    status: "pending_payment",
    delivery: preview.delivery,
    lines: lines.map((l) => ({
      id: lineIds.get(l.position) ?? "",
      skuId: l.skuId,
      productId: l.productId,
      title: l.title,
      specValues: l.specValues,
      image: l.image,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      refundedQuantity: 0,
      refundedAmount: 0,
    })),
    itemsTotal: preview.itemsTotal,
    shippingFee: preview.shippingFee,
    total: preview.total,
    currency: preview.currency,
    refundedTotal: 0,
    note: input.note ?? null,
    address: preview.address
      ? {
          recipient: preview.address.recipient,
          phone: preview.address.phone,
          region: preview.address.region,
          detail: preview.address.detail,
        }
      : null,
    pickup: p && pickupCode ? { name: p.name, address: p.address, code: pickupCode } : null,
    payBy: payBy.toISOString(),
    paidAt: null,
    shippedAt: null,
    carrier: null,
    trackingNo: null,
    cancelledAt: null,
    cancelReason: null,
    createdAt: at,
    history: [{ from: null, to: "pending_payment", actor: "shopper", at, note: null }],
  };
  return { kind: "created", order };
}
