// Serves the built builder (BUILDER_DIST, default builder/dist) at `/` on the Node server: files as
// they are (hashed /assets/* cached for a year, the rest revalidated; text gzipped when accepted),
// index.html for client-side routes, under a Content-Security-Policy fit for the single-page app.
// API paths are never touched: the middleware runs after every route and passes them on to the
// API's 404 envelope.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip as gzipCb } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import type { Env } from "../env.ts";
import type { AppEnv } from "./context.ts";

/** First path segments that belong to the API (and the probes and docs), never to the builder. */
const API_PREFIXES = [
  "platform",
  "merchant",
  "store",
  "files",
  "webhooks",
  "openapi.json",
  "docs",
  "healthz",
  "readyz",
];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
};

/** Missing files with these extensions are 404s, not the app: a client route never ends in one. */
const FILE_LIKE = new Set(Object.keys(TYPES));

const IMMUTABLE = "public, max-age=31536000, immutable";

const gzip = promisify(gzipCb);
/** Types worth compressing (the app's bundle is most of a first visit). */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt", ".webmanifest"]);
/** Gzipped copies by file, dropped when the file changes; a few dozen files per build. */
const gzipped = new Map<string, { etag: string; body: Uint8Array<ArrayBuffer> }>();
const GZIP_CACHE_MAX = 256;

/** True for paths the API, the probes and the docs own. */
export function isApiPath(p: string): boolean {
  const first = p.split("/")[1] ?? "";
  return API_PREFIXES.includes(first);
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The page's policy: its own scripts only; images and media also from where media is served. */
export function builderCsp(env: Pick<Env, "MEDIA_PUBLIC_URL" | "publicUrl">): string {
  const media = [originOf(env.MEDIA_PUBLIC_URL), originOf(env.publicUrl)].filter(
    (o, i, all): o is string => o !== undefined && all.indexOf(o) === i,
  );
  const extra = media.length > 0 ? ` ${media.join(" ")}` : "";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${extra}`,
    `media-src 'self' blob:${extra}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * The request path as segments under the dist directory, or undefined when it could leave it
 * (`..`, encoded slashes or backslashes, NUL) or names a hidden file.
 */
function safeSegments(p: string): string[] | undefined {
  const out: string[] = [];
  for (const raw of p.split("/")) {
    if (raw === "") continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (seg.startsWith(".") || /[/\\\0]/.test(seg)) return undefined;
    out.push(seg);
  }
  return out;
}

interface Found {
  file: string;
  size: number;
  mtimeMs: number;
}

async function fileAt(file: string): Promise<Found | undefined> {
  try {
    const s = await stat(file);
    return s.isFile() ? { file, size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

const etagOf = (f: Found) => `W/"${f.size.toString(16)}-${Math.floor(f.mtimeMs).toString(16)}"`;

async function send(c: Context<AppEnv>, f: Found, headers: Record<string, string>): Promise<Response> {
  const ext = path.extname(f.file).toLowerCase();
  const compress = COMPRESSIBLE.has(ext) && f.size >= 1024;
  const gz = compress && /\bgzip\b/i.test(c.req.header("accept-encoding") ?? "");
  // Each encoding is its own representation, with its own validator.
  const etag = gz ? `${etagOf(f).slice(0, -1)}-gz"` : etagOf(f);
  const all: Record<string, string> = { ...headers, etag, "x-content-type-options": "nosniff" };
  if (compress) all.vary = "accept-encoding";
  const inm = c.req.header("if-none-match");
  if (inm?.split(/\s*,\s*/).includes(etag)) return c.body(null, 304, all);
  let body: Uint8Array<ArrayBuffer>;
  if (gz) {
    const cached = gzipped.get(f.file);
    if (cached?.etag === etag) body = cached.body;
    else {
      body = Uint8Array.from(await gzip(await readFile(f.file), { level: 9 }));
      if (gzipped.size >= GZIP_CACHE_MAX) gzipped.clear();
      gzipped.set(f.file, { etag, body });
    }
    all["content-encoding"] = "gzip";
  } else {
    body = await readFile(f.file);
  }
  return c.body(body, 200, {
    ...all,
    "content-type": TYPES[ext] ?? "application/octet-stream",
    "content-length": String(body.byteLength),
  });
}

/**
 * The builder's files, after every API route (register it last). GET and HEAD only; anything
 * else, and every API path, goes on to the next handler (the API's 404).
 */
export function builderAssets(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if ((method !== "GET" && method !== "HEAD") || isApiPath(c.req.path)) return next();
    const env = c.get("deps").env;
    const root = path.resolve(env.BUILDER_DIST);
    const index = await fileAt(path.join(root, "index.html"));
    if (!index) {
      return c.text(
        "The builder is not built (BUILDER_DIST has no index.html). Run `npm run build -w @mallwright/builder` (npm start does it for you).\n",
        503,
        { "cache-control": "no-store", "retry-after": "30" },
      );
    }
    const html = { "cache-control": "no-cache", "content-security-policy": builderCsp(env) };

    const segments = safeSegments(c.req.path);
    if (!segments) return c.text("Not found\n", 404);
    if (segments.length > 0) {
      const file = path.join(root, ...segments);
      // path.join normalizes; with the segments checked above this cannot leave root, but say so.
      if (!file.startsWith(root + path.sep)) return c.text("Not found\n", 404);
      const found = await fileAt(file);
      const isAsset = segments[0] === "assets";
      if (found) {
        if (found.file === index.file) return send(c, found, html);
        const isHtml = path.extname(found.file).toLowerCase() === ".html";
        return send(c, found, isHtml ? html : { "cache-control": isAsset ? IMMUTABLE : "no-cache" });
      }
      const last = segments[segments.length - 1] ?? "";
      if (isAsset || FILE_LIKE.has(path.extname(last).toLowerCase())) {
        return c.text("Not found\n", 404, { "cache-control": "no-store" });
      }
    }
    // `/` and client-side routes (/pages, /products/123, /preview/<token>): the app.
    return send(c, index, html);
  };
}
