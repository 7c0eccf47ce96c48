// Opens the database: real PostgreSQL when DATABASE_URL is set, else embedded PGlite in DATA_DIR.
// Applies migrations as the owner, then hands out app-role and admin-role transaction runners.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import postgres from "postgres";
import type { Env } from "../env.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import { type MigrationTarget, migrate, migrationStatus } from "./migrate.ts";
import { createPGliteReader, createPostgresReader, type TenantReader } from "./read.ts";
import type { AdminDatabase, Database, Tx } from "./types.ts";

export const APP_ROLE = "mallwright_app";
export const ADMIN_ROLE = "mallwright_admin";

export interface OpenDatabase {
  kind: "postgres" | "pglite";
  db: Database;
  /** The storefront's read path: tenant-scoped reads without Prisma (src/db/read.ts). */
  reader: TenantReader;
  admin: AdminDatabase;
  /** The owner connection, for migrations and readiness. */
  owner: MigrationTarget;
  migrate(): Promise<string[]>;
  status(): ReturnType<typeof migrationStatus>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const TX_OPTIONS = { maxWait: 5_000, timeout: 15_000 } as const;

/** A URL with the user swapped: the app and admin roles live on the same server as the owner. */
export function roleUrl(ownerUrl: string, role: string): string {
  const u = new URL(ownerUrl);
  u.username = role;
  u.password = "";
  return u.toString();
}

export function postgresTarget(sql: postgres.Sql): MigrationTarget {
  return {
    transaction: async (fn) =>
      (await sql.begin(async (tx) =>
        fn({
          exec: async (text) => {
            await tx.unsafe(text);
          },
          rows: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
            (await tx.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
        }),
      )) as Awaited<ReturnType<typeof fn>>,
  };
}

export function pgliteTarget(pg: PGlite): MigrationTarget {
  return {
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn({
          exec: async (text) => {
            await tx.exec(text);
          },
          rows: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
            (await tx.query<T>(text, params)).rows,
        }),
      ),
  };
}

function scoped(client: PrismaClient, setup: (tx: Tx) => Promise<void>) {
  return <T>(fn: (tx: Tx) => Promise<T>): Promise<T> =>
    client.$transaction(async (tx) => {
      await setup(tx);
      return fn(tx);
    }, TX_OPTIONS);
}

function tenantScope(tenantId: string) {
  return async (tx: Tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
  };
}

export async function openDatabase(env: Env): Promise<OpenDatabase> {
  if (env.DATABASE_URL) return openPostgres(env, env.DATABASE_URL);
  if (env.NODE_ENV === "production") {
    // One superuser connection: RLS there guards against query bugs, not against injected SQL
    // (SET ROLE can climb back). Production runs on PostgreSQL with separate login roles.
    throw new Error("NODE_ENV=production needs DATABASE_URL: the embedded database is for development and demos");
  }
  return openEmbedded(path.resolve(env.DATA_DIR, "db"));
}

async function openPostgres(env: Env, ownerUrl: string): Promise<OpenDatabase> {
  const ownerSql = postgres(ownerUrl, {
    max: 2,
    onnotice: () => {},
    connection: { application_name: "mallwright-owner" },
  });
  const owner = postgresTarget(ownerSql);
  const appUrl = env.DATABASE_APP_URL ?? roleUrl(ownerUrl, APP_ROLE);
  const app = new PrismaClient({
    adapter: new PrismaPg({ connectionString: appUrl, max: env.DATABASE_POOL_SIZE }),
  });
  // The storefront's reader: DATABASE_POOL_SIZE connections of its own, as the app role, each a
  // postgres.js client of one connection (read.ts says why). fetch_types off as on Workers, so rows
  // come back the same here as there; prepared statements keep a read's pipeline unbroken.
  const reader = createPostgresReader(
    () =>
      postgres(appUrl, {
        max: 1,
        prepare: true,
        fetch_types: false,
        onnotice: () => {},
        connection: { application_name: "mallwright-reader" },
      }),
    env.DATABASE_POOL_SIZE,
  );
  const adminClient = new PrismaClient({
    adapter: new PrismaPg({ connectionString: env.DATABASE_ADMIN_URL ?? roleUrl(ownerUrl, ADMIN_ROLE), max: 4 }),
  });
  return {
    kind: "postgres",
    owner,
    db: {
      withTenant: (tenantId, fn) => scoped(app, tenantScope(tenantId))(fn),
      withApp: (fn) => scoped(app, tenantScope(""))(fn),
    },
    reader,
    admin: { withAdmin: (fn) => scoped(adminClient, async () => {})(fn) },
    migrate: () => migrate(owner),
    status: () => migrationStatus(owner),
    ping: async () => {
      await app.$queryRaw`SELECT 1`;
    },
    close: async () => {
      await Promise.allSettled([
        app.$disconnect(),
        reader.close(),
        adminClient.$disconnect(),
        ownerSql.end({ timeout: 5 }),
      ]);
    },
  };
}

/**
 * PGlite is one connection whose user is a superuser, so every transaction first drops to the
 * app or admin role with SET LOCAL ROLE: RLS applies exactly as on PostgreSQL.
 */
async function openEmbedded(dataDir: string): Promise<OpenDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);
  const pg = await createPGlite(dataDir);
  const owner = pgliteTarget(pg);
  const client = new PrismaClient({ adapter: new PrismaPGlite(pg) });
  const asRole = (role: string) => async (tx: Tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL ROLE ${role}`);
  };
  return {
    kind: "pglite",
    owner,
    db: {
      withTenant: (tenantId, fn) =>
        scoped(client, async (tx) => {
          await asRole(APP_ROLE)(tx);
          await tenantScope(tenantId)(tx);
        })(fn),
      withApp: (fn) =>
        scoped(client, async (tx) => {
          await asRole(APP_ROLE)(tx);
          await tenantScope("")(tx);
        })(fn),
    },
    reader: createPGliteReader(pg, APP_ROLE),
    admin: { withAdmin: (fn) => scoped(client, asRole(ADMIN_ROLE))(fn) },
    migrate: () => migrate(owner),
    status: () => migrationStatus(owner),
    ping: async () => {
      await pg.query("SELECT 1");
    },
    close: async () => {
      await client.$disconnect();
      await pg.close();
      releaseLock();
    },
  };
}

/** A PGlite with the extensions our migrations create (in memory when no folder is given). */
export async function createPGlite(dataDir?: string): Promise<PGlite> {
  const pg = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
  await pg.waitReady;
  return pg;
}

/**
 * PGlite does not stop a second process from opening the same folder (and corrupting it), so
 * the folder gets a lock file holding the owner's pid; a lock whose process is gone is stale.
 */
function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "mallwright.lock");
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `the embedded database in ${dataDir} is in use by process ${pid} (a running server?): stop it, or set DATABASE_URL`,
      );
    }
  } catch (err) {
    if (!(err instanceof Error && "code" in err && err.code === "ENOENT")) throw err;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err instanceof Error && "code" in err && err.code === "EPERM";
  }
}
