// Tenant isolation through openDatabase(), on real PostgreSQL and on the embedded PGlite:
// withTenant sees one store, withApp none, wrong-tenant writes fail, nothing carries over between
// pooled transactions, and the app role has no way out (role switch, DISABLE RLS, row_security).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../env.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { ADMIN_ROLE, APP_ROLE, type OpenDatabase, openDatabase } from "./open.ts";
import type { Tx } from "./types.ts";

interface Fixture {
  a: string;
  b: string;
  userA: string;
  userB: string;
  /** Staff in both stores. */
  userShared: string;
  sessionToken: Buffer;
}

/** Everything in an error and its causes, as text: Prisma wraps the PostgreSQL error. */
function describeError(err: unknown, depth = 0): string {
  if (depth > 5 || err === null || err === undefined) return "";
  if (typeof err !== "object") return String(err);
  const e = err as { message?: unknown; code?: unknown; meta?: unknown; cause?: unknown };
  const parts = [String(e.message ?? ""), String(e.code ?? "")];
  try {
    parts.push(JSON.stringify(e.meta ?? null));
  } catch {}
  return `${parts.join(" | ")} || ${describeError(e.cause, depth + 1)}`;
}

async function failure(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (err) {
    return describeError(err);
  }
  throw new Error("expected the operation to fail, it succeeded");
}

const RLS_VIOLATION = /42501|row-level security/;

async function currentTenant(tx: Tx): Promise<string | null> {
  const [row] = await tx.$queryRaw<
    { t: string | null }[]
  >`SELECT nullif(current_setting('app.tenant_id', true), '') AS t`;
  return row?.t ?? null;
}

async function seed(database: OpenDatabase): Promise<Fixture> {
  return database.admin.withAdmin(async (tx) => {
    const a = await tx.tenant.create({ data: { key: "tenancy-a", name: "Store A" } });
    const b = await tx.tenant.create({ data: { key: "tenancy-b", name: "Store B" } });
    const userA = await tx.user.create({ data: { email: "owner-a@example.com" } });
    const userB = await tx.user.create({ data: { email: "owner-b@example.com" } });
    const shared = await tx.user.create({ data: { email: "shared@example.com" } });
    const ownerA = await tx.membership.create({ data: { tenantId: a.id, userId: userA.id, role: "owner" } });
    await tx.membership.create({ data: { tenantId: b.id, userId: userB.id, role: "owner" } });
    await tx.membership.create({ data: { tenantId: a.id, userId: shared.id, role: "staff" } });
    await tx.membership.create({ data: { tenantId: b.id, userId: shared.id, role: "admin" } });
    const sessionToken = Buffer.from("0123456789abcdef0123456789abcdef");
    await tx.session.create({
      data: {
        tenantId: a.id,
        membershipId: ownerA.id,
        tokenHash: sessionToken,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    for (const [t, email] of [
      [a.id, "invite-a@example.com"],
      [b.id, "invite-b@example.com"],
    ] as const) {
      await tx.staffInvite.create({
        data: {
          tenantId: t,
          email,
          role: "staff",
          tokenHash: Buffer.from(email),
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      });
      await tx.outboxEntry.create({ data: { tenantId: t, job: "test.noop", payload: { t } } });
    }
    await tx.outboxEntry.create({ data: { tenantId: null, job: "test.platform", payload: {} } });
    return { a: a.id, b: b.id, userA: userA.id, userB: userB.id, userShared: shared.id, sessionToken };
  });
}

/** Every tenant table's rows visible in this transaction, as tenant ids. */
async function visibleTenants(tx: Tx): Promise<Record<string, (string | null)[]>> {
  const ids = (rows: { tenantId: string | null }[]) => rows.map((r) => r.tenantId);
  return {
    memberships: ids(await tx.membership.findMany({ select: { tenantId: true } })),
    sessions: ids(await tx.session.findMany({ select: { tenantId: true } })),
    staffInvites: ids(await tx.staffInvite.findMany({ select: { tenantId: true } })),
    outbox: ids(await tx.outboxEntry.findMany({ select: { tenantId: true } })),
  };
}

function tenancySuite(
  kind: "postgres" | "pglite",
  open: () => Promise<{ database: OpenDatabase; cleanup: () => Promise<void> }>,
) {
  describe(`tenant isolation (${kind})`, () => {
    let database: OpenDatabase;
    let cleanup: () => Promise<void>;
    let f: Fixture;

    beforeAll(async () => {
      ({ database, cleanup } = await open());
      expect(database.kind).toBe(kind);
      f = await seed(database);
    });

    afterAll(async () => {
      await cleanup?.();
    });

    it("withTenant(A) sees only A's rows in every tenant table", async () => {
      const seenA = await database.db.withTenant(f.a, visibleTenants);
      expect(seenA).toEqual({ memberships: [f.a, f.a], sessions: [f.a], staffInvites: [f.a], outbox: [f.a] });
      const seenB = await database.db.withTenant(f.b, visibleTenants);
      expect(seenB).toEqual({ memberships: [f.b, f.b], sessions: [], staffInvites: [f.b], outbox: [f.b] });
    });

    it("withApp sees no tenant rows and no outbox rows (platform-level ones are write-only), but the global tables", async () => {
      const seen = await database.db.withApp(async (tx) => ({
        ...(await visibleTenants(tx)),
        tenants: (await tx.tenant.findMany({ select: { id: true }, orderBy: { key: "asc" } })).map((t) => t.id),
      }));
      expect(seen).toEqual({ memberships: [], sessions: [], staffInvites: [], outbox: [], tenants: [f.a, f.b] });
    });

    it("rejects writing B's tenant_id inside withTenant(A) (insert, or moving a row)", async () => {
      const insert = await failure(
        database.db.withTenant(f.a, (tx) =>
          tx.membership.create({ data: { tenantId: f.b, userId: f.userA, role: "staff" } }),
        ),
      );
      expect(insert).toMatch(RLS_VIOLATION);
      const raw = await failure(
        database.db.withTenant(
          f.a,
          (tx) => tx.$executeRaw`INSERT INTO outbox (tenant_id, job, payload) VALUES (${f.b}::uuid, 'test.noop', '{}')`,
        ),
      );
      expect(raw).toMatch(RLS_VIOLATION);
      const move = await failure(
        database.db.withTenant(f.a, (tx) =>
          tx.membership.update({
            where: { tenantId_userId: { tenantId: f.a, userId: f.userShared } },
            data: { tenantId: f.b },
          }),
        ),
      );
      expect(move).toMatch(RLS_VIOLATION);
      const noTenant = await failure(
        database.db.withApp((tx) => tx.membership.create({ data: { tenantId: f.a, userId: f.userB, role: "staff" } })),
      );
      expect(noTenant).toMatch(RLS_VIOLATION);
    });

    it("cannot touch B's rows from withTenant(A): updates and deletes match nothing", async () => {
      const counts = await database.db.withTenant(f.a, async (tx) => ({
        updated: (await tx.membership.updateMany({ where: { tenantId: f.b }, data: { role: "staff" } })).count,
        deleted: (await tx.staffInvite.deleteMany({ where: { tenantId: f.b } })).count,
        found: await tx.membership.findFirst({ where: { tenantId: f.b } }),
      }));
      expect(counts).toEqual({ updated: 0, deleted: 0, found: null });
      const b = await database.admin.withAdmin(async (tx) => ({
        roles: (await tx.membership.findMany({ where: { tenantId: f.b }, orderBy: { role: "asc" } })).map(
          (m) => m.role,
        ),
        invites: await tx.staffInvite.count({ where: { tenantId: f.b } }),
      }));
      expect(b).toEqual({ roles: ["admin", "owner"], invites: 1 });
    });

    it("runs as the app role (admin as the admin role)", async () => {
      const who = async (tx: Tx) => (await tx.$queryRaw<{ u: string }[]>`SELECT current_user::text AS u`)[0]?.u;
      expect(await database.db.withTenant(f.a, who)).toBe(APP_ROLE);
      expect(await database.db.withApp(who)).toBe(APP_ROLE);
      expect(await database.admin.withAdmin(who)).toBe(ADMIN_ROLE);
    });

    it("leaves no tenant on the connection: sequential transactions alternate cleanly", async () => {
      for (let i = 0; i < 20; i++) {
        const tenant = i % 2 === 0 ? f.a : f.b;
        const inside = await database.db.withTenant(tenant, async (tx) => ({
          setting: await currentTenant(tx),
          rows: (await tx.membership.findMany({ select: { tenantId: true } })).map((m) => m.tenantId),
        }));
        expect(inside).toEqual({ setting: tenant, rows: [tenant, tenant] });
        const after = await database.db.withApp(async (tx) => ({
          setting: await currentTenant(tx),
          rows: await tx.membership.count(),
        }));
        expect(after).toEqual({ setting: null, rows: 0 });
      }
    });

    it("50 concurrent mixed transactions each see only their own tenant", async () => {
      const runs = Array.from({ length: 50 }, (_, i) => {
        const tenant = i % 5 === 0 ? null : i % 2 === 0 ? f.a : f.b;
        const body = async (tx: Tx) => {
          const first = await tx.membership.findMany({ select: { tenantId: true } });
          await tx.$executeRaw`SELECT pg_sleep(0.002)`; // let the others interleave
          const invites = await tx.staffInvite.findMany({ select: { tenantId: true } });
          return { tenant, setting: await currentTenant(tx), seen: [...first, ...invites].map((r) => r.tenantId) };
        };
        return tenant === null ? database.db.withApp(body) : database.db.withTenant(tenant, body);
      });
      const results = await Promise.all(runs);
      for (const r of results) {
        expect(r.setting).toBe(r.tenant);
        expect(r.seen).toEqual(r.tenant === null ? [] : [r.tenant, r.tenant, r.tenant]);
      }
    });

    it("the SECURITY DEFINER mw_user_memberships lists a user's stores across tenants; a plain select does not", async () => {
      const viaFunction = await database.db.withApp(
        (tx) =>
          tx.$queryRaw<{ tenant_id: string; tenant_key: string; role: string }[]>`
            SELECT tenant_id::text, tenant_key, role FROM mw_user_memberships(${f.userShared}::uuid)`,
      );
      expect(viaFunction).toEqual([
        { tenant_id: f.a, tenant_key: "tenancy-a", role: "staff" },
        { tenant_id: f.b, tenant_key: "tenancy-b", role: "admin" },
      ]);
      expect(await database.db.withApp((tx) => tx.membership.findMany({ where: { userId: f.userShared } }))).toEqual(
        [],
      );
      const inA = await database.db.withTenant(f.a, (tx) =>
        tx.membership.findMany({ where: { userId: f.userShared } }),
      );
      expect(inA.map((m) => m.tenantId)).toEqual([f.a]);
      const resolved = await database.db.withApp(
        (tx) =>
          tx.$queryRaw<{ tenant_id: string }[]>`SELECT tenant_id::text FROM mw_resolve_session(${f.sessionToken})`,
      );
      expect(resolved).toEqual([{ tenant_id: f.a }]);
    });

    describe("the app role cannot escape RLS", () => {
      const attempt = (sql: string) =>
        failure(
          database.db.withTenant(f.a, async (tx) => {
            await tx.$executeRawUnsafe(sql);
            return tx.$queryRawUnsafe("SELECT count(*) FROM memberships");
          }),
        );

      it("cannot ALTER TABLE ... DISABLE ROW LEVEL SECURITY or drop the policy", async () => {
        expect(await attempt("ALTER TABLE memberships DISABLE ROW LEVEL SECURITY")).toMatch(
          /must be owner of table memberships/,
        );
        expect(await attempt("ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY")).toMatch(
          /must be owner of table memberships/,
        );
        expect(await attempt("DROP POLICY tenant_isolation ON memberships")).toMatch(
          /must be owner of (table|relation) memberships/,
        );
      });

      it("cannot switch row_security off (PostgreSQL refuses the query instead of bypassing)", async () => {
        const refused = /query would be affected by row-level security policy for table "memberships"/;
        expect(await attempt("SELECT set_config('row_security', 'off', true)")).toMatch(refused);
        expect(await attempt("SET LOCAL row_security = off")).toMatch(refused);
      });

      it("cannot grant itself BYPASSRLS", async () => {
        expect(await attempt(`ALTER ROLE ${APP_ROLE} BYPASSRLS`)).toMatch(
          /must be superuser to change bypassrls attribute|permission denied to alter role/,
        );
      });

      const setRole = async () => {
        expect(await attempt(`SET ROLE ${ADMIN_ROLE}`)).toMatch(/permission denied to set role/);
        expect(await attempt("SET SESSION AUTHORIZATION postgres")).toMatch(
          /permission denied to set session authorization/,
        );
        // RESET ROLE must leave us as the app role: still only A's rows.
        const afterReset = await database.db.withTenant(f.a, async (tx) => {
          await tx.$executeRawUnsafe("RESET ROLE");
          return (await tx.membership.findMany({ select: { tenantId: true } })).map((m) => m.tenantId);
        });
        expect(afterReset).toEqual([f.a, f.a]);
      };
      if (kind === "postgres") {
        it("cannot SET ROLE to the admin role or change session authorization", setRole);
      } else {
        // KNOWN GAP (expected to fail until fixed): embedded PGlite is one connection whose
        // session user is a superuser; open.ts drops to the app role with SET LOCAL ROLE, and
        // PostgreSQL checks SET ROLE / RESET ROLE / SET SESSION AUTHORIZATION against the
        // session user, so SQL run inside withTenant can become the admin role or superuser.
        // When openEmbedded() closes this, vitest will report this test as unexpectedly passing:
        // change it.fails to it.
        it.fails("cannot SET ROLE to the admin role or change session authorization", setRole);
      }
    });
  });
}

tenancySuite("postgres", async () => {
  const testDb: TestDatabase = await createTestDatabase();
  const database = await testDb.open();
  return {
    database,
    cleanup: async () => {
      await database.close();
      await testDb.drop();
    },
  };
});

tenancySuite("pglite", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "mw-tenancy-"));
  const database = await openDatabase(
    loadEnv({
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      DATABASE_APP_URL: "",
      DATABASE_ADMIN_URL: "",
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
    }),
  );
  await database.migrate();
  return {
    database,
    cleanup: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

describe("tenant isolation (postgres, a pool of one connection)", () => {
  let testDb: TestDatabase;
  let database: OpenDatabase;
  let f: Fixture;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase({ ...testDb.env, DATABASE_POOL_SIZE: 1 });
    f = await seed(database);
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it("the same connection serves A, then no tenant, then B, with nothing carried over", async () => {
    const backend = async (tx: Tx) => (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]?.pid;
    const pids = new Set<number | undefined>();
    for (const tenant of [f.a, null, f.b, null, f.a]) {
      const seen = await (tenant === null
        ? database.db.withApp(async (tx) => ({
            pid: await backend(tx),
            setting: await currentTenant(tx),
            n: await tx.membership.count(),
          }))
        : database.db.withTenant(tenant, async (tx) => ({
            pid: await backend(tx),
            setting: await currentTenant(tx),
            n: await tx.membership.count(),
          })));
      pids.add(seen.pid);
      expect({ setting: seen.setting, n: seen.n }).toEqual({ setting: tenant, n: tenant === null ? 0 : 2 });
    }
    expect(pids.size).toBe(1);
  });
});
