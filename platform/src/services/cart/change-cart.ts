// Changes to a shopper's cart: add a SKU (merged into its line), change a line's quantity or
// selection, remove a line, select or unselect lines. Each runs in the store's scope, checks what
// it must (the SKU is this store's and on sale, stock, limits), and answers the cart as it is after.
// Another shopper's line, or another store's SKU, is a 404, like one that does not exist.
import {
  CART_LINE_MAX,
  CART_MAX_LINES,
  type TAddCartItemRequest,
  type TCart,
  type TSelectCartItemsRequest,
  type TUpdateCartItemRequest,
} from "@mallwright/schema";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { readCart } from "./read-cart.ts";

export interface CartActor {
  tenantId: string;
  shopperId: string;
}

function tooMany(path: string, available: number): ApiError {
  return new ApiError("validation_failed", available > 0 ? `only ${available} left` : "this option is sold out", [
    { path, message: available > 0 ? `at most ${available}` : "sold out", in: "body" },
  ]);
}

/** Serializes changes to one shopper's cart (their shopper row is the lock). */
async function lockCart(tx: Tx, shopperId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM shoppers WHERE id = ${shopperId}::uuid FOR UPDATE`;
}

async function ownLine(tx: Tx, shopperId: string, id: string) {
  const line = await tx.cartItem.findFirst({
    where: { id, shopperId },
    include: { sku: { select: { price: true, stock: true } } },
  });
  if (!line) throw notFound("cart item");
  return line;
}

export function getCart(db: Database, env: Env, actor: CartActor): Promise<TCart> {
  return db.withTenant(actor.tenantId, (tx) => readCart(tx, env, actor.shopperId));
}

export function addCartItem(db: Database, env: Env, actor: CartActor, input: TAddCartItemRequest): Promise<TCart> {
  return db.withTenant(actor.tenantId, async (tx) => {
    const sku = await tx.sku.findUnique({
      where: { id: input.skuId },
      select: {
        id: true,
        price: true,
        stock: true,
        product: { select: { title: true, status: true, deletedAt: true } },
      },
    });
    if (!sku) throw notFound("product option");
    if (sku.product.status !== "on_shelf" || sku.product.deletedAt) {
      throw new ApiError("validation_failed", `${sku.product.title} is not on sale`, [
        { path: "skuId", message: "not on sale", in: "body" },
      ]);
    }
    // One line per SKU: changes to one shopper's cart run one at a time, so two adds at once add up.
    await lockCart(tx, actor.shopperId);
    const existing = await tx.cartItem.findFirst({ where: { shopperId: actor.shopperId, skuId: sku.id } });
    const quantity = (existing?.quantity ?? 0) + input.quantity;
    if (quantity > CART_LINE_MAX) {
      throw new ApiError("validation_failed", `at most ${CART_LINE_MAX} of one item per order`, [
        { path: "quantity", message: `the cart would hold ${quantity}`, in: "body" },
      ]);
    }
    if (quantity > sku.stock) throw tooMany("quantity", Math.max(0, sku.stock - (existing?.quantity ?? 0)));
    if (existing) {
      await tx.cartItem.update({
        where: { id: existing.id },
        data: { quantity, selected: true, priceSeen: sku.price, titleSeen: sku.product.title },
      });
    } else {
      const lines = await tx.cartItem.count({ where: { shopperId: actor.shopperId } });
      if (lines >= CART_MAX_LINES) {
        throw new ApiError("validation_failed", `a cart holds at most ${CART_MAX_LINES} different items`, [
          { path: "skuId", message: "the cart is full", in: "body" },
        ]);
      }
      await tx.cartItem.create({
        data: {
          tenantId: actor.tenantId,
          shopperId: actor.shopperId,
          skuId: sku.id,
          quantity,
          priceSeen: sku.price,
          titleSeen: sku.product.title,
        },
      });
    }
    return readCart(tx, env, actor.shopperId);
  });
}

export function updateCartItem(
  db: Database,
  env: Env,
  actor: CartActor,
  id: string,
  input: TUpdateCartItemRequest,
): Promise<TCart> {
  return db.withTenant(actor.tenantId, async (tx) => {
    await lockCart(tx, actor.shopperId);
    const line = await ownLine(tx, actor.shopperId, id);
    // More than there is cannot be asked for; fewer always can (a shopper trims a short line).
    if (input.quantity !== undefined && input.quantity > line.quantity) {
      const stock = line.sku?.stock ?? 0;
      if (input.quantity > stock) throw tooMany("quantity", stock);
    }
    await tx.cartItem.update({
      where: { id },
      data: {
        ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
        ...(input.selected !== undefined ? { selected: input.selected } : {}),
        // The shopper has seen the line again: a price change is acknowledged.
        ...(line.sku ? { priceSeen: line.sku.price } : {}),
      },
    });
    return readCart(tx, env, actor.shopperId);
  });
}

export function removeCartItem(db: Database, env: Env, actor: CartActor, id: string): Promise<TCart> {
  return db.withTenant(actor.tenantId, async (tx) => {
    await lockCart(tx, actor.shopperId);
    await ownLine(tx, actor.shopperId, id);
    await tx.cartItem.deleteMany({ where: { id } });
    return readCart(tx, env, actor.shopperId);
  });
}

export function selectCartItems(
  db: Database,
  env: Env,
  actor: CartActor,
  input: TSelectCartItemsRequest,
): Promise<TCart> {
  return db.withTenant(actor.tenantId, async (tx) => {
    if (input.itemIds) {
      const found = await tx.cartItem.count({ where: { shopperId: actor.shopperId, id: { in: input.itemIds } } });
      if (found !== new Set(input.itemIds).size) throw notFound("cart item");
    }
    await tx.cartItem.updateMany({
      where: { shopperId: actor.shopperId, ...(input.itemIds ? { id: { in: input.itemIds } } : {}) },
      data: { selected: input.selected },
    });
    return readCart(tx, env, actor.shopperId);
  });
}
