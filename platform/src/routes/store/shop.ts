// The storefront's view of the store itself (name and key), resolved from X-Mallwright-Tenant.
import { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";

const ZShop = z.object({ key: z.string(), name: z.string() });

export const storeShopRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  defineRoute({
    method: "get",
    path: "/shop",
    tags: ["store"],
    summary: "The store's public profile",
    access: { kind: "store", reason: "shoppers browse before they sign in" },
    responses: { 200: json(ZShop, "The store"), 400: ERRORS[400], 404: ERRORS[404], 423: ERRORS[423] },
  }),
  (c) => c.json({ key: c.get("storeTenant").key, name: c.get("storeTenant").name }, 200),
);
