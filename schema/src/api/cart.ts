// The shopper's cart: request bodies and the cart as every cart route answers it, re-validated on
// each read against the catalog (shelf state, stock, price), with what changed said per line.
import { z } from "zod";
import { ZUuid } from "./common.ts";

/** Most of one SKU a cart line (and an order line) may hold. */
export const CART_LINE_MAX = 999;
/** Most lines a cart may hold. */
export const CART_MAX_LINES = 100;

const ZQuantity = z
  .number()
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(CART_LINE_MAX, `must be at most ${CART_LINE_MAX}`);

export const ZAddCartItemRequest = z.strictObject({
  skuId: ZUuid,
  quantity: ZQuantity.default(1).describe("Added to what the cart already holds of this SKU"),
});
export type TAddCartItemRequest = z.infer<typeof ZAddCartItemRequest>;

export const ZUpdateCartItemRequest = z
  .strictObject({ quantity: ZQuantity.optional(), selected: z.boolean().optional() })
  .refine((v) => v.quantity !== undefined || v.selected !== undefined, "give quantity, selected or both");
export type TUpdateCartItemRequest = z.infer<typeof ZUpdateCartItemRequest>;

export const ZSelectCartItemsRequest = z.strictObject({
  selected: z.boolean(),
  itemIds: z.array(ZUuid).max(CART_MAX_LINES).optional().describe("Only these lines; default: every line"),
});
export type TSelectCartItemsRequest = z.infer<typeof ZSelectCartItemsRequest>;

/**
 * A line's state now: `ok`; `insufficient_stock` (fewer left than it holds: `available` says how
 * many); `sold_out`; `off_shelf` (the product is off the shelf or in the bin); `removed` (the SKU
 * is gone from its product). Only `ok` lines count in the totals and can be checked out.
 */
export const ZCartLineState = z.enum(["ok", "insufficient_stock", "sold_out", "off_shelf", "removed"]);
export type TCartLineState = z.infer<typeof ZCartLineState>;

export const ZCartItem = z.object({
  id: ZUuid,
  skuId: ZUuid.nullable(),
  productId: ZUuid.nullable(),
  title: z.string(),
  specValues: z.array(z.string()),
  image: z.string().nullable(),
  /** The unit price now (fen); the one last seen when the SKU is gone. */
  unitPrice: z.number().int(),
  currency: z.string(),
  quantity: z.number().int(),
  selected: z.boolean(),
  /** Units in stock now (0 when off the shelf or removed). */
  available: z.number().int(),
  state: ZCartLineState,
  /** Set when the price moved since the shopper last added or changed this line. */
  priceChange: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
});
export type TCartItem = z.infer<typeof ZCartItem>;

export const ZCart = z.object({
  items: z.array(ZCartItem),
  totals: z.object({
    /** Units in the selected lines that can be bought. */
    quantity: z.number().int(),
    /** Their price (fen), before shipping and discounts. */
    subtotal: z.number().int(),
    currency: z.string(),
  }),
  /** Every line whose state is not `ok` or whose price moved, for the client to explain. */
  notices: z.array(
    z.object({
      itemId: ZUuid,
      kind: z.enum(["insufficient_stock", "sold_out", "off_shelf", "removed", "price_changed"]),
      message: z.string(),
    }),
  ),
});
export type TCart = z.infer<typeof ZCart>;

export const ZShopperLoginRequest = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(128)
    .describe(
      "wx.login's code; in development also `dev:<name>` (refused in production and once WeChat is configured)",
    ),
});
export const ZShopperLoginResponse = z.object({
  token: z.string().describe("Send as Authorization: Bearer <token>, with this store's X-Mallwright-Tenant"),
  expiresAt: z.string(),
  shopper: z.object({ id: ZUuid, nickname: z.string().nullable(), isNew: z.boolean() }),
});
export const ZShopperMe = z.object({
  id: ZUuid,
  nickname: z.string().nullable(),
  provider: z.enum(["wechat", "dev"]),
  createdAt: z.string(),
});
