import { afterEach, describe, expect, it } from "vitest";
import { apiError, createFakeWx, type FakeRequest, json } from "../../test/fake-wx.ts";
import { DEV_EXT_CONFIG, readExtConfig } from "./ext-config.ts";
import { createRuntime, SIGN_IN_PATH } from "./runtime.ts";
import { renewalMargin, sessionStorageKey } from "./session.ts";

const HOUR = 3600_000;
const EXT = { tenantKey: "shanye", apiBase: "https://api.mallwright.test/" };

let clock = Date.parse("2026-06-01T00:00:00Z");
const now = () => clock;
afterEach(() => {
  clock = Date.parse("2026-06-01T00:00:00Z");
});

/** A store whose sign-in gives token tN valid for `ttl`, and whose /me needs the latest token. */
function store(ttl = 30 * 24 * HOUR) {
  let issued = 0;
  const signIns: FakeRequest[] = [];
  const fake = createFakeWx({
    ext: EXT,
    handler: (req) => {
      if (req.url.endsWith(SIGN_IN_PATH)) {
        signIns.push(req);
        issued += 1;
        return json(200, { token: `t${issued}`, expiresAt: new Date(clock + ttl).toISOString(), shopper: {} });
      }
      if (req.url.endsWith("/store/v1/me")) {
        return req.header.Authorization === `Bearer t${issued}`
          ? json(200, { id: "me" })
          : apiError(401, "unauthenticated", "expired");
      }
      return json(200, {});
    },
  });
  const runtime = createRuntime(fake.wx, { sleep: () => Promise.resolve(), now });
  return { fake, runtime, signIns };
}

describe("ext config", () => {
  it("reads the tenant and API base from ext.json", () => {
    const fake = createFakeWx({ ext: { ...EXT, webViewDomains: ["Mallwright.test", "bad domain"] } });
    expect(readExtConfig(fake.wx)).toEqual({
      tenantKey: "shanye",
      apiBase: "https://api.mallwright.test",
      webViewDomains: ["mallwright.test"],
      devShopper: null,
      source: "ext",
    });
  });

  it("falls back to the development store without one (or without getExtConfigSync)", () => {
    expect(readExtConfig(createFakeWx().wx)).toEqual(DEV_EXT_CONFIG);
    expect(readExtConfig({} as never)).toEqual(DEV_EXT_CONFIG);
    expect(readExtConfig(createFakeWx({ ext: { tenantKey: "Bad Key", apiBase: "x" } }).wx)).toEqual(DEV_EXT_CONFIG);
  });
});

describe("session", () => {
  it("signs in with wx.login's code and keeps the token and its expiry in storage", async () => {
    const { fake, runtime, signIns } = store();
    expect(await runtime.session.ensure()).toBe("t1");
    expect(signIns).toHaveLength(1);
    expect(signIns[0]?.data).toEqual({ code: "code-1" });
    expect(signIns[0]?.header["X-Mallwright-Tenant"]).toBe("shanye");
    expect(signIns[0]?.header.Authorization).toBeUndefined();
    expect(fake.storage.get(sessionStorageKey("shanye"))).toEqual({
      token: "t1",
      expiresAt: clock + 30 * 24 * HOUR,
      obtainedAt: clock,
    });
    // Kept: no second sign-in, even for a new runtime (the next launch).
    expect(await runtime.session.ensure()).toBe("t1");
    const relaunched = createRuntime(fake.wx, { now });
    expect(await relaunched.session.ensure()).toBe("t1");
    expect(signIns).toHaveLength(1);
  });

  it("signs in as the development shopper where the config says so", async () => {
    const { fake, runtime, signIns } = store();
    const dev = createRuntime({ ...fake.wx, getExtConfigSync: () => ({ ...EXT, devShopper: "xiaoming" }) }, { now });
    await dev.session.ensure();
    expect(signIns[0]?.data).toEqual({ code: "dev:xiaoming" });
    expect(fake.logins).toBe(0);
    expect(runtime.api.ext.devShopper).toBeNull();
  });

  it("shares one sign-in between callers arriving together", async () => {
    const { runtime, signIns } = store();
    const tokens = await Promise.all([runtime.session.ensure(), runtime.session.ensure(), runtime.session.ensure()]);
    expect(tokens).toEqual(["t1", "t1", "t1"]);
    expect(signIns).toHaveLength(1);
  });

  it("renews shortly before the token expires (a fifth of its life, at most a day)", async () => {
    const { runtime, signIns } = store(10 * HOUR);
    await runtime.session.ensure();
    clock += 7 * HOUR; // 3 h left of 10: not yet (renewal margin 2 h)
    expect(await runtime.session.ensure()).toBe("t1");
    clock += 1.5 * HOUR; // 1.5 h left
    expect(await runtime.session.ensure()).toBe("t2");
    expect(signIns).toHaveLength(2);
    expect(renewalMargin({ token: "x", obtainedAt: 0, expiresAt: 30 * 24 * HOUR })).toBe(24 * HOUR);
  });

  it("sends no expired token along, and required auth signs in again", async () => {
    const { fake, runtime } = store(HOUR);
    await runtime.session.ensure();
    clock += 2 * HOUR;
    expect(runtime.session.current()).toBeNull();
    await runtime.api.get("/store/v1/products");
    expect(fake.requests.at(-1)?.header.Authorization).toBeUndefined();
    expect(await runtime.api.get("/store/v1/me", { auth: "required" })).toEqual({ id: "me" });
    expect(fake.requests.at(-1)?.header.Authorization).toBe("Bearer t2");
  });

  it("renews on a 401 (token revoked on the server) and repeats the call once", async () => {
    const { fake, runtime, signIns } = store();
    await runtime.session.ensure();
    // The server forgot t1: keep the stored copy but make the store issue t2 on the next sign-in.
    fake.storage.set(sessionStorageKey("shanye"), { token: "t0", expiresAt: clock + HOUR * 100, obtainedAt: clock });
    expect(await runtime.api.get("/store/v1/me")).toEqual({ id: "me" });
    expect(signIns).toHaveLength(2);
    expect(fake.requests.filter((r) => r.url.endsWith("/store/v1/me")).map((r) => r.header.Authorization)).toEqual([
      "Bearer t0",
      "Bearer t2",
    ]);
    expect(fake.toasts).toEqual([]);
  });

  it("shows one toast when the sign-in itself fails", async () => {
    const fake = createFakeWx({
      ext: EXT,
      handler: (req) =>
        req.url.endsWith(SIGN_IN_PATH) ? apiError(503, "unavailable", "WeChat is not configured") : json(200, {}),
    });
    const runtime = createRuntime(fake.wx, { sleep: () => Promise.resolve() });
    await expect(runtime.api.get("/store/v1/orders", { auth: "required" })).rejects.toMatchObject({ status: 503 });
    expect(fake.toasts).toEqual(["服务暂时不可用，请稍后重试"]);
    expect(fake.requests).toHaveLength(1);
  });
});
