// The builder served at `/` from a fixture dist directory: caching, the single-page fallback, 404s
// for missing files, API paths untouched, no way out of the directory, the page's security headers.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../test/harness.ts";
import { builderCsp, isApiPath } from "./builder-assets.ts";

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head></html>';
const SCRIPT = "console.log('builder');";
const SECRET = "top secret outside dist";
const BUNDLE = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word${i}`))};`;

let h: Harness;
let base: string;
let dist: string;
let server: ServerType;
let port: number;

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), "mw-builder-dist-"));
  dist = path.join(base, "dist");
  mkdirSync(path.join(dist, "assets"), { recursive: true });
  writeFileSync(path.join(dist, "index.html"), INDEX);
  writeFileSync(path.join(dist, "assets", "index-abc123.js"), SCRIPT);
  writeFileSync(path.join(dist, "assets", "index-abc123.css"), "body{margin:0}");
  writeFileSync(path.join(dist, "assets", "bundle-def456.js"), BUNDLE);
  writeFileSync(path.join(dist, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  writeFileSync(path.join(dist, ".env"), SECRET);
  writeFileSync(path.join(base, "secret.txt"), SECRET);
  h = await startHarness({ BUILDER_DIST: dist, MEDIA_PUBLIC_URL: "https://cdn.example.com/media" });
  server = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await h?.close();
  rmSync(base, { recursive: true, force: true });
});

const get = (p: string, init?: RequestInit) => h.app.request(p, init);

/** A request written byte for byte on a socket: no URL normalization on the client side. */
function rawGet(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
    let out = "";
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => {
      out += d;
    });
    socket.on("end", () => resolve(out));
    socket.on("error", reject);
  });
}

describe("the builder's files", () => {
  it("serves index.html at / with the page's security headers and no caching", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toMatch(/img-src 'self' data: blob: [^;]*https:\/\/cdn\.example\.com/);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("serves hashed assets as immutable for a year, with their types", async () => {
    const js = await get("/assets/index-abc123.js");
    expect(js.status).toBe(200);
    expect(await js.text()).toBe(SCRIPT);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(js.headers.get("x-content-type-options")).toBe("nosniff");
    expect(js.headers.get("content-security-policy")).toBeNull();
    const css = await get("/assets/index-abc123.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const icon = await get("/favicon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(icon.headers.get("cache-control")).toBe("no-cache");
  });

  it("gzips text files when the client accepts it, as a representation of its own", async () => {
    const plain = await get("/assets/bundle-def456.js");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toContain("accept-encoding");
    expect(await plain.text()).toBe(BUNDLE);
    for (let i = 0; i < 2; i++) {
      // The second answer comes from the compressed copy kept in memory.
      const gz = await get("/assets/bundle-def456.js", { headers: { "accept-encoding": "br, gzip, deflate" } });
      expect(gz.status).toBe(200);
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      expect(gz.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const bytes = Buffer.from(await gz.arrayBuffer());
      expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(BUNDLE));
      expect(Number(gz.headers.get("content-length"))).toBe(bytes.byteLength);
      expect(gunzipSync(bytes).toString("utf8")).toBe(BUNDLE);
      expect(gz.headers.get("etag")).not.toBe(plain.headers.get("etag"));
    }
    // Small files are not worth it.
    const small = await get("/assets/index-abc123.js", { headers: { "accept-encoding": "gzip" } });
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(await small.text()).toBe(SCRIPT);
  });

  it("answers client-side routes with index.html", async () => {
    for (const p of [
      "/pages",
      "/pages/0190d7c4-0000-7000-8000-000000000001/design",
      "/products/new",
      "/admin/tenants",
    ]) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(await res.text(), p).toBe(INDEX);
      expect(res.headers.get("content-security-policy"), p).toContain("default-src 'self'");
    }
    // Preview tokens carry dots: still the app, not a missing file.
    const preview = await get("/preview/t1.p1.1700000000.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2ln");
    expect(preview.status).toBe(200);
    expect(await preview.text()).toBe(INDEX);
  });

  it("answers 404 for a missing asset instead of the app", async () => {
    for (const p of [
      "/assets/missing-123.js",
      "/assets/missing.css",
      "/assets",
      "/assets/",
      "/favicon.ico",
      "/robots.txt",
    ]) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).not.toContain("<!doctype html>");
    }
  });

  it("answers HEAD like GET without a body, and 304 to a matching ETag", async () => {
    const head = await get("/assets/index-abc123.js", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(Buffer.byteLength(SCRIPT)));
    expect(await head.text()).toBe("");
    const first = await get("/");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    const again = await get("/pages", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("leaves API paths to the API: unknown ones get the 404 envelope", async () => {
    for (const p of [
      "/merchant/v1/x",
      "/platform/v1/nothing",
      "/store/v1/none",
      "/files/none",
      "/webhooks/x",
      "/docs/x",
    ]) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.headers.get("content-type"), p).toContain("application/json");
      const body = (await res.json()) as { error?: { code?: string; requestId?: string } };
      expect(body.error?.code, p).toBe("not_found");
      expect(body.error?.requestId, p).toBeTruthy();
    }
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const openapi = await get("/openapi.json");
    expect(openapi.headers.get("content-type")).toContain("application/json");
    expect(isApiPath("/merchant/v1/me")).toBe(true);
    expect(isApiPath("/merchants")).toBe(false);
  });

  it("serves nothing but GET and HEAD", async () => {
    const res = await get("/pages", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error?: { code?: string } }).error?.code).toBe("not_found");
  });

  it("never serves a file outside the dist directory or a hidden one", async () => {
    const attempts = [
      "/..%2fsecret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/assets/..%5c..%5csecret.txt",
      "/..%5csecret.txt",
      "/assets/%00.js",
      "/.env",
      "/%2eenv",
    ];
    for (const p of attempts) {
      const res = await get(p);
      const text = await res.text();
      expect(text, p).not.toContain(SECRET);
      expect([200, 404], p).toContain(res.status);
    }
    // Over a real socket, where nothing normalizes the target before the server sees it.
    for (const target of ["/../secret.txt", "/assets/../../secret.txt", "/..%2f..%2fsecret.txt", "//../secret.txt"]) {
      const raw = await rawGet(target);
      expect(raw, target).toMatch(/^HTTP\/1\.1 (200|400|404)/);
      expect(raw, target).not.toContain(SECRET);
    }
  });

  it("says how to build the builder when dist has no index.html", async () => {
    const index = path.join(dist, "index.html");
    renameSync(index, `${index}.away`);
    try {
      const res = await get("/pages");
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toContain("text/plain");
      expect(await res.text()).toContain("npm run build -w @mallwright/builder");
      // The API does not depend on the builder.
      expect((await get("/healthz")).status).toBe(200);
      expect((await get("/merchant/v1/x")).status).toBe(404);
    } finally {
      renameSync(`${index}.away`, index);
    }
    expect((await get("/")).status).toBe(200);
  });
});

describe("builderCsp", () => {
  it("adds the media origin (not its path) to img-src and media-src", () => {
    const csp = builderCsp({ MEDIA_PUBLIC_URL: "https://media.example.com/a/b", publicUrl: "http://localhost:3000" });
    expect(csp).toContain("img-src 'self' data: blob: https://media.example.com http://localhost:3000;");
    expect(csp).toContain("media-src 'self' blob: https://media.example.com http://localhost:3000;");
    expect(builderCsp({ MEDIA_PUBLIC_URL: undefined, publicUrl: "http://localhost:3000" })).toContain(
      "img-src 'self' data: blob: http://localhost:3000;",
    );
  });
});
