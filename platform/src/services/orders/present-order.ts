// An order as the API shows it, personal fields decrypted (for its shopper and for staff).
import { type TOrder, ZOrderStatus } from "@mallwright/schema";
import type { Tx } from "../../db/types.ts";
import type { FieldCipher } from "../../integrations/crypto/field-cipher.ts";

type Row = Awaited<ReturnType<typeof loadOrders>>[number];

/** Orders with their lines and history, newest first (`before`: an id cursor; UUIDv7 ids follow creation). */
export function loadOrders(
  tx: Tx,
  where: { id?: string; shopperId?: string; status?: string[]; before?: string },
  take = 50,
) {
  return tx.order.findMany({
    where: {
      ...(where.id ? { id: where.id } : {}),
      ...(where.shopperId ? { shopperId: where.shopperId } : {}),
      ...(where.status ? { status: { in: where.status } } : {}),
      ...(where.before ? { id: { lt: where.before } } : {}),
    },
    include: {
      lines: { orderBy: { position: "asc" } },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
    orderBy: { id: "desc" },
    take,
  });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** 王小明 -> 王*明, 13800138000 -> 138****8000, a street -> its first 4 characters and ***. */
export const mask = {
  name: (s: string) =>
    s.length <= 1 ? "*" : s.length === 2 ? `${s[0]}*` : `${s[0]}${"*".repeat(s.length - 2)}${s.at(-1)}`,
  phone: (s: string) => (s.length >= 7 ? `${s.slice(0, 3)}****${s.slice(-4)}` : "****"),
  street: (s: string) => `${s.slice(0, 4)}***`,
};

/** `masked`: contact details shown the way staff without orders:contact see them. */
export function presentOrder(cipher: FieldCipher, o: Row, masked = false): TOrder {
  const show = (value: string, how: (s: string) => string) => (masked ? how(value) : value);
  return {
    id: o.id,
    number: o.number,
    status: ZOrderStatus.parse(o.status),
    delivery: o.delivery === "pickup" ? "pickup" : "express",
    lines: o.lines.map((l) => ({
      id: l.id,
      skuId: l.skuId,
      productId: l.productId,
      title: l.title,
      specValues: l.specValues,
      image: l.image,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      refundedQuantity: l.refundedQuantity,
      refundedAmount: l.refundedAmount,
    })),
    itemsTotal: o.itemsTotal,
    shippingFee: o.shippingFee,
    total: o.total,
    currency: o.currency,
    refundedTotal: o.refundedTotal,
    note: o.note,
    address:
      o.recipientEnc && o.phoneEnc && o.detailEnc
        ? {
            recipient: show(cipher.decrypt(o.recipientEnc), mask.name),
            phone: show(cipher.decrypt(o.phoneEnc), mask.phone),
            region: [o.province, o.city, o.district].filter(Boolean).join(" "),
            detail: show(cipher.decrypt(o.detailEnc), mask.street),
          }
        : null,
    pickup: o.pickupName && o.pickupCode ? { name: o.pickupName, address: o.pickupAddress, code: o.pickupCode } : null,
    payBy: o.payBy.toISOString(),
    paidAt: iso(o.paidAt),
    shippedAt: iso(o.shippedAt),
    carrier: o.carrier,
    trackingNo: o.trackingNo,
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    createdAt: o.createdAt.toISOString(),
    history: o.events.map((e) => ({
      from: e.fromStatus ? ZOrderStatus.parse(e.fromStatus) : null,
      to: ZOrderStatus.parse(e.toStatus),
      actor: e.actor === "merchant" ? "merchant" : e.actor === "system" ? "system" : "shopper",
      at: e.createdAt.toISOString(),
      note: e.note,
    })),
  };
}
