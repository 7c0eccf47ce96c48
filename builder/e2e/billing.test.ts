// Plans and billing in Chromium against a real platform without Stripe: the owner's billing page on
// the provisioning trial (usage bars, plan cards, nothing to buy: plans come from the operator); a
// platform admin extends the trial and comps the Pro plan in the store's billing dialog, and reads
// both in the store's audit log; the owner sees the comp. Then the store as Stripe would leave it
// with a failed payment (this platform has no Stripe, so the subscription row is written here and
// re-derived as the webhook job does): the past-due banner on every page, and suspended after grace.
import { ZBilling, ZTenantBillingDetail } from "@mallwright/schema";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshBilling } from "../../platform/src/services/billing/billing-state.ts";
import { type E2E, startE2E } from "./harness.ts";

let e: E2E;

beforeAll(async () => {
  e = await startE2E();
});

afterAll(async () => {
  await e?.close();
});

/** The page's problems, less the session probe every signed-out page makes first. */
const problems = (page: Page) =>
  e.errorsOf(page).filter((x) => !/^http 401 GET \/(merchant|platform)\/v1\/me$/.test(x));

/** A day `days` from today in China, as a date input takes it. */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function noToasts(page: Page) {
  await expect.poll(() => page.locator("[data-sonner-toast]").count(), { timeout: 15_000 }).toBe(0);
}

async function adminPage(): Promise<Page> {
  const admin = await e.newPage();
  await admin.goto("/admin/login");
  await admin.locator('input[type="email"]').fill(e.admin.email);
  await admin.locator('input[type="password"]').fill(e.admin.password);
  await admin.locator('button[type="submit"]').click();
  await admin.waitForURL("**/admin/tenants", { timeout: 30_000 });
  return admin;
}

describe("plans and billing", () => {
  it("the owner sees the trial, usage and plans; plans come from the operator without Stripe", async () => {
    const page = await e.newPage();
    await e.login(page, e.owner.email, e.owner.password);
    await page.locator("nav").getByRole("link", { name: "套餐与账单" }).click();
    await page.waitForURL(/\/billing$/);
    const current = page.getByRole("region", { name: "当前套餐" });
    await current.getByText("试用中").waitFor({ timeout: 15_000 });
    expect(await current.locator(".plan-name").textContent()).toBe("成长版");
    expect(await current.locator(".notice").first().textContent()).toMatch(/^试用还剩 1[34] 天/);
    await page.getByText("本平台未开通在线付款：套餐由平台运营方分配").waitFor();

    // Usage of the fresh-food template against the growth plan.
    const usage = page.getByRole("list", { name: "用量" });
    expect(await usage.locator(".usage-label").allTextContents()).toEqual([
      "商品",
      "页面",
      "员工（含待接受邀请）",
      "素材空间",
      "本月订单",
    ]);
    expect(await usage.locator(".usage-figures").nth(0).textContent()).toMatch(/^\d+ \/ 5,000$/);
    expect(await usage.locator(".usage-figures").nth(3).textContent()).toMatch(/ \/ 10 GB$/);

    // The plans: growth marked current; nothing to buy without Stripe.
    const growth = page.getByRole("article", { name: "成长版" });
    expect(await growth.getAttribute("class")).toContain("current");
    expect(await growth.locator(".plan-price").textContent()).toBe("¥99/月");
    for (const name of ["免费版", "成长版", "专业版"]) {
      expect(await page.getByRole("article", { name }).getByRole("button").isDisabled()).toBe(true);
    }
    await page.getByRole("radio", { name: "按年" }).click();
    expect(await page.getByRole("article", { name: "专业版" }).locator(".plan-price").textContent()).toBe("¥2,990/年");
    await page.getByRole("radio", { name: "按月" }).click();
    expect(await page.getByRole("button", { name: "管理账单" }).count()).toBe(0);
    expect(await page.locator(".billing-banner").count()).toBe(0);

    const res = await page.context().request.get(`${e.origin}/merchant/v1/billing`);
    expect(ZBilling.parse(await res.json())).toMatchObject({
      plan: "growth",
      status: "trialing",
      stripeConfigured: false,
    });
    await noToasts(page);
    await e.screenshot(page, "billing");
    expect(problems(page)).toEqual([]);
  });

  it("a platform admin extends the trial and comps Pro; the audit log has both; the owner sees the comp", async () => {
    const admin = await adminPage();
    const row = admin.locator("tbody tr", { hasText: e.tenant.key });
    await row.locator(".badge", { hasText: "试用中" }).waitFor();
    expect(await row.locator("td.num").count()).toBe(4);

    await row.getByRole("button", { name: `「${e.tenant.name}」的账单` }).click();
    const dialog = admin.getByRole("dialog", { name: `账单 · ${e.tenant.name}` });
    const trial = dialog.getByRole("form", { name: "延长试用" });
    await trial.waitFor({ timeout: 15_000 });
    await trial.getByLabel(/^天数/).fill("7");
    await trial.getByLabel(/^原因/).fill("还在装修店铺");
    await trial.getByRole("button", { name: "延长试用" }).click();
    await admin
      .locator("[data-sonner-toast]", { hasText: `已为「${e.tenant.name}」延长试用 7 天` })
      .first()
      .waitFor({ timeout: 15_000 });

    const override = dialog.getByRole("form", { name: "赠送套餐" });
    await override.getByLabel(/^套餐/).selectOption("pro");
    const until = chinaDay(90);
    await override.getByLabel(/^截止日期/).fill(until);
    await override.getByLabel(/^原因/).fill("首批合作商户，赠送三个月专业版");
    await override.getByRole("button", { name: "赠送套餐" }).click();
    await admin
      .locator("[data-sonner-toast]", { hasText: `已为「${e.tenant.name}」赠送专业版` })
      .first()
      .waitFor({ timeout: 15_000 });
    await dialog.getByText(/^专业版 · 至/).waitFor();
    await dialog.getByText("override: pro (首批合作商户，赠送三个月专业版)").waitFor();

    const res = await admin.context().request.get(`${e.origin}/platform/v1/tenants/${e.tenant.id}/billing`);
    const detail = ZTenantBillingDetail.parse(await res.json());
    expect(detail).toMatchObject({ plan: "pro", status: "active" });
    expect(detail.override).toEqual({
      plan: "pro",
      until: new Date(`${until}T23:59:59+08:00`).toISOString(),
      reason: "首批合作商户，赠送三个月专业版",
    });
    // The list behind the dialog looked again.
    await row.locator(".badge", { hasText: "正常" }).first().waitFor();
    expect(await row.locator("select").inputValue()).toBe("pro");
    await noToasts(admin);
    await e.screenshot(admin, "admin-billing");

    // The store's audit log, from the dialog.
    await dialog.getByRole("link", { name: "查看该店铺的审计日志" }).click();
    await admin.waitForURL(/\/admin\/audit-log\?tenantId=/);
    await admin.getByText(`只看店铺：${e.tenant.name}`).waitFor({ timeout: 15_000 });
    const log = admin.getByRole("table", { name: "审计日志" });
    await log.locator("tbody tr").first().waitFor();
    expect(await log.locator("tbody tr .badge").allTextContents()).toEqual(
      expect.arrayContaining(["赠送套餐", "延长试用"]),
    );
    const comp = log.locator("tbody tr", { hasText: "赠送套餐" });
    expect(await comp.textContent()).toContain("首批合作商户，赠送三个月专业版");
    expect(await comp.textContent()).toContain(e.admin.email);
    expect(await comp.locator(".audit-diff").textContent()).toContain("growth");
    await e.screenshot(admin, "audit-log");
    expect(problems(admin)).toEqual([]);

    // The owner: Pro, given by the platform.
    const owner = await e.newPage();
    await e.login(owner, e.owner.email, e.owner.password);
    await owner.goto("/billing");
    const current = owner.getByRole("region", { name: "当前套餐" });
    await current.getByText(/^平台赠送：专业版，至/).waitFor({ timeout: 15_000 });
    expect(await current.locator(".plan-name").textContent()).toBe("专业版");
    await current.getByText("原因：首批合作商户，赠送三个月专业版").waitFor();
    expect(await owner.getByRole("article", { name: "专业版" }).getAttribute("class")).toContain("current");
    expect(problems(owner)).toEqual([]);
  });

  it("a failed payment: the past-due banner with the suspension date on every page, then suspended", async () => {
    const tenantId = e.tenant.id;
    const { db, env } = e.platform;
    // As Stripe leaves a store whose renewal failed two days ago (the comp removed first).
    const pastDueSince = new Date(Date.now() - 2 * 86_400_000);
    await db.withTenant(tenantId, (tx) =>
      tx.tenantBilling.update({
        where: { tenantId },
        data: {
          planOverride: null,
          planOverrideUntil: null,
          planOverrideReason: null,
          stripeCustomerId: "cus_e2e_billing",
          stripeSubscriptionId: "sub_e2e_billing",
          subscriptionStatus: "past_due",
          subscriptionPlan: "growth",
          billingInterval: "month",
          currentPeriodEnd: new Date(Date.now() + 28 * 86_400_000),
          pastDueSince,
        },
      }),
    );
    expect(await refreshBilling(db, env, tenantId, "e2e: invoice.payment_failed")).toMatchObject({
      plan: "growth",
      status: "past_due",
    });

    const page = await e.newPage();
    await e.login(page, e.owner.email, e.owner.password);
    const banner = page.locator(".billing-banner");
    await banner.waitFor({ timeout: 15_000 });
    const summary = ZBilling.parse(await (await page.context().request.get(`${e.origin}/merchant/v1/billing`)).json());
    expect(summary.graceEndsAt).not.toBeNull();
    // The date as the page shows it: in the browser's own time zone.
    const date = await page.evaluate(
      (iso) => new Date(iso).toLocaleDateString("zh-CN", { year: "numeric", month: "2-digit", day: "2-digit" }),
      summary.graceEndsAt ?? "",
    );
    expect(await banner.textContent()).toContain(`付款失败：请在 ${date} 前更新付款方式，否则店铺将暂停`);
    await page.locator("nav").getByRole("link", { name: "商品" }).click();
    await page.waitForURL(/\/products$/);
    expect(await banner.count()).toBe(1);
    await banner.getByRole("link", { name: "前往套餐与账单" }).click();
    await page.waitForURL(/\/billing$/);
    const current = page.getByRole("region", { name: "当前套餐" });
    await current.getByText("付款逾期").waitFor();
    await current.locator(".notice.warn", { hasText: `付款失败：请在 ${date} 前更新付款方式` }).waitFor();
    await noToasts(page);
    await e.screenshot(page, "billing-past-due");
    expect(problems(page)).toEqual([]);

    // Grace over: suspended, read-only; the banner says so.
    await db.withTenant(tenantId, (tx) =>
      tx.tenantBilling.update({
        where: { tenantId },
        data: { pastDueSince: new Date(Date.now() - 30 * 86_400_000) },
      }),
    );
    expect((await refreshBilling(db, env, tenantId, "e2e: grace over")).status).toBe("suspended");
    await page.goto("/pages");
    await page
      .locator(".billing-banner.danger", { hasText: "店铺已因账单未支付暂停：顾客无法下单，后台只读" })
      .waitFor({ timeout: 15_000 });
    const write = await page.context().request.patch(`${e.origin}/merchant/v1/catalog-settings`, {
      data: { lowStockDefault: 3 },
      headers: { origin: e.origin },
    });
    expect(write.status()).toBe(423);
    await e.screenshot(page, "billing-suspended");
  });
});
