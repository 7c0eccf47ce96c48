// Orders as the merchant API answers them, for the order screens' tests: parsed by the API's own
// schemas, so a fixture that drifts from the API fails here rather than passing on a wrong shape.
import { ZMerchantOrder } from "@mallwright/schema";
import type { z } from "zod";
import { uuid } from "./fake-api.tsx";

export type MerchantOrder = z.infer<typeof ZMerchantOrder>;

export function order(n: number, over: Partial<MerchantOrder> = {}): MerchantOrder {
  return ZMerchantOrder.parse({
    id: uuid(n),
    number: `2025010100${String(n).padStart(2, "0")}`,
    status: "paid",
    delivery: "express",
    lines: [
      {
        id: uuid(100 + n),
        skuId: uuid(200),
        productId: uuid(300),
        title: "明前龙井",
        specValues: ["250g"],
        image: null,
        unitPrice: 2500,
        quantity: 2,
        refundedQuantity: 0,
        refundedAmount: 0,
      },
      {
        id: uuid(150 + n),
        skuId: uuid(201),
        productId: uuid(301),
        title: "青瓷茶杯",
        specValues: [],
        image: null,
        unitPrice: 1800,
        quantity: 1,
        refundedQuantity: 0,
        refundedAmount: 0,
      },
    ],
    itemsTotal: 6800,
    shippingFee: 800,
    total: 7600,
    currency: "CNY",
    refundedTotal: 0,
    note: "请尽快发货",
    address: { recipient: "王*明", phone: "138****8000", region: "浙江省 杭州市 西湖区", detail: "文三路***" },
    pickup: null,
    payBy: "2025-01-01T00:30:00.000Z",
    paidAt: "2025-01-01T00:05:00.000Z",
    shippedAt: null,
    carrier: null,
    trackingNo: null,
    cancelledAt: null,
    cancelReason: null,
    createdAt: "2025-01-01T00:00:00.000Z",
    history: [
      { from: null, to: "pending_payment", actor: "shopper", at: "2025-01-01T00:00:00.000Z", note: null },
      { from: "pending_payment", to: "paid", actor: "shopper", at: "2025-01-01T00:05:00.000Z", note: null },
    ],
    merchantRemark: null,
    shippingUpload: null,
    ...over,
  });
}
