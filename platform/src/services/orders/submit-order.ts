// Submitting the cart as an order in two round trips to the database (TenantReader, src/db/read.ts):
//
// 1. One read: the Idempotency-Key (used: replay it, or 422 for another body) and everything the
//    checkout plan needs. The plan is made here, without the database; any problem is a 422 that
//    lists them all, and nothing was written.
// 2. One statement, its own transaction: mw_submit_order (migrations/0016_order_submit.sql, as
//    0017 reorders it) with the plan as its arguments. It claims the key, takes the planned lines
//    out of the cart, writes the order's lines (prices, titles, specs as planned), its first event
//    and its jobs (the payment timeout's cancel, the status event), and only then locks and checks
//    the products and SKUs, takes the stock (never below zero), numbers the order and writes it. No
//    client round trip inside it, and the hot rows of a busy SKU and of the store's order counter
//    are taken last: held only for the work that needs them and the commit. A failed check rolls it
//    all back, and its code says why (a 409 to review the cart; sold out meanwhile; a same key).
//
// The answer is made from the plan and what the statement returned, not read again.

import { randomInt } from "node:crypto";
import type { TCheckoutRequest, TOrder } from "@mallwright/schema";
import { ZPlan } from "@mallwright/schema";
import { uuidv7 } from "uuidv7";
import { z } from "zod";
import { assertionCode, empty, readPacked, sql, type TenantReader, type UuidRef } from "../../db/read.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { perEnv } from "../../integrations/per-env.ts";
import { autoCancelOrderJob } from "../../jobs/auto-cancel-order.ts";
import { orderStatusChangedJob } from "../../jobs/order-status-changed.ts";
import { outboxJob } from "../../jobs/outbox.ts";
import { planSpec } from "../billing/plans.ts";
import { planLimitError } from "../billing/quota.ts";
import type { CartActor } from "../cart/change-cart.ts";
import { checkoutQueries, planCheckout } from "../checkout/preview-checkout.ts";
import {
  type FoundShopperSession,
  noShopperSession,
  type PendingShopperSession,
  rememberShopperSession,
  type ShopperSessionRow,
  shopperSessionSql,
} from "../shoppers/find-shopper-session.ts";
import { CACHE_CHANNEL } from "../storefront/cache-events.ts";
import { storePageCache } from "../storefront/page-cache.ts";
import { type IdempotentRequest, inFlight, keyLookupSql, replayOf, requestHash } from "./idempotency.ts";
import { StoreLanes } from "./store-lanes.ts";

export const SUBMIT_SCOPE = "orders.submit";

export type SubmitOutcome = ({ kind: "created"; order: TOrder } | { kind: "replayed"; orderId: string }) & {
  /** The session the read found, when the caller had only the token (requireShopperToken). */
  session: FoundShopperSession | null;
};

/** The shopper, known (a recent session) or still to be looked up from their token in the read. */
export type Submitter = CartActor | PendingShopperSession;

export interface SubmitDeps {
  reader: TenantReader;
  env: Env;
}

const storeLanes = perEnv((env) => new StoreLanes(env.ORDER_WRITES_PER_STORE));

/** What mw_submit_order answers. */
const ZSubmitted = z.object({
  number: z.string(),
  lines: z.array(z.object({ id: z.string(), position: z.number().int() })),
  soldOut: z.boolean(),
});

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
  who: Submitter,
  input: TCheckoutRequest,
  key: string,
  storePlan = "pro",
): Promise<SubmitOutcome> {
  const { reader, env } = deps;
  const { tenantId } = who;
  const known: CartActor | null = "shopperId" in who ? who : null;
  const pending: PendingShopperSession | null = "shopperId" in who ? null : who;
  // A shopper known only by their token is looked up by the read itself (the session once, as a
  // materialized CTE every query below takes the shopper from): one round trip for both.
  const shopper: UuidRef = known ? known.shopperId : sql`(SELECT "shopperId"::uuid FROM me)`;
  const effective = ZPlan.safeParse(storePlan).data ?? "free";
  const monthlyLimit = planSpec(effective).limits.ordersPerMonth;
  // One statement, so one snapshot: a first request with this key that commits meanwhile is either
  // seen whole here (its key: a replay) or not at all (the cart as it was; the write then finds the
  // key taken). A plan with an order quota adds this month's count (nothing for unlimited plans).
  const [settings, cart, points, address, used, me, monthly] = await readPacked(
    reader,
    tenantId,
    [
      ...checkoutQueries(shopper, input),
      keyLookupSql({ scope: SUBMIT_SCOPE, key }, shopper),
      pending
        ? sql<ShopperSessionRow>`SELECT * FROM me`
        : sql<ShopperSessionRow>`SELECT * FROM (VALUES (1)) v WHERE false`,
      ...(monthlyLimit === null ? [] : [ordersThisMonthSql()]),
    ],
    pending ? sql`me AS MATERIALIZED (${shopperSessionSql(pending)})` : empty,
  );
  let session: FoundShopperSession | null = null;
  if (pending) {
    const row = me[0];
    if (!row) throw noShopperSession();
    session = rememberShopperSession(pending, row);
  }
  const shopperId = known?.shopperId ?? session?.shopperId ?? "";
  const req: IdempotentRequest = { tenantId, scope: SUBMIT_SCOPE, ownerId: shopperId, key, payload: input };
  if (used[0]) return { kind: "replayed", orderId: replayOf(used[0], req), session };
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
  const head = {
    delivery: preview.delivery,
    recipient_enc: a?.recipientEnc ?? null,
    phone_enc: a?.phoneEnc ?? null,
    phone_tail: a?.phoneTail ?? null,
    province: a?.province ?? null,
    city: a?.city ?? null,
    district: a?.district ?? null,
    detail_enc: a?.detailEnc ?? null,
    pickup_point_id: p?.id ?? null,
    pickup_name: p?.name ?? null,
    pickup_address: p?.address ?? null,
    pickup_code: pickupCode,
    items_total: preview.itemsTotal,
    shipping_fee: preview.shippingFee,
    total: preview.total,
    currency: preview.currency,
    item_count: lines.reduce((n, l) => n + l.quantity, 0),
    note: input.note ?? null,
    pay_by: payBy.toISOString(),
    created_at: createdAt.toISOString(),
  };
  const jobs = [
    // A second after the pay-by time (the outbox counts from the transaction's start, a moment
    // after this); a run that is still early puts itself off again (cancel-order.ts).
    outboxJob(autoCancelOrderJob, { orderId }, payBy.getTime() - Date.now() + 1_000),
    outboxJob(orderStatusChangedJob, { orderId, from: null, to: "pending_payment", actor: "shopper" }),
  ];
  const claim = { scope: req.scope, key: req.key, hash: requestHash(req.payload) };

  let answer: unknown;
  try {
    const [row] = await storeLanes(env).run(tenantId, () =>
      reader.call(sql<{ r: unknown }>`
      SELECT mw_submit_order(${tenantId}::uuid, ${shopperId}::uuid, ${orderId}::uuid, ${JSON.stringify(claim)}::text::jsonb,
        ${JSON.stringify(head)}::text::jsonb, ${linesJson}::text::jsonb, ${skuIds}::uuid[], ${productIds}::uuid[],
        ${JSON.stringify(jobs)}::text::jsonb, ${CACHE_CHANNEL}::text) AS r`),
    );
    answer = row?.r;
  } catch (err) {
    const code = assertionCode(err);
    if (code === "idempotency_used") {
      // The same key committed between the read and this transaction.
      const [again] = await reader.read(tenantId, [keyLookupSql(req, shopperId)]);
      if (!again[0]) throw inFlight();
      return { kind: "replayed", orderId: replayOf(again[0], req), session };
    }
    throw (code && refusal(code)) || err;
  }
  const written = ZSubmitted.parse(answer);
  // A sell-out shows on the store's pages at once (lesser stock changes within the page cache's
  // age limit, services/storefront/page-cache.ts); other processes hear the NOTIFY.
  if (written.soldOut) storePageCache.invalidateTenant(tenantId);
  const lineIds = new Map(written.lines.map((l) => [l.position, l.id]));
  const at = createdAt.toISOString();
  const order: TOrder = {
    id: orderId,
    number: written.number,
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
  return { kind: "created", order, session };
}
