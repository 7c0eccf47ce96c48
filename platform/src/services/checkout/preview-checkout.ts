// What submitting the cart now would order: the selected lines that can be bought (at today's
// prices), the delivery (express to an address of the shopper's, or pickup at one of the store's
// points), the shipping fee by the store's rules, the totals, and every problem that would stop
// the submission. What it needs is read in one round trip (checkoutQueries, on a TenantReader) and
// planned without the database (planCheckout); the order submission plans from the same reads and
// has its transaction check that nothing moved in between (services/orders/submit-order.ts).
import type { TCheckoutPreview, TCheckoutProblem, TCheckoutRequest } from "@mallwright/schema";
import { type RowsOf, sql, type TenantReader, type UuidRef, uuidRef } from "../../db/read.ts";
import type { Env } from "../../env.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import type { CartActor } from "../cart/change-cart.ts";
import { cartLinesSql, presentCart } from "../cart/read-cart.ts";
import { type CheckoutRules, checkoutSettingsSql, expressFee, rulesOf } from "./checkout-settings.ts";

/** The largest total an order row holds (fen, a 32-bit integer). */
const MAX_ORDER_TOTAL = 2_147_483_647;

export interface CheckoutPlan {
  preview: TCheckoutPreview;
  rules: CheckoutRules;
  /** The express address row (encrypted fields as stored), or the pickup point. */
  address: {
    id: string;
    recipientEnc: string;
    phoneEnc: string;
    phoneTail: string;
    province: string;
    city: string;
    district: string;
    detailEnc: string;
  } | null;
  pickupPoint: { id: string; name: string; address: string } | null;
}

interface PickupPointRow {
  id: string;
  name: string;
  address: string;
  hours: string | null;
}

/** Everything a plan needs, in one round trip: the rules, the cart, the pickup points, the address. */
export function checkoutQueries(shopper: UuidRef, input: TCheckoutRequest) {
  return [
    checkoutSettingsSql,
    cartLinesSql(shopper),
    sql<PickupPointRow>`
      SELECT id::text AS id, name, address, hours FROM pickup_points WHERE active ORDER BY created_at, id`,
    input.delivery === "express"
      ? sql<NonNullable<CheckoutPlan["address"]>>`
          SELECT id::text AS id, recipient_enc AS "recipientEnc", phone_enc AS "phoneEnc", phone_tail AS "phoneTail",
                 province, city, district, detail_enc AS "detailEnc"
          FROM addresses
          WHERE shopper_id = ${uuidRef(shopper)} AND ${input.addressId ? sql`id = ${input.addressId}::uuid` : sql`is_default`}
          LIMIT 1`
      : sql<NonNullable<CheckoutPlan["address"]>>`SELECT NULL::text AS id WHERE false`,
  ] as const;
}

export type CheckoutRows = RowsOf<ReturnType<typeof checkoutQueries>>;

/** The preview of submitting the shopper's cart now. */
export async function previewCheckout(
  reader: TenantReader,
  env: Env,
  actor: CartActor,
  input: TCheckoutRequest,
): Promise<TCheckoutPreview> {
  const rows = await reader.read(actor.tenantId, checkoutQueries(actor.shopperId, input));
  return planCheckout(env, input, rows).preview;
}

/** The plan from checkoutQueries' rows: no database work. */
export function planCheckout(env: Env, input: TCheckoutRequest, rows: CheckoutRows): CheckoutPlan {
  const [settings, cartRows, pointRows, addressRows] = rows;
  const cipher = fieldCipher(env);
  const rules = rulesOf(settings[0]);
  const cart = presentCart(env, cartRows);
  const problems: TCheckoutProblem[] = [];
  const selected = cart.items.filter((i) => i.selected);
  if (selected.length === 0) problems.push({ code: "cart_empty", message: "nothing is selected in the cart" });
  for (const i of selected) {
    if (i.state !== "ok") {
      const notice = cart.notices.find((n) => n.itemId === i.id && n.kind === i.state);
      problems.push({
        code: "line_unavailable",
        message: notice?.message ?? `${i.title} cannot be bought`,
        itemId: i.id,
      });
    } else if (i.priceChange) {
      // Never charge a price the shopper has not seen: they confirm it on the line first (PATCH).
      const notice = cart.notices.find((n) => n.itemId === i.id && n.kind === "price_changed");
      problems.push({
        code: "price_changed",
        message: notice?.message ?? `the price of ${i.title} changed`,
        itemId: i.id,
      });
    }
  }
  const buyable = selected.filter((i) => i.state === "ok" && i.skuId);
  const lines = buyable.map((i) => ({
    itemId: i.id,
    skuId: i.skuId,
    productId: i.productId,
    title: i.title,
    specValues: i.specValues,
    image: i.image,
    unitPrice: i.unitPrice,
    quantity: i.quantity,
  }));
  const itemsTotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);

  const points = rules.pickupEnabled ? pointRows : [];
  const deliveryOptions = { express: rules.expressEnabled, pickup: rules.pickupEnabled && points.length > 0 };
  if (!deliveryOptions[input.delivery]) {
    problems.push({ code: "delivery_unavailable", message: `this store does not offer ${input.delivery} delivery` });
  }

  let address: CheckoutPlan["address"] = null;
  let pickupPoint: CheckoutPlan["pickupPoint"] = null;
  if (input.delivery === "express") {
    const row = addressRows[0];
    if (row) address = row;
    else if (input.addressId)
      problems.push({ code: "address_not_found", message: "that address is not in your address book" });
    else problems.push({ code: "address_required", message: "add a delivery address" });
  } else {
    const point = input.pickupPointId ? points.find((p) => p.id === input.pickupPointId) : undefined;
    if (point) pickupPoint = { id: point.id, name: point.name, address: point.address };
    else if (input.pickupPointId)
      problems.push({ code: "pickup_point_not_found", message: "that pickup point is not available" });
    else problems.push({ code: "pickup_point_required", message: "choose where to pick the order up" });
  }

  const shippingFee = input.delivery === "express" ? expressFee(rules, itemsTotal, address?.province ?? null) : 0;
  if (itemsTotal + shippingFee > MAX_ORDER_TOTAL) {
    problems.push({ code: "total_too_large", message: "an order can total at most 21,474,836.47: split it" });
  }
  const preview: TCheckoutPreview = {
    delivery: input.delivery,
    lines,
    itemsTotal,
    shippingFee,
    total: itemsTotal + shippingFee,
    currency: cart.totals.currency,
    freeShippingOver: rules.freeOver,
    deliveryOptions,
    address: address
      ? {
          id: address.id,
          recipient: cipher.decrypt(address.recipientEnc),
          phone: cipher.decrypt(address.phoneEnc),
          region: [address.province, address.city, address.district].filter(Boolean).join(" "),
          detail: cipher.decrypt(address.detailEnc),
        }
      : null,
    pickupPoints: points.map((p) => ({ id: p.id, name: p.name, address: p.address, hours: p.hours })),
    problems,
  };
  return { preview, rules, address, pickupPoint };
}
