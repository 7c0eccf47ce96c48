// The edge entry (Cloudflare Workers; wrangler.toml at the repository root): the storefront's read
// path — published pages, categories, product list and detail — with the same routes, services,
// validation and error envelope as the Node app, over a postgres.js TenantReader opened per request
// from the HYPERDRIVE binding. Hyperdrive must connect as the app role (mallwright_app, not the
// owner), so row-level security applies exactly as on the Node server.
//
// Nothing Node-only may enter this module's import graph (no Prisma, no node:fs, no native code);
// `npm run edge:build` (wrangler deploy --dry-run) bundles it and fails if something does.
// No per-isolate caches: an isolate hears no invalidations (no LISTEN), so every request looks up
// its store and hydrates its page afresh. ETags are computed the same way, so 304s still work.
import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import postgres from "postgres";
import { createPostgresReader, type TenantReader } from "./db/read.ts";
import type { Env } from "./env.ts";
import type { AppDeps, AppEnv } from "./http/context.ts";
import { noRoute, onApiError } from "./http/error-handler.ts";
import { validationHook } from "./http/validation.ts";
import type { Logger } from "./logger.ts";
import { storeCatalogRoutes } from "./routes/store/catalog.ts";
import { storePageRoutes } from "./routes/store/pages.ts";
import { PageCache } from "./services/storefront/page-cache.ts";

/** The Worker's bindings (wrangler.toml): Hyperdrive and the public URLs media links are built on. */
export interface EdgeBindings {
  HYPERDRIVE: { connectionString: string };
  PUBLIC_URL?: string;
  MEDIA_PUBLIC_URL?: string;
}

/** The part of a Workers ExecutionContext this entry uses. */
export interface EdgeContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** What one request runs with (passed to the Hono app as its bindings). */
interface EdgeRequest {
  reader: TenantReader;
  env: Env;
}

/** The routes served at the edge; the rest of /store/v1 (settings, preview, search) stays on Node. */
const EDGE_ROUTES = /^\/store\/v1\/(?:pages\/[^/]+|categories|products(?:\/[^/]+)?)$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

const log = {
  error: (obj: { err?: unknown }, msg: string) => console.error(msg, obj.err),
} as unknown as Logger;

/** The settings the read path uses (publicUrl and MEDIA_PUBLIC_URL for media links), from wrangler vars. */
export function edgeEnv(bindings: EdgeBindings): Env {
  const PUBLIC_URL = bindings.PUBLIC_URL || undefined;
  const MEDIA_PUBLIC_URL = bindings.MEDIA_PUBLIC_URL || undefined;
  for (const [name, value] of Object.entries({ PUBLIC_URL, MEDIA_PUBLIC_URL })) {
    if (value !== undefined && !URL.canParse(value)) throw new Error(`Invalid configuration:\n  ${name}: not a URL`);
  }
  // Only these settings are read on the store read path; the rest of Env belongs to the Node server.
  return { PUBLIC_URL, MEDIA_PUBLIC_URL, publicUrl: PUBLIC_URL ?? "http://localhost:3000" } as Env;
}

/** A reader of one connection (a Worker request is short; Hyperdrive pools for us). */
export function openEdgeReader(connectionString: string): TenantReader {
  return createPostgresReader(() => postgres(connectionString, { max: 1, fetch_types: false, prepare: true }), 1);
}

export const edgeApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
edgeApp.use(requestId({ headerName: "X-Request-Id", generator: () => crypto.randomUUID(), limitLength: 64 }));
edgeApp.use(async (c, next) => {
  if (!REQUEST_ID.test(c.get("requestId"))) c.set("requestId", crypto.randomUUID());
  // The store routes use the reader, the env and the caches only; no caches here (see above).
  const { env, reader } = c.env as EdgeRequest;
  const deps = { env, reader, log, pageCache: new PageCache(0, { compress: false }) };
  c.set("deps", deps as unknown as AppDeps);
  await next();
  c.header("X-Request-Id", c.get("requestId"));
});
edgeApp.use(secureHeaders({ crossOriginResourcePolicy: "same-site" }));
edgeApp.use(async (c, next) => {
  if ((c.req.method !== "GET" && c.req.method !== "HEAD") || !EDGE_ROUTES.test(c.req.path)) return noRoute(c);
  await next();
});
edgeApp.onError(onApiError);
edgeApp.notFound(noRoute);
edgeApp.route("/store/v1", storeCatalogRoutes).route("/store/v1", storePageRoutes);

/** Serves one request with its own reader, closed once the response is on its way. */
export async function handleEdgeRequest(request: Request, bindings: EdgeBindings, ctx: EdgeContext) {
  const reader = openEdgeReader(bindings.HYPERDRIVE.connectionString);
  try {
    return await edgeApp.fetch(request, { reader, env: edgeEnv(bindings) });
  } finally {
    ctx.waitUntil(reader.close());
  }
}

export default { fetch: handleEdgeRequest };
