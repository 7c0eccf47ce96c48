// The orders back office in Chromium against a real platform: a shopper orders a product of the
// fresh-food template through the storefront API (development sign-in, cart, address, order under an
// Idempotency-Key, development payment); the owner finds it in the list under 待发货, opens it, ships
// it with a carrier and tracking number, sees it 已发货, and the merchant API has the shipment.
import {
  ZMerchantOrder,
  ZMerchantOrderList,
  ZOrder,
  ZPayOrderResponse,
  ZProduct,
  ZProductPage,
} from "@mallwright/schema";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type E2E, startE2E } from "./harness.ts";

let e: E2E;

beforeAll(async () => {
  e = await startE2E();
});

afterAll(async () => {
  await e?.close();
});

/** GET on the merchant API with the page's own session (the browser context shares its cookie). */
async function merchantGet<T>(page: Page, path: string, schema: z.ZodType<T>): Promise<T> {
  const res = await page.context().request.get(`${e.origin}/merchant/v1${path}`);
  expect(res.status(), `GET /merchant/v1${path}`).toBe(200);
  return schema.parse(await res.json());
}

/** A call on the storefront API as the mini-program makes it: the store by header, the shopper by token. */
async function storeCall<T>(
  path: string,
  schema: z.ZodType<T>,
  { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const res = await fetch(`${e.origin}/store/v1${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-mallwright-tenant": e.tenant.key,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  expect(res.ok, `POST /store/v1${path}: ${res.status} ${text}`).toBe(true);
  return schema.parse(JSON.parse(text));
}

/** A paid express order of one unit of `skuId`, placed by a new development shopper. */
async function paidOrder(skuId: string) {
  const { token } = await storeCall("/auth/wechat", z.object({ token: z.string() }), {
    body: { code: "dev:e2e-orders" },
  });
  await storeCall("/cart/items", z.unknown(), { token, body: { skuId, quantity: 2 } });
  await storeCall("/addresses", z.unknown(), {
    token,
    body: {
      recipient: "王小明",
      phone: "13800138000",
      province: "浙江省",
      city: "杭州市",
      district: "西湖区",
      detail: "文三路 90 号",
    },
  });
  const order = await storeCall("/orders", ZOrder, {
    token,
    headers: { "idempotency-key": `e2e-orders-${Date.now()}` },
    body: { delivery: "express" },
  });
  const paid = await storeCall(`/orders/${order.id}/pay`, ZPayOrderResponse, { token });
  expect(paid.order.status).toBe("paid");
  return paid.order;
}

describe("orders", () => {
  it("lists a paid order under 待发货, ships it from its page, and the API has the shipment", async () => {
    const page = await e.newPage();
    await e.login(page, e.owner.email, e.owner.password);
    const products = await merchantGet(page, "/products?status=on_shelf&limit=20", ZProductPage);
    const listed = products.items.find((p) => p.stockTotal >= 2);
    expect(listed, "an on-shelf product of the template with stock").toBeDefined();
    const product = await merchantGet(page, `/products/${listed?.id}`, ZProduct);
    const sku = product.skus.find((s) => s.stock >= 2);
    expect(sku, "a SKU with stock").toBeDefined();
    const order = await paidOrder(sku?.id ?? "");

    // The list: the 待发货 tab counts it, and its row shows the order.
    await page.locator("nav").getByRole("link", { name: "订单" }).click();
    await page.waitForURL(/\/orders$/);
    await page.getByRole("tab", { name: /待发货/ }).click();
    const row = page.locator("table.orders tbody tr", { hasText: order.number });
    await row.waitFor({ timeout: 15_000 });
    expect(
      await page
        .getByRole("tab", { name: /待发货/ })
        .locator(".count")
        .textContent(),
    ).toBe("1");
    expect(await row.textContent()).toContain(product.title);
    expect(await row.textContent()).toContain("王小明");
    expect(await row.locator(".badge").textContent()).toBe("待发货");

    // The order's page: ship it with 顺丰速运 and a tracking number.
    await row.getByRole("link", { name: order.number }).click();
    await page.waitForURL(new RegExp(`/orders/${order.id}$`));
    await page.getByText("13800138000").waitFor();
    await page.getByLabel("快递公司").selectOption("顺丰速运");
    await page.getByLabel("运单号").fill("SF1234567890");
    await page.getByRole("button", { name: "发货", exact: true }).click();
    await page
      .locator("[data-sonner-toast]", { hasText: `订单 ${order.number} 已发货` })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.locator(".page-header .badge", { hasText: "已发货" }).waitFor();
    await page.locator("ol.timeline li", { hasText: "待发货 → 已发货" }).waitFor();
    expect(await page.getByRole("button", { name: "发货", exact: true }).count()).toBe(0);

    const shipped = await merchantGet(page, `/orders/${order.id}`, ZMerchantOrder);
    expect(shipped).toMatchObject({ status: "shipped", carrier: "顺丰速运", trackingNo: "SF1234567890" });
    expect(shipped.shippedAt).not.toBeNull();
    const list = await merchantGet(page, "/orders?status=shipped", ZMerchantOrderList);
    expect(list.items.map((o) => o.id)).toContain(order.id);

    await expect.poll(() => page.locator("[data-sonner-toast]").count(), { timeout: 15_000 }).toBe(0);
    await e.screenshot(page, "orders");

    // The list again: export what it shows as CSV, follow the job, download the file.
    await page.locator("nav").getByRole("link", { name: "订单" }).click();
    await page.waitForURL(/\/orders$/);
    await page.getByRole("button", { name: "导出订单" }).click();
    const download = page.getByRole("link", { name: /下载 CSV（\d+ 行）/ });
    // The test platform runs jobs when told (a deployment's relay runs them on its own).
    await expect
      .poll(
        async () => {
          await e.platform.flushJobs();
          return download.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await e.screenshot(page, "orders-export");
    const href = (await download.getAttribute("href")) ?? "";
    const csv = await page.evaluate(async (url) => (await fetch(url, { credentials: "same-origin" })).text(), href);
    expect(csv).toContain("订单号,下单时间,状态");
    expect(csv).toContain(`${order.number},`);
    expect(csv).toContain("顺丰速运,SF1234567890");
    expect(e.errorsOf(page).filter((x) => x !== "http 401 GET /merchant/v1/me")).toEqual([]);
  });
});
