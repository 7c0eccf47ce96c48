// The fake Stripe, driven by the real Stripe SDK (so the wire format is Stripe's: form bodies in
// bracket notation, Bearer auth, JSON objects, the error envelope) and checked with the SDK's own
// webhook signature verification.
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeStripe, parseStripeForm, startFakeStripe } from "./stripe-server.ts";

const sdk = (fake: FakeStripe, key = fake.secretKey, extra: { timeout?: number } = {}) =>
  new Stripe(key, {
    host: "127.0.0.1",
    port: fake.port,
    protocol: "http",
    maxNetworkRetries: 0,
    telemetry: false,
    ...extra,
  });

describe("parseStripeForm", () => {
  it("nests bracket keys, makes arrays from indexes and [], keeps order by index", () => {
    const form = new URLSearchParams([
      ["line_items[1][price]", "price_b"],
      ["line_items[0][price]", "price_a"],
      ["line_items[0][quantity]", "2"],
      ["metadata[tenant_id]", "t_1"],
      ["subscription_data[trial_period_days]", "14"],
      ["expand[]", "latest_invoice"],
      ["expand[]", "customer"],
      ["mode", "subscription"],
    ]).toString();
    expect(parseStripeForm(form)).toEqual({
      line_items: [{ price: "price_a", quantity: "2" }, { price: "price_b" }],
      metadata: { tenant_id: "t_1" },
      subscription_data: { trial_period_days: "14" },
      expand: ["latest_invoice", "customer"],
      mode: "subscription",
    });
    expect(parseStripeForm("")).toEqual({});
    expect(() => parseStripeForm("a=1&a[b]=2")).toThrow();
    expect(() => parseStripeForm("a[b]=2&a=1")).toThrow();
    expect(() => parseStripeForm("]x=1")).toThrow();
  });
});

describe("fake Stripe", () => {
  let fake: FakeStripe;
  let stripe: Stripe;
  const received: { payload: string; header: string }[] = [];

  beforeAll(async () => {
    fake = await startFakeStripe({
      deliver: async (d) => {
        received.push(d);
        return { status: 200, body: '{"received":true}' };
      },
    });
    stripe = sdk(fake);
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    received.length = 0;
  });

  /** Verifies every delivery with the SDK, as a webhook endpoint would, and returns the events. */
  const verified = () =>
    received.map((d) => stripe.webhooks.constructEvent(d.payload, d.header, fake.webhookSecret, 300));

  it("serves its prices", async () => {
    const pro = await stripe.prices.retrieve(fake.prices.pro_year);
    expect(pro).toMatchObject({
      id: fake.prices.pro_year,
      object: "price",
      unit_amount: 299000,
      currency: "cny",
      recurring: { interval: "year" },
      livemode: false,
    });
    const growth = await stripe.prices.retrieve(fake.prices.growth_month);
    expect(growth.unit_amount).toBe(9900);
    expect(growth.recurring?.interval).toBe("month");
    const byKey = await stripe.prices.list({ lookup_keys: ["pro_month", "growth_year"] });
    expect(byKey.data.map((p) => p.id).sort()).toEqual([fake.prices.pro_month, fake.prices.growth_year].sort());
  });

  it("runs a subscription through checkout, trial, failed and paid invoices and cancellation", async () => {
    const customer = await stripe.customers.create({
      email: "owner@shop.example",
      name: "Shop One",
      metadata: { tenant_id: "ten_1" },
    });
    expect(customer).toMatchObject({
      object: "customer",
      email: "owner@shop.example",
      name: "Shop One",
      metadata: { tenant_id: "ten_1" },
      livemode: false,
    });
    expect(customer.id).toMatch(/^cus_/);
    expect(Math.abs(customer.created - Date.now() / 1000)).toBeLessThan(5);
    expect((await stripe.customers.retrieve(customer.id)).id).toBe(customer.id);
    const updated = await stripe.customers.update(customer.id, { name: "Shop 1", metadata: { region: "cn" } });
    expect(updated).toMatchObject({ name: "Shop 1", metadata: { tenant_id: "ten_1", region: "cn" } });

    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: fake.prices.growth_month, quantity: 1 }],
      success_url: "https://app.example/billing/done?session={CHECKOUT_SESSION_ID}",
      cancel_url: "https://app.example/billing",
      client_reference_id: "ten_1",
      metadata: { tenant_id: "ten_1" },
      subscription_data: { trial_period_days: 14, metadata: { tenant_id: "ten_1", plan: "growth" } },
    });
    expect(session).toMatchObject({
      object: "checkout.session",
      url: `http://127.0.0.1:${fake.port}/checkout/${session.id}`,
      status: "open",
      mode: "subscription",
      customer: customer.id,
      client_reference_id: "ten_1",
      metadata: { tenant_id: "ten_1" },
      subscription: null,
    });
    expect(session.id).toMatch(/^cs_test_/);
    // The SDK's bracket encoding arrived as nested values.
    const sent = fake.requests.find((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");
    expect(sent?.authorized).toBe(true);
    expect(sent?.body).toMatchObject({
      line_items: [{ price: fake.prices.growth_month, quantity: "1" }],
      subscription_data: { trial_period_days: "14", metadata: { plan: "growth" } },
    });
    expect(fake.checkoutRequests.get(session.id)?.trialPeriodDays).toBe(14);

    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: "https://app.example/billing",
    });
    expect(portal).toMatchObject({
      object: "billing_portal.session",
      url: `http://127.0.0.1:${fake.port}/portal/${portal.id}`,
      customer: customer.id,
      return_url: "https://app.example/billing",
    });
    expect(portal.id).toMatch(/^bps_/);

    // Checkout completes: three signed events, in order, that the SDK accepts.
    const done = await fake.completeCheckout(session.id);
    expect(done.type).toBe("checkout.session.completed");
    const events = verified();
    expect(events.map((e) => e.type)).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
      "invoice.paid",
    ]);
    expect(events.map((e) => e.id)).toEqual(done.events.map((e) => e.id));
    expect(events[0]).toMatchObject({ object: "event", livemode: false, api_version: Stripe.API_VERSION });
    const completed = events[0]?.data.object;
    const subId = fake.sessions.get(session.id)?.subscription ?? "";
    expect(subId).toMatch(/^sub_/);
    expect(completed).toMatchObject({ id: session.id, status: "complete", subscription: subId, customer: customer.id });
    expect(fake.deliveries.slice(-3).map((d) => d.status)).toEqual([200, 200, 200]);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("complete");

    const sub = await stripe.subscriptions.retrieve(subId, { expand: ["latest_invoice"] });
    expect(sub).toMatchObject({
      object: "subscription",
      customer: customer.id,
      status: "trialing",
      metadata: { tenant_id: "ten_1", plan: "growth" },
      cancel_at_period_end: false,
      canceled_at: null,
    });
    const item = sub.items.data[0];
    expect(item?.price.id).toBe(fake.prices.growth_month);
    expect(item?.price.recurring?.interval).toBe("month");
    expect(item?.price.unit_amount).toBe(9900);
    expect(sub.trial_end).toBe(sub.created + 14 * 86400);
    expect(item?.current_period_end).toBe(sub.trial_end);
    // The fake also keeps the pre-2025 top-level period.
    expect(fake.subscriptions.get(subId)?.current_period_end).toBe(sub.trial_end);
    // The event carried the same object GET returns now (raw JSON: the SDK turns *_decimal into Decimal).
    const raw = await fetch(`${fake.baseUrl}/v1/subscriptions/${subId}`, {
      headers: { authorization: `Bearer ${fake.secretKey}` },
    });
    expect(events[1]?.data.object).toEqual(await raw.json());
    const firstInvoice = events[2]?.data.object;
    expect(firstInvoice).toMatchObject({ status: "paid", amount_paid: 0, subscription: subId });

    // The renewal charge fails, then the retry succeeds.
    received.length = 0;
    await fake.failInvoice(subId);
    expect(verified().map((e) => e.type)).toEqual(["invoice.payment_failed", "customer.subscription.updated"]);
    expect((await stripe.subscriptions.retrieve(subId)).status).toBe("past_due");
    const updatedEvent = verified()[1];
    expect(updatedEvent?.data.previous_attributes).toMatchObject({ status: "trialing" });

    received.length = 0;
    await fake.payInvoice(subId);
    expect(verified().map((e) => e.type)).toEqual(["invoice.paid", "customer.subscription.updated"]);
    const active = await stripe.subscriptions.retrieve(subId);
    expect(active.status).toBe("active");
    expect(active.items.data[0]?.current_period_end).toBeGreaterThan(sub.trial_end ?? 0);

    const invoices = await stripe.invoices.list({ customer: customer.id, limit: 10 });
    expect(invoices).toMatchObject({ object: "list", has_more: false, url: "/v1/invoices" });
    expect(invoices.data.map((i) => i.status)).toEqual(["paid", "paid"]);
    const [renewal, trialInvoice] = invoices.data;
    expect(renewal).toMatchObject({
      object: "invoice",
      customer: customer.id,
      amount_due: 9900,
      amount_paid: 9900,
      currency: "cny",
      parent: { subscription_details: { subscription: subId } },
    });
    expect(renewal?.id).toMatch(/^in_/);
    expect(renewal?.hosted_invoice_url).toBe(`http://127.0.0.1:${fake.port}/invoice/${renewal?.id}`);
    expect(renewal?.number).toMatch(/^[0-9A-F]{8}-0002$/);
    expect(trialInvoice?.amount_paid).toBe(0);
    expect(active.latest_invoice).toBe(renewal?.id);
    expect((await stripe.invoices.list({ customer: customer.id, limit: 1 })).has_more).toBe(true);

    // The customer asks to cancel at period end, then the period ends.
    const pending = await stripe.subscriptions.update(subId, { cancel_at_period_end: true });
    expect(pending).toMatchObject({ status: "active", cancel_at_period_end: true });
    received.length = 0;
    await fake.cancelSubscription(subId);
    expect(verified().map((e) => e.type)).toEqual(["customer.subscription.deleted"]);
    const canceled = await stripe.subscriptions.retrieve(subId);
    expect(canceled.status).toBe("canceled");
    expect(canceled.canceled_at).not.toBeNull();

    const all = await stripe.subscriptions.list({ customer: customer.id, status: "all" });
    expect(all.data.map((s) => s.id)).toEqual([subId]);
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
  });

  it("ends trials, changes plans and cancels through the API", async () => {
    const customer = await stripe.customers.create({ email: "two@shop.example" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: fake.prices.growth_month, quantity: 1 }],
      success_url: "https://app.example/ok",
    });
    const done = await fake.completeCheckout(session.id, { trialDays: 7, send: false });
    expect(received).toEqual([]);
    expect(fake.deliveries.at(-1)?.id).not.toBe(done.id);
    const subId = fake.sessions.get(session.id)?.subscription ?? "";
    expect((await stripe.subscriptions.retrieve(subId)).status).toBe("trialing");

    await fake.endTrial(subId);
    expect(verified().map((e) => e.type)).toEqual(["customer.subscription.updated"]);
    expect((await stripe.subscriptions.retrieve(subId)).status).toBe("active");

    received.length = 0;
    await fake.changePlan(subId, fake.prices.pro_year);
    const changed = verified()[0]?.data.object;
    expect(changed).toMatchObject({ id: subId, items: { data: [{ price: { id: fake.prices.pro_year } }] } });
    const sub = await stripe.subscriptions.retrieve(subId);
    expect(sub.items.data[0]?.price.recurring?.interval).toBe("year");

    // With the item's id, the API swaps the price; without one Stripe adds a second item.
    const itemId = sub.items.data[0]?.id ?? "";
    const swapped = await stripe.subscriptions.update(subId, {
      items: [{ id: itemId, price: fake.prices.growth_year }],
      proration_behavior: "none",
      metadata: { plan: "growth" },
    });
    expect(swapped.items.data.map((i) => [i.id, i.price.id])).toEqual([[itemId, fake.prices.growth_year]]);
    expect(swapped.metadata).toEqual({ plan: "growth" });
    const added = await stripe.subscriptions.update(subId, { items: [{ price: fake.prices.pro_year }] });
    expect(added.items.data.map((i) => i.price.id)).toEqual([fake.prices.growth_year, fake.prices.pro_year]);

    const deleted = await stripe.subscriptions.cancel(subId);
    expect(deleted.status).toBe("canceled");
    await expect(stripe.subscriptions.cancel(subId)).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    fake.setSubscriptionStatus(subId, "unpaid");
    expect((await stripe.subscriptions.retrieve(subId)).status).toBe("unpaid");
  });

  it("refuses bad keys, unknown objects and bad parameters as Stripe does", async () => {
    const wrong = sdk(fake, "sk_test_not_the_fakes_key_0000");
    const authError = await wrong.customers.create({ email: "x@y.z" }).catch((e: unknown) => e);
    expect(authError).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(authError).toMatchObject({ statusCode: 401, message: expect.stringMatching(/^Invalid API Key provided/) });
    expect(fake.requests.at(-1)?.authorized).toBe(false);

    const missing = await stripe.customers.retrieve("cus_nope").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      param: "id",
      message: "No such customer: 'cus_nope'",
    });

    const customer = await stripe.customers.create({});
    const base = {
      mode: "subscription" as const,
      customer: customer.id,
      line_items: [{ price: fake.prices.pro_month, quantity: 1 }],
      success_url: "https://app.example/ok",
    };
    await expect(
      stripe.checkout.sessions.create({ ...base, line_items: [{ price: "price_nope", quantity: 1 }] }),
    ).rejects.toMatchObject({ statusCode: 400, code: "resource_missing", param: "line_items[0][price]" });
    await expect(stripe.checkout.sessions.create({ ...base, customer: "cus_nope" })).rejects.toMatchObject({
      statusCode: 400,
      param: "customer",
    });
    await expect(stripe.checkout.sessions.create({ ...base, mode: "payment" })).rejects.toMatchObject({
      statusCode: 400,
      param: "mode",
    });
    await expect(
      stripe.checkout.sessions.create({ ...base, line_items: [{ price: fake.prices.pro_month }] }),
    ).rejects.toMatchObject({ statusCode: 400, code: "parameter_missing", param: "line_items[0][quantity]" });
    await expect(stripe.billingPortal.sessions.create({ customer: "cus_nope" })).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    await expect(stripe.subscriptions.retrieve("sub_nope")).rejects.toMatchObject({ statusCode: 404 });

    // Raw wire checks: the error envelope, and JSON bodies are not Stripe's v1 format.
    const res = await fetch(`${fake.baseUrl}/v1/customers/cus_x`, { headers: { authorization: "Bearer sk_test_x" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { type: "invalid_request_error", message: expect.stringMatching(/^Invalid API Key provided/) },
    });
    const json = await fetch(`${fake.baseUrl}/v1/customers`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.secretKey}`, "content-type": "application/json" },
      body: '{"email":"a@b.c"}',
    });
    expect(json.status).toBe(400);
  });

  it("replays a POST repeated with the same Idempotency-Key", async () => {
    const a = await stripe.customers.create({ email: "idem@shop.example" }, { idempotencyKey: "k-1" });
    const b = await stripe.customers.create({ email: "idem@shop.example" }, { idempotencyKey: "k-1" });
    expect(b.id).toBe(a.id);
    await expect(
      stripe.customers.create({ email: "other@shop.example" }, { idempotencyKey: "k-1" }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("signs events that fail verification when signed with another secret or too old", () => {
    const sub = { id: "sub_x", object: "subscription", status: "active" };
    const good = fake.event("customer.subscription.updated", sub);
    expect(stripe.webhooks.constructEvent(good.payload, good.header, fake.webhookSecret, 300).data.object).toEqual(sub);
    expect(good.body).toMatchObject({ object: "event", pending_webhooks: 1, request: { id: null }, livemode: false });
    expect(good.id).toMatch(/^evt_/);

    const otherSecret = fake.event("customer.subscription.updated", sub, { secret: "whsec_someone_else" });
    expect(() =>
      stripe.webhooks.constructEvent(otherSecret.payload, otherSecret.header, fake.webhookSecret, 300),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const old = fake.event("customer.subscription.updated", sub, { timestampOffsetSec: -600 });
    expect(() => stripe.webhooks.constructEvent(old.payload, old.header, fake.webhookSecret, 300)).toThrow(
      /tolerance/i,
    );
    const tampered = good.payload.replace('"active"', '"canceled"');
    expect(() => stripe.webhooks.constructEvent(tampered, good.header, fake.webhookSecret, 300)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it("fails the next requests on demand", async () => {
    fake.failNext(1, "500", "/v1/customers");
    await expect(stripe.customers.create({})).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    await expect(stripe.customers.create({})).resolves.toMatchObject({ object: "customer" });

    fake.failNext(1, "timeout");
    const impatient = sdk(fake, fake.secretKey, { timeout: 300 });
    await expect(impatient.prices.retrieve(fake.prices.pro_month)).rejects.toBeInstanceOf(
      Stripe.errors.StripeConnectionError,
    );
    await expect(impatient.prices.retrieve(fake.prices.pro_month)).resolves.toMatchObject({ unit_amount: 29900 });
  });

  it("serves hosted Checkout and portal pages", async () => {
    const customer = await stripe.customers.create({});
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: fake.prices.pro_month, quantity: 1 }],
      success_url: "https://app.example/done?s={CHECKOUT_SESSION_ID}",
    });
    const page = await fetch(session.url ?? "");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="subscribe"');
    const submit = await fetch(`${session.url}/complete`, { method: "POST", redirect: "manual" });
    expect(submit.status).toBe(303);
    expect(submit.headers.get("location")).toBe(`https://app.example/done?s=${session.id}`);
    expect(verified().map((e) => e.type)).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
      "invoice.paid",
    ]);
    const subId = fake.sessions.get(session.id)?.subscription ?? "";
    expect((await stripe.subscriptions.retrieve(subId)).status).toBe("active");
  });
});

describe("fake Stripe with its own clock", () => {
  it("dates objects and signatures by opts.now", async () => {
    let now = Date.UTC(2030, 0, 31, 12, 0, 0);
    const fake = await startFakeStripe({ now: () => now });
    try {
      const stripe = sdk(fake);
      const customer = await stripe.customers.create({});
      expect(customer.created).toBe(now / 1000);
      const session = await stripe.checkout.sessions.create({
        mode: "subscription",
        customer: customer.id,
        line_items: [{ price: fake.prices.growth_month, quantity: 1 }],
      });
      const done = await fake.completeCheckout(session.id);
      const subId = fake.sessions.get(session.id)?.subscription ?? "";
      const sub = await stripe.subscriptions.retrieve(subId);
      // Monthly from Jan 31 bills on the last day of February, then March 31.
      expect(sub.items.data[0]?.current_period_end).toBe(Date.UTC(2030, 1, 28, 12) / 1000);
      expect(fake.deliveries.map((d) => d.status)).toEqual([0, 0, 0]);
      const t = Number(/t=(\d+)/.exec(done.header)?.[1]);
      expect(t).toBe(now / 1000);
      expect(() =>
        stripe.webhooks.constructEvent(done.payload, done.header, fake.webhookSecret, 300, undefined, now / 1000),
      ).not.toThrow();

      now = Date.UTC(2030, 1, 28, 12, 0, 1);
      await fake.payInvoice(subId);
      expect((await stripe.subscriptions.retrieve(subId)).items.data[0]?.current_period_end).toBe(
        Date.UTC(2030, 2, 31, 12) / 1000,
      );
    } finally {
      await fake.close();
    }
  });
});
