// The payment provider interface (CONVENTIONS "From Medusa"): one shape every provider implements,
// and a provider turns its webhook into authorized | captured | failed | refunded | not_supported.
// The development provider pays at once; it exists only where the development shopper login does
// (never in production, nor once WeChat Pay is configured: services/payments/wechat-pay.ts).
import type { TOrder } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import type { CartActor } from "../cart/change-cart.ts";
import { payWithWechat, type RequestPayment, wechatPay } from "../payments/wechat-pay.ts";
import { devShopperLoginAllowed } from "../shoppers/log-in-shopper.ts";
import { move } from "./order-state.ts";
import { loadOrders, presentOrder } from "./present-order.ts";

export type PaymentOutcome = "authorized" | "captured" | "failed" | "refunded" | "not_supported";

export interface PaymentProvider {
  readonly name: "dev" | "wechat";
  /** Starts paying `order`: what the client needs (nothing for the development provider). */
  initiate(order: {
    id: string;
    number: string;
    total: number;
    payBy: Date;
  }): Promise<{ ref: string; clientParams: unknown }>;
  query(ref: string): Promise<PaymentOutcome>;
  close(ref: string): Promise<void>;
  refund(ref: string, amount: number, refundRef: string): Promise<PaymentOutcome>;
  parseWebhook(
    rawBody: string,
    headers: Record<string, string>,
  ): Promise<{ ref: string; outcome: PaymentOutcome } | null>;
}

export const devPaymentProvider: PaymentProvider = {
  name: "dev",
  async initiate(order) {
    return { ref: `dev_${order.number}`, clientParams: null };
  },
  async query() {
    return "captured";
  },
  async close() {},
  async refund() {
    return "refunded";
  },
  async parseWebhook() {
    return null;
  },
};

/**
 * POST /store/v1/orders/{id}/pay: WeChat Pay where the platform has it configured (the order stays
 * pending until WeChat's notification), else the development provider (paid at once; never in
 * production).
 */
export async function startPayment(
  db: Database,
  env: Env,
  actor: CartActor,
  orderId: string,
): Promise<{ provider: "dev" | "wechat"; order: TOrder; requestPayment: RequestPayment | null }> {
  const client = wechatPay(env);
  if (client) return { provider: "wechat", ...(await payWithWechat(db, env, client, actor, orderId)) };
  return { provider: "dev", order: await payOrder(db, env, actor, orderId), requestPayment: null };
}

/** The development provider: the order is paid at once. */
export async function payOrder(db: Database, env: Env, actor: CartActor, orderId: string): Promise<TOrder> {
  if (!devShopperLoginAllowed(env)) {
    throw new ApiError("unavailable", "no payment provider is configured for this platform yet");
  }
  const provider = devPaymentProvider;
  return db.withTenant(actor.tenantId, async (tx) => {
    await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId}::uuid FOR UPDATE`;
    const order = await tx.order.findFirst({ where: { id: orderId, shopperId: actor.shopperId } });
    if (!order) throw notFound("order");
    if (order.status === "pending_payment" && order.payBy <= new Date()) {
      throw new ApiError("conflict", `order ${order.number} is past its payment time`, [
        { path: "status", message: "expired" },
      ]);
    }
    const { ref } = await provider.initiate(order);
    const outcome = await provider.query(ref);
    if (outcome !== "captured" && outcome !== "authorized")
      throw new ApiError("conflict", "the payment did not go through");
    await move(
      tx,
      orderId,
      "pending_payment",
      "paid",
      { kind: "shopper", id: actor.shopperId },
      {
        note: `paid with ${provider.name}`,
        data: { paymentProvider: provider.name, paymentRef: ref },
      },
    );
    const [row] = await loadOrders(tx, { id: orderId });
    if (!row) throw notFound("order");
    return presentOrder(fieldCipher(env), row);
  });
}
