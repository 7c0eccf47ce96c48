// The storefront's view of the store itself (name, key, whether its plan shows the platform's
// branding), resolved from X-Mallwright-Tenant.
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZPlan } from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { planSpec } from "../../services/billing/plans.ts";

const ZShop = z.object({
  key: z.string(),
  name: z.string(),
  /** Whether the mini-program shows the platform's branding (plans with removeBranding hide it). */
  platformBranding: z.boolean(),
});

export const storeShopRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  defineRoute({
    method: "get",
    path: "/shop",
    tags: ["store"],
    summary: "The store's public profile",
    access: { kind: "store", reason: "shoppers browse before they sign in" },
    responses: { 200: json(ZShop, "The store"), 400: ERRORS[400], 404: ERRORS[404], 423: ERRORS[423] },
  }),
  (c) => {
    const t = c.get("storeTenant");
    const plan = ZPlan.safeParse(t.plan).data ?? "free";
    return c.json({ key: t.key, name: t.name, platformBranding: !planSpec(plan).features.removeBranding }, 200);
  },
);
