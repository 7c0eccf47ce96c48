// The benchmark's server process: Mallwright booted as in production (PostgreSQL, app role,
// default pool), the same app without the store-key cache, the same app with a page cache that
// keeps nothing (every page request hydrates), and a bare Hono `{ok:true}` app, all on
// @hono/node-server on ephemeral loopback ports. First provisions the page store (the `fresh-food`
// template, through the real provisioning: catalog, pages and theme, published). Prints one JSON
// line with the ports and the page store's key, then serves until it is sent SIGTERM.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../platform/src/app.ts";
import { boot } from "../platform/src/boot.ts";
import { loadEnv } from "../platform/src/env.ts";
import { createLogger } from "../platform/src/logger.ts";
import { provisionTenant } from "../platform/src/services/platform/provision-tenant.ts";
import { PageCache } from "../platform/src/services/storefront/page-cache.ts";

/** The store whose home page the "page" cases load (not `bench-*`: the catalog sample skips it). */
export const PAGE_STORE_KEY = "page-bench";

function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<{ port: number; close(): void }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve({ port: info.port, close: () => server.close() }),
    );
  });
}

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
const booted = await boot({ env, log, inProcessJobs: false });
const { admin, db, storage } = booted.deps;
await provisionTenant(
  admin,
  env,
  {
    name: "Page bench 生鲜",
    key: PAGE_STORE_KEY,
    ownerEmail: "owner@page-bench.invalid",
    plan: "pro",
    template: "fresh-food",
  },
  { db, env, storage },
);
const app = createApp(booted.deps);
// Every store request looks its key up in the database: what the cache saves.
const uncached = createApp({ ...booted.deps, tenantCache: undefined });
// Every page request reads and hydrates the page: the cold path the cache saves.
const coldPages = createApp({ ...booted.deps, pageCache: new PageCache(0) });
const baseline = new Hono().get("/", (c) => c.json({ ok: true }));
// The same bytes the page case sends (gzip when asked), from a bare Hono handler: what moving a
// page-sized body costs on this machine, with no Mallwright in the way.
const pageHeaders = { "x-mallwright-tenant": PAGE_STORE_KEY };
const plain = await app.fetch(new Request("http://bench/store/v1/pages/home", { headers: pageHeaders }));
const gzipped = await app.fetch(
  new Request("http://bench/store/v1/pages/home", { headers: { ...pageHeaders, "accept-encoding": "gzip" } }),
);
const plainBytes = new Uint8Array(await plain.arrayBuffer());
const gzipBytes = new Uint8Array(await gzipped.arrayBuffer());
if (plain.status !== 200 || gzipped.headers.get("content-encoding") !== "gzip") {
  throw new Error(`the page store's home page did not load (${plain.status}) or was not compressed`);
}
const sameBytes = new Hono().get("/", (c) =>
  /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")
    ? c.body(gzipBytes, 200, { "Content-Type": "application/json", "Content-Encoding": "gzip" })
    : c.body(plainBytes, 200, { "Content-Type": "application/json" }),
);

const mallwright = await listen(app.fetch);
const noCache = await listen(uncached.fetch);
const cold = await listen(coldPages.fetch);
const bare = await listen(baseline.fetch);
const bareSame = await listen(sameBytes.fetch);
process.stdout.write(
  `${JSON.stringify({ app: mallwright.port, uncached: noCache.port, coldPages: cold.port, baseline: bare.port, samePageBytes: bareSame.port, pageStore: PAGE_STORE_KEY, pageBytes: { plain: plainBytes.byteLength, gzip: gzipBytes.byteLength } })}\n`,
);

process.on("SIGTERM", () => {
  mallwright.close();
  noCache.close();
  cold.close();
  bare.close();
  bareSame.close();
  void booted.close().finally(() => process.exit(0));
});
