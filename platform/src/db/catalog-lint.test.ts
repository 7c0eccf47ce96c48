// Catalog lint (DESIGN.md §3): reads pg_catalog of a freshly migrated database and checks the
// tenancy rules every migration must keep. Each check returns a list of problems naming the table,
// constraint, role or function at fault; the real database must give [] and a scratch database
// with deliberate mistakes must give exactly the expected problems (so the lint is not vacuous).
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { ADMIN_ROLE, APP_ROLE } from "./open.ts";

/** Tables in public without tenant_id, each with the reason it is not tenant-owned. */
const GLOBAL_TABLES: Record<string, string> = {
  tenants: "the stores themselves; the app reads them, only the admin role writes",
  users: "one login across many stores; store access goes through memberships",
  platform_admins: "platform operators, not store data",
  platform_sessions: "platform-admin logins, not scoped to a store",
  password_resets: "belong to a user, who may belong to several stores",
  rate_limits: "login throttling counters keyed by hashes, before any store is known",
  schema_migrations: "the migration ledger, written only by the owner",
  stripe_events: "Stripe's webhook events by id (routed to a store when handled), the platform's billing inbox",
  admin_audit_log: "platform admins' actions across stores, written and read by the admin role only",
  wechat_component: "the platform's own WeChat third-party platform ticket and token, one row, no store's data",
};

/** Tenant tables whose tenant_id may be NULL, each with the reason. */
const NULLABLE_TENANT_ID: Record<string, string> = {
  outbox:
    "NULL marks platform-level jobs (emails to a person, not a store); its policy matches them only when no tenant is set",
};

/** The only SECURITY DEFINER functions allowed: narrow, audited doors across tenants. */
const SECURITY_DEFINER_ALLOWED: Record<string, string> = {
  mw_resolve_session: "resolves a session from the hash of a secret token the caller holds",
  mw_resolve_shopper_session: "resolves a shopper's session in the named store from the hash of a secret token",
  mw_user_memberships: "lists the stores of a user who has already proved who they are",
  mw_tenant_by_sub_mchid: "routes a verified WeChat Pay notification to the store its sub-merchant number names",
  mw_mirror_billing: "copies the current store's own billing state onto its tenants row (that row only)",
  mw_tenant_by_stripe_customer: "routes a verified Stripe event to the store its customer id names",
  mw_wechat_sub_merchants: "the daily bill job's list of stores with a WeChat Pay sub-merchant (ids and numbers only)",
};

const TENANT_FUNCTION = /mw_current_tenant\(\)|current_setting\('app\.tenant_id'/;

type Row = Record<string, unknown>;
type Query = <T extends Row>(text: string, params?: unknown[]) => Promise<T[]>;

function queryOf(sql: postgres.Sql): Query {
  return async <T extends Row>(text: string, params: unknown[] = []) =>
    (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
}

interface TableInfo extends Row {
  name: string;
  rls: boolean;
  force: boolean;
  tenant_notnull: boolean | null;
  tenant_type: string | null;
}

/** Ordinary and partitioned tables in public, with their tenant_id column if any. */
async function tables(q: Query): Promise<TableInfo[]> {
  return q<TableInfo>(`
    SELECT c.relname::text AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS force,
           a.attnotnull AS tenant_notnull, format_type(a.atttypid, a.atttypmod) AS tenant_type
    FROM pg_class c
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
    ORDER BY c.relname`);
}

async function tenantTables(q: Query): Promise<TableInfo[]> {
  return (await tables(q)).filter((t) => t.tenant_type !== null);
}

const COMMAND: Record<string, string> = { "*": "ALL", r: "SELECT", a: "INSERT", w: "UPDATE", d: "DELETE" };

/** (a) RLS enabled and forced, with policies that compare tenant_id with the current tenant. */
async function checkRowLevelSecurity(q: Query): Promise<string[]> {
  const problems: string[] = [];
  const policies = await q<{
    table: string;
    name: string;
    cmd: string;
    permissive: boolean;
    qual: string | null;
    check: string | null;
  }>(`
    SELECT c.relname::text AS table, p.polname::text AS name, p.polcmd::text AS cmd, p.polpermissive AS permissive,
           pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
    WHERE c.relnamespace = 'public'::regnamespace
    ORDER BY c.relname, p.polname`);
  for (const t of await tenantTables(q)) {
    if (!t.rls)
      problems.push(`${t.name}: row level security is not enabled (ALTER TABLE ${t.name} ENABLE ROW LEVEL SECURITY)`);
    if (!t.force)
      problems.push(`${t.name}: row level security is not forced (ALTER TABLE ${t.name} FORCE ROW LEVEL SECURITY)`);
    // Permissive policies are OR-ed together, so each one must confine rows to the tenant;
    // restrictive policies only narrow what the permissive ones let through.
    const own = policies.filter((p) => p.table === t.name && p.permissive);
    if (own.length === 0) {
      problems.push(
        `${t.name}: has no permissive policy (CREATE POLICY tenant_isolation ON ${t.name} USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant()))`,
      );
    }
    for (const p of own) {
      const label = `${t.name}: policy ${p.name} (${COMMAND[p.cmd] ?? p.cmd})`;
      const confines = (expr: string | null) =>
        expr !== null && /\btenant_id\b/.test(expr) && TENANT_FUNCTION.test(expr);
      if (p.cmd !== "a" && !confines(p.qual)) {
        problems.push(`${label}: USING ${p.qual ?? "is missing"}; it must compare tenant_id with mw_current_tenant()`);
      }
      if ((p.cmd === "*" || p.cmd === "a" || p.cmd === "w") && !confines(p.check)) {
        problems.push(
          `${label}: WITH CHECK ${p.check ?? "is missing"}; it must compare tenant_id with mw_current_tenant()`,
        );
      }
    }
  }
  return problems;
}

/** (b) tenant_id is uuid NOT NULL, except where NULLABLE_TENANT_ID explains why not. */
async function checkTenantIdColumn(q: Query): Promise<string[]> {
  const problems: string[] = [];
  for (const t of await tenantTables(q)) {
    if (t.tenant_type !== "uuid") problems.push(`${t.name}: tenant_id is ${t.tenant_type}, must be uuid`);
    if (!t.tenant_notnull && !(t.name in NULLABLE_TENANT_ID)) {
      problems.push(
        `${t.name}: tenant_id is nullable; make it NOT NULL (or add the table to NULLABLE_TENANT_ID with the reason)`,
      );
    }
  }
  return problems;
}

/** (c) unique (tenant_id, id): the target of composite foreign keys and the Citus distribution key. */
async function checkTenantUnique(q: Query): Promise<string[]> {
  const indexes = await q<{ table: string; cols: string[] }>(`
    SELECT c.relname::text AS table,
           array(SELECT a.attname::text
                 FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                 WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS cols
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    WHERE c.relnamespace = 'public'::regnamespace AND i.indisunique AND i.indimmediate
      AND i.indpred IS NULL AND i.indexprs IS NULL`);
  const problems: string[] = [];
  for (const t of await tenantTables(q)) {
    const ok = indexes.some((i) => i.table === t.name && i.cols.join(",") === "tenant_id,id");
    if (!ok) problems.push(`${t.name}: no unique constraint on exactly (tenant_id, id) (add UNIQUE (tenant_id, id))`);
  }
  return problems;
}

/**
 * (d) tenant_id references tenants, directly or through a parent whose row can never be missing (a
 * composite (tenant_id, x_id) key to a tenant table, NOT NULL and ON DELETE CASCADE, as an order's
 * lines have to their order); every FK between tenant tables carries tenant_id on both sides.
 */
async function checkForeignKeys(q: Query): Promise<string[]> {
  const tenant = new Set((await tenantTables(q)).map((t) => t.name));
  const fks = await q<{
    name: string;
    table: string;
    ref: string;
    cols: string[];
    refCols: string[];
    onDelete: string;
    onUpdate: string;
    setCols: string[] | null;
    notNull: boolean;
  }>(`
    SELECT con.conname::text AS name, c.relname::text AS table, f.relname::text AS ref,
           array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS cols,
           array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "refCols",
           con.confdeltype::text AS "onDelete", con.confupdtype::text AS "onUpdate",
           CASE WHEN con.confdelsetcols IS NULL THEN NULL ELSE
             array(SELECT a.attname::text FROM unnest(con.confdelsetcols) AS k(attnum)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) END AS "setCols",
           (SELECT bool_and(a.attnotnull) FROM unnest(con.conkey) AS k(attnum)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS "notNull"
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_class f ON f.oid = con.confrelid
    WHERE con.contype = 'f' AND c.relnamespace = 'public'::regnamespace
    ORDER BY c.relname, con.conname`);
  const problems: string[] = [];
  for (const t of tenant) {
    const toTenants = fks.some(
      (fk) => fk.table === t && fk.ref === "tenants" && fk.cols.join() === "tenant_id" && fk.refCols.join() === "id",
    );
    const throughParent = fks.some(
      (fk) =>
        fk.table === t &&
        tenant.has(fk.ref) &&
        fk.ref !== t &&
        fk.cols[0] === "tenant_id" &&
        fk.refCols[0] === "tenant_id" &&
        fk.cols.length >= 2 &&
        fk.onDelete === "c" &&
        fk.notNull,
    );
    if (!toTenants && !throughParent) {
      problems.push(
        `${t}: tenant_id has no foreign key to tenants (id), nor a NOT NULL ON DELETE CASCADE one to a parent`,
      );
    }
  }
  for (const fk of fks) {
    if (!tenant.has(fk.table) || !tenant.has(fk.ref)) continue; // FKs to global tables are fine
    const desc = `${fk.table}: foreign key ${fk.name} (${fk.cols.join(", ")}) -> ${fk.ref} (${fk.refCols.join(", ")})`;
    const paired = fk.cols.some((c, i) => c === "tenant_id" && fk.refCols[i] === "tenant_id");
    if (!paired || fk.cols.length < 2) {
      problems.push(
        `${desc} must be composite with tenant_id -> tenant_id, e.g. FOREIGN KEY (tenant_id, x_id) REFERENCES ${fk.ref} (tenant_id, id)`,
      );
      continue;
    }
    const nulls = (action: string) => action === "n" || action === "d";
    if (nulls(fk.onDelete) && (fk.setCols === null || fk.setCols.length === 0 || fk.setCols.includes("tenant_id"))) {
      problems.push(
        `${desc}: ON DELETE SET NULL/DEFAULT would also reset tenant_id; name the column, e.g. ON DELETE SET NULL (x_id)`,
      );
    }
    if (nulls(fk.onUpdate)) problems.push(`${desc}: ON UPDATE SET NULL/DEFAULT would also reset tenant_id`);
  }
  return problems;
}

/** (e) The API role cannot bypass RLS, create or own anything, or become another role. */
async function checkAppRole(q: Query): Promise<string[]> {
  const problems: string[] = [];
  const roles = await q<{
    name: string;
    super: boolean;
    bypass: boolean;
    createrole: boolean;
    createdb: boolean;
    replication: boolean;
  }>(
    `SELECT rolname::text AS name, rolsuper AS super, rolbypassrls AS bypass, rolcreaterole AS createrole,
            rolcreatedb AS createdb, rolreplication AS replication
     FROM pg_roles WHERE rolname = ANY($1::text[])`,
    [[APP_ROLE, ADMIN_ROLE]],
  );
  const app = roles.find((r) => r.name === APP_ROLE);
  if (!app) return [`role ${APP_ROLE} does not exist`];
  if (app.super) problems.push(`${APP_ROLE} is a superuser`);
  if (app.bypass) problems.push(`${APP_ROLE} has BYPASSRLS`);
  if (app.createrole) problems.push(`${APP_ROLE} has CREATEROLE`);
  if (app.createdb) problems.push(`${APP_ROLE} has CREATEDB`);
  if (app.replication) problems.push(`${APP_ROLE} has REPLICATION`);
  const admin = roles.find((r) => r.name === ADMIN_ROLE);
  if (admin?.super) problems.push(`${ADMIN_ROLE} is a superuser (it needs BYPASSRLS only)`);
  if (admin?.createrole) problems.push(`${ADMIN_ROLE} has CREATEROLE`);

  const memberOf = await q<{ role: string }>(
    `SELECT r.rolname::text AS role FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
     WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = $1) ORDER BY 1`,
    [APP_ROLE],
  );
  for (const m of memberOf) problems.push(`${APP_ROLE} is a member of ${m.role} (it could SET ROLE ${m.role})`);

  // Everything the role owns in this database: the common kinds by name, anything else via pg_shdepend.
  const owned = await q<{ object: string }>(
    `WITH app AS (SELECT oid FROM pg_roles WHERE rolname = $1)
     SELECT DISTINCT object FROM (
       SELECT pg_describe_object('pg_class'::regclass, c.oid, 0) AS object FROM pg_class c, app
             WHERE c.relowner = app.oid AND c.relkind NOT IN ('i', 'I', 't')
       UNION SELECT pg_describe_object('pg_proc'::regclass, p.oid, 0) FROM pg_proc p, app WHERE p.proowner = app.oid
       UNION SELECT pg_describe_object('pg_namespace'::regclass, n.oid, 0) FROM pg_namespace n, app WHERE n.nspowner = app.oid
       UNION SELECT pg_describe_object('pg_type'::regclass, t.oid, 0) FROM pg_type t, app
             WHERE t.typowner = app.oid AND t.typrelid = 0 AND t.typcategory <> 'A'
       UNION SELECT 'database ' || d.datname FROM pg_database d, app WHERE d.datdba = app.oid AND d.datname = current_database()
       UNION SELECT pg_describe_object(s.classid, s.objid, s.objsubid) FROM pg_shdepend s, app
             WHERE s.refobjid = app.oid AND s.deptype = 'o'
               AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     ) o ORDER BY 1`,
    [APP_ROLE],
  );
  for (const o of owned)
    problems.push(`${APP_ROLE} owns ${o.object}: the owner bypasses RLS unless forced and can disable it`);

  const creatable = await q<{ schema: string }>(
    `SELECT nspname::text AS schema FROM pg_namespace
     WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' AND has_schema_privilege($1, oid, 'CREATE')
     ORDER BY 1`,
    [APP_ROLE],
  );
  for (const s of creatable) problems.push(`${APP_ROLE} can CREATE in schema ${s.schema}`);
  return problems;
}

/** (f) SECURITY DEFINER functions: allowlisted, not owned by the app role or a superuser, fixed search_path, no PUBLIC EXECUTE. */
async function checkSecurityDefiner(q: Query): Promise<string[]> {
  const fns = await q<{
    schema: string;
    name: string;
    signature: string;
    owner: string;
    ownerSuper: boolean;
    config: string[] | null;
    publicExecute: boolean;
  }>(`
    SELECT n.nspname::text AS schema, p.proname::text AS name, p.oid::regprocedure::text AS signature,
           r.rolname::text AS owner, r.rolsuper AS "ownerSuper", p.proconfig::text[] AS config,
           EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                   WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE') AS "publicExecute"
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner
    WHERE p.prosecdef AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
    ORDER BY 1, 3`);
  const problems: string[] = [];
  for (const f of fns) {
    const label = `SECURITY DEFINER function ${f.schema === "public" ? "" : `${f.schema}.`}${f.signature}`;
    if (f.schema !== "public" || !(f.name in SECURITY_DEFINER_ALLOWED)) {
      problems.push(
        `${label} is not in SECURITY_DEFINER_ALLOWED: make it SECURITY INVOKER, or review it and add it with the reason`,
      );
    }
    if (f.owner === APP_ROLE) problems.push(`${label} is owned by ${APP_ROLE}`);
    if (f.ownerSuper) problems.push(`${label} is owned by superuser ${f.owner}; own it by ${ADMIN_ROLE}`);
    const searchPath = f.config?.find((c) => c.startsWith("search_path="));
    if (!searchPath) {
      problems.push(`${label} has no fixed search_path (add SET search_path = public, pg_temp)`);
    } else if (!/\bpg_temp\b/.test(searchPath)) {
      problems.push(`${label} has ${searchPath} without pg_temp, so pg_temp is searched first (end it with pg_temp)`);
    }
    if (f.publicExecute) problems.push(`${label} is executable by PUBLIC (REVOKE ALL ON FUNCTION ... FROM PUBLIC)`);
  }
  return problems;
}

/** (g) Every table is tenant-owned or a reasoned global table; views cannot leak past RLS. */
async function checkClassification(q: Query): Promise<string[]> {
  const problems: string[] = [];
  const all = await tables(q);
  for (const t of all) {
    const global = t.name in GLOBAL_TABLES;
    if (t.tenant_type === null && !global) {
      problems.push(
        `${t.name}: unclassified table. If it holds a store's data, add tenant_id uuid NOT NULL REFERENCES tenants, UNIQUE (tenant_id, id), RLS and the tenant_isolation policy; if it is truly global, add it to GLOBAL_TABLES in src/db/catalog-lint.test.ts with a one-line reason`,
      );
    }
    if (t.tenant_type !== null && global)
      problems.push(`${t.name}: listed in GLOBAL_TABLES but has a tenant_id column`);
  }
  const names = new Set(all.map((t) => t.name));
  for (const g of Object.keys(GLOBAL_TABLES)) {
    if (!names.has(g)) problems.push(`${g}: listed in GLOBAL_TABLES but does not exist (remove it from the list)`);
  }
  // A view runs with its owner's rights unless security_invoker is set: over a tenant table it would bypass RLS.
  const views = await q<{ name: string; kind: string }>(`
    SELECT c.relname::text AS name, c.relkind::text AS kind FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')
      AND (c.relkind = 'm' OR NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false))
    ORDER BY 1`);
  for (const v of views) {
    problems.push(
      v.kind === "m"
        ? `${v.name}: materialized views ignore RLS; do not create them in public`
        : `${v.name}: view without security_invoker = true runs as its owner and bypasses RLS`,
    );
  }
  return problems;
}

const CHECKS = {
  "row level security": checkRowLevelSecurity,
  "tenant_id column": checkTenantIdColumn,
  "unique (tenant_id, id)": checkTenantUnique,
  "foreign keys": checkForeignKeys,
  "app role": checkAppRole,
  "security definer functions": checkSecurityDefiner,
  "table classification": checkClassification,
} satisfies Record<string, (q: Query) => Promise<string[]>>;

let good: TestDatabase;
let goodSql: postgres.Sql;
let bad: TestDatabase;
let badSql: postgres.Sql;

// Deliberate mistakes, one family per check, on top of the real schema.
const BAD_SQL = `
  -- tenant table without RLS
  CREATE TABLE lint_no_rls (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid PRIMARY KEY,
    UNIQUE (tenant_id, id)
  );
  -- nullable tenant_id, no (tenant_id, id) unique, no FK to tenants, a plain FK into another
  -- tenant table, a composite FK whose SET NULL would null tenant_id, and a leaky policy
  CREATE TABLE lint_child (
    tenant_id uuid,
    id uuid PRIMARY KEY,
    parent_id uuid REFERENCES lint_no_rls (id),
    other_id uuid,
    CONSTRAINT lint_child_other_fk FOREIGN KEY (tenant_id, other_id) REFERENCES lint_no_rls (tenant_id, id) ON DELETE SET NULL
  );
  ALTER TABLE lint_child ENABLE ROW LEVEL SECURITY;
  CREATE POLICY leaky ON lint_child USING (true) WITH CHECK (tenant_id = mw_current_tenant());
  CREATE POLICY narrow ON lint_child AS RESTRICTIVE USING (true);
  -- the store named through a parent: enough when the key is NOT NULL and cascades, not otherwise
  CREATE TABLE lint_cascade_child (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    parent_id uuid NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES lint_no_rls (tenant_id, id) ON DELETE CASCADE
  );
  CREATE TABLE lint_nullable_parent (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    parent_id uuid,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES lint_no_rls (tenant_id, id) ON DELETE CASCADE
  );
  ALTER TABLE lint_cascade_child ENABLE ROW LEVEL SECURITY;
  ALTER TABLE lint_cascade_child FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant_isolation ON lint_cascade_child
    USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant());
  ALTER TABLE lint_nullable_parent ENABLE ROW LEVEL SECURITY;
  ALTER TABLE lint_nullable_parent FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant_isolation ON lint_nullable_parent
    USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant());
  -- tenant_id of the wrong type
  CREATE TABLE lint_text_tenant (
    tenant_id text NOT NULL,
    id uuid NOT NULL
  );
  ALTER TABLE lint_text_tenant ENABLE ROW LEVEL SECURITY;
  ALTER TABLE lint_text_tenant FORCE ROW LEVEL SECURITY;
  CREATE POLICY ins ON lint_text_tenant FOR INSERT WITH CHECK (tenant_id::uuid = mw_current_tenant());
  CREATE POLICY sel ON lint_text_tenant FOR SELECT USING (tenant_id::uuid = mw_current_tenant());
  CREATE POLICY upd ON lint_text_tenant FOR UPDATE USING (tenant_id::uuid = mw_current_tenant());
  -- a global table nobody classified, owned by the app role
  CREATE TABLE lint_unclassified (id integer PRIMARY KEY);
  ALTER TABLE lint_unclassified OWNER TO ${APP_ROLE};
  -- an unreviewed SECURITY DEFINER function: superuser-owned, no search_path, PUBLIC may execute
  CREATE FUNCTION lint_definer() RETURNS integer LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';
  CREATE FUNCTION lint_definer_path() RETURNS integer LANGUAGE sql SECURITY DEFINER SET search_path = public AS 'SELECT 1';
  ALTER FUNCTION lint_definer_path() OWNER TO ${ADMIN_ROLE};
  REVOKE ALL ON FUNCTION lint_definer_path() FROM PUBLIC;
  -- a view over a tenant table that runs as its owner
  CREATE VIEW lint_view AS SELECT * FROM memberships;
  CREATE VIEW lint_invoker_view WITH (security_invoker = true) AS SELECT * FROM memberships;
`;

beforeAll(async () => {
  [good, bad] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  goodSql = postgres(good.url, { max: 1, onnotice: () => {} });
  badSql = postgres(bad.url, { max: 1, onnotice: () => {} });
  await badSql.unsafe(BAD_SQL);
});

afterAll(async () => {
  await Promise.allSettled([goodSql?.end(), badSql?.end()]);
  await Promise.allSettled([good?.drop(), bad?.drop()]);
});

describe("catalog lint on the migrated database", () => {
  it("finds the tables it is meant to check (not vacuous)", async () => {
    const tenant = (await tenantTables(queryOf(goodSql))).map((t) => t.name);
    expect(tenant).toEqual(expect.arrayContaining(["memberships", "sessions", "staff_invites", "outbox"]));
  });

  for (const [name, check] of Object.entries(CHECKS)) {
    it(`${name}: no problems`, async () => {
      const problems = await check(queryOf(goodSql));
      expect(problems, `\n${problems.join("\n")}`).toEqual([]);
    });
  }
});

describe("catalog lint catches violations (scratch database with deliberate mistakes)", () => {
  it("row level security: missing RLS, missing FORCE, no policy, leaky or incomplete policies", async () => {
    expect(await checkRowLevelSecurity(queryOf(badSql))).toEqual([
      "lint_child: row level security is not forced (ALTER TABLE lint_child FORCE ROW LEVEL SECURITY)",
      "lint_child: policy leaky (ALL): USING true; it must compare tenant_id with mw_current_tenant()",
      "lint_no_rls: row level security is not enabled (ALTER TABLE lint_no_rls ENABLE ROW LEVEL SECURITY)",
      "lint_no_rls: row level security is not forced (ALTER TABLE lint_no_rls FORCE ROW LEVEL SECURITY)",
      "lint_no_rls: has no permissive policy (CREATE POLICY tenant_isolation ON lint_no_rls USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant()))",
      "lint_text_tenant: policy upd (UPDATE): WITH CHECK is missing; it must compare tenant_id with mw_current_tenant()",
    ]);
  });

  it("tenant_id column: nullable outside the allowlist, wrong type", async () => {
    expect(await checkTenantIdColumn(queryOf(badSql))).toEqual([
      "lint_child: tenant_id is nullable; make it NOT NULL (or add the table to NULLABLE_TENANT_ID with the reason)",
      "lint_text_tenant: tenant_id is text, must be uuid",
    ]);
  });

  it("unique (tenant_id, id): missing", async () => {
    expect(await checkTenantUnique(queryOf(badSql))).toEqual([
      "lint_child: no unique constraint on exactly (tenant_id, id) (add UNIQUE (tenant_id, id))",
      "lint_text_tenant: no unique constraint on exactly (tenant_id, id) (add UNIQUE (tenant_id, id))",
    ]);
  });

  it("foreign keys: non-composite FK between tenant tables, SET NULL on tenant_id, no FK to tenants", async () => {
    expect(await checkForeignKeys(queryOf(badSql))).toEqual([
      "lint_child: tenant_id has no foreign key to tenants (id), nor a NOT NULL ON DELETE CASCADE one to a parent",
      "lint_nullable_parent: tenant_id has no foreign key to tenants (id), nor a NOT NULL ON DELETE CASCADE one to a parent",
      "lint_text_tenant: tenant_id has no foreign key to tenants (id), nor a NOT NULL ON DELETE CASCADE one to a parent",
      "lint_child: foreign key lint_child_other_fk (tenant_id, other_id) -> lint_no_rls (tenant_id, id): ON DELETE SET NULL/DEFAULT would also reset tenant_id; name the column, e.g. ON DELETE SET NULL (x_id)",
      "lint_child: foreign key lint_child_parent_id_fkey (parent_id) -> lint_no_rls (id) must be composite with tenant_id -> tenant_id, e.g. FOREIGN KEY (tenant_id, x_id) REFERENCES lint_no_rls (tenant_id, id)",
    ]);
  });

  it("app role: owning a table is reported", async () => {
    expect(await checkAppRole(queryOf(badSql))).toEqual([
      `${APP_ROLE} owns table lint_unclassified: the owner bypasses RLS unless forced and can disable it`,
    ]);
  });

  it("security definer functions: unlisted, superuser-owned, no or unsafe search_path, PUBLIC EXECUTE", async () => {
    const [{ owner } = { owner: "" }] = await queryOf(badSql)<{ owner: string }>("SELECT current_user::text AS owner");
    expect(await checkSecurityDefiner(queryOf(badSql))).toEqual([
      "SECURITY DEFINER function lint_definer() is not in SECURITY_DEFINER_ALLOWED: make it SECURITY INVOKER, or review it and add it with the reason",
      `SECURITY DEFINER function lint_definer() is owned by superuser ${owner}; own it by mallwright_admin`,
      "SECURITY DEFINER function lint_definer() has no fixed search_path (add SET search_path = public, pg_temp)",
      "SECURITY DEFINER function lint_definer() is executable by PUBLIC (REVOKE ALL ON FUNCTION ... FROM PUBLIC)",
      "SECURITY DEFINER function lint_definer_path() is not in SECURITY_DEFINER_ALLOWED: make it SECURITY INVOKER, or review it and add it with the reason",
      "SECURITY DEFINER function lint_definer_path() has search_path=public without pg_temp, so pg_temp is searched first (end it with pg_temp)",
    ]);
  });

  it("table classification: an unclassified table and an owner-rights view", async () => {
    const problems = await checkClassification(queryOf(badSql));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^lint_unclassified: unclassified table\. .*add it to GLOBAL_TABLES/);
    expect(problems[1]).toBe("lint_view: view without security_invoker = true runs as its owner and bypasses RLS");
  });
});
