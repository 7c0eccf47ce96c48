// The real client end to end: the platform on PostgreSQL (the platform tests' harness, on a template
// database of this file's own), served over loopback; a tenant provisioned from the fashion template;
// the built home, product, cart and checkout pages under miniprogram-simulate with a `wx` whose
// request is real HTTP to that server. The shopper signs in through POST /store/v1/auth/wechat with a
// `dev:<name>` code; the development payment provider pays at once (wx.requestPayment is never
// called); the order is then read, paid, through the merchant API.
// In Node's environment (the platform's modules need Node's module transform: jsdom's rewrites
// new URL(..., import.meta.url)), with jsdom's globals set up here for miniprogram-simulate.
// @vitest-environment node
import type { AddressInfo } from "node:net";
import { URL as NodeURL, URLSearchParams as NodeURLSearchParams } from "node:url";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinEnvironments } from "vitest/runtime";
import type * as RuntimeModule from "../src/core/runtime.ts";
import { createFakeWx, type FakeAnswer, type FakeRequest, type FakeWx, settle } from "./fake-wx.ts";
import type * as SimulateModule from "./simulate.ts";
import type { SimulatedComponent } from "./simulate.ts";

// The platform's test code, reached by path (it belongs to the platform's TypeScript project).
interface CallResult {
  status: number;
  body: Record<string, unknown>;
}
interface Harness {
  app: { fetch: (req: Request) => Response | Promise<Response> };
  admin: unknown;
  db: unknown;
  env: Record<string, unknown>;
  call(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<CallResult>;
  login(audience: "merchant", email: string, tenant: string): Promise<string>;
  close(): Promise<void>;
}
const PLATFORM = "../../platform/src";
const load = <T>(path: string): Promise<T> => import(/* @vite-ignore */ `${PLATFORM}/${path}`) as Promise<T>;

const TENANT = `buy-${Math.random().toString(36).slice(2, 8)}`;
const OWNER = `owner@${TENANT}.test`;

let h: Harness;
let server: ReturnType<typeof serve>;
let apiBase = "";
let ownerToken = "";
let dropTemplate: (() => Promise<void>) | null = null;

let sim: typeof SimulateModule;
let teardownDom: (() => unknown) | null = null;

beforeAll(async () => {
  const dom = await builtinEnvironments.jsdom.setup(globalThis, {});
  teardownDom = () => dom.teardown(globalThis);
  // jsdom's URL resolves file: URLs against http://localhost: the platform finds its files
  // (migrations, templates) with new URL(..., import.meta.url), so Node's URL stays.
  globalThis.URL = NodeURL as unknown as typeof URL;
  globalThis.URLSearchParams = NodeURLSearchParams as unknown as typeof URLSearchParams;
  sim = await import("./simulate.ts");
  // A template database of this file's own: the runtime project has no platform global setup, and
  // the server project's template (same run) must not be touched.
  process.env.TEST_TEMPLATE_DB = `mw_tpl_runtime_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const database = await load<{ prepareTemplate(): Promise<void>; dropTemplate(): Promise<void> }>("test/database.ts");
  await database.prepareTemplate();
  dropTemplate = database.dropTemplate;
  const { startHarness, PASSWORD } = await load<{ startHarness(): Promise<Harness>; PASSWORD: string }>(
    "test/harness.ts",
  );
  const { provisionTenant } = await load<{
    provisionTenant(admin: unknown, env: unknown, input: Record<string, unknown>, deps: unknown): Promise<unknown>;
  }>("services/platform/provision-tenant.ts");
  const { upsertUserWithPassword } = await load<{
    upsertUserWithPassword(admin: unknown, email: string, password: string): Promise<unknown>;
  }>("services/platform/create-admin.ts");
  const { createStorage } = await load<{ createStorage(env: unknown): unknown }>("integrations/storage/index.ts");

  h = await startHarness();
  await upsertUserWithPassword(h.admin, OWNER, PASSWORD);
  await provisionTenant(
    h.admin,
    h.env,
    { name: "山野衣橱", key: TENANT, ownerEmail: OWNER, plan: "growth", template: "fashion" },
    { db: h.db, env: h.env, storage: createStorage(h.env) },
  );
  ownerToken = await h.login("merchant", OWNER, TENANT);
  server = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await h?.close();
  await dropTemplate?.();
  await teardownDom?.();
}, 60_000);

/** wx.request as real HTTP: what the request layer hands wx goes over loopback as it would from a phone. */
async function overHttp(req: FakeRequest): Promise<FakeAnswer> {
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.header,
      ...(req.data !== undefined ? { body: JSON.stringify(req.data) } : {}),
    });
    const text = await res.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : "";
    } catch {}
    const header: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      header[k] = v;
    });
    return { statusCode: res.status, data, header };
  } catch (err) {
    return { fail: String(err) };
  }
}

async function waitFor(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await settle(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function open(path: string, query: Record<string, string> = {}, show = false): Promise<SimulatedComponent> {
  const comp = sim.simulate.render(sim.loadComponent(path));
  comp.attach(document.createElement("parent-wrapper") as never);
  (comp.instance.onLoad as (q: Record<string, string>) => void)(query);
  if (show) (comp.instance.onShow as () => void)();
  return comp;
}

const call = async (comp: SimulatedComponent, method: string, dataset: Record<string, string> = {}) => {
  await (comp.instance[method] as (e: unknown) => unknown)({ currentTarget: { dataset }, detail: {} });
};

describe("buying through the mini-program against the real platform", () => {
  let fake: FakeWx;

  it("home -> product -> cart -> checkout -> paid order, visible to the merchant", async () => {
    fake = createFakeWx({ handler: overHttp, ext: { tenantKey: TENANT, apiBase, devShopper: "buyer" } });
    const runtime = sim.distRequire<typeof RuntimeModule>("core/runtime.js");
    runtime.setRuntime(runtime.createRuntime(fake.wx));

    // Home: the template's published home page.
    const home = await open("pages/home/index");
    await waitFor("the home page", () => home.data.status !== "loading");
    expect(home.data.status).toBe("ready");

    // A product of the template with a SKU matrix (found the way the category page lists them).
    const list = await runtime
      .getRuntime()
      .api.get<{ items: { id: string; stockState: string }[] }>("/store/v1/products", {
        query: { limit: 20, inStock: "true" },
      });
    const productId = list.items[0]?.id ?? "";
    expect(productId).not.toBe("");

    const product = await open("pkg-shop/pages/product/index", { id: productId });
    await waitFor("the product", () => product.data.status !== "loading");
    expect(product.data.status).toBe("ready");
    await call(product, "onOpenSheet", { mode: "cart" });
    // Choose the first value still possible in each dimension, tapping the rendered picker.
    const dims = product.data.dims as { values: { value: string; cls: string }[] }[];
    for (let i = 0; i < dims.length; i++) {
      const values = (product.data.dims as typeof dims)[i]?.values ?? [];
      const choice = values.find((v) => v.cls !== "value-off");
      if (!choice) throw new Error("no value to choose");
      if (choice.cls === "value-on") continue;
      const el = product.querySelectorAll(".value").find((v) => v.dom.textContent?.trim() === choice.value);
      el?.dispatchEvent("tap");
      await settle(2);
    }
    expect(product.data.canConfirm).toBe(true);
    await call(product, "onConfirm");
    await waitFor("the cart add", () => fake.toasts.includes("已加入购物车"));
    // The real sign-in happened through the development login.
    expect(fake.requests.some((r) => r.url.endsWith("/store/v1/auth/wechat"))).toBe(true);

    // Cart: one line; one more of it (PATCH through X-HTTP-Method-Override).
    const cart = await open("pages/cart/index", {}, true);
    await waitFor("the cart", () => cart.data.status !== "loading");
    expect(cart.data.status).toBe("ready");
    const lines = () => cart.data.lines as { id: string; quantity: number }[];
    expect(lines()).toHaveLength(1);
    const lineId = lines()[0]?.id ?? "";
    await call(cart, "onQuantity", { id: lineId, step: "1" });
    await waitFor("the quantity change", () => lines()[0]?.quantity === 2);
    expect(cart.data.count).toBe(2);
    await call(cart, "onCheckout");
    expect(fake.navigations.at(-1)?.url).toBe("/pkg-order/pages/checkout/index");

    // Checkout: no address yet, one added inline, then submit and pay.
    const checkout = await open("pkg-order/pages/checkout/index");
    await waitFor("the preview", () => checkout.data.status !== "loading");
    expect(checkout.data.status).toBe("ready");
    await call(checkout, "onPickAddress");
    const form = {
      recipient: "张三",
      phone: "13800138000",
      province: "浙江省",
      city: "杭州市",
      district: "西湖区",
      detail: "文三路 100 号",
    };
    for (const [field, value] of Object.entries(form)) {
      (checkout.instance.onInput as (e: unknown) => void)({ currentTarget: { dataset: { field } }, detail: { value } });
    }
    await call(checkout, "onSaveAddress");
    await waitFor("a submittable preview", () => checkout.data.canSubmit === true);
    await call(checkout, "onSubmit");
    await waitFor("the order page", () => fake.navigations.some((n) => n.kind === "redirectTo"));
    const to = fake.navigations.find((n) => n.kind === "redirectTo")?.url ?? "";
    const orderId = /id=([0-9a-f-]+)/.exec(to)?.[1] ?? "";
    expect(orderId).not.toBe("");
    expect(fake.payments).toEqual([]);
    const submit = fake.requests.find((r) => r.url.endsWith("/store/v1/orders") && r.method === "POST");
    expect(submit?.header["Idempotency-Key"]).toBeTruthy();
    expect(fake.toasts.filter((t) => t !== "已加入购物车")).toEqual([]);

    // The merchant sees it paid.
    const merchant = await h.call("GET", `/merchant/v1/orders/${orderId}`, { token: ownerToken });
    expect(merchant.status).toBe(200);
    expect(merchant.body.status).toBe("paid");
    expect(merchant.body.total).toBe(Number((checkout.data.total as string).replace(".", "")));
  }, 90_000);
});
