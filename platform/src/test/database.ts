// Test databases on real PostgreSQL: one migrated template per run, a fresh copy per test file.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrate } from "../db/migrate.ts";
import { type OpenDatabase, openDatabase, postgresTarget } from "../db/open.ts";
import { type Env, loadEnv } from "../env.ts";

/** This test process's key for personal data at rest (made up per run, never written anywhere). */
const TEST_DATA_KEYS = `test:${randomBytes(32).toString("base64url")}`;

/** Owner URL of the test server's maintenance database (set by the test runner). */
export function testServerUrl(): string {
  return loadTestSettings().pg;
}

export function loadTestSettings(): { pg: string; redis: string } {
  const env = loadEnv();
  // The runner (scripts/test.mjs) resolves and exports these; defaults match a stock machine.
  return {
    pg: env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    redis: env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
  };
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Per run, so that two runs against one server (CI and a developer) never share a template. */
const TEMPLATE = loadEnv().TEST_TEMPLATE_DB;

/** Creates (or refreshes) the migrated template database. Called once per run. */
export async function prepareTemplate(): Promise<void> {
  const server = testServerUrl();
  const sql = postgres(server, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await sql.unsafe(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await sql.end();
  }
  const tpl = postgres(withDb(server, TEMPLATE), { max: 1, onnotice: () => {} });
  try {
    await migrate(postgresTarget(tpl));
  } finally {
    await tpl.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  env: Env;
  open(): Promise<OpenDatabase>;
  drop(): Promise<void>;
}

/** Drops this run's template (global teardown). */
export async function dropTemplate(): Promise<void> {
  const sql = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  } finally {
    await sql.end();
  }
}

/** A fresh database copied from the migrated template; `drop()` removes it. */
export async function createTestDatabase(overrides: Record<string, string> = {}): Promise<TestDatabase> {
  const server = testServerUrl();
  const name = `mw_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const sql = postgres(server, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  } finally {
    await sql.end();
  }
  const url = withDb(server, name);
  const env = loadEnv({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: url,
    DATA_ENCRYPTION_KEYS: TEST_DATA_KEYS,
    ...overrides,
  });
  return {
    name,
    url,
    env,
    open: () => openDatabase(env),
    drop: async () => {
      const s = postgres(server, { max: 1, onnotice: () => {} });
      try {
        await s.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await s.end();
      }
    },
  };
}
