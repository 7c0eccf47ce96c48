// The signed-in shopper's cart. Every answer is the whole cart, re-validated against the catalog
// (services/cart/read-cart.ts): lines that went off the shelf, sold out, ran short, lost their SKU
// or changed price say so, and totals count only the selected lines that can be bought.
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZAddCartItemRequest, ZCart, ZSelectCartItemsRequest, ZUpdateCartItemRequest, ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import {
  addCartItem,
  getCart,
  removeCartItem,
  selectCartItems,
  updateCartItem,
} from "../../services/cart/change-cart.ts";

const tags = ["store: cart"];
const access = { kind: "shopper" } as const;
const lineAccess = { kind: "shopper", params: { id: "cart-item" } } as const;
const common = { 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404], 423: ERRORS[423] };
const cart = { 200: json(ZCart, "The cart, re-validated") };
const lineParams = z.strictObject({ id: ZUuid });

export const storeCartRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({ method: "get", path: "/cart", tags, summary: "The cart", access, responses: { ...cart, ...common } }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await getCart(db, env, c.get("shopper")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/cart/items",
      tags,
      summary: "Add a SKU (merged into its line; selected)",
      description: "422 when the product is not on sale, when stock or the per-item limit would be exceeded.",
      access,
      request: { body: body(ZAddCartItemRequest, { skuId: "0190d7c4-0000-7000-8000-000000000001", quantity: 1 }) },
      responses: { ...cart, ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await addCartItem(db, env, c.get("shopper"), c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "patch",
      path: "/cart/items/{id}",
      tags,
      summary: "Change a line's quantity or selection (acknowledges a price change)",
      access: lineAccess,
      request: { params: lineParams, body: body(ZUpdateCartItemRequest, { quantity: 2 }) },
      responses: { ...cart, ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await updateCartItem(db, env, c.get("shopper"), c.req.valid("param").id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "delete",
      path: "/cart/items/{id}",
      tags,
      summary: "Remove a line",
      access: lineAccess,
      request: { params: lineParams },
      responses: { ...cart, ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await removeCartItem(db, env, c.get("shopper"), c.req.valid("param").id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/cart/select",
      tags,
      summary: "Select or unselect every line (or the given ones)",
      access,
      request: { body: body(ZSelectCartItemsRequest, { selected: true }) },
      responses: { ...cart, ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await selectCartItems(db, env, c.get("shopper"), c.req.valid("json")), 200);
    },
  );
