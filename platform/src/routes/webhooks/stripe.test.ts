// Plans and Stripe billing end to end against the fake Stripe (its real wire format, webhooks signed
// with the SDK's test header) on PostgreSQL: a trial upgrades through Checkout, the webhook activates
// the plan, a failed invoice makes the store past due and, after the grace period (time injected),
// suspended; paying restores it; a platform admin sees and overrides it, every step audited. Plus
// quotas (the N+1-th refused, concurrent creations held to the limit), repeats, events out of order
// and refused signatures.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TBilling } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tick } from "../../jobs/scheduler.ts";
import { createProductVia, productBody } from "../../services/catalog/catalog-fixtures.ts";
import { type FakeStripe, type FakeStripeEvent, startFakeStripe } from "../../test/fakes/stripe-server.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let stripe: FakeStripe;
let admin: string;

async function toApp(e: { payload: string; header: string }) {
  const res = await h.app.request("/webhooks/stripe", {
    method: "POST",
    headers: { "stripe-signature": e.header, "content-type": "application/json" },
    body: e.payload,
  });
  return { status: res.status, body: await res.text() };
}

/** Runs billing jobs now (and the emails they queue), even those waiting for a delay or a retry. */
const runJobs = () => h.runJobsNow(["billing.", "email.send"]);

const billing = async (t: TenantFixture) => {
  const res = await h.call("GET", "/merchant/v1/billing", { token: t.tokens.owner });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as TBilling;
};
const transitions = (t: TenantFixture) =>
  h.admin.withAdmin((tx) =>
    tx.billingTransition.findMany({ where: { tenantId: t.id }, orderBy: { createdAt: "asc" } }),
  );
const shop = (t: TenantFixture) => h.call("GET", "/store/v1/shop", { headers: { "x-mallwright-tenant": t.key } });

beforeAll(async () => {
  stripe = await startFakeStripe({ deliver: toApp });
  const dir = mkdtempSync(path.join(os.tmpdir(), "mw-plans-"));
  const plansFile = path.join(dir, "plans.json");
  // Small free quotas, so the N+1-th is quick to reach.
  writeFileSync(plansFile, JSON.stringify({ free: { limits: { products: 3, pages: 2, ordersPerMonth: 1 } } }));
  h = await startHarness({
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_BASE: stripe.baseUrl,
    STRIPE_PRICE_GROWTH_MONTH: stripe.prices.growth_month,
    STRIPE_PRICE_GROWTH_YEAR: stripe.prices.growth_year,
    STRIPE_PRICE_PRO_MONTH: stripe.prices.pro_month,
    STRIPE_PRICE_PRO_YEAR: stripe.prices.pro_year,
    PLANS_FILE: plansFile,
  });
  admin = (await h.platformAdmin()).token;
}, 60_000);

afterAll(async () => {
  await h?.close();
  await stripe?.close();
});

describe("a trial upgrades, falls past due, is suspended and comes back", () => {
  let t: TenantFixture;
  let subscriptionId: string;
  let created: FakeStripeEvent;

  it("starts a new store on a 14-day trial of the plan it was provisioned with", async () => {
    t = await h.tenant(undefined, { plan: "growth" });
    const b = await billing(t);
    expect(b).toMatchObject({ plan: "growth", status: "trialing", subscribed: false, stripeConfigured: true });
    const days = (new Date(b.trialEndsAt ?? 0).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    expect(b.usage.find((u) => u.quota === "products")).toMatchObject({ used: 0, limit: 5000 });
    expect(b.plans.find((p) => p.id === "pro")?.purchasable).toEqual({ month: true, year: true });
  });

  it("upgrades through Checkout; the webhook activates the plan", async () => {
    const res = await h.call("POST", "/merchant/v1/billing/checkout", {
      token: t.tokens.owner,
      body: { plan: "pro", interval: "month" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(String(res.body.url)).toContain(stripe.baseUrl);
    const session = [...stripe.sessions.values()].at(-1);
    expect(session).toMatchObject({ mode: "subscription", client_reference_id: t.id });
    // Only the owner may change the plan.
    const byAdmin = await h.call("POST", "/merchant/v1/billing/checkout", {
      token: t.tokens.admin,
      body: { plan: "pro" },
    });
    expect(byAdmin.status).toBe(403);
    const done = await stripe.completeCheckout(session?.id ?? "");
    expect(done.events.map((e) => e.type)).toContain("customer.subscription.created");
    created = done.events.find((e) => e.type === "customer.subscription.created") ?? done;
    expect(stripe.deliveries.every((d) => d.status === 200)).toBe(true);
    await runJobs();
    const b = await billing(t);
    expect(b).toMatchObject({ plan: "pro", status: "active", subscribed: true, interval: "month" });
    subscriptionId = [...stripe.subscriptions.values()].at(-1)?.id ?? "";
    expect((await transitions(t)).at(-1)).toMatchObject({ fromPlan: "growth", toPlan: "pro", toStatus: "active" });
  });

  it("the same event five times changes nothing more", async () => {
    const before = (await transitions(t)).length;
    for (let i = 0; i < 5; i++) {
      const r = await stripe.deliver(created);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ duplicate: true });
    }
    await runJobs();
    expect(await transitions(t)).toHaveLength(before);
    expect(await h.admin.withAdmin((tx) => tx.stripeEvent.count({ where: { id: created.id } }))).toBe(1);
  });

  it("a failed invoice makes the store past due (owner emailed); after the grace period it is suspended", async () => {
    await stripe.failInvoice(subscriptionId);
    await runJobs();
    const b = await billing(t);
    expect(b.status).toBe("past_due");
    expect(b.graceEndsAt).not.toBeNull();
    expect(h.mailer.sent.some((m) => m.to === t.emails.owner && m.subject.includes("Payment failed"))).toBe(true);
    // Still open during the grace period.
    expect((await shop(t)).status).toBe(200);
    // Eight days on, the scheduler re-derives it.
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await tick(h.admin, h.env, later)).toContain("billing.refresh");
    await runJobs();
    expect((await billing(t)).status).toBe("suspended");
    const closed = await shop(t);
    expect(closed.status).toBe(423);
    expect(closed.body.error?.code).toBe("billing_suspended");
    // The merchant API reads, and billing still works, but nothing else changes.
    expect((await h.call("GET", "/merchant/v1/products", { token: t.tokens.owner })).status).toBe(200);
    const write = await h.call("POST", "/merchant/v1/products", { token: t.tokens.owner, body: productBody() });
    expect(write.status).toBe(423);
    expect(write.body.error?.code).toBe("billing_suspended");
    expect((await h.call("POST", "/merchant/v1/billing/portal", { token: t.tokens.owner })).status).toBe(200);
  });

  it("paying the invoice restores it", async () => {
    await stripe.payInvoice(subscriptionId);
    await runJobs();
    expect(await billing(t)).toMatchObject({ status: "active", plan: "pro", pastDueSince: null });
    const open = await shop(t);
    expect(open.status).toBe(200);
    // Pro removes the platform's branding from the mini-program.
    expect(open.body.platformBranding).toBe(false);
    expect((await h.call("POST", "/merchant/v1/products", { token: t.tokens.owner, body: productBody() })).status).toBe(
      201,
    );
    const path = (await transitions(t)).map((x) => x.toStatus);
    expect(path.slice(-3)).toEqual(["past_due", "suspended", "active"]);
    const invoices = await h.call("GET", "/merchant/v1/billing/invoices", { token: t.tokens.owner });
    expect((invoices.body.items as unknown[]).length).toBeGreaterThanOrEqual(2);
  });

  it("a platform admin sees it all, comps a plan and extends a trial, and the audit log records each step", async () => {
    const list = await h.call("GET", `/platform/v1/tenants?q=${t.key}`, { token: admin });
    expect((list.body.items as unknown[])[0]).toMatchObject({
      plan: "pro",
      billingStatus: "active",
      usage: { products: 1 },
    });
    const detail = await h.call("GET", `/platform/v1/tenants/${t.id}/billing`, { token: admin });
    expect(detail.body).toMatchObject({ stripeSubscriptionId: subscriptionId, subscriptionStatus: "active" });
    expect((detail.body.transitions as unknown[]).length).toBeGreaterThanOrEqual(4);
    const comp = await h.call("POST", `/platform/v1/tenants/${t.id}/plan-override`, {
      token: admin,
      body: { plan: "growth", until: new Date(Date.now() + 86_400_000).toISOString(), reason: "partner deal" },
    });
    expect(comp.status, JSON.stringify(comp.body)).toBe(200);
    expect(comp.body).toMatchObject({ plan: "growth", override: { plan: "growth", reason: "partner deal" } });
    // When the override runs out, Stripe's plan is back.
    await tick(h.admin, h.env, new Date(Date.now() + 2 * 86_400_000));
    await runJobs();
    expect((await billing(t)).plan).toBe("pro");
    const log = await h.call("GET", `/platform/v1/audit-log?tenantId=${t.id}`, { token: admin });
    const actions = (log.body.items as { action: string; actor: string; reason: string | null }[]).map((e) => e.action);
    expect(actions).toContain("tenant.plan_override");
    expect((log.body.items as { actor: string }[])[0]?.actor).toMatch(/@/);
    // Trials and suspensions are audited too, with before and after.
    const other = await h.tenant(undefined, { plan: "free" });
    const trial = await h.call("POST", `/platform/v1/tenants/${other.id}/trial`, {
      token: admin,
      body: { days: 10, plan: "pro", reason: "evaluating" },
    });
    expect(trial.body).toMatchObject({ plan: "pro", status: "trialing" });
    await h.call("POST", `/platform/v1/tenants/${other.id}/suspend`, {
      token: admin,
      body: { reason: "abuse report" },
    });
    await h.call("POST", `/platform/v1/tenants/${other.id}/resume`, { token: admin });
    const otherLog = await h.call("GET", `/platform/v1/audit-log?tenantId=${other.id}`, { token: admin });
    const entries = otherLog.body.items as { action: string; before: unknown; after: unknown; reason: string | null }[];
    expect(entries.map((e) => e.action)).toEqual(["tenant.resume", "tenant.suspend", "tenant.trial_extend"]);
    expect(entries[1]).toMatchObject({
      before: { status: "active" },
      after: { status: "suspended" },
      reason: "abuse report",
    });
  });
});

describe("Stripe's events: out of order, refused signatures", () => {
  it("subscription.updated before subscription.created: the store ends in the state Stripe holds, once", async () => {
    const t = await h.tenant(undefined, { plan: "free" });
    const res = await h.call("POST", "/merchant/v1/billing/checkout", {
      token: t.tokens.owner,
      body: { plan: "growth" },
    });
    expect(res.status).toBe(200);
    const session = [...stripe.sessions.values()].at(-1);
    const done = await stripe.completeCheckout(session?.id ?? "", { send: false });
    const sub = [...stripe.subscriptions.values()].at(-1);
    if (!sub) throw new Error("no subscription");
    const changed = await stripe.changePlan(sub.id, stripe.prices.pro_month, { send: false });
    // Delivered newest first.
    expect((await stripe.deliver(changed)).status).toBe(200);
    for (const e of [...done.events].reverse()) expect((await stripe.deliver(e)).status).toBe(200);
    await runJobs();
    expect(await billing(t)).toMatchObject({ plan: "pro", status: "active" });
    const moved = (await transitions(t)).filter((x) => x.toPlan !== x.fromPlan || x.toStatus !== x.fromStatus);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ fromPlan: "free", toPlan: "pro" });
  });

  it("a bad signature or an old timestamp: 400, nothing stored or changed", async () => {
    const t = await h.tenant(undefined, { plan: "free" });
    const object = { id: "sub_forged", object: "subscription", customer: "cus_nobody", status: "active" };
    for (const e of [
      stripe.event("customer.subscription.updated", object, { secret: "whsec_wrong" }),
      stripe.event("customer.subscription.updated", object, { timestampOffsetSec: -600 }),
    ]) {
      const r = await stripe.deliver(e);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: "bad_request" } });
      expect(await h.admin.withAdmin((tx) => tx.stripeEvent.count({ where: { id: e.id } }))).toBe(0);
    }
    const raw = await h.app.request("/webhooks/stripe", { method: "POST", body: "{}" });
    expect(raw.status).toBe(400);
    expect((await billing(t)).status).toBe("active");
  });
});

describe("plan quotas", () => {
  it("the N-th product succeeds and the N+1-th is refused with plan_limit naming the quota and the upgrade", async () => {
    const t = await h.tenant(undefined, { plan: "free" });
    expect((await shop(t)).body.platformBranding).toBe(true);
    for (let i = 0; i < 3; i++) {
      expect(
        (await h.call("POST", "/merchant/v1/products", { token: t.tokens.owner, body: productBody() })).status,
      ).toBe(201);
    }
    const over = await h.call("POST", "/merchant/v1/products", { token: t.tokens.owner, body: productBody() });
    expect(over.status).toBe(402);
    expect(over.body.error).toMatchObject({
      code: "plan_limit",
      message: expect.stringContaining("upgrade to growth"),
    });
    expect(over.body.error?.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "quota.products" }),
        { path: "upgrade", message: "growth" },
      ]),
    );
    expect((await billing(t)).usage.find((u) => u.quota === "products")).toEqual({
      quota: "products",
      used: 3,
      limit: 3,
    });
  });

  it("concurrent creations cannot pass the quota", async () => {
    const t = await h.tenant(undefined, { plan: "free" });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        h.call("POST", "/merchant/v1/products", { token: t.tokens.owner, body: productBody() }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 402)).toHaveLength(5);
    expect(await h.admin.withAdmin((tx) => tx.product.count({ where: { tenantId: t.id } }))).toBe(3);
  });

  it("pages and plan features: the free plan stops at its pages and has no scheduled publishing", async () => {
    const t = await h.tenant(undefined, { plan: "free" });
    const mk = (title: string) => h.call("POST", "/merchant/v1/pages", { token: t.tokens.owner, body: { title } });
    expect((await mk("首页")).status).toBe(201);
    const second = await mk("活动");
    expect(second.status).toBe(201);
    const third = await mk("更多");
    expect(third.status).toBe(402);
    expect(third.body.error?.details?.[0]?.path).toBe("quota.pages");
    const schedule = await h.call("POST", `/merchant/v1/pages/${String(second.body.id)}/publish`, {
      token: t.tokens.owner,
      body: { at: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(schedule.status).toBe(402);
    expect(schedule.body.error?.details?.[0]?.path).toBe("feature.scheduledPublish");
  });

  it("orders per month: the store takes its plan's orders, then refuses the next with plan_limit", async () => {
    const t = await h.tenant(undefined, { plan: "free" });
    const made = await createProductVia(
      h,
      t.tokens.owner,
      productBody({ status: "on_shelf", skus: [{ specValues: [], price: 1000, stock: 10 }] }),
    );
    const skuId = made.skus[0]?.id;
    const submit = async (n: number) => {
      const token = await h.shopperToken(t);
      const store = { "x-mallwright-tenant": t.key };
      await h.call("POST", "/store/v1/cart/items", { token, headers: store, body: { skuId, quantity: 1 } });
      await h.call("POST", "/store/v1/addresses", {
        token,
        headers: store,
        body: {
          recipient: "王小明",
          phone: "13800138000",
          province: "浙江省",
          city: "杭州市",
          district: "西湖区",
          detail: "文三路 90 号",
        },
      });
      return h.call("POST", "/store/v1/orders", {
        token,
        headers: { ...store, "idempotency-key": `quota-${n}` },
        body: { delivery: "express" },
      });
    };
    const first = await submit(1);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await submit(2);
    expect(second.status).toBe(402);
    expect(second.body.error?.details?.[0]?.path).toBe("quota.ordersPerMonth");
  });

  it("a downgrade keeps what the store has but stops new creation past the quota", async () => {
    const t = await h.tenant(undefined, { plan: "growth" });
    for (let i = 0; i < 4; i++) {
      expect(
        (await h.call("POST", "/merchant/v1/products", { token: t.tokens.owner, body: productBody() })).status,
      ).toBe(201);
    }
    await h.call("POST", `/platform/v1/tenants/${t.id}/plan-override`, {
      token: admin,
      body: { plan: "free", reason: "downgrade" },
    });
    expect((await h.call("GET", "/merchant/v1/products", { token: t.tokens.owner })).body.items).toHaveLength(4);
    const over = await h.call("POST", "/merchant/v1/products", { token: t.tokens.owner, body: productBody() });
    expect(over.status).toBe(402);
  });
});
