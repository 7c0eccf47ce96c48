// Staff management: invitations (email, accept, revoke, replace), role changes and removals
// guarded by rank, removal ending sessions, and handing over ownership.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, PASSWORD, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
});
afterAll(async () => h?.close());

const tokenOf = (role: "owner" | "admin" | "staff", t = shop) => h.sessionFor(t, role);

describe("invitations", () => {
  it("owner invites; the email's link creates the account and signs it in", async () => {
    const res = await h.call("POST", "/merchant/v1/staff/invites", {
      token: await tokenOf("owner"),
      body: { email: "Cashier@Shop.test", role: "staff" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: "cashier@shop.test", role: "staff" });
    await h.flushJobs();
    const mail = h.mailer.sent.find((m) => m.to === "cashier@shop.test");
    expect(mail?.subject).toContain("邀请");
    expect(mail?.text).toContain(String(res.body.inviteUrl));

    const list = await h.call("GET", "/merchant/v1/staff", { token: await tokenOf("admin") });
    expect((list.body.invites as { email: string }[]).map((i) => i.email)).toContain("cashier@shop.test");

    const token = new URL(String(res.body.inviteUrl)).searchParams.get("token");
    const noPassword = await h.call("POST", "/merchant/v1/auth/invites/accept", { body: { tenant: shop.key, token } });
    expect(noPassword.status).toBe(422);
    const wrongStore = await h.call("POST", "/merchant/v1/auth/invites/accept", {
      body: { tenant: "other-store", token, password: PASSWORD },
    });
    expect(wrongStore.status).toBe(410);
    const ok = await h.call("POST", "/merchant/v1/auth/invites/accept", {
      body: { tenant: shop.key, token, password: PASSWORD, name: "Cashier" },
    });
    expect(ok.status).toBe(200);
    const me = await h.call("GET", "/merchant/v1/me", { token: String(ok.body.token) });
    expect(me.body).toMatchObject({ role: "staff", user: { email: "cashier@shop.test", name: "Cashier" } });
  });

  it("an existing account must confirm its own password to accept", async () => {
    const other = await h.tenant();
    const res = await h.call("POST", "/merchant/v1/staff/invites", {
      token: await tokenOf("owner"),
      body: { email: other.emails.owner, role: "admin" },
    });
    expect(res.status).toBe(201);
    const token = new URL(String(res.body.inviteUrl)).searchParams.get("token");
    const hijack = await h.call("POST", "/merchant/v1/auth/invites/accept", {
      body: { tenant: shop.key, token, password: "attacker password" },
    });
    expect(hijack.status).toBe(401);
    const ok = await h.call("POST", "/merchant/v1/auth/invites/accept", {
      body: { tenant: shop.key, token, password: PASSWORD },
    });
    expect(ok.status).toBe(200);
    const me = await h.call("GET", "/merchant/v1/me", { token: String(ok.body.token) });
    expect(me.body).toMatchObject({ role: "admin", tenant: { key: shop.key } });
  });

  it("refuses members (409), replaces open invitations, and revokes", async () => {
    const owner = await tokenOf("owner");
    const dup = await h.call("POST", "/merchant/v1/staff/invites", {
      token: owner,
      body: { email: shop.emails.staff, role: "staff" },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error?.code).toBe("already_member");

    const first = await h.call("POST", "/merchant/v1/staff/invites", {
      token: owner,
      body: { email: "twice@shop.test", role: "staff" },
    });
    const second = await h.call("POST", "/merchant/v1/staff/invites", {
      token: owner,
      body: { email: "twice@shop.test", role: "admin" },
    });
    expect(second.status).toBe(201);
    const oldToken = new URL(String(first.body.inviteUrl)).searchParams.get("token");
    const stale = await h.call("POST", "/merchant/v1/auth/invites/accept", {
      body: { tenant: shop.key, token: oldToken, password: PASSWORD },
    });
    expect(stale.status).toBe(410);

    expect((await h.call("DELETE", `/merchant/v1/staff/invites/${second.body.id}`, { token: owner })).status).toBe(200);
    expect((await h.call("DELETE", `/merchant/v1/staff/invites/${second.body.id}`, { token: owner })).status).toBe(404);
    const newToken = new URL(String(second.body.inviteUrl)).searchParams.get("token");
    const revoked = await h.call("POST", "/merchant/v1/auth/invites/accept", {
      body: { tenant: shop.key, token: newToken, password: PASSWORD },
    });
    expect(revoked.status).toBe(410);
  });

  it("an admin may invite staff but not admins", async () => {
    const admin = await tokenOf("admin");
    expect(
      (
        await h.call("POST", "/merchant/v1/staff/invites", {
          token: admin,
          body: { email: "s2@shop.test", role: "staff" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await h.call("POST", "/merchant/v1/staff/invites", {
          token: admin,
          body: { email: "a2@shop.test", role: "admin" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await h.call("POST", "/merchant/v1/staff/invites", {
          token: admin,
          body: { email: "o2@shop.test", role: "owner" },
        })
      ).status,
    ).toBe(422);
  });
});

describe("roles and removal", () => {
  it("enforces rank: nobody changes themselves, an equal or a higher role", async () => {
    const t = await h.tenant();
    const admin = await tokenOf("admin", t);
    expect(
      (await h.call("PATCH", `/merchant/v1/staff/${t.members.owner}`, { token: admin, body: { role: "staff" } }))
        .status,
    ).toBe(403);
    expect(
      (await h.call("PATCH", `/merchant/v1/staff/${t.members.admin}`, { token: admin, body: { role: "staff" } }))
        .status,
    ).toBe(403);
    expect(
      (await h.call("PATCH", `/merchant/v1/staff/${t.members.staff}`, { token: admin, body: { role: "admin" } }))
        .status,
    ).toBe(403);
    expect((await h.call("DELETE", `/merchant/v1/staff/${t.members.owner}`, { token: admin })).status).toBe(403);

    const owner = await tokenOf("owner", t);
    expect(
      (await h.call("PATCH", `/merchant/v1/staff/${t.members.staff}`, { token: owner, body: { role: "admin" } }))
        .status,
    ).toBe(200);
    expect(
      (await h.call("PATCH", `/merchant/v1/staff/${t.members.staff}`, { token: owner, body: { role: "owner" } }))
        .status,
    ).toBe(422);
    const list = await h.call("GET", "/merchant/v1/staff", { token: owner });
    const roles = Object.fromEntries((list.body.members as { id: string; role: string }[]).map((m) => [m.id, m.role]));
    expect(roles[t.members.staff]).toBe("admin");
  });

  it("removing a member ends their sessions in that store", async () => {
    const t = await h.tenant();
    const staffToken = await tokenOf("staff", t);
    expect((await h.call("GET", "/merchant/v1/me", { token: staffToken })).status).toBe(200);
    expect(
      (await h.call("DELETE", `/merchant/v1/staff/${t.members.staff}`, { token: await tokenOf("admin", t) })).status,
    ).toBe(200);
    expect((await h.call("GET", "/merchant/v1/me", { token: staffToken })).status).toBe(401);
    expect(
      (await h.call("DELETE", `/merchant/v1/staff/${t.members.staff}`, { token: await tokenOf("admin", t) })).status,
    ).toBe(404);
  });

  it("hands over ownership: the new owner can, the old owner becomes admin", async () => {
    const t = await h.tenant();
    const owner = await tokenOf("owner", t);
    expect(
      (
        await h.call("POST", "/merchant/v1/staff/transfer-ownership", {
          token: await tokenOf("admin", t),
          body: { memberId: t.members.admin },
        })
      ).status,
    ).toBe(403);
    const res = await h.call("POST", "/merchant/v1/staff/transfer-ownership", {
      token: owner,
      body: { memberId: t.members.admin },
    });
    expect(res.status).toBe(200);
    const list = await h.call("GET", "/merchant/v1/staff", { token: await tokenOf("admin", t) });
    const roles = Object.fromEntries((list.body.members as { id: string; role: string }[]).map((m) => [m.id, m.role]));
    expect(roles).toMatchObject({ [t.members.owner]: "admin", [t.members.admin]: "owner" });
  });
});
