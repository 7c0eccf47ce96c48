// Checkout and orders as the shopper sees them: the preview of a checkout (every problem listed
// before submission), the submission body, and orders with their lines and history.
import { z } from "zod";
import { ZMediaRef } from "./catalog.ts";
import { ZUuid } from "./common.ts";

export const ORDER_STATUSES = ["pending_payment", "paid", "shipped", "delivered", "completed", "cancelled"] as const;
export const ZOrderStatus = z.enum(ORDER_STATUSES);
export type TOrderStatus = z.infer<typeof ZOrderStatus>;
export const ZDelivery = z.enum(["express", "pickup"]);

export const ZCheckoutRequest = z.strictObject({
  delivery: ZDelivery.default("express"),
  addressId: ZUuid.optional().describe("express: the address (default: the shopper's default address)"),
  pickupPointId: ZUuid.optional().describe("pickup: where the shopper collects the order"),
  note: z.string().trim().max(200).optional().describe("A note for the merchant"),
});
export type TCheckoutRequest = z.infer<typeof ZCheckoutRequest>;

export const ZCheckoutProblem = z.object({
  code: z.enum([
    "cart_empty",
    "line_unavailable",
    "address_required",
    "address_not_found",
    "pickup_point_required",
    "pickup_point_not_found",
    "delivery_unavailable",
    "price_changed",
    "total_too_large",
  ]),
  message: z.string(),
  itemId: ZUuid.optional(),
});
export type TCheckoutProblem = z.infer<typeof ZCheckoutProblem>;

export const ZOrderLine = z.object({
  id: ZUuid,
  skuId: ZUuid.nullable(),
  productId: ZUuid.nullable(),
  title: z.string(),
  specValues: z.array(z.string()),
  image: z.string().nullable(),
  unitPrice: z.number().int(),
  quantity: z.number().int(),
  refundedQuantity: z.number().int(),
  refundedAmount: z.number().int(),
});

export const ZCheckoutPreview = z.object({
  delivery: ZDelivery,
  lines: z.array(ZOrderLine.omit({ id: true, refundedQuantity: true, refundedAmount: true }).extend({ itemId: ZUuid })),
  itemsTotal: z.number().int(),
  shippingFee: z.number().int(),
  total: z.number().int(),
  currency: z.string(),
  /** Express: free shipping from this items total on (null: never free). */
  freeShippingOver: z.number().int().nullable(),
  deliveryOptions: z.object({ express: z.boolean(), pickup: z.boolean() }),
  address: z
    .object({ id: ZUuid, recipient: z.string(), phone: z.string(), region: z.string(), detail: z.string() })
    .nullable(),
  pickupPoints: z.array(z.object({ id: ZUuid, name: z.string(), address: z.string(), hours: z.string().nullable() })),
  /** Empty: the order can be submitted as previewed. */
  problems: z.array(ZCheckoutProblem),
});
export type TCheckoutPreview = z.infer<typeof ZCheckoutPreview>;

export const ZOrder = z.object({
  id: ZUuid,
  number: z.string(),
  status: ZOrderStatus,
  delivery: ZDelivery,
  lines: z.array(ZOrderLine),
  itemsTotal: z.number().int(),
  shippingFee: z.number().int(),
  total: z.number().int(),
  currency: z.string(),
  /** Refunded so far through after-sales (fen). */
  refundedTotal: z.number().int(),
  note: z.string().nullable(),
  address: z.object({ recipient: z.string(), phone: z.string(), region: z.string(), detail: z.string() }).nullable(),
  pickup: z.object({ name: z.string(), address: z.string().nullable(), code: z.string() }).nullable(),
  payBy: z.string(),
  paidAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(
    z.object({
      from: ZOrderStatus.nullable(),
      to: ZOrderStatus,
      actor: z.enum(["shopper", "merchant", "system"]),
      at: z.string(),
      note: z.string().nullable(),
    }),
  ),
});
export type TOrder = z.infer<typeof ZOrder>;

export const ZOrderList = z.object({ items: z.array(ZOrder), nextCursor: z.string().nullable() });

export const ZCancelOrderRequest = z.strictObject({ reason: z.string().trim().max(200).optional() });

/** What a payment start answers: the development provider pays at once; WeChat Pay returns wx.requestPayment parameters. */
export const ZPayOrderResponse = z.object({
  provider: z.enum(["dev", "wechat"]),
  order: ZOrder,
  requestPayment: z
    .object({
      timeStamp: z.string(),
      nonceStr: z.string(),
      package: z.string(),
      signType: z.literal("RSA"),
      paySign: z.string(),
    })
    .nullable(),
});

export const ZMerchantOrderQuery = z.strictObject({
  status: ZOrderStatus.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .describe("An order number (or its start), a phone's last 4 digits, or words of a product title"),
  from: z.iso.date().optional().describe("Placed on or after this day (YYYY-MM-DD, UTC)"),
  to: z.iso.date().optional().describe("Placed on or before this day"),
  cursor: ZUuid.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TMerchantOrderQuery = z.infer<typeof ZMerchantOrderQuery>;

/** What an export takes: the list's filters (all orders when empty). */
export const ZOrderExportRequest = ZMerchantOrderQuery.omit({ cursor: true, limit: true });
export type TOrderExportRequest = z.infer<typeof ZOrderExportRequest>;
export const ZOrderExportStatus = z.enum(["queued", "running", "done", "failed"]);
export const ZOrderExport = z.object({
  id: ZUuid,
  status: ZOrderExportStatus,
  filters: ZOrderExportRequest,
  /** Contact details masked (the member who asked may not see them). */
  masked: z.boolean(),
  totalOrders: z.number().int(),
  processedOrders: z.number().int(),
  /** processedOrders / totalOrders, 0..1 (1 once done). */
  progress: z.number().min(0).max(1),
  /** CSV rows written (one per order line). */
  rowCount: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  /** Where the CSV is fetched once done (same session). */
  downloadPath: z.string().nullable(),
});
export type TOrderExport = z.infer<typeof ZOrderExport>;
export const ZOrderExportList = z.object({ items: z.array(ZOrderExport) });

export const ZMerchantOrderList = z.object({
  items: z.array(ZOrder.extend({ merchantRemark: z.string().nullable() })),
  nextCursor: ZUuid.nullable(),
  /** Orders per status for the tabs (the other filters applied, not the status). */
  counts: z.record(ZOrderStatus, z.number().int()).and(z.object({ all: z.number().int() })),
});
/** Shipping info sent to WeChat (a WeChat-paid order): pending, uploaded, failed (with why), or not needed. */
export const ZShippingUpload = z.object({
  status: z.enum(["pending", "uploaded", "failed", "not_needed"]),
  error: z.string().nullable(),
  uploadedAt: z.string().nullable(),
});
export const ZOrderPayment = z.object({
  provider: z.enum(["dev", "wechat"]),
  status: z.string(),
  transactionId: z.string().nullable(),
  /** Money that arrived after the order was cancelled (refunded automatically). */
  late: z.boolean(),
  refunds: z.array(
    z.object({
      amount: z.number().int(),
      status: z.enum(["pending", "processing", "succeeded", "failed"]),
      error: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export const ZMerchantOrder = ZOrder.extend({
  merchantRemark: z.string().nullable(),
  shippingUpload: ZShippingUpload.nullable(),
  payment: ZOrderPayment.nullable().optional(),
});
export const ZShipOrderRequest = z.strictObject({
  carrier: z.string().trim().min(1).max(40).optional().describe("Express: the carrier, e.g. 顺丰速运"),
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,60}$/, "letters, digits and dashes")
    .optional(),
});
export const ZPickupRequest = z.strictObject({ code: z.string().regex(/^\d{6}$/, "the 6-digit pickup code") });
export const ZOrderRemarkRequest = z.strictObject({ remark: z.string().trim().max(500).nullable() });

export const ZAfterSaleKind = z.enum(["refund", "return_refund"]);
/** refunding: approved, the refund asked of WeChat Pay and not confirmed yet; refund_failed: WeChat refused it. */
export const ZAfterSaleStatus = z.enum(["requested", "rejected", "refunding", "refunded", "refund_failed"]);

/** Photos one after-sales request may carry. */
export const AFTER_SALE_MAX_PHOTOS = 6;

export const ZAfterSaleRequest = z.strictObject({
  kind: ZAfterSaleKind.describe("refund: money only; return_refund: the goods come back first"),
  reason: z.string().trim().min(1, "say why").max(200),
  lines: z
    .array(z.strictObject({ lineId: ZUuid, quantity: z.number().int().min(1).max(999) }))
    .min(1)
    .max(100)
    .refine((ls) => new Set(ls.map((l) => l.lineId)).size === ls.length, "name each line once")
    .optional()
    .describe("Some lines (default: everything still refundable)"),
  amount: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("fen, at most what these lines may still refund (default: all of it)"),
  photoIds: z
    .array(ZUuid)
    .max(AFTER_SALE_MAX_PHOTOS, `at most ${AFTER_SALE_MAX_PHOTOS} photos`)
    .refine((ids) => new Set(ids).size === ids.length, "name each photo once")
    .optional()
    .describe("Photos the shopper uploaded with POST /store/v1/media, in order"),
});
export type TAfterSaleRequest = z.infer<typeof ZAfterSaleRequest>;

export const ZAfterSale = z.object({
  id: ZUuid,
  orderId: ZUuid,
  orderNumber: z.string(),
  kind: ZAfterSaleKind,
  status: ZAfterSaleStatus,
  reason: z.string(),
  amount: z.number().int(),
  lines: z.array(z.object({ lineId: ZUuid, title: z.string(), quantity: z.number().int(), amount: z.number().int() })),
  /** The shopper's photos, in order. */
  photos: z.array(ZMediaRef),
  decisionNote: z.string().nullable(),
  restocked: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type TAfterSale = z.infer<typeof ZAfterSale>;
export const ZAfterSaleList = z.object({ items: z.array(ZAfterSale), nextCursor: ZUuid.nullable() });
export const ZApproveAfterSaleRequest = z.strictObject({
  restock: z.boolean().default(false).describe("return_refund: put the returned units back into stock"),
  note: z.string().trim().max(200).optional(),
});
export const ZRejectAfterSaleRequest = z.strictObject({ reason: z.string().trim().min(1, "say why").max(200) });

/** Most rows of one batch-ship file. */
export const BATCH_SHIP_MAX_ROWS = 500;
export const ZBatchShipRequest = z.strictObject({
  csv: z
    .string()
    .min(1)
    .max(200_000)
    .describe(
      "UTF-8 CSV with a header: 订单号,快递公司,运单号 (or order_number,carrier,tracking_no); at most 500 rows",
    ),
});
export const ZBatchShipResult = z.object({
  shipped: z.number().int(),
  failed: z.number().int(),
  rows: z.array(
    z.object({
      line: z.number().int().describe("The CSV line (the header is line 1)"),
      orderNumber: z.string(),
      ok: z.boolean(),
      message: z.string().nullable(),
    }),
  ),
});
