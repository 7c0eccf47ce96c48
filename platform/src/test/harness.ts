// An app on a fresh test database with a memory mailer, plus fixtures: platform admins and
// tenants with an owner, an admin and a staff member, each signed in. Route tests build on it.
import { createApp } from "../app.ts";
import { type Booted, boot } from "../boot.ts";
import { createMemoryMailer, type MemoryMailer } from "../integrations/email/index.ts";
import { createRelay, type Relay } from "../jobs/relay.ts";
import { createInProcessTransport } from "../jobs/transports/inprocess.ts";
import { createLogger } from "../logger.ts";
import { createMerchantSession } from "../services/auth/log-in.ts";
import { createPlatformAdmin, upsertUserWithPassword } from "../services/platform/create-admin.ts";
import { provisionTenant } from "../services/platform/provision-tenant.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export const PASSWORD = "correct horse battery staple";

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** A raw body sent as is (for malformed input tests). */
  raw?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // Route tests read whatever came back; the shape is asserted by each test.
  body: Record<string, unknown> & {
    error?: { code: string; message: string; requestId: string; details?: { path: string; message: string }[] };
  };
}

export interface TenantFixture {
  id: string;
  key: string;
  tokens: { owner: string; admin: string; staff: string };
  members: { owner: string; admin: string; staff: string };
  emails: { owner: string; admin: string; staff: string };
}

let counter = 0;

export async function startHarness(overrides: Record<string, string> = {}) {
  const database: TestDatabase = await createTestDatabase({
    PUBLIC_URL: "http://mallwright.test",
    // In-process requests share one "IP"; tests of throttling set their own limits.
    LOGIN_MAX_PER_IP: "100000",
    ...overrides,
  });
  const log = createLogger("silent");
  const mailer: MemoryMailer = createMemoryMailer();
  const booted: Booted = await boot({
    env: database.env,
    log,
    mailer,
    inProcessJobs: false,
    database: await database.open(),
  });
  const relay: Relay = createRelay({
    admin: booted.database.admin,
    transport: createInProcessTransport({ db: booted.database.db, mailer, log, env: database.env }),
    log,
    intervalMs: 60_000,
  });
  const app = createApp(booted.deps);
  const { admin, db, reader } = booted.database;

  async function call(method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: CallResult["body"] = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { text };
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  async function login(audience: "platform" | "merchant", email: string, tenant?: string): Promise<string> {
    const res = await call("POST", `/${audience}/v1/auth/login`, {
      body: { email, password: PASSWORD, ...(tenant ? { tenant } : {}) },
    });
    if (res.status !== 200 || typeof res.body.token !== "string") {
      throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body.token;
  }

  async function platformAdmin(): Promise<{ email: string; token: string }> {
    const email = `admin${++counter}@platform.test`;
    await createPlatformAdmin(admin, email, PASSWORD);
    return { email, token: await login("platform", email) };
  }

  /**
   * A store with an owner, an admin and a staff member, each signed in. On the growth plan (a
   * trial of it) unless `plan` says otherwise, so quotas and plan features stay out of the way of
   * tests about something else.
   */
  async function tenant(
    key = `shop-${++counter}-${Math.random().toString(36).slice(2, 7)}`,
    opts: { plan?: "free" | "growth" | "pro" } = {},
  ): Promise<TenantFixture> {
    const emails = { owner: `owner@${key}.test`, admin: `admin@${key}.test`, staff: `staff@${key}.test` };
    await upsertUserWithPassword(admin, emails.owner, PASSWORD);
    const { tenant: t } = await provisionTenant(admin, database.env, {
      name: `Shop ${key}`,
      key,
      ownerEmail: emails.owner,
      plan: opts.plan ?? "growth",
    });
    const members = await admin.withAdmin(async (tx) => {
      const out: Record<string, string> = {};
      for (const role of ["admin", "staff"] as const) {
        const user = await tx.user.create({ data: { email: emails[role] } });
        out[role] = (await tx.membership.create({ data: { tenantId: t.id, userId: user.id, role } })).id;
      }
      const owner = await tx.membership.findFirstOrThrow({ where: { tenantId: t.id, role: "owner" } });
      return { owner: owner.id, admin: out.admin ?? "", staff: out.staff ?? "" };
    });
    await upsertUserWithPassword(admin, emails.admin, PASSWORD);
    await upsertUserWithPassword(admin, emails.staff, PASSWORD);
    const tokens = {
      owner: await login("merchant", emails.owner, key),
      admin: await login("merchant", emails.admin, key),
      staff: await login("merchant", emails.staff, key),
    };
    return { id: t.id, key, tokens, members, emails };
  }

  /** A shopper of store `t` signed in through the development login; `name` picks (or reuses) the shopper. */
  async function shopperToken(t: TenantFixture, name = `shopper${++counter}`): Promise<string> {
    const res = await call("POST", "/store/v1/auth/wechat", {
      headers: { "x-mallwright-tenant": t.key },
      body: { code: `dev:${name}` },
    });
    if (res.status !== 200 || typeof res.body.token !== "string") {
      throw new Error(`shopper sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body.token;
  }

  /** A new session for a fixture member, without a password round trip. */
  async function sessionFor(t: TenantFixture, role: keyof TenantFixture["members"]): Promise<string> {
    return (await createMerchantSession(db, database.env, { tenantId: t.id, membershipId: t.members[role] })).token;
  }

  return {
    app,
    /** What the app was built from (another app over the same database: createApp({...h.deps, ...})). */
    deps: booted.deps,
    sessionFor,
    shopperToken,
    env: database.env,
    database,
    admin,
    db,
    /** The storefront's read path (src/db/read.ts) on the same database. */
    reader,
    mailer,
    relay,
    call,
    login,
    platformAdmin,
    tenant,
    /** Runs every due outbox job now (emails land in `mailer.sent`). */
    flushJobs: () => relay.runOnce(),
    /**
     * Runs the pending jobs whose names start with one of `prefixes` now, even those waiting for a
     * delay or a retry's backoff, until none is due (at most `rounds` passes).
     */
    async runJobsNow(prefixes: string[], rounds = 6) {
      for (let i = 0; i < rounds; i++) {
        await admin.withAdmin(
          (tx) => tx.$executeRaw`UPDATE outbox SET available_at = now() - interval '1 second'
            WHERE status = 'pending' AND EXISTS (SELECT 1 FROM unnest(${prefixes}::text[]) p WHERE starts_with(job, p))`,
        );
        if ((await relay.runOnce()) === 0) return;
      }
    },
    close: async () => {
      await relay.stop();
      await booted.close();
      await database.drop();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
