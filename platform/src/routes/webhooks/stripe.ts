// Stripe's webhook: verified on the raw body, stored once, handled by a job (services/billing/stripe-webhook.ts).
import { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { ERRORS, json } from "../../http/responses.ts";
import { receiveStripeWebhook } from "../../services/billing/stripe-webhook.ts";

export const stripeWebhookRoutes = new OpenAPIHono<AppEnv>().openapi(
  defineRoute({
    method: "post",
    path: "/stripe",
    tags: ["webhooks"],
    summary: "Stripe events (subscriptions, invoices, checkout), verified by Stripe-Signature",
    description:
      "constructEvent on the raw body with a 300 s tolerance; each event stored once by id and handled by a job that reads the subscription as Stripe holds it now. 400 for a bad or old signature.",
    access: { kind: "public", reason: "Stripe calls it; every request is verified by its signature" },
    responses: {
      200: json(z.object({ received: z.literal(true), duplicate: z.boolean() }), "Stored (or a repeat)"),
      400: ERRORS[400],
      404: ERRORS[404],
    },
  }),
  async (c) => {
    const { db, env, log } = c.get("deps");
    const raw = await c.req.text();
    return c.json(await receiveStripeWebhook({ db, env, log }, raw, c.req.header("stripe-signature")), 200);
  },
);
