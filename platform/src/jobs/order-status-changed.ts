// orders.status-changed: the event every order transition writes to the outbox with the change
// (submit-order.ts for the first, order-state.ts move() for the rest), for what follows from it
// outside the transaction. Today: an order that becomes paid is announced to the store's owner and
// admins by email (新订单待发货, the one thing a merchant must not miss). Idempotent: each
// recipient's email is keyed by the order, so a second delivery of the event sends nothing twice.
import { ZOrderStatus, ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { defineJob } from "./define.ts";
import { enqueue } from "./outbox.ts";
import { sendEmailJob } from "./send-email.ts";

export const ZOrderStatusChangedPayload = z.object({
  orderId: ZUuid,
  from: ZOrderStatus.nullable(),
  to: ZOrderStatus,
  actor: z.enum(["shopper", "merchant", "system"]),
});
export type TOrderStatusChanged = z.infer<typeof ZOrderStatusChangedPayload>;

const yuan = (fen: number) => (fen / 100).toFixed(2);

export const orderStatusChangedJob = defineJob({
  name: "orders.status-changed",
  version: 1,
  payload: ZOrderStatusChangedPayload,
  retry: { attempts: 6, backoffMs: 10_000 },
  handler: async (event, ctx) => {
    const tenantId = ctx.tenantId;
    if (!tenantId) throw new Error("orders.status-changed needs a store: the outbox row has no tenant");
    if (event.to !== "paid") return;
    await ctx.db.withTenant(tenantId, async (tx) => {
      const [order] = await tx.$queryRaw<{ number: string; total: number; items: number; store: string }[]>`
        SELECT o.number, o.total, o.item_count AS items, t.name AS store
        FROM orders o JOIN tenants t ON t.id = o.tenant_id WHERE o.id = ${event.orderId}::uuid`;
      if (!order) return;
      const staff = await tx.$queryRaw<{ email: string }[]>`
        SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.role IN ('owner', 'admin') ORDER BY m.role DESC, u.email`;
      const link = `${ctx.env.publicUrl}/orders/${event.orderId}`;
      for (const { email } of staff) {
        await enqueue(
          tx,
          sendEmailJob,
          {
            to: email,
            subject: `【${order.store}】新订单待发货 / New order to ship: ${order.number}`,
            text:
              `订单 ${order.number} 已付款，共 ${order.items} 件，实付 ¥${yuan(order.total)}，请尽快发货。\n` +
              `Order ${order.number} is paid: ${order.items} item(s), ¥${yuan(order.total)}. Please ship it.\n\n${link}`,
          },
          { dedupeKey: `order-paid:${event.orderId}:${email}` },
        );
      }
    });
  },
});
