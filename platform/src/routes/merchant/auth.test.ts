// Sign-in for both audiences: tokens and cookies, logout revocation, expiry, throttling per
// account and per IP, switching stores, and password reset by emailed token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, PASSWORD, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;

beforeAll(async () => {
  h = await startHarness({ LOGIN_MAX_PER_ACCOUNT: "3", LOGIN_MAX_PER_IP: "40" });
  shop = await h.tenant();
});
afterAll(async () => h?.close());

const lastMail = (to: string) => [...h.mailer.sent].reverse().find((m) => m.to === to);

describe("merchant sign-in", () => {
  it("answers a token and an HttpOnly SameSite cookie that both work", async () => {
    const res = await h.call("POST", "/merchant/v1/auth/login", {
      body: { email: shop.emails.staff, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(String(res.body.token)).toMatch(/^mwm_/);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^mw_session=mwm_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const viaCookie = await h.call("GET", "/merchant/v1/me", { headers: { cookie: cookie.split(";")[0] ?? "" } });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body).toMatchObject({
      role: "staff",
      permissions: [
        "catalog:manage",
        "catalog:read",
        "orders:manage",
        "orders:read",
        "pages:manage",
        "pages:read",
        "store:read",
      ],
    });
  });

  it("refuses cookie-authenticated writes from another origin", async () => {
    const res = await h.call("POST", "/merchant/v1/auth/login", {
      body: { email: shop.emails.staff, password: PASSWORD },
    });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const evil = await h.call("POST", "/merchant/v1/auth/logout", { headers: { cookie, origin: "https://evil.test" } });
    expect(evil.status).toBe(403);
    const own = await h.call("POST", "/merchant/v1/auth/logout", {
      headers: { cookie, origin: "http://mallwright.test" },
    });
    expect(own.status).toBe(200);
  });

  it("says the same thing for a wrong password and an unknown email", async () => {
    const wrong = await h.call("POST", "/merchant/v1/auth/login", {
      body: { email: shop.emails.admin, password: "not the password" },
    });
    const unknown = await h.call("POST", "/merchant/v1/auth/login", {
      body: { email: "nobody@x.test", password: "whatever1234" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error?.message).toBe(unknown.body.error?.message);
    expect(wrong.body.error?.code).toBe("invalid_credentials");
    // A good sign-in clears the account's failure count.
    expect(
      (await h.call("POST", "/merchant/v1/auth/login", { body: { email: shop.emails.admin, password: PASSWORD } }))
        .status,
    ).toBe(200);
  });

  it("logout revokes the token", async () => {
    const token = await h.sessionFor(shop, "admin");
    expect((await h.call("POST", "/merchant/v1/auth/logout", { token })).status).toBe(200);
    expect((await h.call("GET", "/merchant/v1/me", { token })).status).toBe(401);
  });

  it("expired sessions are refused", async () => {
    const token = await h.sessionFor(shop, "admin");
    await h.admin.withAdmin((tx) =>
      tx.session.updateMany({ where: { tenantId: shop.id }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    );
    expect((await h.call("GET", "/merchant/v1/me", { token })).status).toBe(401);
  });

  it("throttles an account after repeated failures (429 with Retry-After), even with the right password", async () => {
    const other = await h.tenant();
    for (let i = 0; i < 3; i++) {
      const r = await h.call("POST", "/merchant/v1/auth/login", {
        body: { email: other.emails.staff, password: "wrong password" },
      });
      expect(r.status).toBe(401);
    }
    const blocked = await h.call("POST", "/merchant/v1/auth/login", {
      body: { email: other.emails.staff, password: PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error?.code).toBe("rate_limited");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account is not affected.
    expect(
      (await h.call("POST", "/merchant/v1/auth/login", { body: { email: other.emails.owner, password: PASSWORD } }))
        .status,
    ).toBe(200);
    // Counters hold hashes, never the email.
    const keys = await h.admin.withAdmin((tx) => tx.rateLimit.findMany());
    expect(JSON.stringify(keys)).not.toContain(other.emails.staff);
  });

  it("switches the session to another store of the same account", async () => {
    const second = await h.platformAdmin();
    const created = await h.call("POST", "/platform/v1/tenants", {
      token: second.token,
      body: { name: "Branch", key: `branch-${Date.now()}`, ownerEmail: shop.emails.owner },
    });
    const key = String((created.body.tenant as { key: string }).key);
    const token = await h.sessionFor(shop, "owner");
    const me = await h.call("GET", "/merchant/v1/me", { token });
    expect((me.body.memberships as { key: string }[]).map((m) => m.key)).toContain(key);
    const switched = await h.call("POST", "/merchant/v1/auth/switch", { token, body: { tenant: key } });
    expect(switched.status).toBe(200);
    const there = await h.call("GET", "/merchant/v1/me", { token: String(switched.body.token) });
    expect(there.body).toMatchObject({ tenant: { key }, role: "owner" });
    expect((await h.call("GET", "/merchant/v1/me", { token })).status).toBe(401);
    const notMine = await h.call("POST", "/merchant/v1/auth/switch", {
      token: String(switched.body.token),
      body: { tenant: "demo-nope" },
    });
    expect(notMine.status).toBe(403);
  });
});

describe("platform sign-in", () => {
  it("works for platform admins and not for merchant staff", async () => {
    const admin = await h.platformAdmin();
    const me = await h.call("GET", "/platform/v1/me", { token: admin.token });
    expect(me.body).toMatchObject({ user: { email: admin.email } });
    const staff = await h.call("POST", "/platform/v1/auth/login", {
      body: { email: shop.emails.owner, password: PASSWORD },
    });
    expect(staff.status).toBe(401);
    expect((await h.call("POST", "/platform/v1/auth/logout", { token: admin.token })).status).toBe(200);
    expect((await h.call("GET", "/platform/v1/me", { token: admin.token })).status).toBe(401);
  });
});

describe("password reset", () => {
  it("emails a link that sets a new password once and signs out everywhere", async () => {
    const t = await h.tenant();
    const before = await h.sessionFor(t, "staff");
    const ask = await h.call("POST", "/merchant/v1/auth/password-reset", { body: { email: t.emails.staff } });
    expect(ask.status).toBe(202);
    await h.flushJobs();
    const mail = lastMail(t.emails.staff);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
    expect(token).toMatch(/^rst_/);

    const weak = await h.call("POST", "/merchant/v1/auth/password-reset/confirm", {
      body: { token, password: "short" },
    });
    expect(weak.status).toBe(422);
    const ok = await h.call("POST", "/merchant/v1/auth/password-reset/confirm", {
      body: { token, password: "a brand new passphrase" },
    });
    expect(ok.status).toBe(200);
    expect((await h.call("GET", "/merchant/v1/me", { token: before })).status).toBe(401);
    const reuse = await h.call("POST", "/merchant/v1/auth/password-reset/confirm", {
      body: { token, password: "another new passphrase" },
    });
    expect(reuse.status).toBe(410);
    expect(reuse.body.error?.code).toBe("token_invalid");
    const login = await h.call("POST", "/merchant/v1/auth/login", {
      body: { email: t.emails.staff, password: "a brand new passphrase" },
    });
    expect(login.status).toBe(200);
  });

  it("answers the same for unknown emails and sends nothing", async () => {
    const count = h.mailer.sent.length;
    const res = await h.call("POST", "/platform/v1/auth/password-reset", { body: { email: "ghost@nowhere.test" } });
    expect(res.status).toBe(202);
    await h.flushJobs();
    expect(h.mailer.sent.length).toBe(count);
  });
});
