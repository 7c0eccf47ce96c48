// The benchmark's server process: Mallwright booted as in production (PostgreSQL, app role,
// default pool), the same app without the store-key cache, and a bare Hono `{ok:true}` app, all on
// @hono/node-server on ephemeral loopback ports. Prints one JSON line with the ports, then serves
// until it is sent SIGTERM.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../platform/src/app.ts";
import { boot } from "../platform/src/boot.ts";
import { loadEnv } from "../platform/src/env.ts";
import { createLogger } from "../platform/src/logger.ts";

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
const app = createApp(booted.deps);
// Every store request looks its key up in the database: what the cache saves.
const uncached = createApp({ ...booted.deps, tenantCache: undefined });
const baseline = new Hono().get("/", (c) => c.json({ ok: true }));

const mallwright = await listen(app.fetch);
const noCache = await listen(uncached.fetch);
const bare = await listen(baseline.fetch);
process.stdout.write(`${JSON.stringify({ app: mallwright.port, uncached: noCache.port, baseline: bare.port })}\n`);

process.on("SIGTERM", () => {
  mallwright.close();
  noCache.close();
  bare.close();
  void booted.close().finally(() => process.exit(0));
});
