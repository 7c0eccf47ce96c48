// The bull-board sub-app mounted under a base path: its page, its API and its static assets.
import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTestSettings } from "../test/database.ts";
import { createQueueDashboard } from "./dashboard.ts";

const basePath = "/platform/v1/queues";
let queue: Queue;
let app: Hono;

beforeAll(async () => {
  queue = new Queue("jobs", {
    connection: { url: loadTestSettings().redis },
    prefix: `mwtest-${randomBytes(4).toString("hex")}`,
  });
  await queue.waitUntilReady();
  app = new Hono().route(basePath, createQueueDashboard([queue], basePath));
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
});

describe("queue dashboard", () => {
  it("serves the UI page with assets linked under the base path", async () => {
    const page = await app.request(basePath);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Mallwright jobs");
    expect(html).toContain(`<base href="${basePath}/" />`);
    const asset = html.match(/static\/js\/main\.[^"']+\.js/)?.[0];
    expect(asset).toBeDefined();
    const js = await app.request(`${basePath}/${asset}`);
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(1000);
  });

  it("lists the queues through its API", async () => {
    const res = await app.request(`${basePath}/api/queues`);
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(body).toMatchObject({ queues: [expect.objectContaining({ name: "jobs" })] });
  });
});
