// The Stripe client (stripe-node), from env.ts: the secret key from its variable or a file, and
// another API origin when one is configured (a local stand-in in tests). Null when Stripe is not set
// up: then plans are assigned by platform admins only.
import Stripe from "stripe";
import type { Env } from "../../env.ts";
import { perEnv } from "../per-env.ts";
import { secretSetting } from "../secret-setting.ts";

export const stripeClient: (env: Env) => Stripe | null = perEnv((env) => {
  const key = secretSetting(env.STRIPE_SECRET_KEY, env.STRIPE_SECRET_KEY_FILE, "STRIPE_SECRET_KEY");
  if (!key) return null;
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null;
  return new Stripe(key, {
    telemetry: false,
    maxNetworkRetries: env.NODE_ENV === "test" ? 0 : 2,
    timeout: 10_000,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
          protocol: base.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
});

/** The webhook signing secret (whsec_…), or null. */
export function stripeWebhookSecret(env: Env): string | null {
  return secretSetting(env.STRIPE_WEBHOOK_SECRET, env.STRIPE_WEBHOOK_SECRET_FILE, "STRIPE_WEBHOOK_SECRET") ?? null;
}

export type { Stripe };
