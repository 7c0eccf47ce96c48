// The migration runner on real, EMPTY PostgreSQL databases with throwaway migration directories:
// order, once-only, checksums, edited files, rollback, bad names, concurrent runs (advisory lock),
// migrationStatus; then the real migrations/ on an in-memory PGlite.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServerUrl } from "../test/database.ts";
import { MigrationError, type MigrationTarget, migrate, migrationStatus, readMigrations } from "./migrate.ts";
import { ADMIN_ROLE, APP_ROLE, createPGlite, pgliteTarget, postgresTarget } from "./open.ts";

const created: string[] = [];
const clients: postgres.Sql[] = [];
const dirs: string[] = [];

function dbUrl(name: string): string {
  const u = new URL(testServerUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

function connect(url: string): postgres.Sql {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  clients.push(sql);
  return sql;
}

/** A brand-new empty database (not the migrated template) and an owner connection to it. */
async function emptyDatabase(): Promise<{ url: string; sql: postgres.Sql; target: MigrationTarget }> {
  const name = `mw_migrate_${process.pid}_${randomBytes(4).toString("hex")}`;
  const server = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  try {
    await server.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await server.end();
  }
  created.push(name);
  const url = dbUrl(name);
  const sql = connect(url);
  return { url, sql, target: postgresTarget(sql) };
}

/** A temporary migrations directory holding `files` (name -> SQL). */
function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mw-migrations-"));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(path.join(dir, name), sql);
  return dir;
}

async function exists(sql: postgres.Sql, relation: string): Promise<boolean> {
  const [row] = await sql<{ t: string | null }[]>`SELECT to_regclass(${relation})::text AS t`;
  return Boolean(row?.t);
}

async function ledger(sql: postgres.Sql) {
  return sql<{ version: number; name: string; checksum: string; applied_at: Date }[]>`
    SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version`;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.end({ timeout: 5 })));
  const server = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  try {
    for (const name of created) await server.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await server.end();
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("migrate() on an empty PostgreSQL database", () => {
  it("applies files in order, each once, recording name and checksum", async () => {
    const { sql, target } = await emptyDatabase();
    const files = {
      "0002_orders.sql": "CREATE TABLE orders (id int PRIMARY KEY, shop_id int NOT NULL REFERENCES shops (id));",
      "0001_shops.sql": "CREATE TABLE shops (id int PRIMARY KEY);\nINSERT INTO shops VALUES (1);",
      "0010_seed.sql": "INSERT INTO orders VALUES (1, 1);",
      "README.md": "not a migration: ignored",
    };
    const dir = migrationsDir(files);
    expect(await migrate(target, dir)).toEqual(["0001_shops.sql", "0002_orders.sql", "0010_seed.sql"]);
    expect(await migrate(target, dir)).toEqual([]);
    const rows = await ledger(sql);
    expect(rows.map((r) => [r.version, r.name, r.checksum])).toEqual([
      [1, "shops", sha256(files["0001_shops.sql"])],
      [2, "orders", sha256(files["0002_orders.sql"])],
      [10, "seed", sha256(files["0010_seed.sql"])],
    ]);
    expect(rows.every((r) => r.applied_at instanceof Date)).toBe(true);
    expect(await sql`SELECT count(*)::int AS n FROM orders`).toEqual([{ n: 1 }]);

    writeFileSync(path.join(dir, "0011_more.sql"), "INSERT INTO orders VALUES (2, 1);");
    expect(await migrate(target, dir)).toEqual(["0011_more.sql"]);
    expect(await migrate(target, dir)).toEqual([]);
    expect(await sql`SELECT count(*)::int AS n FROM orders`).toEqual([{ n: 2 }]);
  });

  it("refuses a file edited after it was applied, naming it, and applies nothing else", async () => {
    const { sql, target } = await emptyDatabase();
    const dir = migrationsDir({ "0001_a.sql": "CREATE TABLE a (id int);" });
    await migrate(target, dir);
    writeFileSync(path.join(dir, "0001_a.sql"), "CREATE TABLE a (id bigint);");
    writeFileSync(path.join(dir, "0002_b.sql"), "CREATE TABLE b (id int);");
    const run = migrate(target, dir);
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(
      /migration 0001_a\.sql was edited after it was applied .*add a new migration instead/,
    );
    expect(await exists(sql, "b")).toBe(false);
    expect((await ledger(sql)).map((r) => r.version)).toEqual([1]);
  });

  it("refuses a ledger entry whose file is gone", async () => {
    const { target } = await emptyDatabase();
    const dir = migrationsDir({ "0001_a.sql": "CREATE TABLE a (id int);", "0002_b.sql": "CREATE TABLE b (id int);" });
    await migrate(target, dir);
    unlinkSync(path.join(dir, "0002_b.sql"));
    await expect(migrate(target, dir)).rejects.toThrow(
      /migration 2 \(b\) is recorded as applied but its file is missing/,
    );
  });

  it("rolls a failing run back entirely: no ledger row, no partial table", async () => {
    const { sql, target } = await emptyDatabase();
    const bad = "CREATE TABLE partial_b (id int);\nINSERT INTO partial_b VALUES (1);\nSELECT no_such_function();";
    const dir = migrationsDir({ "0001_ok.sql": "CREATE TABLE ok_a (id int);", "0002_bad.sql": bad });
    const run = migrate(target, dir);
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(/migration 0002_bad\.sql failed: .*no_such_function/);
    // Every pending file runs in one transaction: even 0001 and the ledger itself are gone.
    expect(await exists(sql, "ok_a")).toBe(false);
    expect(await exists(sql, "partial_b")).toBe(false);
    expect(await exists(sql, "schema_migrations")).toBe(false);

    // With 0001 applied by an earlier run, the failed 0002 leaves 0001 and its ledger row alone.
    unlinkSync(path.join(dir, "0002_bad.sql"));
    expect(await migrate(target, dir)).toEqual(["0001_ok.sql"]);
    writeFileSync(path.join(dir, "0002_bad.sql"), bad);
    await expect(migrate(target, dir)).rejects.toThrow(/0002_bad\.sql failed/);
    expect(await exists(sql, "ok_a")).toBe(true);
    expect(await exists(sql, "partial_b")).toBe(false);
    expect((await ledger(sql)).map((r) => r.version)).toEqual([1]);
  });

  it("refuses badly named files and duplicate numbers before touching the database", async () => {
    const { sql, target } = await emptyDatabase();
    for (const name of ["1_init.sql", "0001-init.sql", "0001_Init.sql", "00001_init.sql", "0001_.sql"]) {
      const dir = migrationsDir({ [name]: "CREATE TABLE t (id int);" });
      const run = migrate(target, dir);
      await expect(run).rejects.toBeInstanceOf(MigrationError);
      await expect(run).rejects.toThrow(`migration file name ${name} must look like 0001_name.sql`);
    }
    const dup = migrationsDir({ "0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 1;" });
    await expect(migrate(target, dup)).rejects.toThrow(/two migrations share the number 0001/);
    expect(await exists(sql, "schema_migrations")).toBe(false);
    expect(await exists(sql, "t")).toBe(false);
  });

  it("serialises concurrent runs with the advisory lock: all succeed, each file applied exactly once", async () => {
    const { url, sql } = await emptyDatabase();
    const dir = migrationsDir({
      "0001_log.sql":
        "CREATE TABLE applied_log (n serial PRIMARY KEY, file text NOT NULL);\nINSERT INTO applied_log (file) VALUES ('0001');\nSELECT pg_sleep(0.4);",
      "0002_more.sql": "CREATE TABLE more (id int);\nINSERT INTO applied_log (file) VALUES ('0002');",
    });
    // Four runners, as four processes would be: separate connections.
    const targets = Array.from({ length: 4 }, () => postgresTarget(connect(url)));
    let maxWaiting = 0;
    let done = false;
    const watch = (async () => {
      while (!done) {
        const [row] = await sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
        maxWaiting = Math.max(maxWaiting, row?.n ?? 0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const results = await Promise.all(targets.map((t) => migrate(t, dir)));
    done = true;
    await watch;
    expect(results.flat().sort()).toEqual(["0001_log.sql", "0002_more.sql"]);
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    expect(await sql`SELECT file FROM applied_log ORDER BY n`).toEqual([{ file: "0001" }, { file: "0002" }]);
    expect((await ledger(sql)).map((r) => r.version)).toEqual([1, 2]);
    expect(maxWaiting).toBeGreaterThan(0); // the others really did queue behind the lock
  });
});

describe("migrationStatus()", () => {
  it("reports pending, current and error states without changing the database", async () => {
    const { sql, target } = await emptyDatabase();
    const dir = migrationsDir({ "0001_a.sql": "CREATE TABLE a (id int);", "0002_b.sql": "CREATE TABLE b (id int);" });
    expect(await migrationStatus(target, dir)).toEqual({ current: false, pending: ["0001_a.sql", "0002_b.sql"] });
    expect(await exists(sql, "schema_migrations")).toBe(false);

    await migrate(target, dir);
    expect(await migrationStatus(target, dir)).toEqual({ current: true, pending: [] });

    writeFileSync(path.join(dir, "0003_c.sql"), "CREATE TABLE c (id int);");
    expect(await migrationStatus(target, dir)).toEqual({ current: false, pending: ["0003_c.sql"] });
    expect(await exists(sql, "c")).toBe(false);

    writeFileSync(path.join(dir, "0001_a.sql"), "CREATE TABLE a (id int, x int);");
    const status = await migrationStatus(target, dir);
    expect(status).toMatchObject({ current: false, pending: [] });
    expect(status.error).toMatch(/migration 0001_a\.sql was edited after it was applied/);
  });
});

describe("the real migrations on PGlite (embedded mode)", () => {
  let pg: PGlite;
  let target: MigrationTarget;

  beforeAll(async () => {
    pg = await createPGlite(); // in memory, with the extensions the embedded mode loads
    target = pgliteTarget(pg);
  });

  afterAll(async () => {
    await pg?.close();
  });

  it("applies every file once and reports current", async () => {
    expect(await migrate(target)).toEqual(readMigrations().map((f) => f.file));
    expect(await migrate(target)).toEqual([]);
    expect(await migrationStatus(target)).toEqual({ current: true, pending: [] });
  });

  it("creates the tables, roles, RLS and policies", async () => {
    const tables = await pg.query<{ name: string; tenant: boolean; rls: boolean; force: boolean; policies: number }>(`
      SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS force,
             EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS tenant,
             (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`);
    const names = tables.rows.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "tenants",
        "users",
        "memberships",
        "sessions",
        "staff_invites",
        "outbox",
        "schema_migrations",
      ]),
    );
    const tenantTables = tables.rows.filter((t) => t.tenant);
    expect(tenantTables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["memberships", "sessions", "staff_invites", "outbox"]),
    );
    for (const t of tenantTables)
      expect({ table: t.name, rls: t.rls, force: t.force, hasPolicy: t.policies > 0 }).toEqual({
        table: t.name,
        rls: true,
        force: true,
        hasPolicy: true,
      });

    const roles = await pg.query<{ name: string; bypass: boolean; super: boolean }>(
      "SELECT rolname AS name, rolbypassrls AS bypass, rolsuper AS super FROM pg_roles WHERE rolname = ANY($1) ORDER BY 1",
      [[APP_ROLE, ADMIN_ROLE]],
    );
    expect(roles.rows).toEqual([
      { name: ADMIN_ROLE, bypass: true, super: false },
      { name: APP_ROLE, bypass: false, super: false },
    ]);
  });

  it("enforces RLS for the app role", async () => {
    const { rows, a } = await pg.transaction(async (tx) => {
      const t = await tx.query<{ a: string; b: string }>(
        "WITH t AS (INSERT INTO tenants (key, name) VALUES ('shop-a', 'A'), ('shop-b', 'B') RETURNING id, key) SELECT (SELECT id FROM t WHERE key = 'shop-a') AS a, (SELECT id FROM t WHERE key = 'shop-b') AS b",
      );
      const ids = t.rows[0];
      if (!ids) throw new Error("tenants not created");
      await tx.query("INSERT INTO users (email) VALUES ('u@example.com')");
      await tx.query(
        "INSERT INTO memberships (tenant_id, user_id, role) SELECT t, (SELECT id FROM users), 'owner' FROM unnest($1::uuid[]) AS t",
        [[ids.a, ids.b]],
      );
      await tx.exec(`SET LOCAL ROLE ${APP_ROLE}`);
      await tx.query("SELECT set_config('app.tenant_id', $1, true)", [ids.a]);
      const seen = await tx.query<{ tenant_id: string }>("SELECT tenant_id FROM memberships");
      return { rows: seen.rows, a: ids.a };
    });
    expect(rows).toEqual([{ tenant_id: a }]);
  });
});
