// How the designer benchmark drives the Puck app (bench/designer/puck): its DOM hooks, and the
// store commit read from the onChange records main.tsx keeps on window.__puckBench.
/// <reference lib="dom" />
import type { Page } from "playwright-core";
import type { Editor } from "../measure.ts";
import type {} from "./hooks.ts";

export function puckEditor(baseUrl: string): Editor {
  const block = (id: string) => `[data-puck-component="${id}"]`;
  return {
    name: "Puck 0.23",
    selectors: { canvas: "body", block: "[data-puck-component]", idAttr: "data-puck-component" },
    async open(page, bench) {
      await page.goto(`${baseUrl}/?size=${bench.size}`);
      const last = bench.rootIds.at(-1) ?? "";
      await page.locator(block(last)).first().waitFor({ state: "attached", timeout: 60_000 });
    },
    dragHandle: (page, id) => page.locator(block(id)).first(),
    async selectTitle(page: Page, id: string) {
      await page.locator(block(id)).first().scrollIntoViewIfNeeded();
      await page.locator(block(id)).first().click();
      const field = page.locator('input[name="title"]').filter({ visible: true }).first();
      await field.waitFor({ timeout: 10_000 });
      return field;
    },
    async storeCommit(page, after, id) {
      const until = Date.now() + 5_000;
      while (Date.now() < until) {
        const t = await page.evaluate(
          ({ since, dragged }) => {
            const commits = window.__puckBench?.commits ?? [];
            const first = commits.find((c) => c.t > since && c.order.indexOf(dragged) !== 2);
            return first ? first.t : -1;
          },
          { since: after, dragged: id },
        );
        if (t >= 0) return t;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return null;
    },
  };
}
