// The builder in Chromium against a real platform: merchant sign-in in Chinese to the store's pages,
// switching to English, a wrong password's message, a password reset by email, platform admin sign-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, startE2E } from "./harness.ts";

let e: E2E;

beforeAll(async () => {
  e = await startE2E();
});

afterAll(async () => {
  await e?.close();
});

/** The fresh-food template's pages, as provisioning put them in. */
const TEMPLATE_PAGES = ["首页", "今日特价", "当季鲜果"];

describe("merchant sign-in", () => {
  it("signs in in Chinese, shows the store's pages, and switches to English", async () => {
    const page = await e.newPage();
    await page.goto("/");
    // Signed out: the app sends the visitor to the sign-in screen, in Chinese by default.
    await page.waitForURL("**/login");
    await expect.poll(() => page.locator("h1").textContent()).toBe("登录店铺后台");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await e.screenshot(page, "login");

    await e.login(page, e.owner.email, e.owner.password);
    expect(new URL(page.url()).pathname).toBe("/pages");
    const main = page.locator("main");
    for (const title of TEMPLATE_PAGES) {
      await main.getByText(title, { exact: true }).first().waitFor({ timeout: 15_000 });
    }
    // Named in the page's language: 主导航, then Main.
    const nav = page.getByRole("navigation", { name: /^(主导航|Main)$/ });
    await expect.poll(() => nav.getByRole("link").allTextContents()).toContain("店铺装修");
    expect(await nav.getByRole("link").allTextContents()).toContain("商品");
    expect(await page.locator(".sidebar .brand").textContent()).toContain(e.tenant.name);
    await e.screenshot(page, "pages-list");

    await page.locator(".sidebar select.language-switch").selectOption("en");
    await expect
      .poll(() => nav.getByRole("link").allTextContents())
      .toEqual(expect.arrayContaining(["Pages", "Products", "Categories", "Media", "Staff", "Store settings"]));
    expect(await nav.getByRole("link").allTextContents()).not.toContain("店铺装修");
    await e.screenshot(page, "pages-list-en");

    // The choice is kept: a reload comes back in English, still signed in (the session cookie).
    await page.reload();
    await expect.poll(() => nav.getByRole("link").first().textContent(), { timeout: 15_000 }).toBe("Pages");
    expect(new URL(page.url()).pathname).toBe("/pages");

    // The page ran under the builder's Content-Security-Policy without a violation, a script error
    // or a failed request (but the signed-out probe of /me before signing in).
    expect(e.errorsOf(page).filter((x) => x !== "http 401 GET /merchant/v1/me")).toEqual([]);
  });

  it("shows the API's own message as a toast for a wrong password", async () => {
    const api = await fetch(`${e.origin}/merchant/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: e.owner.email, password: "not the password at all" }),
    });
    expect(api.status).toBe(401);
    const message = ((await api.json()) as { error: { message: string } }).error.message;
    expect(message.length).toBeGreaterThan(3);

    const page = await e.newPage();
    await page.goto("/login");
    await page.locator('input[type="email"]').fill(e.owner.email);
    await page.locator('input[type="password"]').fill("not the password at all");
    await page.locator('button[type="submit"]').click();
    const toast = page.locator("[data-sonner-toast]");
    await toast.first().waitFor({ timeout: 15_000 });
    expect(await toast.first().textContent()).toContain(message);
    expect(new URL(page.url()).pathname).toBe("/login");
    await e.screenshot(page, "login-wrong-password");
  });

  it("sends a password reset link by email, and the link sets a new password", async () => {
    // A store of its own: this test changes its owner's password.
    const other = await e.platform.tenant();
    const email = other.emails.owner;
    const page = await e.newPage();
    await page.goto("/login");
    await page.getByRole("link", { name: "忘记密码？" }).click();
    await page.waitForURL("**/reset-password");
    await page.locator('input[type="email"]').fill(email);
    const before = e.platform.mailer.sent.length;
    await page.locator('button[type="submit"]').click();
    await page.getByText("如果该邮箱已注册，重置链接已发送。").waitFor({ timeout: 15_000 });

    await e.platform.flushJobs();
    const mail = e.platform.mailer.sent.slice(before).find((m) => m.to === email && /reset/i.test(m.subject));
    expect(mail, "a reset email to the owner").toBeDefined();
    const link = `${mail?.text ?? ""} ${mail?.html ?? ""}`.match(
      /https?:\/\/[^\s"'<>]+reset-password\?[^\s"'<>]+/,
    )?.[0];
    expect(link, "the email carries a reset link").toBeDefined();
    const url = new URL((link ?? "").replaceAll("&amp;", "&"));
    expect(url.origin).toBe(e.origin);

    await page.goto(url.pathname + url.search);
    const newPassword = "a brand new passphrase 42";
    await page.locator('input[type="password"]').fill(newPassword);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL("**/login");
    await e.login(page, email, newPassword);
    expect(new URL(page.url()).pathname).toBe("/pages");
  });
});

describe("platform admin sign-in", () => {
  it("reaches the tenants screen", async () => {
    const page = await e.newPage();
    await page.goto("/admin/login");
    await expect.poll(() => page.locator("h1").textContent()).toBe("平台管理员登录");
    await page.locator('input[type="email"]').fill(e.admin.email);
    await page.locator('input[type="password"]').fill(e.admin.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL("**/admin/tenants", { timeout: 30_000 });
    const nav = page.getByRole("navigation", { name: /^(平台管理|Platform administration)$/ });
    await expect.poll(() => nav.getByRole("link").allTextContents()).toContain("租户管理");
    expect(await page.locator(".sidebar .who").textContent()).toContain(e.admin.email);
    await e.screenshot(page, "admin-tenants");
  });
});
