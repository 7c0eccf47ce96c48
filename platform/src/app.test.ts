// The app's edges: probes, OpenAPI and docs, request ids, and bad input of every kind answered
// with a 4xx envelope, never a 500 or a stack, with nothing written; logs carry no secrets.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { createStorage } from "./integrations/storage/index.ts";
import { createLogger } from "./logger.ts";
import { type Harness, PASSWORD, startHarness } from "./test/harness.ts";

let h: Harness;
let platformToken: string;

beforeAll(async () => {
  h = await startHarness({ BODY_LIMIT_BYTES: "4096" });
  platformToken = (await h.platformAdmin()).token;
});
afterAll(async () => h?.close());

const countTenants = () => h.admin.withAdmin((tx) => tx.tenant.count());

describe("probes and documents", () => {
  it("healthz and readyz answer", async () => {
    expect((await h.call("GET", "/healthz")).body).toEqual({ ok: true });
    const ready = await h.call("GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ok: true });
  });

  it("readyz answers 503 when a migration is pending", async () => {
    const app = createApp({
      env: h.env,
      log: createLogger("silent"),
      db: h.db,
      reader: h.reader,
      admin: h.admin,
      storage: createStorage(h.env),
      readiness: async () => ({ ok: false, detail: "pending migrations: 0002_next.sql" }),
    });
    const res = await app.request("/readyz");
    expect(res.status).toBe(503);
  });

  it("serves the OpenAPI document with every core route, and a docs page", async () => {
    const doc = await h.call("GET", "/openapi.json");
    const paths = Object.keys(doc.body.paths as object);
    for (const p of [
      "/platform/v1/auth/login",
      "/platform/v1/tenants",
      "/platform/v1/tenants/{id}",
      "/platform/v1/tenants/{id}/suspend",
      "/platform/v1/tenants/{id}/resume",
      "/merchant/v1/auth/login",
      "/merchant/v1/auth/logout",
      "/merchant/v1/me",
      "/healthz",
      "/readyz",
    ]) {
      expect(paths).toContain(p);
    }
    const docs = await h.app.request("/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger-ui-bundle.js");
    expect((await h.app.request("/docs/assets/swagger-ui-bundle.js")).status).toBe(200);
  });

  it("echoes a well-formed X-Request-Id and replaces a malformed one", async () => {
    const kept = await h.call("GET", "/healthz", { headers: { "x-request-id": "abc-123-def-456" } });
    expect(kept.headers.get("x-request-id")).toBe("abc-123-def-456");
    const replaced = await h.call("GET", "/merchant/v1/nope", { headers: { "x-request-id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.body.error).toMatchObject({ code: "not_found", requestId: replaced.headers.get("x-request-id") });
  });
});

describe("bad input never yields a 500, a stack, or a write", () => {
  const provision = (opts: Parameters<Harness["call"]>[2]) =>
    h.call("POST", "/platform/v1/tenants", { token: platformToken, ...opts });

  it.each([
    ["malformed JSON", { raw: "{name:", headers: { "content-type": "application/json" } }, 400, "malformed_json"],
    ["no content type", { raw: "{}" }, 415, "unsupported_media_type"],
    [
      "wrong content type",
      { raw: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } },
      415,
      "unsupported_media_type",
    ],
    ["a JSON array", { body: [1, 2] }, 422, "validation_failed"],
    ["a JSON string", { body: "tenant" }, 422, "validation_failed"],
    ["null", { body: null }, 422, "validation_failed"],
    ["wrong types", { body: { name: 5, key: true, ownerEmail: [] } }, 422, "validation_failed"],
    [
      "unknown fields",
      { body: { name: "X", key: "unknown-f", ownerEmail: "u@x.test", id: "forced" } },
      422,
      "validation_failed",
    ],
    [
      "a huge number",
      { body: { name: "X", key: "huge-n", ownerEmail: "u@x.test", plan: 1e308 } },
      422,
      "validation_failed",
    ],
    [
      "SQL in strings",
      { body: { name: "x'; DROP TABLE tenants; --", key: "x'; DROP TABLE tenants; --", ownerEmail: "a@b.test" } },
      422,
      "validation_failed",
    ],
    [
      "an oversize body",
      { raw: JSON.stringify({ name: "x".repeat(10_000) }), headers: { "content-type": "application/json" } },
      413,
      "payload_too_large",
    ],
    [
      "a proto-pollution key",
      {
        raw: '{"__proto__":{"admin":true},"name":"P","key":"proto-k","ownerEmail":"p@x.test"}',
        headers: { "content-type": "application/json" },
      },
      422,
      "validation_failed",
    ],
  ])("%s -> %i %s", async (_label, opts, status, code) => {
    const before = await countTenants();
    const res = await provision(opts);
    expect(res.status).toBe(status);
    expect(res.body.error?.code).toBe(code);
    expect(res.body.error?.message).toBeTruthy();
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|node_modules|Error:/);
    expect(await countTenants()).toBe(before);
  });

  it("a name with SQL characters is stored literally when otherwise valid", async () => {
    const res = await provision({
      body: { name: "Robert'); DROP TABLE tenants;--", key: "bobby-tables", ownerEmail: "bobby@x.test" },
    });
    expect(res.status).toBe(201);
    expect((res.body.tenant as { name: string }).name).toBe("Robert'); DROP TABLE tenants;--");
  });

  it("invalid ids, huge limits and over-long tokens are 4xx", async () => {
    expect((await h.call("GET", "/platform/v1/tenants/not-a-uuid", { token: platformToken })).status).toBe(422);
    expect(
      (await h.call("GET", "/platform/v1/tenants?limit=99999999999999999999", { token: platformToken })).status,
    ).toBe(422);
    expect((await h.call("GET", "/merchant/v1/me", { token: `mwm_${"x".repeat(5000)}` })).status).toBe(401);
    expect((await h.call("GET", "/merchant/v1/me", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect(
      (await h.call("GET", "/store/v1/shop", { headers: { "x-mallwright-tenant": "'; select 1;--" } })).status,
    ).toBe(404);
  });
});

describe("logs", () => {
  it("never contain passwords, tokens or emails", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger("debug", sink);
    const app = createApp({
      env: h.env,
      log,
      db: h.db,
      reader: h.reader,
      admin: h.admin,
      storage: createStorage(h.env),
      readiness: async () => ({ ok: true, detail: "" }),
    });
    const admin = await h.platformAdmin();
    const login = await app.request("/platform/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    await app.request("/platform/v1/tenants", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: "Log", key: "log-check", ownerEmail: "secret.person@x.test" }),
    });
    log.info({ email: "leak@x.test", nested: { password: "hunter22" }, authorization: "Bearer x" }, "redaction check");
    const all = lines.join("");
    expect(lines.length).toBeGreaterThan(2);
    for (const s of [PASSWORD, token, admin.email, "secret.person@x.test", "leak@x.test", "hunter22"])
      expect(all).not.toContain(s);
    expect(all).toContain("[redacted]");
  });
});
