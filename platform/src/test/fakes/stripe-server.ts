// A fake Stripe API (the v1 subset Mallwright's billing calls) for tests, on 127.0.0.1.
// It speaks Stripe's wire format: form-encoded request bodies in bracket notation, Bearer secret-key
// auth, JSON objects and Stripe's error envelope, Idempotency-Key replays. It keeps prices, customers,
// Checkout and billing-portal sessions, subscriptions, invoices and events in memory, and its test
// controls move subscriptions through their life cycle and send webhook events signed the way Stripe
// signs them (Stripe-Signature: t=<unix seconds>,v1=<HMAC-SHA256 of "t.payload">).
// Written from Stripe's API reference, independently of our client.
import { randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import Stripe from "stripe";
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Types: the objects as Stripe returns them (the fields the product reads, plus their neighbours)

export type PlanKey = "growth_month" | "growth_year" | "pro_month" | "pro_year";
export type SubscriptionStatus = "trialing" | "active" | "past_due" | "unpaid" | "canceled" | "incomplete";
export type InvoiceStatus = "draft" | "open" | "paid" | "uncollectible" | "void";
export type Interval = "month" | "year";
export type Metadata = Record<string, string>;

export interface FakePrice {
  id: string;
  object: "price";
  active: boolean;
  billing_scheme: "per_unit";
  created: number;
  /** Stripe spells currencies in lower case. */
  currency: string;
  livemode: false;
  lookup_key: string | null;
  metadata: Metadata;
  nickname: string | null;
  product: string;
  recurring: {
    interval: Interval;
    interval_count: number;
    usage_type: "licensed";
    meter: null;
    trial_period_days: null;
  };
  tax_behavior: "unspecified";
  type: "recurring";
  /** In the smallest currency unit (fen for CNY). */
  unit_amount: number;
  unit_amount_decimal: string;
}

export interface FakeCustomer {
  id: string;
  object: "customer";
  address: null;
  balance: number;
  created: number;
  currency: string | null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  email: string | null;
  /** Prefix of this customer's invoice numbers ("ABCD1234-0001"). */
  invoice_prefix: string;
  invoice_settings: { custom_fields: null; default_payment_method: null; footer: null; rendering_options: null };
  livemode: false;
  metadata: Metadata;
  name: string | null;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: "none";
  test_clock: null;
}

export interface FakeCheckoutSession {
  id: string;
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: string | null;
  customer_email: string | null;
  expires_at: number;
  invoice: null;
  livemode: false;
  locale: string | null;
  metadata: Metadata;
  mode: "subscription";
  payment_status: "unpaid" | "paid" | "no_payment_required";
  status: "open" | "complete" | "expired";
  subscription: string | null;
  success_url: string | null;
  ui_mode: "hosted";
  /** Null once the session is complete or expired. */
  url: string | null;
}

/** What a Checkout Session was created with that Stripe does not echo on the session object. */
export interface FakeCheckoutRequest {
  lineItems: { price: string; quantity: number }[];
  /** subscription_data[trial_period_days] */
  trialPeriodDays: number | null;
  /** subscription_data[metadata], copied onto the subscription. */
  subscriptionMetadata: Metadata;
}

export interface FakePortalSession {
  id: string;
  object: "billing_portal.session";
  configuration: string;
  created: number;
  customer: string;
  flow: null;
  livemode: false;
  locale: string | null;
  on_behalf_of: null;
  return_url: string | null;
  url: string;
}

export interface FakeSubscriptionItem {
  id: string;
  object: "subscription_item";
  created: number;
  /** Since API version 2025-03-31 (basil) the billing period lives on the items. */
  current_period_start: number;
  current_period_end: number;
  metadata: Metadata;
  price: FakePrice;
  quantity: number;
  subscription: string;
}

export interface FakeSubscription {
  id: string;
  object: "subscription";
  billing_cycle_anchor: number;
  cancel_at: number | null;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  cancellation_details: { comment: null; feedback: null; reason: "cancellation_requested" | "payment_failed" | null };
  collection_method: "charge_automatically";
  created: number;
  currency: string;
  /** Mirrors the first item (where older API versions had it). */
  current_period_start: number;
  current_period_end: number;
  customer: string;
  default_payment_method: null;
  ended_at: number | null;
  items: { object: "list"; data: FakeSubscriptionItem[]; has_more: false; total_count: number; url: string };
  latest_invoice: string | null;
  livemode: false;
  metadata: Metadata;
  schedule: null;
  start_date: number;
  status: SubscriptionStatus;
  test_clock: null;
  trial_end: number | null;
  trial_start: number | null;
}

export interface FakeInvoiceLine {
  id: string;
  object: "line_item";
  amount: number;
  currency: string;
  description: string;
  livemode: false;
  metadata: Metadata;
  parent: {
    type: "subscription_item_details";
    subscription_item_details: { subscription: string; subscription_item: string; proration: false };
  };
  period: { start: number; end: number };
  pricing: { type: "price_details"; price_details: { price: string; product: string }; unit_amount_decimal: string };
  quantity: number;
}

export interface FakeInvoice {
  id: string;
  object: "invoice";
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  attempted: boolean;
  billing_reason: "subscription_create" | "subscription_cycle";
  collection_method: "charge_automatically";
  created: number;
  currency: string;
  customer: string;
  customer_email: string | null;
  hosted_invoice_url: string;
  invoice_pdf: string;
  lines: { object: "list"; data: FakeInvoiceLine[]; has_more: false; total_count: number; url: string };
  livemode: false;
  metadata: Metadata;
  next_payment_attempt: number | null;
  number: string;
  /** Where API versions since 2025-03-31 put the subscription. */
  parent: {
    type: "subscription_details";
    quote_details: null;
    subscription_details: { metadata: Metadata; subscription: string };
  };
  /** The billed period (real subscription_create invoices have start = end = the creation time). */
  period_start: number;
  period_end: number;
  status: InvoiceStatus;
  status_transitions: {
    finalized_at: number | null;
    marked_uncollectible_at: null;
    paid_at: number | null;
    voided_at: null;
  };
  /** Where older API versions put it. */
  subscription: string;
  total: number;
}

/** The JSON body of a webhook event (what Stripe POSTs and GET /v1/events/{id} returns). */
export interface FakeEventBody {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: object; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** An event ready to deliver: `payload` is the exact body, `header` its Stripe-Signature. */
export interface FakeStripeEvent {
  id: string;
  type: string;
  payload: string;
  header: string;
  body: FakeEventBody;
}

/** What a test control returns: its first event, plus every event it made (in sending order). */
export type ControlResult = FakeStripeEvent & { events: FakeStripeEvent[] };

export interface EventOptions {
  id?: string;
  /** Event.created, unix seconds; default now. */
  created?: number;
  /** Shifts the signature timestamp (e.g. -600 for a 10-minute-old delivery). */
  timestampOffsetSec?: number;
  /** Signs with this secret instead of the webhook secret. */
  secret?: string;
  previousAttributes?: Record<string, unknown>;
}

export interface FakeStripeRequest {
  method: string;
  /** The pathname, without the query. */
  path: string;
  /** The form body parsed into nested objects and arrays ({} when empty; the raw text if unparsable). */
  body: unknown;
  query: Record<string, string>;
  /** Whether the Authorization carried the fake's secret key. */
  authorized: boolean;
  idempotencyKey?: string;
}

export interface FakeStripeOptions {
  /** Receives every webhook delivery (tests route it to an in-process app); without it nothing is sent. */
  deliver?: (e: { payload: string; header: string }) => Promise<{ status: number; body: string }>;
  /** The fake's clock in ms, for every `created`, period and signature timestamp; default Date.now. */
  now?: () => number;
}

type Send = { send?: boolean };

export interface FakeStripe {
  secretKey: string;
  webhookSecret: string;
  host: string;
  port: number;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** The recurring CNY prices made at start (growth 9900/99000, pro 29900/299000 fen). */
  prices: Record<PlanKey, string>;
  requests: FakeStripeRequest[];
  deliveries: { id: string; type: string; status: number; body: string }[];
  priceObjects: ReadonlyMap<string, FakePrice>;
  customers: ReadonlyMap<string, FakeCustomer>;
  sessions: ReadonlyMap<string, FakeCheckoutSession>;
  checkoutRequests: ReadonlyMap<string, FakeCheckoutRequest>;
  portalSessions: ReadonlyMap<string, FakePortalSession>;
  subscriptions: ReadonlyMap<string, FakeSubscription>;
  invoices: ReadonlyMap<string, FakeInvoice>;
  /** The events the controls made (sent or not), also served by GET /v1/events. */
  events: ReadonlyMap<string, FakeStripeEvent>;
  /** The customer completes Checkout: subscription + paid invoice; checkout.session.completed,
   *  customer.subscription.created, invoice.paid. */
  completeCheckout(sessionId: string, opts?: { trialDays?: number } & Send): Promise<ControlResult>;
  /** A charge fails: the open invoice's retry, or else the next period's renewal invoice (open);
   *  → past_due. invoice.payment_failed, customer.subscription.updated. */
  failInvoice(subscriptionId: string, opts?: Send): Promise<ControlResult>;
  /** The latest open invoice is paid, or else the next period is renewed with a paid invoice;
   *  → active. invoice.paid, customer.subscription.updated. */
  payInvoice(subscriptionId: string, opts?: Send): Promise<ControlResult>;
  /** trialing → active with a paid invoice for the first period. customer.subscription.updated. */
  endTrial(subscriptionId: string, opts?: Send): Promise<ControlResult>;
  /** → canceled now. customer.subscription.deleted. */
  cancelSubscription(subscriptionId: string, opts?: Send): Promise<ControlResult>;
  /** Swaps the first item's price. customer.subscription.updated. */
  changePlan(subscriptionId: string, priceId: string, opts?: Send): Promise<ControlResult>;
  /** Builds (does not send) a signed event around `object`. */
  event(type: string, object: object, opts?: EventOptions): FakeStripeEvent;
  deliver(e: {
    id?: string;
    type?: string;
    payload: string;
    header: string;
  }): Promise<{ status: number; body: string }>;
  /** For odd cases: sets the status without any event. */
  setSubscriptionStatus(id: string, status: SubscriptionStatus): void;
  /** The next `times` requests under pathPrefix (default "/v1/") get a 500 api_error, or no answer. */
  failNext(times: number, kind: "500" | "timeout", pathPrefix?: string): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The form encoding: `a[b][0][c]=v&d[]=w` → { a: { b: [{ c: "v" }] }, d: ["w"] }

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

interface Branch {
  kind: "branch";
  children: Map<string, Tree>;
}
type Tree = Branch | { kind: "leaf"; value: string };

export class FormError extends Error {}

/** Parses Stripe's (qs-style) form encoding. Keys whose segments are all indexes (or `[]`) become
 *  arrays, ordered by index; a key used both as a value and as a parent is an error. */
export function parseStripeForm(text: string): FormObject {
  const root: Branch = { kind: "branch", children: new Map() };
  for (const [key, value] of new URLSearchParams(text)) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!m) throw new FormError(`Invalid parameter name: ${key}`);
    const segments = [m[1] ?? "", ...[...(m[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((s) => s[1] ?? "")];
    let node = root;
    segments.forEach((raw, i) => {
      const seg = raw === "" ? String(node.children.size) : raw;
      const existing = node.children.get(seg);
      if (i === segments.length - 1) {
        if (existing?.kind === "branch") throw new FormError(`Invalid value for ${key}: it also has sub-keys`);
        node.children.set(seg, { kind: "leaf", value });
        return;
      }
      if (existing?.kind === "leaf") throw new FormError(`Invalid parameter ${key}: its parent already has a value`);
      const next: Branch = existing ?? { kind: "branch", children: new Map() };
      node.children.set(seg, next);
      node = next;
    });
  }
  return toObject(root);
}

function toObject(b: Branch): FormObject {
  return Object.fromEntries([...b.children].map(([k, t]) => [k, toValue(t)]));
}

function toValue(t: Tree): FormValue {
  if (t.kind === "leaf") return t.value;
  const keys = [...t.children.keys()];
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return [...t.children].sort(([a], [b]) => Number(a) - Number(b)).map(([, child]) => toValue(child));
  }
  return toObject(t);
}

// ---------------------------------------------------------------------------------------------
// Errors, in Stripe's envelope: {"error":{"type","code","message","param"}}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { type?: string; code?: string; param?: string } = {},
  ) {
    super(message);
  }
  toJSON() {
    return { error: { type: this.extra.type ?? "invalid_request_error", message: this.message, ...this.extra } };
  }
}

const noSuch = (what: string, id: string, param: string, status = 400) =>
  new ApiError(status, `No such ${what}: '${id}'`, { code: "resource_missing", param });

/** `line_items.0.price` → `line_items[0][price]`, as Stripe names parameters. */
const paramName = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (i === 0 ? String(p) : `[${String(p)}]`)).join("");

function lookup(value: FormValue | undefined, path: readonly PropertyKey[]): FormValue | undefined {
  let v = value;
  for (const p of path) {
    if (v === undefined || typeof v === "string") return undefined;
    v = Array.isArray(v) ? v[Number(p)] : v[String(p)];
  }
  return v;
}

/** Validates parameters; a failure becomes Stripe's parameter_missing / invalid error. */
function params<S extends z.ZodType>(schema: S, input: FormObject): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path ?? [];
  const param = paramName(path);
  if (lookup(input, path) === undefined) {
    throw new ApiError(400, `Missing required param: ${param}.`, { code: "parameter_missing", param });
  }
  throw new ApiError(400, `Invalid ${param}: ${issue?.message ?? "invalid value"}`, { param });
}

const intStr = z
  .string()
  .regex(/^-?\d+$/, "must be an integer")
  .transform((s) => Number(s));
const boolStr = z.enum(["true", "false"]).transform((s) => s === "true");
/** Stripe takes `metadata=` (empty) to clear all keys, and `metadata[k]=` to unset one. */
const metadataParam = z.union([z.literal(""), z.record(z.string(), z.string())]).optional();
const expandParam = z.array(z.string()).optional();
const listParams = {
  limit: intStr.optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
  expand: expandParam,
};

function checkMetadata(m: Metadata | "" | undefined) {
  if (m === undefined || m === "") return;
  const keys = Object.keys(m);
  if (keys.length > 50) throw new ApiError(400, "Metadata can have at most 50 keys.", { param: "metadata" });
  for (const k of keys) {
    if (k.length > 40)
      throw new ApiError(400, `Metadata keys can be at most 40 characters: ${k}`, { param: "metadata" });
    if ((m[k] ?? "").length > 500) {
      throw new ApiError(400, `Metadata values can be at most 500 characters: ${k}`, { param: `metadata[${k}]` });
    }
  }
}

/** Stripe's update semantics: "" clears everything, a key set to "" is removed, others merge. */
function mergeMetadata(current: Metadata, update: Metadata | "" | undefined): Metadata {
  if (update === undefined) return current;
  if (update === "") return {};
  const out = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete out[k];
    else out[k] = v;
  }
  return out;
}

const createMetadata = (m: Metadata | "" | undefined): Metadata =>
  Object.fromEntries(Object.entries(m || {}).filter(([, v]) => v !== ""));

// ---------------------------------------------------------------------------------------------
// Small helpers

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randomAlnum = (n: number) => Array.from({ length: n }, () => ALNUM.charAt(randomInt(ALNUM.length))).join("");
const randomUpper = (n: number) => Array.from({ length: n }, () => "ABCDEF0123456789".charAt(randomInt(16))).join("");
const snapshot = <T>(x: T): T => structuredClone(x);
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `sec` plus n months / years, on the same day of the month (clamped to the month's last day),
 *  as Stripe bills from a billing cycle anchor. */
function addInterval(sec: number, interval: Interval, n: number): number {
  const d = new Date(sec * 1000);
  const month = d.getUTCMonth() + (interval === "year" ? 12 * n : n);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const t = Date.UTC(
    d.getUTCFullYear(),
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
  return Math.floor(t / 1000);
}

/** The first anchor + k intervals (k ≥ 1) after `start`. */
function periodEndAfter(anchor: number, interval: Interval, start: number): number {
  let k = 1;
  while (addInterval(anchor, interval, k) <= start) k += 1;
  return addInterval(anchor, interval, k);
}

function redactKey(key: string) {
  return key.length > 12 ? `${key.slice(0, 8)}${"*".repeat(key.length - 12)}${key.slice(-4)}` : "***";
}

const PLANS: Record<PlanKey, { product: "growth" | "pro"; interval: Interval; amount: number; nickname: string }> = {
  growth_month: { product: "growth", interval: "month", amount: 9900, nickname: "Growth (monthly)" },
  growth_year: { product: "growth", interval: "year", amount: 99000, nickname: "Growth (yearly)" },
  pro_month: { product: "pro", interval: "month", amount: 29900, nickname: "Pro (monthly)" },
  pro_year: { product: "pro", interval: "year", amount: 299000, nickname: "Pro (yearly)" },
};
const PLAN_KEYS: PlanKey[] = ["growth_month", "growth_year", "pro_month", "pro_year"];

const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "unpaid", "canceled", "incomplete"] as const;

// ---------------------------------------------------------------------------------------------

export async function startFakeStripe(opts: FakeStripeOptions = {}): Promise<FakeStripe> {
  const clock = opts.now ?? Date.now;
  const nowSec = () => Math.floor(clock() / 1000);
  const secretKey = `sk_test_51${randomAlnum(40)}`;
  const webhookSecret = `whsec_${randomAlnum(32)}`;
  const host = "127.0.0.1";
  let baseUrl = "";

  const requests: FakeStripeRequest[] = [];
  const deliveries: FakeStripe["deliveries"] = [];
  const priceObjects = new Map<string, FakePrice>();
  const customers = new Map<string, FakeCustomer>();
  const sessions = new Map<string, FakeCheckoutSession>();
  const checkoutRequests = new Map<string, FakeCheckoutRequest>();
  const portalSessions = new Map<string, FakePortalSession>();
  const subscriptions = new Map<string, FakeSubscription>();
  const invoices = new Map<string, FakeInvoice>();
  const events = new Map<string, FakeStripeEvent>();
  const invoiceCounts = new Map<string, number>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  const faults: { remaining: number; kind: "500" | "timeout"; prefix: string }[] = [];
  const hanging = new Set<ServerResponse>();

  // --- prices, made once per fake
  const products = { growth: `prod_${randomAlnum(14)}`, pro: `prod_${randomAlnum(14)}` };
  const prices: Partial<Record<PlanKey, string>> = {};
  for (const key of PLAN_KEYS) {
    const plan = PLANS[key];
    const id = `price_${randomAlnum(24)}`;
    priceObjects.set(id, {
      id,
      object: "price",
      active: true,
      billing_scheme: "per_unit",
      created: nowSec(),
      currency: "cny",
      livemode: false,
      lookup_key: key,
      metadata: { plan: plan.product },
      nickname: plan.nickname,
      product: products[plan.product],
      recurring: {
        interval: plan.interval,
        interval_count: 1,
        usage_type: "licensed",
        meter: null,
        trial_period_days: null,
      },
      tax_behavior: "unspecified",
      type: "recurring",
      unit_amount: plan.amount,
      unit_amount_decimal: String(plan.amount),
    });
    prices[key] = id;
  }
  const priceIds: Record<PlanKey, string> = {
    growth_month: prices.growth_month ?? "",
    growth_year: prices.growth_year ?? "",
    pro_month: prices.pro_month ?? "",
    pro_year: prices.pro_year ?? "",
  };

  // --- lists: newest first, `limit` (1–100, default 10), `starting_after` / `ending_before` cursors
  function list<T extends { id: string }>(
    all: Iterable<T>,
    p: { limit?: number | undefined; starting_after?: string | undefined; ending_before?: string | undefined },
    url: string,
  ) {
    const limit = p.limit ?? 10;
    if (limit < 1 || limit > 100)
      throw new ApiError(400, "Invalid limit: must be between 1 and 100", { param: "limit" });
    let items = [...all].reverse();
    if (p.starting_after !== undefined) {
      const i = items.findIndex((x) => x.id === p.starting_after);
      if (i < 0) throw noSuch("object", p.starting_after, "starting_after");
      items = items.slice(i + 1);
    } else if (p.ending_before !== undefined) {
      const i = items.findIndex((x) => x.id === p.ending_before);
      if (i < 0) throw noSuch("object", p.ending_before, "ending_before");
      items = items.slice(Math.max(0, i - limit), i);
    }
    return { object: "list", data: items.slice(0, limit), has_more: items.length > limit, url };
  }

  // --- state changes shared by the API and the controls

  function interval(sub: FakeSubscription): Interval {
    return sub.items.data[0]?.price.recurring.interval ?? "month";
  }

  function setPeriod(sub: FakeSubscription, start: number, end: number) {
    sub.current_period_start = start;
    sub.current_period_end = end;
    for (const item of sub.items.data) {
      item.current_period_start = start;
      item.current_period_end = end;
    }
  }

  /** A new billing period from `start` (the anchor moves there, e.g. at a trial's end). */
  function restartPeriod(sub: FakeSubscription, start: number) {
    sub.billing_cycle_anchor = start;
    setPeriod(sub, start, addInterval(start, interval(sub), 1));
  }

  /** The next billing period: the old end to the next anchor date. */
  function renewPeriod(sub: FakeSubscription) {
    const start = sub.current_period_end;
    setPeriod(sub, start, periodEndAfter(sub.billing_cycle_anchor, interval(sub), start));
  }

  /** Ends a trial now (or at trial_end when the clock has passed it) and starts the first paid period. */
  function finishTrial(sub: FakeSubscription) {
    const now = nowSec();
    const end = sub.trial_end !== null && sub.trial_end <= now ? sub.trial_end : now;
    sub.trial_end = end;
    restartPeriod(sub, end);
  }

  const itemsAmount = (sub: FakeSubscription) =>
    sub.items.data.reduce((sum, it) => sum + it.price.unit_amount * it.quantity, 0);

  function makeInvoice(
    sub: FakeSubscription,
    o: { paid: boolean; amount: number; billingReason: FakeInvoice["billing_reason"] },
  ): FakeInvoice {
    const now = nowSec();
    const id = `in_${randomAlnum(24)}`;
    const customer = customers.get(sub.customer);
    const n = (invoiceCounts.get(sub.customer) ?? 0) + 1;
    invoiceCounts.set(sub.customer, n);
    const inv: FakeInvoice = {
      id,
      object: "invoice",
      amount_due: o.amount,
      amount_paid: o.paid ? o.amount : 0,
      amount_remaining: o.paid ? 0 : o.amount,
      attempt_count: o.amount > 0 ? 1 : 0,
      attempted: o.amount > 0,
      billing_reason: o.billingReason,
      collection_method: "charge_automatically",
      created: now,
      currency: sub.currency,
      customer: sub.customer,
      customer_email: customer?.email ?? null,
      hosted_invoice_url: `${baseUrl}/invoice/${id}`,
      invoice_pdf: `${baseUrl}/invoice/${id}/pdf`,
      lines: {
        object: "list",
        data: sub.items.data.map((it) => ({
          id: `il_${randomAlnum(24)}`,
          object: "line_item",
          amount: o.amount === 0 ? 0 : it.price.unit_amount * it.quantity,
          currency: sub.currency,
          description: `${it.quantity} × ${it.price.nickname ?? it.price.id}`,
          livemode: false,
          metadata: {},
          parent: {
            type: "subscription_item_details",
            subscription_item_details: { subscription: sub.id, subscription_item: it.id, proration: false },
          },
          period: { start: sub.current_period_start, end: sub.current_period_end },
          pricing: {
            type: "price_details",
            price_details: { price: it.price.id, product: it.price.product },
            unit_amount_decimal: it.price.unit_amount_decimal,
          },
          quantity: it.quantity,
        })),
        has_more: false,
        total_count: sub.items.data.length,
        url: `/v1/invoices/${id}/lines`,
      },
      livemode: false,
      metadata: {},
      // Stripe retries a failed charge a few days later (Smart Retries).
      next_payment_attempt: o.paid ? null : now + 3 * 86400,
      number: `${customer?.invoice_prefix ?? "FAKE0000"}-${String(n).padStart(4, "0")}`,
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { metadata: { ...sub.metadata }, subscription: sub.id },
      },
      period_start: sub.current_period_start,
      period_end: sub.current_period_end,
      status: o.paid ? "paid" : "open",
      status_transitions: {
        finalized_at: now,
        marked_uncollectible_at: null,
        paid_at: o.paid ? now : null,
        voided_at: null,
      },
      subscription: sub.id,
      total: o.amount,
    };
    invoices.set(id, inv);
    sub.latest_invoice = id;
    return inv;
  }

  function makeItem(subId: string, price: FakePrice, quantity: number, now: number): FakeSubscriptionItem {
    return {
      id: `si_${randomAlnum(14)}`,
      object: "subscription_item",
      created: now,
      current_period_start: now,
      current_period_end: now,
      metadata: {},
      price: snapshot(price),
      quantity,
      subscription: subId,
    };
  }

  function cancelNow(sub: FakeSubscription) {
    const now = nowSec();
    sub.status = "canceled";
    sub.canceled_at = now;
    sub.ended_at = now;
    sub.cancel_at = null;
    sub.cancel_at_period_end = false;
    sub.cancellation_details = { comment: null, feedback: null, reason: "cancellation_requested" };
  }

  // --- events and their delivery

  function buildEvent(type: string, object: object, o: EventOptions = {}): FakeStripeEvent {
    const body: FakeEventBody = {
      id: o.id ?? `evt_${randomAlnum(24)}`,
      object: "event",
      api_version: Stripe.API_VERSION,
      created: o.created ?? nowSec(),
      data: { object, ...(o.previousAttributes ? { previous_attributes: o.previousAttributes } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    // Stripe sends its event JSON pretty-printed; the signature covers these exact bytes.
    const payload = JSON.stringify(body, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: o.secret ?? webhookSecret,
      timestamp: nowSec() + (o.timestampOffsetSec ?? 0),
    });
    return { id: body.id, type, payload, header, body };
  }

  /** An event about the current state of `object` (a snapshot, as Stripe's are). */
  function record(type: string, object: object, previous?: object): FakeStripeEvent {
    const current = snapshot(object);
    let previousAttributes: Record<string, unknown> | undefined;
    if (previous) {
      const before = new Map<string, unknown>(Object.entries(previous));
      const after: [string, unknown][] = Object.entries(current);
      previousAttributes = {};
      for (const [k, v] of after) {
        if (JSON.stringify(v) !== JSON.stringify(before.get(k))) previousAttributes[k] = before.get(k) ?? null;
      }
    }
    const e = buildEvent(type, current, previousAttributes ? { previousAttributes } : {});
    events.set(e.id, e);
    return e;
  }

  async function deliver(e: { id?: string; type?: string; payload: string; header: string }) {
    const id = e.id ?? "";
    const type = e.type ?? "";
    if (!opts.deliver) {
      deliveries.push({ id, type, status: 0, body: "" });
      return { status: 0, body: "" };
    }
    let result: { status: number; body: string };
    try {
      result = await opts.deliver({ payload: e.payload, header: e.header });
    } catch (err) {
      deliveries.push({ id, type, status: 0, body: String(err) });
      throw err;
    }
    deliveries.push({ id, type, ...result });
    return result;
  }

  async function emit(list: FakeStripeEvent[], o: Send = {}): Promise<ControlResult> {
    const first = list[0];
    if (!first) throw new Error("fake Stripe: a control made no event");
    if (o.send !== false) for (const e of list) await deliver(e);
    return { ...first, events: list };
  }

  function requireSub(id: string): FakeSubscription {
    const sub = subscriptions.get(id);
    if (!sub) throw new Error(`fake Stripe: no subscription ${id}`);
    return sub;
  }

  // --- the test controls

  async function completeCheckout(sessionId: string, o: { trialDays?: number } & Send = {}) {
    const session = sessions.get(sessionId);
    const request = checkoutRequests.get(sessionId);
    if (!session || !request) throw new Error(`fake Stripe: no checkout session ${sessionId}`);
    if (session.status !== "open") throw new Error(`fake Stripe: checkout session ${sessionId} is ${session.status}`);
    const now = nowSec();
    let customerId = session.customer;
    if (customerId === null) {
      // In subscription mode Checkout makes a customer when the session named none.
      customerId = createCustomer({ email: session.customer_email ?? undefined }).id;
      session.customer = customerId;
    }
    const subId = `sub_${randomAlnum(24)}`;
    const items = request.lineItems.map((li) => {
      const price = priceObjects.get(li.price);
      if (!price) throw new Error(`fake Stripe: no price ${li.price}`);
      return makeItem(subId, price, li.quantity, now);
    });
    const trialDays = o.trialDays ?? request.trialPeriodDays ?? 0;
    const trialEnd = trialDays > 0 ? now + trialDays * 86400 : null;
    const sub: FakeSubscription = {
      id: subId,
      object: "subscription",
      billing_cycle_anchor: trialEnd ?? now,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      cancellation_details: { comment: null, feedback: null, reason: null },
      collection_method: "charge_automatically",
      created: now,
      currency: items[0]?.price.currency ?? "cny",
      current_period_start: now,
      current_period_end: now,
      customer: customerId,
      default_payment_method: null,
      ended_at: null,
      items: {
        object: "list",
        data: items,
        has_more: false,
        total_count: items.length,
        url: `/v1/subscription_items?subscription=${subId}`,
      },
      latest_invoice: null,
      livemode: false,
      metadata: { ...request.subscriptionMetadata },
      schedule: null,
      start_date: now,
      status: trialEnd !== null ? "trialing" : "active",
      test_clock: null,
      trial_end: trialEnd,
      trial_start: trialEnd !== null ? now : null,
    };
    // During a trial the billing period is the trial.
    if (trialEnd !== null) setPeriod(sub, now, trialEnd);
    else restartPeriod(sub, now);
    subscriptions.set(subId, sub);
    const invoice = makeInvoice(sub, {
      paid: true,
      amount: trialEnd !== null ? 0 : itemsAmount(sub),
      billingReason: "subscription_create",
    });
    session.status = "complete";
    session.subscription = subId;
    session.url = null;
    session.payment_status = invoice.amount_due === 0 ? "no_payment_required" : "paid";
    return emit(
      [
        record("checkout.session.completed", session),
        record("customer.subscription.created", sub),
        record("invoice.paid", invoice),
      ],
      o,
    );
  }

  async function failInvoice(subscriptionId: string, o: Send = {}) {
    const sub = requireSub(subscriptionId);
    if (sub.status === "canceled") throw new Error(`fake Stripe: subscription ${subscriptionId} is canceled`);
    const before = snapshot(sub);
    const latest = sub.latest_invoice === null ? undefined : invoices.get(sub.latest_invoice);
    let invoice: FakeInvoice;
    if (latest?.status === "open") {
      // A retry of the open invoice fails again.
      latest.attempt_count += 1;
      latest.next_payment_attempt = nowSec() + 3 * 86400;
      invoice = latest;
    } else {
      if (sub.status === "trialing") finishTrial(sub);
      else renewPeriod(sub);
      invoice = makeInvoice(sub, { paid: false, amount: itemsAmount(sub), billingReason: "subscription_cycle" });
    }
    sub.status = "past_due";
    return emit([record("invoice.payment_failed", invoice), record("customer.subscription.updated", sub, before)], o);
  }

  async function payInvoice(subscriptionId: string, o: Send = {}) {
    const sub = requireSub(subscriptionId);
    if (sub.status === "canceled") throw new Error(`fake Stripe: subscription ${subscriptionId} is canceled`);
    const before = snapshot(sub);
    const latest = sub.latest_invoice === null ? undefined : invoices.get(sub.latest_invoice);
    let invoice: FakeInvoice;
    if (latest?.status === "open") {
      const now = nowSec();
      latest.status = "paid";
      latest.amount_paid = latest.amount_due;
      latest.amount_remaining = 0;
      latest.attempt_count += 1;
      latest.next_payment_attempt = null;
      latest.status_transitions.paid_at = now;
      invoice = latest;
    } else {
      // Nothing open: this is the renewal of the next period, paid.
      if (sub.status === "trialing") finishTrial(sub);
      else renewPeriod(sub);
      invoice = makeInvoice(sub, { paid: true, amount: itemsAmount(sub), billingReason: "subscription_cycle" });
    }
    sub.status = "active";
    return emit([record("invoice.paid", invoice), record("customer.subscription.updated", sub, before)], o);
  }

  async function endTrial(subscriptionId: string, o: Send = {}) {
    const sub = requireSub(subscriptionId);
    if (sub.status !== "trialing") throw new Error(`fake Stripe: subscription ${subscriptionId} is ${sub.status}`);
    const before = snapshot(sub);
    finishTrial(sub);
    makeInvoice(sub, { paid: true, amount: itemsAmount(sub), billingReason: "subscription_cycle" });
    sub.status = "active";
    return emit([record("customer.subscription.updated", sub, before)], o);
  }

  async function cancelSubscription(subscriptionId: string, o: Send = {}) {
    const sub = requireSub(subscriptionId);
    if (sub.status === "canceled") throw new Error(`fake Stripe: subscription ${subscriptionId} is already canceled`);
    cancelNow(sub);
    return emit([record("customer.subscription.deleted", sub)], o);
  }

  async function changePlan(subscriptionId: string, priceId: string, o: Send = {}) {
    const sub = requireSub(subscriptionId);
    const price = priceObjects.get(priceId);
    if (!price) throw new Error(`fake Stripe: no price ${priceId}`);
    const item = sub.items.data[0];
    if (!item) throw new Error(`fake Stripe: subscription ${subscriptionId} has no items`);
    const before = snapshot(sub);
    item.price = snapshot(price);
    if (price.recurring.interval !== before.items.data[0]?.price.recurring.interval) restartPeriod(sub, nowSec());
    return emit([record("customer.subscription.updated", sub, before)], o);
  }

  // --- endpoints

  function createCustomer(p: {
    email?: string | undefined;
    name?: string | undefined;
    description?: string | undefined;
    phone?: string | undefined;
    metadata?: Metadata | "" | undefined;
    preferred_locales?: string[] | undefined;
  }): FakeCustomer {
    checkMetadata(p.metadata);
    const id = `cus_${randomAlnum(14)}`;
    const c: FakeCustomer = {
      id,
      object: "customer",
      address: null,
      balance: 0,
      created: nowSec(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: p.description || null,
      email: p.email || null,
      invoice_prefix: randomUpper(8),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: createMetadata(p.metadata),
      name: p.name || null,
      phone: p.phone || null,
      preferred_locales: p.preferred_locales ?? [],
      shipping: null,
      tax_exempt: "none",
      test_clock: null,
    };
    customers.set(id, c);
    return c;
  }

  const CustomerParams = z.object({
    email: z.string().max(512).optional(),
    name: z.string().max(256).optional(),
    description: z.string().optional(),
    phone: z.string().max(20).optional(),
    metadata: metadataParam,
    preferred_locales: z.array(z.string()).optional(),
    expand: expandParam,
  });

  function updateCustomer(id: string, input: FormObject) {
    const c = customers.get(id);
    if (!c) throw noSuch("customer", id, "id", 404);
    const p = params(CustomerParams, input);
    checkMetadata(p.metadata);
    // An empty string unsets a field.
    if (p.email !== undefined) c.email = p.email || null;
    if (p.name !== undefined) c.name = p.name || null;
    if (p.description !== undefined) c.description = p.description || null;
    if (p.phone !== undefined) c.phone = p.phone || null;
    if (p.preferred_locales !== undefined) c.preferred_locales = p.preferred_locales;
    c.metadata = mergeMetadata(c.metadata, p.metadata);
    return c;
  }

  const CheckoutParams = z.object({
    mode: z.string(),
    customer: z.string().optional(),
    customer_email: z.string().optional(),
    line_items: z.array(z.object({ price: z.string().min(1), quantity: intStr })).min(1),
    success_url: z.string().max(5000).optional(),
    cancel_url: z.string().max(5000).optional(),
    client_reference_id: z.string().max(200).optional(),
    locale: z.string().optional(),
    metadata: metadataParam,
    subscription_data: z
      .object({ trial_period_days: intStr.optional(), metadata: metadataParam, description: z.string().optional() })
      .optional(),
    expand: expandParam,
  });

  function createCheckoutSession(input: FormObject) {
    const p = params(CheckoutParams, input);
    if (p.mode !== "subscription") {
      const message =
        p.mode === "payment" || p.mode === "setup"
          ? `The fake Stripe only implements mode=subscription, not mode=${p.mode}.`
          : `Invalid mode: must be one of payment, setup, or subscription`;
      throw new ApiError(400, message, { param: "mode" });
    }
    if (p.customer !== undefined && p.customer_email !== undefined) {
      throw new ApiError(400, "You may only specify one of these parameters: customer, customer_email.", {
        param: "customer",
      });
    }
    if (p.customer !== undefined && !customers.has(p.customer)) throw noSuch("customer", p.customer, "customer");
    let amount = 0;
    p.line_items.forEach((li, i) => {
      const price = priceObjects.get(li.price);
      if (!price) throw noSuch("price", li.price, `line_items[${i}][price]`);
      if (li.quantity < 1) {
        throw new ApiError(400, "Quantity must be at least 1.", { param: `line_items[${i}][quantity]` });
      }
      amount += price.unit_amount * li.quantity;
    });
    const trial = p.subscription_data?.trial_period_days;
    if (trial !== undefined && (trial < 1 || trial > 730)) {
      throw new ApiError(400, "The trial period must be between 1 and 730 days.", {
        param: "subscription_data[trial_period_days]",
      });
    }
    checkMetadata(p.metadata);
    checkMetadata(p.subscription_data?.metadata);
    const now = nowSec();
    const id = `cs_test_${randomAlnum(58)}`;
    const session: FakeCheckoutSession = {
      id,
      object: "checkout.session",
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: p.cancel_url ?? null,
      client_reference_id: p.client_reference_id ?? null,
      created: now,
      currency: priceObjects.get(p.line_items[0]?.price ?? "")?.currency ?? "cny",
      customer: p.customer ?? null,
      customer_email: p.customer_email ?? null,
      expires_at: now + 24 * 3600,
      invoice: null,
      livemode: false,
      locale: p.locale ?? null,
      metadata: createMetadata(p.metadata),
      mode: "subscription",
      payment_status: "unpaid",
      status: "open",
      subscription: null,
      success_url: p.success_url ?? null,
      ui_mode: "hosted",
      url: `${baseUrl}/checkout/${id}`,
    };
    sessions.set(id, session);
    checkoutRequests.set(id, {
      lineItems: p.line_items.map((li) => ({ price: li.price, quantity: li.quantity })),
      trialPeriodDays: trial ?? null,
      subscriptionMetadata: createMetadata(p.subscription_data?.metadata),
    });
    return session;
  }

  function checkoutLineItems(id: string, input: FormObject) {
    const request = checkoutRequests.get(id);
    if (!request) throw noSuch("checkout.session", id, "id", 404);
    const p = params(z.object(listParams), input);
    const data = request.lineItems.map((li, i) => {
      const price = priceObjects.get(li.price);
      const amount = (price?.unit_amount ?? 0) * li.quantity;
      return {
        id: `li_${id.slice(8, 30)}${i}`,
        object: "item",
        amount_subtotal: amount,
        amount_total: amount,
        currency: price?.currency ?? "cny",
        description: price?.nickname ?? li.price,
        price: price ?? null,
        quantity: li.quantity,
      };
    });
    return list([...data].reverse(), p, `/v1/checkout/sessions/${id}/line_items`);
  }

  const PortalParams = z.object({
    customer: z.string().min(1),
    return_url: z.string().optional(),
    configuration: z.string().optional(),
    locale: z.string().optional(),
    expand: expandParam,
  });

  function createPortalSession(input: FormObject) {
    const p = params(PortalParams, input);
    if (!customers.has(p.customer)) throw noSuch("customer", p.customer, "customer");
    const id = `bps_${randomAlnum(24)}`;
    const s: FakePortalSession = {
      id,
      object: "billing_portal.session",
      configuration: p.configuration ?? "bpc_fakedefault",
      created: nowSec(),
      customer: p.customer,
      flow: null,
      livemode: false,
      locale: p.locale ?? null,
      on_behalf_of: null,
      return_url: p.return_url ?? null,
      url: `${baseUrl}/portal/${id}`,
    };
    portalSessions.set(id, s);
    return s;
  }

  const SubscriptionUpdateParams = z.object({
    cancel_at_period_end: boolStr.optional(),
    items: z
      .array(
        z.object({
          id: z.string().optional(),
          price: z.string().optional(),
          quantity: intStr.optional(),
          deleted: boolStr.optional(),
        }),
      )
      .optional(),
    metadata: metadataParam,
    proration_behavior: z.enum(["create_prorations", "none", "always_invoice"]).optional(),
    trial_end: z.union([z.literal("now"), intStr]).optional(),
    expand: expandParam,
  });

  function updateSubscription(id: string, input: FormObject) {
    const sub = subscriptions.get(id);
    if (!sub) throw noSuch("subscription", id, "id", 404);
    const p = params(SubscriptionUpdateParams, input);
    checkMetadata(p.metadata);
    if (sub.status === "canceled" && (p.items || p.cancel_at_period_end !== undefined || p.trial_end !== undefined)) {
      throw new ApiError(400, "A canceled subscription can only update its cancellation_details and metadata.");
    }
    // Validate everything before changing anything.
    const items = sub.items.data.map((it) => ({ ...it }));
    (p.items ?? []).forEach((change, i) => {
      const price = change.price === undefined ? undefined : priceObjects.get(change.price);
      if (change.price !== undefined && !price) throw noSuch("price", change.price, `items[${i}][price]`);
      if (change.id === undefined) {
        // Without an id Stripe adds a new item (it does not replace the existing one).
        if (!price)
          throw new ApiError(400, `Missing required param: items[${i}][price].`, {
            code: "parameter_missing",
            param: `items[${i}][price]`,
          });
        items.push(makeItem(sub.id, price, change.quantity ?? 1, nowSec()));
        return;
      }
      const at = items.findIndex((it) => it.id === change.id);
      const existing = items[at];
      if (!existing) throw noSuch("subscription_item", change.id, `items[${i}][id]`);
      if (change.deleted) {
        items.splice(at, 1);
        return;
      }
      if (price) existing.price = snapshot(price);
      if (change.quantity !== undefined) existing.quantity = change.quantity;
    });
    if (items.length === 0)
      throw new ApiError(400, "A subscription must have at least one active plan.", { param: "items" });
    const intervals = new Set(items.map((it) => it.price.recurring.interval));
    if (intervals.size > 1) {
      throw new ApiError(400, "All prices on a subscription must have the same recurring interval.", {
        param: "items",
      });
    }
    if (typeof p.trial_end === "number" && p.trial_end <= nowSec()) {
      throw new ApiError(400, "Invalid timestamp: must be in the future", { param: "trial_end" });
    }

    const oldInterval = interval(sub);
    sub.items.data = items;
    sub.items.total_count = items.length;
    if (interval(sub) !== oldInterval && sub.status !== "trialing") restartPeriod(sub, nowSec());
    else setPeriod(sub, sub.current_period_start, sub.current_period_end);
    sub.metadata = mergeMetadata(sub.metadata, p.metadata);
    if (p.cancel_at_period_end !== undefined) {
      sub.cancel_at_period_end = p.cancel_at_period_end;
      sub.cancel_at = p.cancel_at_period_end ? sub.current_period_end : null;
      sub.canceled_at = p.cancel_at_period_end ? nowSec() : null;
      sub.cancellation_details = {
        comment: null,
        feedback: null,
        reason: p.cancel_at_period_end ? "cancellation_requested" : null,
      };
    }
    if (p.trial_end === "now" && sub.status === "trialing") {
      finishTrial(sub);
      makeInvoice(sub, { paid: true, amount: itemsAmount(sub), billingReason: "subscription_cycle" });
      sub.status = "active";
    } else if (typeof p.trial_end === "number") {
      sub.trial_start ??= nowSec();
      sub.trial_end = p.trial_end;
      sub.status = "trialing";
      sub.billing_cycle_anchor = p.trial_end;
      setPeriod(sub, sub.current_period_start, p.trial_end);
    }
    return sub;
  }

  const SubscriptionListParams = z.object({
    ...listParams,
    customer: z.string().optional(),
    price: z.string().optional(),
    status: z.enum([...SUBSCRIPTION_STATUSES, "all", "ended"]).optional(),
  });

  function listSubscriptions(input: FormObject) {
    const p = params(SubscriptionListParams, input);
    const matches = [...subscriptions.values()].filter((s) => {
      if (p.customer !== undefined && s.customer !== p.customer) return false;
      if (p.price !== undefined && !s.items.data.some((it) => it.price.id === p.price)) return false;
      // Without a status Stripe lists every subscription that is not canceled.
      if (p.status === undefined) return s.status !== "canceled";
      if (p.status === "all") return true;
      if (p.status === "ended") return s.status === "canceled";
      return s.status === p.status;
    });
    return list(matches, p, "/v1/subscriptions");
  }

  const InvoiceListParams = z.object({
    ...listParams,
    customer: z.string().optional(),
    subscription: z.string().optional(),
    status: z.enum(["draft", "open", "paid", "uncollectible", "void"]).optional(),
  });

  function listInvoices(input: FormObject) {
    const p = params(InvoiceListParams, input);
    const matches = [...invoices.values()].filter(
      (inv) =>
        (p.customer === undefined || inv.customer === p.customer) &&
        (p.subscription === undefined || inv.subscription === p.subscription) &&
        (p.status === undefined || inv.status === p.status),
    );
    return list(matches, p, "/v1/invoices");
  }

  const PriceListParams = z.object({
    ...listParams,
    active: boolStr.optional(),
    lookup_keys: z.array(z.string()).optional(),
    product: z.string().optional(),
    type: z.enum(["one_time", "recurring"]).optional(),
  });

  function listPrices(input: FormObject) {
    const p = params(PriceListParams, input);
    const matches = [...priceObjects.values()].filter(
      (pr) =>
        (p.active === undefined || pr.active === p.active) &&
        (p.lookup_keys === undefined || (pr.lookup_key !== null && p.lookup_keys.includes(pr.lookup_key))) &&
        (p.product === undefined || pr.product === p.product) &&
        (p.type === undefined || pr.type === p.type),
    );
    return list(matches, p, "/v1/prices");
  }

  function listCustomers(input: FormObject) {
    const p = params(z.object({ ...listParams, email: z.string().optional() }), input);
    const matches = [...customers.values()].filter((c) => p.email === undefined || c.email === p.email);
    return list(matches, p, "/v1/customers");
  }

  function listEvents(input: FormObject) {
    const p = params(z.object({ ...listParams, type: z.string().optional() }), input);
    const matches = [...events.values()].filter((e) => p.type === undefined || e.type === p.type).map((e) => e.body);
    return list(matches, p, "/v1/events");
  }

  function get<T>(map: ReadonlyMap<string, T>, what: string, id: string, input: FormObject): T {
    params(z.object({ expand: expandParam }), input);
    const v = map.get(id);
    if (v === undefined) throw noSuch(what, id, "id", 404);
    return v;
  }

  /** Routes one authenticated /v1 request; `expand[]` is accepted and ignored (ids stay ids). */
  function route(method: string, pathname: string, input: FormObject): object {
    const seg = pathname.split("/").slice(2).map(decodeURIComponent);
    const [a = "", b, c, d] = seg;
    const n = seg.length;
    const isGet = method === "GET";
    const isPost = method === "POST";
    switch (a) {
      case "customers":
        if (n === 1 && isPost) return createCustomer(params(CustomerParams, input));
        if (n === 1 && isGet) return listCustomers(input);
        if (n === 2 && b && isGet) return get(customers, "customer", b, input);
        if (n === 2 && b && isPost) return updateCustomer(b, input);
        break;
      case "prices":
        if (n === 1 && isGet) return listPrices(input);
        if (n === 2 && b && isGet) return get(priceObjects, "price", b, input);
        break;
      case "checkout":
        if (b !== "sessions") break;
        if (n === 2 && isPost) return createCheckoutSession(input);
        if (n === 3 && c && isGet) return get(sessions, "checkout.session", c, input);
        if (n === 4 && c && d === "line_items" && isGet) return checkoutLineItems(c, input);
        break;
      case "billing_portal":
        if (b === "sessions" && n === 2 && isPost) return createPortalSession(input);
        break;
      case "subscriptions":
        if (n === 1 && isGet) return listSubscriptions(input);
        if (n === 2 && b && isGet) return get(subscriptions, "subscription", b, input);
        if (n === 2 && b && isPost) return updateSubscription(b, input);
        if (n === 2 && b && method === "DELETE") {
          const sub = get(subscriptions, "subscription", b, {});
          if (sub.status === "canceled") {
            throw new ApiError(400, `This subscription has already been canceled: '${b}'`, { param: "id" });
          }
          cancelNow(sub);
          return sub;
        }
        break;
      case "invoices":
        if (n === 1 && isGet) return listInvoices(input);
        if (n === 2 && b && isGet) return get(invoices, "invoice", b, input);
        break;
      case "events":
        if (n === 1 && isGet) return listEvents(input);
        if (n === 2 && b && isGet) return get(events, "event", b, input).body;
        break;
    }
    throw new ApiError(
      404,
      `Unrecognized request URL (${method}: ${pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    );
  }

  // --- the hosted pages (Checkout, portal, invoice), for browser tests

  function page(res: ServerResponse, status: number, title: string, inner: string) {
    res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1>${inner}`,
    );
  }

  /** GET /checkout/{id} shows a "Subscribe" form; POSTing it completes the session (as
   *  completeCheckout does) and redirects to success_url with {CHECKOUT_SESSION_ID} filled in. */
  async function hosted(req: IncomingMessage, res: ServerResponse, pathname: string) {
    const [, kind, id = "", extra] = pathname.split("/").map(decodeURIComponent);
    if (kind === "checkout") {
      const s = sessions.get(id);
      if (!s) return page(res, 404, "Checkout session not found", "");
      if (req.method === "POST" && extra === "complete") {
        if (s.status === "open") await completeCheckout(id);
        const target = (s.success_url ?? `${baseUrl}/checkout/${id}`).replaceAll("{CHECKOUT_SESSION_ID}", id);
        res.writeHead(303, { Location: target });
        return res.end();
      }
      const cancel = s.cancel_url ? `<a id="cancel" href="${escapeHtml(s.cancel_url)}">Back</a>` : "";
      const form =
        s.status === "open"
          ? `<form method="post" action="/checkout/${escapeHtml(id)}/complete"><button id="subscribe">Subscribe</button></form>`
          : `<p id="status">${s.status}</p>`;
      return page(res, 200, "Fake Stripe Checkout", `<p>${escapeHtml(id)}</p>${form}${cancel}`);
    }
    if (kind === "portal") {
      const s = portalSessions.get(id);
      if (!s) return page(res, 404, "Portal session not found", "");
      const back = s.return_url ? `<a id="return" href="${escapeHtml(s.return_url)}">Return</a>` : "";
      return page(res, 200, "Fake Stripe billing portal", `<p>${escapeHtml(s.customer)}</p>${back}`);
    }
    if (kind === "invoice") {
      const inv = invoices.get(id);
      if (!inv) return page(res, 404, "Invoice not found", "");
      if (extra === "pdf") {
        res.writeHead(200, { "Content-Type": "application/pdf" });
        return res.end(`%PDF-1.4\n% fake invoice ${inv.number}\n`);
      }
      return page(res, 200, `Invoice ${inv.number}`, `<p>${inv.status} ${inv.amount_due} ${inv.currency}</p>`);
    }
    return page(res, 404, "Not found", "");
  }

  // --- HTTP

  function sendJson(res: ServerResponse, status: number, body: string, extraHeaders: Record<string, string> = {}) {
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Request-Id": `req_${randomAlnum(14)}`,
      "Stripe-Version": Stripe.API_VERSION,
      ...extraHeaders,
    });
    res.end(body);
  }

  function takeFault(pathname: string): "500" | "timeout" | undefined {
    const i = faults.findIndex((f) => f.remaining > 0 && pathname.startsWith(f.prefix));
    const f = faults[i];
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) faults.splice(i, 1);
    return f.kind;
  }

  /** Stripe takes the secret key as Bearer (what the SDK sends) or as the user of Basic auth. */
  function apiKeyOf(header: string | undefined): string | undefined {
    if (!header) return undefined;
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    if (bearer) return bearer[1];
    const basic = /^Basic\s+(\S+)$/i.exec(header);
    if (basic)
      return Buffer.from(basic[1] ?? "", "base64")
        .toString("utf8")
        .split(":")[0];
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const method = req.method ?? "";
    const url = new URL(req.url ?? "/", "http://x");
    const query = Object.fromEntries(url.searchParams);
    const key = apiKeyOf(req.headers.authorization);
    const idempotencyHeader = req.headers["idempotency-key"];
    const idempotencyKey = typeof idempotencyHeader === "string" ? idempotencyHeader : undefined;
    let body: unknown = {};
    let input: FormObject = {};
    let formError: string | undefined;
    try {
      const fromQuery = parseStripeForm(url.search.slice(1));
      const fromBody = parseStripeForm(raw);
      body = fromBody;
      input = { ...fromQuery, ...fromBody };
    } catch (err) {
      body = raw;
      formError = err instanceof Error ? err.message : String(err);
    }
    requests.push({
      method,
      path: url.pathname,
      body,
      query,
      authorized: key === secretKey,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    });

    const fault = takeFault(url.pathname);
    if (fault === "timeout") {
      // Never answer; close() tears the socket down.
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (fault === "500") {
      return sendJson(
        res,
        500,
        JSON.stringify({ error: { type: "api_error", message: "An unknown error occurred (fake Stripe failNext)." } }),
      );
    }
    if (!url.pathname.startsWith("/v1/")) return hosted(req, res, url.pathname);

    const reply = (e: ApiError) => sendJson(res, e.status, JSON.stringify(e));
    if (key === undefined) {
      return reply(
        new ApiError(
          401,
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        ),
      );
    }
    if (key !== secretKey) return reply(new ApiError(401, `Invalid API Key provided: ${redactKey(key)}`));
    if (raw !== "" && !/^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? "")) {
      return reply(
        new ApiError(400, "Invalid request: Stripe's v1 API takes application/x-www-form-urlencoded bodies."),
      );
    }
    if (formError !== undefined) return reply(new ApiError(400, formError));

    // A POST repeated with the same Idempotency-Key gets the first answer again; with other
    // parameters it is refused.
    const fingerprint = `${method} ${url.pathname}?${url.search}\n${raw}`;
    if (method === "POST" && idempotencyKey !== undefined) {
      const seen = idempotent.get(idempotencyKey);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          return reply(
            new ApiError(
              400,
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
              { type: "idempotency_error" },
            ),
          );
        }
        return sendJson(res, seen.status, seen.body, {
          "Idempotent-Replayed": "true",
          "Idempotency-Key": idempotencyKey,
        });
      }
    }
    let status = 200;
    let text: string;
    try {
      text = JSON.stringify(route(method, url.pathname, input));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      status = err.status;
      text = JSON.stringify(err);
    }
    // Stripe keeps the answer for the key unless the request failed on its side (5xx).
    if (method === "POST" && idempotencyKey !== undefined)
      idempotent.set(idempotencyKey, { fingerprint, status, body: text });
    sendJson(res, status, text, idempotencyKey !== undefined ? { "Idempotency-Key": idempotencyKey } : {});
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks).toString("utf8")).catch((err: unknown) => {
        if (!res.headersSent) {
          sendJson(
            res,
            500,
            JSON.stringify({ error: { type: "api_error", message: `fake Stripe crashed: ${String(err)}` } }),
          );
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("fake Stripe: no TCP address");
  baseUrl = `http://${host}:${address.port}`;

  return {
    secretKey,
    webhookSecret,
    host,
    port: address.port,
    baseUrl,
    prices: priceIds,
    requests,
    deliveries,
    priceObjects,
    customers,
    sessions,
    checkoutRequests,
    portalSessions,
    subscriptions,
    invoices,
    events,
    completeCheckout,
    failInvoice,
    payInvoice,
    endTrial,
    cancelSubscription,
    changePlan,
    event: buildEvent,
    deliver,
    setSubscriptionStatus(id, status) {
      requireSub(id).status = status;
    },
    failNext(times, kind, pathPrefix = "/v1/") {
      faults.push({ remaining: times, kind, prefix: pathPrefix });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of hanging) res.socket?.destroy();
        hanging.clear();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
