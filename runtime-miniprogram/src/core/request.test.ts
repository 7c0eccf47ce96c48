import { describe, expect, it } from "vitest";
import { apiError, createFakeWx, type FakeHandler, json } from "../../test/fake-wx.ts";
import { DEV_EXT_CONFIG, type ExtConfig } from "./ext-config.ts";
import { ApiError, createApiClient, errorFromResponse, queryString, type SessionPort, toastText } from "./request.ts";

const ext: ExtConfig = { ...DEV_EXT_CONFIG, tenantKey: "shanye", apiBase: "https://api.mallwright.test" };
const noWait = () => Promise.resolve();

function client(handler: FakeHandler, session?: SessionPort, closed: ApiError[] = []) {
  const fake = createFakeWx({ handler });
  const api = createApiClient({ wx: fake.wx, ext, session, sleep: noWait, onStoreClosed: (e) => closed.push(e) });
  return { fake, api, closed };
}

function fixedSession(tokens: string[]): SessionPort & { renewals: number } {
  let i = 0;
  const s = {
    renewals: 0,
    current: () => tokens[i] ?? null,
    ensure: async () => tokens[i] ?? "",
    renew: async () => {
      s.renewals += 1;
      i += 1;
      return tokens[i] ?? "";
    },
  };
  return s;
}

describe("request layer", () => {
  it("sends the tenant header, the token and JSON, and answers with the body", async () => {
    const { fake, api } = client(() => json(200, { ok: true }), fixedSession(["t1"]));
    expect(await api.post("/store/v1/cart/items", { skuId: "s1", quantity: 2 })).toEqual({ ok: true });
    const [req] = fake.requests;
    expect(req?.url).toBe("https://api.mallwright.test/store/v1/cart/items");
    expect(req?.method).toBe("POST");
    expect(req?.header["X-Mallwright-Tenant"]).toBe("shanye");
    expect(req?.header.Authorization).toBe("Bearer t1");
    expect(req?.header["Content-Type"]).toBe("application/json");
    expect(req?.data).toEqual({ skuId: "s1", quantity: 2 });
  });

  it("sends no token when there is no session, and none with auth: none", async () => {
    const { fake, api } = client(() => json(200, {}), fixedSession(["t1"]));
    await api.get("/store/v1/shop", { auth: "none" });
    expect(fake.requests[0]?.header.Authorization).toBeUndefined();
    const bare = client(() => json(200, {}));
    await bare.api.get("/store/v1/shop");
    expect(bare.fake.requests[0]?.header.Authorization).toBeUndefined();
  });

  it("builds query strings, leaving out empty values", () => {
    expect(queryString({ q: "连衣裙", cursor: null, limit: 20, tag: "", sale: true })).toBe(
      "?q=%E8%BF%9E%E8%A1%A3%E8%A3%99&limit=20&sale=true",
    );
    expect(queryString({})).toBe("");
  });

  it("retries a GET on a network failure and on 502/503/504, then answers", async () => {
    const answers = [{ fail: "timeout" }, json(503, "busy"), json(200, { n: 1 })];
    const { fake, api } = client(() => answers.shift() ?? json(500, {}));
    expect(await api.get("/store/v1/products")).toEqual({ n: 1 });
    expect(fake.requests).toHaveLength(3);
    expect(fake.toasts).toEqual([]);
  });

  it("gives up on a GET after its retries with one toast", async () => {
    const { fake, api } = client(() => ({ fail: "net::ERR_CONNECTION_REFUSED" }));
    await expect(api.get("/store/v1/products")).rejects.toMatchObject({ status: 0, code: "network" });
    expect(fake.requests).toHaveLength(3);
    expect(fake.toasts).toEqual(["网络不给力，请检查网络后重试"]);
  });

  it("never retries a write", async () => {
    const { fake, api } = client(() => ({ fail: "timeout" }));
    await expect(api.post("/store/v1/orders", { x: 1 }, { idempotencyKey: "k1" })).rejects.toBeInstanceOf(ApiError);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.header["Idempotency-Key"]).toBe("k1");
    const busy = client(() => json(503, {}));
    await expect(busy.api.post("/store/v1/orders", {})).rejects.toMatchObject({ status: 503 });
    expect(busy.fake.requests).toHaveLength(1);
  });

  it("sends PATCH (which wx.request lacks) as a POST naming the method", async () => {
    const { fake, api } = client(() => json(200, {}));
    await api.request("/store/v1/cart/items/i1", { method: "PATCH", body: { quantity: 3 } });
    expect(fake.requests[0]?.method).toBe("POST");
    expect(fake.requests[0]?.header["X-HTTP-Method-Override"]).toBe("PATCH");
  });

  it("does not retry a 500 or a 4xx", async () => {
    const { fake, api } = client(() => apiError(500, "internal", "boom"));
    await expect(api.get("/store/v1/products")).rejects.toMatchObject({ code: "internal" });
    expect(fake.requests).toHaveLength(1);
  });

  it("shows the envelope's message once, or the shopper's words for known codes", async () => {
    const { fake, api } = client(() => apiError(409, "conflict", "这件商品库存不足"));
    await expect(api.post("/store/v1/cart/items", {})).rejects.toMatchObject({
      status: 409,
      code: "conflict",
      message: "这件商品库存不足",
      requestId: "req-1",
    });
    expect(fake.toasts).toEqual(["这件商品库存不足"]);
    expect(toastText(new ApiError(429, "rate_limited", "too many requests"))).toBe("操作太频繁，请稍后再试");
    expect(toastText(new ApiError(418, "teapot", ""))).toBe("请求失败（418），请稍后重试");
  });

  it("does not stack the same toast when several calls fail at once", async () => {
    const { fake, api } = client(() => apiError(500, "internal", "boom"));
    await Promise.allSettled([api.get("/a"), api.get("/b"), api.get("/c")]);
    expect(fake.toasts).toEqual(["服务开小差了，请稍后重试"]);
  });

  it("stays quiet when asked, for every failure or for some statuses", async () => {
    const { fake, api } = client(() => apiError(404, "not_found", "no such page"));
    await expect(api.get("/store/v1/pages/home", { quiet: [404] })).rejects.toMatchObject({ status: 404 });
    await expect(api.get("/store/v1/pages/home", { quiet: true })).rejects.toMatchObject({ status: 404 });
    expect(fake.toasts).toEqual([]);
  });

  it("reads an error that is not an envelope from its status", () => {
    expect(errorFromResponse(502, "<html>Bad gateway</html>")).toMatchObject({ code: "internal", status: 502 });
    expect(errorFromResponse(401, "")).toMatchObject({ code: "unauthenticated" });
    expect(
      errorFromResponse(
        422,
        JSON.stringify({
          error: { code: "validation_failed", message: "", details: [{ path: "q", message: "too long" }] },
        }),
      ),
    ).toMatchObject({ code: "validation_failed", details: [{ path: "q", message: "too long" }] });
  });

  it("sends a 423 to the store-closed page without a toast", async () => {
    const { fake, api, closed } = client(() => apiError(423, "tenant_suspended", "this store is suspended"));
    await expect(api.get("/store/v1/pages/home")).rejects.toMatchObject({ status: 423 });
    expect(closed.map((e) => e.code)).toEqual(["tenant_suspended"]);
    expect(fake.toasts).toEqual([]);
  });

  it("relaunches to the closed page by default, once for calls failing together", async () => {
    const fake = createFakeWx({ handler: () => apiError(423, "billing_suspended", "closed") });
    const api = createApiClient({ wx: fake.wx, ext, sleep: noWait });
    await Promise.allSettled([api.get("/a"), api.get("/b")]);
    expect(fake.navigations).toEqual([{ kind: "reLaunch", url: "/pages/closed/index?code=billing_suspended" }]);
  });

  it("renews the session once on a 401 and repeats the call with the new token", async () => {
    const session = fixedSession(["old", "new"]);
    const { fake, api } = client(
      (req) =>
        req.header.Authorization === "Bearer new" ? json(200, { me: 1 }) : apiError(401, "unauthenticated", "expired"),
      session,
    );
    expect(await api.get("/store/v1/me")).toEqual({ me: 1 });
    expect(session.renewals).toBe(1);
    expect(fake.requests.map((r) => r.header.Authorization)).toEqual(["Bearer old", "Bearer new"]);
    expect(fake.toasts).toEqual([]);
  });

  it("renews only once: a second 401 is the answer", async () => {
    const session = fixedSession(["a", "b", "c"]);
    const { fake, api } = client(() => apiError(401, "unauthenticated", "nope"), session);
    await expect(api.post("/store/v1/orders", {})).rejects.toMatchObject({ status: 401 });
    expect(session.renewals).toBe(1);
    expect(fake.requests).toHaveLength(2);
    expect(fake.toasts).toEqual(["登录已失效，请重新进入"]);
  });

  it("hands a 304 back when the caller sent an ETag", async () => {
    const { fake, api } = client(() => ({ statusCode: 304, header: { ETag: '"p.1"' } }));
    const res = await api.request("/store/v1/pages/home", { etag: '"p.1"' });
    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe('"p.1"');
    expect(fake.requests[0]?.header["If-None-Match"]).toBe('"p.1"');
  });
});
