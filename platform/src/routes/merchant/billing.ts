// The store's plan and billing: usage against the plan, subscribing through Stripe Checkout (or a
// plan change in place), the Billing Portal, invoices. These stay open while the store is suspended
// for an unpaid invoice: paying is how it reopens.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZBilling,
  ZBillingCheckoutRequest,
  ZBillingCheckoutResponse,
  ZBillingPortalResponse,
  ZInvoiceList,
} from "@mallwright/schema";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { billingSummary, listInvoices, portalSession, startCheckout } from "../../services/billing/merchant-billing.ts";

const tags = ["merchant: billing"];
const common = { 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] };

export const merchantBillingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/billing",
      tags,
      summary: "The store's plan, billing state, usage against each quota, features and the plans on offer",
      access: { kind: "merchant", permission: "billing:read" },
      responses: { 200: json(ZBilling, "Billing"), ...common },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await billingSummary(db, env, c.get("merchant").tenantId), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/billing/checkout",
      tags,
      summary: "Subscribe to a plan through Stripe Checkout (a live subscription changes plan in place, prorated)",
      access: { kind: "merchant", permission: "billing:manage" },
      request: { body: body(ZBillingCheckoutRequest, { plan: "growth", interval: "month" }) },
      responses: {
        200: json(ZBillingCheckoutResponse, "Where to go (or the plan changed)"),
        ...common,
        409: ERRORS[409],
        422: ERRORS[422],
        503: ERRORS[503],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await startCheckout(db, env, c.get("merchant").tenantId, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/billing/portal",
      tags,
      summary: "A Stripe Billing Portal session: card, invoices, cancellation",
      access: { kind: "merchant", permission: "billing:manage" },
      responses: { 200: json(ZBillingPortalResponse, "The portal link"), ...common, 503: ERRORS[503] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await portalSession(db, env, c.get("merchant").tenantId), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/billing/invoices",
      tags,
      summary: "The store's invoices from Stripe, newest first",
      access: { kind: "merchant", permission: "billing:read" },
      responses: { 200: json(ZInvoiceList, "Invoices"), ...common },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await listInvoices(db, env, c.get("merchant").tenantId), 200);
    },
  );
