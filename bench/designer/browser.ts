// Debian Chromium through playwright-core, as the stack notes prescribe (never a downloaded
// browser), with the designer benchmark's probe injected into every page.
import { type Browser, chromium, type Page } from "playwright-core";
import { probe } from "./measure.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const VIEWPORT = { width: 1440, height: 900 };

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh context (no shared cache or cookies) and page with the probe installed. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  // tsx compiles the driver's page.evaluate callbacks with esbuild's keepNames, which calls a
  // __name helper the page does not have: define it as the identity.
  await context.addInitScript({ content: `globalThis.__name ??= (f) => f;\n${await probe()}` });
  return context.newPage();
}
