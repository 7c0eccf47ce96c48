// The designer benchmark's Mallwright server (a child process of the bench): the platform booted as
// `npm start` boots it (embedded PGlite, here in the temp DATA_DIR the parent passes), a store and
// its owner provisioned through the real provisioning, the two benchmark pages created as drafts
// through the merchant API (PAGE_COPIES of each: every measurement opens a page nobody edited yet, as
// the designer autosaves the drag and the typing), and the builder (BUILDER_DIST, built by the
// parent) served at `/` with the API beside it on PORT: by the platform itself when its app serves
// the builder (as under `npm start`), else by a plain static handler here. Prints one JSON line (url,
// login, page ids), then serves until SIGTERM.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../../platform/src/app.ts";
import { boot } from "../../platform/src/boot.ts";
import { loadEnv } from "../../platform/src/env.ts";
import { createLogger } from "../../platform/src/logger.ts";
import { upsertUserWithPassword } from "../../platform/src/services/platform/create-admin.ts";
import { provisionTenant } from "../../platform/src/services/platform/provision-tenant.ts";
import { benchPage } from "./pages.ts";

export const STORE_KEY = "designer-bench";
const OWNER = "owner@designer-bench.invalid";

const distDir = process.env.BUILDER_DIST;
if (!distDir) throw new Error("BUILDER_DIST is not set");
const dist: string = distDir;
const password = process.env.BENCH_PASSWORD ?? "designer-bench-password";

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
const booted = await boot({ env, log });
const { admin, db, storage } = booted.deps;
await upsertUserWithPassword(admin, OWNER, password);
await provisionTenant(
  admin,
  env,
  { name: "设计器基准", key: STORE_KEY, ownerEmail: OWNER, plan: "pro" },
  { db, env, storage },
);
const app = createApp(booted.deps);

async function api<T>(method: string, p: string, body: unknown, token?: string): Promise<T> {
  const res = await app.fetch(
    new Request(`${env.publicUrl}${p}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }),
  );
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${p} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

const { token } = await api<{ token: string }>("POST", "/merchant/v1/auth/login", { email: OWNER, password });
const copies = Number(process.env.PAGE_COPIES ?? 1);
const pages: Record<string, string[]> = {};
for (const size of [500, 50] as const) {
  const page = benchPage(size);
  const ids: string[] = [];
  for (let i = 0; i < copies; i++) {
    const created = await api<{ id: string }>(
      "POST",
      "/merchant/v1/pages",
      { title: page.document.title, document: page.document },
      token,
    );
    ids.push(created.id);
  }
  pages[size] = ids;
}

const API_PREFIXES = [
  "/merchant/",
  "/platform/",
  "/store/",
  "/files/",
  "/healthz",
  "/readyz",
  "/openapi.json",
  "/docs",
];
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".png": "image/png",
};

/** The builder's files; any other path is the single-page app's index.html (client routes). */
async function builderFile(pathname: string): Promise<Response> {
  const file = path.join(dist, path.normalize(pathname));
  if (file.startsWith(dist) && path.extname(file) !== "") {
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  }
  return new Response(await readFile(path.join(dist, "index.html")), {
    headers: { "content-type": TYPES[".html"] ?? "" },
  });
}

// Does the platform serve the builder itself (BUILDER_DIST, as under `npm start`)?
const probe = await app.fetch(new Request(`${env.publicUrl}/pages/probe/design`));
const platformServes = probe.ok && (probe.headers.get("content-type") ?? "").startsWith("text/html");
const server = serve(
  {
    port: env.PORT,
    hostname: "127.0.0.1",
    fetch: (req: Request) => {
      if (platformServes) return app.fetch(req);
      const { pathname } = new URL(req.url);
      return API_PREFIXES.some((p) => pathname.startsWith(p)) ? app.fetch(req) : builderFile(pathname);
    },
  },
  () => {
    const builderServedBy = platformServes ? "platform" : "bench";
    const ready = { url: env.publicUrl, email: OWNER, password, storeKey: STORE_KEY, pages, builderServedBy };
    process.stdout.write(`${JSON.stringify(ready)}\n`);
  },
);

process.on("SIGTERM", () => {
  server.close();
  void booted.close().finally(() => process.exit(0));
});
