// WeChat Pay settings in Chromium against a real platform: a platform admin opens the store's WeChat
// dialog on the tenants screen, sets its sub-merchant number, mini-program appid and 已开通, saves, and
// the API has them; the store's owner then sees them, read-only, in the store settings, with the daily
// reconciliations (one run with a difference, seeded as the bill job writes them). Then two orders as
// WeChat Pay leaves them (this platform has no WeChat Pay, so the payment rows are written here): a
// shipped one whose shipping-info upload failed, uploaded again from its page, and a cancelled one
// whose payment came late and is being refunded.
import { ZMerchantOrder, ZOrder, ZPayOrderResponse, ZProduct, ZProductPage, ZTenantWechat } from "@mallwright/schema";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type E2E, startE2E } from "./harness.ts";

let e: E2E;
/** The payment the seeded bill run says the bill lacks. */
let missingRef = "";

/** The China day `daysAgo` days before today, as the bill job dates its runs. */
function chinaDay(daysAgo: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  e = await startE2E();
  const tenantId = e.tenant.id;
  missingRef = `MW${chinaDay(1).replaceAll("-", "")}0007`;
  await e.platform.db.withTenant(tenantId, async (tx) => {
    await tx.billRun.create({
      data: {
        tenantId,
        billDate: new Date(`${chinaDay(1)}T00:00:00Z`),
        status: "differences",
        billRows: 3,
        matched: 2,
        differences: 1,
        billTotal: 15800,
        refundTotal: 2000,
        items: {
          create: [{ kind: "missing_in_bill", entry: "payment", ref: missingRef, ours: 3900, theirs: null }],
        },
      },
    });
    await tx.billRun.create({
      data: {
        tenantId,
        billDate: new Date(`${chinaDay(2)}T00:00:00Z`),
        status: "matched",
        billRows: 4,
        matched: 4,
        billTotal: 25600,
        refundTotal: 0,
      },
    });
    await tx.billRun.create({
      data: { tenantId, billDate: new Date(`${chinaDay(3)}T00:00:00Z`), status: "no_bill" },
    });
  });
});

afterAll(async () => {
  await e?.close();
});

/** The page's problems, less the session probe every signed-out page makes first. */
const problems = (page: Page) =>
  e.errorsOf(page).filter((x) => !/^http 401 GET \/(merchant|platform)\/v1\/me$/.test(x));

/** A call on the storefront API as the mini-program makes it. */
async function storeCall<T>(path: string, schema: z.ZodType<T>, token?: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${e.origin}/store/v1${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-mallwright-tenant": e.tenant.key,
      "idempotency-key": `e2e-wechat-${path}-${Math.random()}`,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.ok, `POST /store/v1${path}: ${res.status} ${text}`).toBe(true);
  return schema.parse(JSON.parse(text));
}

/** An express order of one unit of `skuId` by a development shopper. */
async function placeOrder(skuId: string) {
  const { token } = await storeCall("/auth/wechat", z.object({ token: z.string() }), undefined, {
    code: "dev:e2e-wechat",
  });
  await storeCall("/cart/items", z.unknown(), token, { skuId, quantity: 1 });
  await storeCall("/addresses", z.unknown(), token, {
    recipient: "李小红",
    phone: "13900139000",
    province: "上海市",
    city: "上海市",
    district: "徐汇区",
    detail: "漕溪北路 1 号",
  });
  const order = await storeCall("/orders", ZOrder, token, { delivery: "express" });
  return { token, order };
}

async function noToasts(page: Page) {
  await expect.poll(() => page.locator("[data-sonner-toast]").count(), { timeout: 15_000 }).toBe(0);
}

describe("WeChat Pay settings", () => {
  it("a platform admin sets a store's sub-merchant and appid; its owner sees them in the store settings", async () => {
    const admin = await e.newPage();
    await admin.goto("/admin/login");
    await admin.locator('input[type="email"]').fill(e.admin.email);
    await admin.locator('input[type="password"]').fill(e.admin.password);
    await admin.locator('button[type="submit"]').click();
    await admin.waitForURL("**/admin/tenants", { timeout: 30_000 });

    // The platform's own setup: this test platform has neither WeChat Pay nor a third-party platform.
    const setup = admin.getByRole("region", { name: "平台微信配置" });
    await setup.getByText("微信支付服务商").waitFor();
    expect(await setup.locator(".badge").allTextContents()).toEqual(["未配置", "未配置"]);
    await e.screenshot(admin, "admin-wechat-platform");

    const row = admin.locator("tbody tr", { hasText: e.tenant.key });
    await row.getByRole("button", { name: `「${e.tenant.name}」的微信支付` }).click();
    const dialog = admin.getByRole("dialog", { name: `微信支付 · ${e.tenant.name}` });
    await dialog.getByRole("table", { name: "每日对账" }).waitFor();
    expect(await dialog.getByRole("table", { name: "每日对账" }).locator("tbody tr").count()).toBe(3);

    await dialog.getByLabel(/特约商户号/).fill("1900000109");
    await dialog.getByLabel(/小程序 AppID/).fill("wx0123456789abcdef");
    await dialog.getByLabel(/进件状态/).selectOption("active");
    await dialog.getByLabel(/备注/).fill("资料齐全，已开通");
    await dialog.getByRole("button", { name: "保存", exact: true }).click();
    await admin
      .locator("[data-sonner-toast]", { hasText: `已保存「${e.tenant.name}」的微信支付设置` })
      .first()
      .waitFor({ timeout: 15_000 });
    await dialog.locator(".badge", { hasText: "已开通" }).waitFor();
    expect(await dialog.getByRole("button", { name: "保存", exact: true }).isDisabled()).toBe(true);

    const res = await admin.context().request.get(`${e.origin}/platform/v1/tenants/${e.tenant.id}/wechat`);
    expect(res.status()).toBe(200);
    expect(ZTenantWechat.parse(await res.json())).toMatchObject({
      subMchid: "1900000109",
      subAppid: "wx0123456789abcdef",
      onboardingStatus: "active",
      onboardingNote: "资料齐全，已开通",
      authorized: false,
    });
    await noToasts(admin);
    await e.screenshot(admin, "admin-wechat");
    expect(problems(admin)).toEqual([]);

    // The owner: store settings, WeChat Pay section, read-only.
    const owner = await e.newPage();
    await e.login(owner, e.owner.email, e.owner.password);
    await owner.locator("nav").getByRole("link", { name: "店铺设置" }).click();
    await owner.waitForURL(/\/settings$/);
    const section = owner.getByRole("region", { name: "微信支付" });
    await section
      .locator(".notice", { hasText: "已开通：顾客可以在小程序中用微信支付付款" })
      .waitFor({ timeout: 15_000 });
    expect(await section.locator("code").allTextContents()).toEqual(
      expect.arrayContaining(["1900000109", "wx0123456789abcdef"]),
    );
    expect(await section.getByText("资料齐全，已开通").count()).toBe(1);
    const runs = section.getByRole("table", { name: "每日对账" });
    expect(await runs.locator("tbody tr .badge").allTextContents()).toEqual(["有差异", "一致", "无账单"]);
    expect(await runs.locator("tbody tr").first().textContent()).toContain(`本店有记录，账单无 · 付款 ${missingRef}`);
    expect(await section.locator("input, select, textarea, button").count()).toBe(0);
    await section.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await e.screenshot(owner, "store-wechat");
    expect(problems(owner)).toEqual([]);
  });

  it("an order paid with WeChat Pay: a failed shipping-info upload sent again; a late payment refunded", async () => {
    const page = await e.newPage();
    await e.login(page, e.owner.email, e.owner.password);
    const get = async <T>(path: string, schema: z.ZodType<T>) => {
      const res = await page.context().request.get(`${e.origin}/merchant/v1${path}`);
      expect(res.status(), path).toBe(200);
      return schema.parse(await res.json());
    };
    const products = await get("/products?status=on_shelf&limit=20", ZProductPage);
    const listed = products.items.find((p) => p.stockTotal >= 2);
    const sku = (await get(`/products/${listed?.id}`, ZProduct)).skus.find((s) => s.stock >= 2);
    expect(sku, "a SKU of the template with stock").toBeDefined();

    // Shipped, paid with WeChat Pay, and WeChat never took the shipping info.
    const first = await placeOrder(sku?.id ?? "");
    await storeCall(`/orders/${first.order.id}/pay`, ZPayOrderResponse, first.token);
    const tenantId = e.tenant.id;
    await e.platform.db.withTenant(tenantId, async (tx) => {
      await tx.order.update({
        where: { id: first.order.id },
        data: {
          status: "shipped",
          shippedAt: new Date(),
          carrier: "顺丰速运",
          trackingNo: "SF1234567890",
          paymentProvider: "wechat",
          shippingUploadStatus: "failed",
          shippingUploadError: "WeChat did not answer; retry from the order",
        },
      });
      await tx.payment.create({
        data: {
          tenantId,
          orderId: first.order.id,
          provider: "wechat",
          outTradeNo: first.order.number,
          subMchid: "1900000109",
          subAppid: "wx0123456789abcdef",
          openid: "o-e2e-wechat",
          amount: first.order.total,
          status: "paid",
          transactionId: "4200002026120112345678",
          paidAt: new Date(),
        },
      });
    });
    await page.goto(`/orders/${first.order.id}`);
    const failure = page.locator(".notice.danger", { hasText: "发货信息上传微信失败" });
    await failure.waitFor({ timeout: 15_000 });
    expect(await failure.textContent()).toContain("WeChat did not answer; retry from the order");
    await page.getByText("4200002026120112345678").waitFor();
    await e.screenshot(page, "order-wechat-upload-failed");
    await failure.getByRole("button", { name: "重新上传" }).click();
    await page
      .locator("[data-sonner-toast]", { hasText: `已重新提交订单 ${first.order.number} 的发货信息` })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.locator(".badge", { hasText: "待上传" }).waitFor();
    expect(await failure.count()).toBe(0);
    expect((await get(`/orders/${first.order.id}`, ZMerchantOrder)).shippingUpload?.status).toBe("pending");

    // Cancelled unpaid, then the money arrived: refunded in full by the platform.
    const second = await placeOrder(sku?.id ?? "");
    await storeCall(`/orders/${second.order.id}/cancel`, z.unknown(), second.token);
    await e.platform.db.withTenant(tenantId, async (tx) => {
      await tx.order.update({ where: { id: second.order.id }, data: { paymentProvider: "wechat" } });
      await tx.payment.create({
        data: {
          tenantId,
          orderId: second.order.id,
          provider: "wechat",
          outTradeNo: second.order.number,
          subMchid: "1900000109",
          subAppid: "wx0123456789abcdef",
          openid: "o-e2e-wechat",
          amount: second.order.total,
          status: "refunded_late",
          transactionId: "4200002026120187654321",
          paidAt: new Date(),
          late: true,
        },
      });
      await tx.refund.create({
        data: {
          tenantId,
          orderId: second.order.id,
          outRefundNo: `${second.order.number}-R1`,
          amount: second.order.total,
          reason: "late payment",
          status: "processing",
        },
      });
    });
    await page.goto(`/orders/${second.order.id}`);
    await page
      .locator(".notice.warn", { hasText: "订单取消后才收到付款，已自动全额退款" })
      .waitFor({ timeout: 15_000 });
    await page.getByRole("list", { name: "退款记录" }).getByText("退款中").waitFor();
    await noToasts(page);
    await e.screenshot(page, "order-wechat-late");
    expect(problems(page)).toEqual([]);
  });
});
