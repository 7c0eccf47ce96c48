// A store's billing state, derived — never accumulated from the order events came in:
//   an admin's plan override while it lasts (a comp: active whatever Stripe says), else
//   the subscription as Stripe holds it now (trialing / active; past_due for up to the grace period,
//   then suspended; canceled: back to free), else the provisioning trial while it runs, else free.
// refreshBilling re-derives in the store's scope, records a transition when plan or status changed,
// mirrors both onto tenants (mw_mirror_billing: quotas and the storefront's 423 read them there),
// and emails the owner when the store falls past due.
import type { TPlan } from "@mallwright/schema";
import { ZPlan } from "@mallwright/schema";
import { invalidateTenant } from "../../db/tenant-cache.ts";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import type { Stripe } from "../../integrations/stripe/client.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { sendEmailJob } from "../../jobs/send-email.ts";
import { planCatalog } from "./plans.ts";

export type BillingStatus = "trialing" | "active" | "past_due" | "suspended" | "canceled";

export interface BillingRow {
  status: string;
  trialPlan: string | null;
  trialEndsAt: Date | null;
  stripeSubscriptionId: string | null;
  subscriptionStatus: string | null;
  subscriptionPlan: string | null;
  pastDueSince: Date | null;
  planOverride: string | null;
  planOverrideUntil: Date | null;
}

const plan = (p: string | null): TPlan | null => ZPlan.safeParse(p).data ?? null;

/** When a past-due store is suspended. */
export function graceEndsAt(row: Pick<BillingRow, "pastDueSince">): Date | null {
  return row.pastDueSince ? new Date(row.pastDueSince.getTime() + planCatalog().graceDays * 86_400_000) : null;
}

export function deriveBilling(row: BillingRow, now: Date): { plan: TPlan; status: BillingStatus } {
  const override = plan(row.planOverride);
  if (override && (!row.planOverrideUntil || row.planOverrideUntil > now)) return { plan: override, status: "active" };
  const sub = row.stripeSubscriptionId ? row.subscriptionStatus : null;
  const subPlan = plan(row.subscriptionPlan) ?? "free";
  switch (sub) {
    case "trialing":
      return { plan: subPlan, status: "trialing" };
    case "active":
      return { plan: subPlan, status: "active" };
    case "past_due":
    case "unpaid": {
      const ends = graceEndsAt(row);
      return { plan: subPlan, status: ends && ends <= now ? "suspended" : "past_due" };
    }
    case "canceled":
    case "incomplete_expired":
      return { plan: "free", status: "canceled" };
    default: {
      // No subscription (or one not started: incomplete): the provisioning trial, then free.
      const trial = plan(row.trialPlan);
      if (trial && row.trialEndsAt && row.trialEndsAt > now) return { plan: trial, status: "trialing" };
      return { plan: "free", status: "active" };
    }
  }
}

/** Re-derives the store's state at `now` in its scope; answers whether anything changed. */
export async function refreshBillingInTx(
  tx: Tx,
  env: Env,
  tenantId: string,
  cause: string,
  now: Date,
): Promise<{ changed: boolean; plan: TPlan; status: BillingStatus }> {
  await tx.$queryRaw`SELECT id FROM tenant_billing WHERE tenant_id = ${tenantId}::uuid FOR UPDATE`;
  const row: BillingRow & { planOverride: string | null } =
    (await tx.tenantBilling.findUnique({ where: { tenantId } })) ??
    (await tx.tenantBilling.create({ data: { tenantId, status: "active" } }));
  if (row.planOverride && row.planOverrideUntil && row.planOverrideUntil <= now) {
    // An override that has run out is gone (the audit log keeps it).
    await tx.tenantBilling.update({
      where: { tenantId },
      data: { planOverride: null, planOverrideUntil: null, planOverrideReason: null },
    });
    row.planOverride = null;
  }
  const tenant = await tx.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { plan: true, billingStatus: true, name: true },
  });
  const next = deriveBilling(row, now);
  const changed = tenant.plan !== next.plan || tenant.billingStatus !== next.status;
  if (row.status !== next.status) await tx.tenantBilling.update({ where: { tenantId }, data: { status: next.status } });
  if (changed) {
    await tx.billingTransition.create({
      data: {
        tenantId,
        fromStatus: tenant.billingStatus,
        toStatus: next.status,
        fromPlan: tenant.plan,
        toPlan: next.plan,
        cause: cause.slice(0, 200),
      },
    });
    await tx.$executeRaw`SELECT mw_mirror_billing(${next.plan}, ${next.status})`;
    if (next.status === "past_due" || next.status === "suspended")
      await emailOwner(tx, env, tenantId, tenant.name, next.status, row);
  }
  return { changed, ...next };
}

export async function refreshBilling(db: Database, env: Env, tenantId: string, cause: string, now = new Date()) {
  const out = await db.withTenant(tenantId, (tx) => refreshBillingInTx(tx, env, tenantId, cause, now));
  if (out.changed) invalidateTenant(tenantId);
  return out;
}

async function emailOwner(
  tx: Tx,
  env: Env,
  tenantId: string,
  storeName: string,
  status: BillingStatus,
  row: BillingRow,
) {
  const owner = await tx.membership.findFirst({
    where: { tenantId, role: "owner" },
    include: { user: { select: { email: true } } },
  });
  if (!owner) return;
  const ends = graceEndsAt(row);
  const url = `${env.publicUrl}/billing`;
  const zhDate = ends ? ends.toISOString().slice(0, 10) : "";
  const mail =
    status === "past_due"
      ? {
          subject: `Payment failed for ${storeName} / ${storeName} 的套餐扣款失败`,
          text: `We could not charge your card for ${storeName}. Update it by ${zhDate} or the store will be suspended: ${url}\n\n${storeName} 的套餐扣款失败。请在 ${zhDate} 前更新付款方式，否则店铺将被暂停：${url}`,
        }
      : {
          subject: `${storeName} is suspended / ${storeName} 已暂停营业`,
          text: `${storeName} is suspended because its invoice is unpaid. Pay it to reopen the store: ${url}\n\n${storeName} 因账单未支付已暂停营业。支付后店铺将恢复：${url}`,
        };
  await enqueue(
    tx,
    sendEmailJob,
    { to: owner.user.email, ...mail },
    { dedupeKey: `billing:${status}:${row.pastDueSince?.toISOString() ?? "-"}:${owner.user.email}` },
  );
}

/** Stripe's subscription statuses we store as they are. */
type SubStatus = Stripe.Subscription.Status;

/**
 * Reads the store's subscription from Stripe (the one named, else the customer's newest) and
 * stores what Stripe holds, then re-derives. Events only say "look again": their order is moot.
 */
export async function syncFromStripe(
  db: Database,
  env: Env,
  stripe: Stripe,
  tenantId: string,
  cause: string,
  hint: { subscriptionId?: string | null } = {},
  now = new Date(),
) {
  const billing = await db.withTenant(tenantId, (tx) => tx.tenantBilling.findUnique({ where: { tenantId } }));
  if (!billing?.stripeCustomerId) return refreshBilling(db, env, tenantId, cause, now);
  let sub: Stripe.Subscription | null = null;
  const id = hint.subscriptionId ?? billing.stripeSubscriptionId;
  if (id) {
    const got = await stripe.subscriptions.retrieve(id);
    const customer = typeof got.customer === "string" ? got.customer : got.customer.id;
    if (customer === billing.stripeCustomerId) sub = got;
  }
  if (!sub || sub.status === "canceled" || sub.status === "incomplete_expired") {
    // A newer live subscription of the customer wins over an ended one.
    const list = await stripe.subscriptions.list({ customer: billing.stripeCustomerId, status: "all", limit: 10 });
    const live = list.data
      .filter((s) => !["canceled", "incomplete_expired"].includes(s.status))
      .sort((a, b) => b.created - a.created)[0];
    sub = live ?? sub;
  }
  const item = sub?.items.data[0];
  const priced = item ? planCatalog().byPrice(item.price.id) : null;
  const periodEnd = item?.current_period_end;
  const status: SubStatus | null = sub?.status ?? null;
  await db.withTenant(tenantId, async (tx) => {
    await tx.$queryRaw`SELECT id FROM tenant_billing WHERE tenant_id = ${tenantId}::uuid FOR UPDATE`;
    const current = await tx.tenantBilling.findUniqueOrThrow({ where: { tenantId } });
    const pastDue = status === "past_due" || status === "unpaid";
    await tx.tenantBilling.update({
      where: { tenantId },
      data: {
        stripeSubscriptionId: sub?.id ?? null,
        subscriptionStatus: status,
        subscriptionPlan: priced?.plan ?? null,
        billingInterval: priced?.interval ?? null,
        currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
        cancelAtPeriodEnd: sub?.cancel_at_period_end ?? false,
        // The grace period counts from the first time the store was seen past due.
        pastDueSince: pastDue ? (current.pastDueSince ?? now) : null,
        syncedAt: now,
      },
    });
  });
  return refreshBilling(db, env, tenantId, cause, now);
}
