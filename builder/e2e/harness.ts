// End-to-end harness: the built builder served by a real platform (createApp over booted deps on a
// fresh test database, @hono/node-server on an ephemeral 127.0.0.1 port) and driven in Debian's
// Chromium through playwright-core. Provisions a store from the fresh-food template with an owner
// and a platform admin whose passwords it knows; emails land in a memory mailer.
//
// The builder is built first by scripts/build-builder.mjs (a no-op when builder/dist is current);
// BUILDER_DIST set in the environment skips that and serves the given directory as it is.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { createStorage } from "../../platform/src/integrations/storage/index.ts";
import { createPlatformAdmin, upsertUserWithPassword } from "../../platform/src/services/platform/create-admin.ts";
import { provisionTenant } from "../../platform/src/services/platform/provision-tenant.ts";
import { PASSWORD, startHarness } from "../../platform/src/test/harness.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const ARTIFACTS = path.join(ROOT, "builder", "e2e", "artifacts");

/** The flags Chromium needs in a container (see STACK-NOTES "Front end and tests"). */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's Chromium: CHROMIUM_PATH, else /usr/bin/chromium (scripts/services.mjs installs it). */
export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(p)) {
    throw new Error(
      `Chromium not found at ${p}: install it (apt-get install chromium) or set CHROMIUM_PATH; run the tests with npm test, which installs it when it can`,
    );
  }
  return p;
}

/** builder/dist, built when missing or stale; or BUILDER_DIST from the environment, as it is. */
export function builderDist(): string {
  const given = process.env.BUILDER_DIST;
  if (given) return path.resolve(given);
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-builder.mjs")], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  return path.join(ROOT, "builder", "dist");
}

let counter = 0;

export interface PageOptions {
  /** The browser's locale (navigator.language, Accept-Language); default zh-CN. */
  locale?: string;
  /** The builder's own language choice, as if picked earlier (kept in localStorage); default none. */
  language?: "zh-CN" | "en";
}

export async function startE2E() {
  const dist = builderDist();
  const dataDir = mkdtempSync(path.join(tmpdir(), "mw-e2e-data-"));

  // The server first, on a free port: PUBLIC_URL must be its own origin, or cookie-authenticated
  // writes from the page count as cross-origin. Requests are answered once the app exists.
  let handler: ((req: Request) => Response | Promise<Response>) | undefined;
  const server: ServerType = serve({
    fetch: (req) => (handler ? handler(req) : new Response("starting", { status: 503 })),
    port: 0,
    hostname: "127.0.0.1",
  });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const h = await startHarness({
    PUBLIC_URL: origin,
    BUILDER_DIST: dist,
    DATA_DIR: dataDir,
    REDIS_URL: "",
  });
  handler = (req) => h.app.fetch(req);

  // A store from the richest template, with its catalog, pages and theme, like the demo store.
  const n = ++counter;
  const key = `e2e-${process.pid}-${n}`;
  const owner = { email: `owner@${key}.test`, password: PASSWORD };
  await upsertUserWithPassword(h.admin, owner.email, PASSWORD);
  const provisioned = await provisionTenant(
    h.admin,
    h.env,
    { name: "鲜果小铺 Fresh Shop", key, ownerEmail: owner.email, plan: "growth", template: "fresh-food" },
    { db: h.db, env: h.env, storage: createStorage(h.env) },
  );
  const admin = { email: `admin-${key}@platform.test`, password: PASSWORD };
  await createPlatformAdmin(h.admin, admin.email, PASSWORD);

  const browser: Browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const problems = new WeakMap<Page, string[]>();

  /** A fresh browser context (no cookies, no storage) at 1440x900, and its page. */
  async function newPage({ locale = "zh-CN", language }: PageOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, baseURL: origin });
    contexts.push(context);
    if (language) {
      await context.addInitScript((lng: string) => {
        if (!localStorage.getItem("mallwright.language")) localStorage.setItem("mallwright.language", lng);
      }, language);
    }
    const page = await context.newPage();
    const seen: string[] = [];
    problems.set(page, seen);
    page.on("pageerror", (err) => seen.push(`page error: ${err.message}`));
    page.on("console", (msg) => {
      // Failed requests are recorded below with their URL.
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
        seen.push(`console: ${msg.text()}`);
      }
    });
    page.on("response", (res) => {
      if (res.status() >= 400)
        seen.push(`http ${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
    });
    return page;
  }

  /** Script errors, console errors (CSP violations among them) and 4xx/5xx answers the page has had so far. */
  function errorsOf(page: Page): string[] {
    return [...(problems.get(page) ?? [])];
  }

  /** Signs in on /login and waits until the signed-in app frame shows. */
  async function login(page: Page, email: string, password: string): Promise<void> {
    await page.goto("/login");
    await page.locator('input[type="email"]').fill(email);
    await page.locator('input[type="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname !== "/login", { timeout: 30_000 });
    // `/` redirects on: wait for the signed-in frame itself.
    await page.locator(".app-frame").waitFor({ timeout: 30_000 });
  }

  /** Writes builder/e2e/artifacts/<name>.png (kept by CI) and returns its path. */
  async function screenshot(page: Page, name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name.replace(/[^A-Za-z0-9._-]+/g, "-")}.png`);
    await page.screenshot({ path: file, fullPage: false });
    return file;
  }

  async function close(): Promise<void> {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser.close().catch(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  return {
    origin,
    /** The platform harness underneath: its database handles, mailer and flushJobs(). */
    platform: h,
    tenant: { id: provisioned.tenant.id, key, name: provisioned.tenant.name },
    owner,
    admin,
    browser,
    newPage,
    errorsOf,
    login,
    screenshot,
    close,
  };
}

export type E2E = Awaited<ReturnType<typeof startE2E>>;
