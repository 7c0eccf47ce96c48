// The cart as the shopper sees it now: every line re-validated against the catalog (on the shelf,
// SKU still there, stock, price) and the totals of the selected lines that can be bought, computed
// here (never by the client). One query for the lines with their SKU, product and picture: through
// Prisma (cartItemsQuery) or as SQL for a TenantReader (cartLinesSql, the checkout's path), both
// answering the same shape for presentCart.
import { CART_LINE_MAX, type TCart, type TCartItem, type TCartLineState } from "@mallwright/schema";
import { sql, type UuidRef, uuidRef } from "../../db/read.ts";
import type { Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { presentMediaRef } from "../media/media-url.ts";

const CURRENCY = "CNY";

const media = { select: { id: true, storageKey: true, variants: true } } as const;

export function cartItemsQuery(tx: Tx, shopperId: string) {
  return tx.cartItem.findMany({
    where: { shopperId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: {
      sku: {
        select: {
          id: true,
          price: true,
          stock: true,
          specValues: true,
          image: media,
          product: {
            select: {
              id: true,
              title: true,
              status: true,
              deletedAt: true,
              currency: true,
              images: { orderBy: { position: "asc" }, take: 1, select: { media } },
            },
          },
        },
      },
    },
  });
}

interface MediaRow {
  id: string;
  storageKey: string;
  variants: unknown;
}

/** A cart line with its SKU (null once the SKU is gone), product and pictures. */
export interface CartRow {
  id: string;
  quantity: number;
  selected: boolean;
  priceSeen: number;
  titleSeen: string;
  sku: {
    id: string;
    price: number;
    stock: number;
    specValues: string[];
    image: MediaRow | null;
    product: {
      id: string;
      title: string;
      status: string;
      deletedAt: Date | string | null;
      currency: string;
      images: { media: MediaRow }[];
    };
  } | null;
}

type Row = CartRow;

/** The same rows as cartItemsQuery, as one statement for a TenantReader. */
export function cartLinesSql(shopper: UuidRef) {
  return sql<CartRow>`
    SELECT c.id::text AS id, c.quantity, c.selected, c.price_seen AS "priceSeen", c.title_seen AS "titleSeen",
      CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object(
        'id', s.id, 'price', s.price, 'stock', s.stock, 'specValues', s.spec_values,
        'image', CASE WHEN sm.id IS NULL THEN NULL
                      ELSE json_build_object('id', sm.id, 'storageKey', sm.storage_key, 'variants', sm.variants) END,
        'product', json_build_object(
          'id', p.id, 'title', p.title, 'status', p.status, 'deletedAt', p.deleted_at, 'currency', p.currency,
          'images', COALESCE((
            SELECT json_agg(json_build_object('media',
                     json_build_object('id', md.id, 'storageKey', md.storage_key, 'variants', md.variants)))
            FROM (SELECT media_id FROM product_images pi
                  WHERE pi.tenant_id = p.tenant_id AND pi.product_id = p.id ORDER BY pi.position LIMIT 1) first
            JOIN media md ON md.tenant_id = p.tenant_id AND md.id = first.media_id), '[]'::json))) END AS sku
    FROM cart_items c
    LEFT JOIN skus s ON s.tenant_id = c.tenant_id AND s.id = c.sku_id
    LEFT JOIN products p ON p.tenant_id = s.tenant_id AND p.id = s.product_id
    LEFT JOIN media sm ON sm.tenant_id = s.tenant_id AND sm.id = s.image_media_id
    WHERE c.shopper_id = ${uuidRef(shopper)}
    ORDER BY c.created_at DESC, c.id DESC`;
}

/** What a line's SKU allows now. */
export function lineState(row: Pick<Row, "quantity" | "sku">): TCartLineState {
  const sku = row.sku;
  if (!sku) return "removed";
  if (sku.product.status !== "on_shelf" || sku.product.deletedAt) return "off_shelf";
  if (sku.stock <= 0) return "sold_out";
  if (sku.stock < row.quantity) return "insufficient_stock";
  return "ok";
}

const MESSAGES: Record<Exclude<TCartLineState, "ok"> | "price_changed", (i: TCartItem) => string> = {
  insufficient_stock: (i) => `only ${i.available} left of ${i.title}`,
  sold_out: (i) => `${i.title} is sold out`,
  off_shelf: (i) => `${i.title} is no longer on sale`,
  removed: (i) => `this option of ${i.title} is no longer offered`,
  price_changed: (i) =>
    `the price of ${i.title} changed from ${((i.priceChange?.from ?? 0) / 100).toFixed(2)} to ${(i.unitPrice / 100).toFixed(2)}`,
};

function presentLine(env: Env, row: Row): TCartItem {
  const sku = row.sku;
  const state = lineState(row);
  const picture = sku?.image ?? sku?.product.images[0]?.media;
  const image = picture ? presentMediaRef(env, picture) : null;
  const unitPrice = sku?.price ?? row.priceSeen;
  const live = state !== "removed" && state !== "off_shelf";
  return {
    id: row.id,
    skuId: sku?.id ?? null,
    productId: sku?.product.id ?? null,
    title: sku?.product.title ?? row.titleSeen,
    specValues: sku?.specValues ?? [],
    image: image ? (image.thumbUrl ?? image.url) : null,
    unitPrice,
    currency: sku?.product.currency ?? CURRENCY,
    quantity: row.quantity,
    selected: row.selected,
    available: live && sku ? Math.max(0, Math.min(sku.stock, CART_LINE_MAX)) : 0,
    state,
    priceChange: sku && live && sku.price !== row.priceSeen ? { from: row.priceSeen, to: sku.price } : null,
  };
}

export async function readCart(tx: Tx, env: Env, shopperId: string): Promise<TCart> {
  return presentCart(env, await cartItemsQuery(tx, shopperId));
}

/** The cart of these rows: each line's state and notices, the totals of what can be bought. */
export function presentCart(env: Env, rows: readonly CartRow[]): TCart {
  const items = rows.map((r) => presentLine(env, r));
  let quantity = 0;
  let subtotal = 0;
  for (const i of items) {
    if (!i.selected || i.state !== "ok") continue;
    quantity += i.quantity;
    subtotal += i.quantity * i.unitPrice;
  }
  const notices: TCart["notices"] = [];
  for (const i of items) {
    if (i.state !== "ok") notices.push({ itemId: i.id, kind: i.state, message: MESSAGES[i.state](i) });
    if (i.priceChange) notices.push({ itemId: i.id, kind: "price_changed", message: MESSAGES.price_changed(i) });
  }
  return { items, totals: { quantity, subtotal, currency: items[0]?.currency ?? CURRENCY }, notices };
}
