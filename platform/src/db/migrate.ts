// Applies migrations/*.sql in order, each once, checksummed, under an advisory lock; refuses
// an applied file that was edited. Works over real PostgreSQL (postgres.js) and PGlite alike.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations/", import.meta.url));
const FILE_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const LOCK_ID = 727_274_201; // arbitrary, constant: "mallwright migrate"

/** What the runner needs from a connection: run a transaction with plain and parameterised SQL. */
export interface MigrationTarget {
  transaction<T>(fn: (q: MigrationQuery) => Promise<T>): Promise<T>;
}
export interface MigrationQuery {
  exec(sql: string): Promise<void>;
  rows<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface MigrationFile {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const m = FILE_RE.exec(file);
    if (!m?.[1] || !m[2]) throw new MigrationError(`migration file name ${file} must look like 0001_name.sql`);
    const version = Number(m[1]);
    if (seen.has(version)) throw new MigrationError(`two migrations share the number ${m[1]}`);
    seen.add(version);
    const sql = readFileSync(`${dir}/${file}`, "utf8");
    return { version, name: m[2], file, sql, checksum: createHash("sha256").update(sql).digest("hex") };
  });
}

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

interface LedgerRow extends Record<string, unknown> {
  version: number;
  name: string;
  checksum: string;
}

function compare(files: MigrationFile[], applied: LedgerRow[]): { pending: MigrationFile[] } {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  for (const row of applied) {
    const file = byVersion.get(Number(row.version));
    if (!file) {
      throw new MigrationError(
        `migration ${row.version} (${row.name}) is recorded as applied but its file is missing from migrations/`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${file.file} was edited after it was applied (checksum ${row.checksum.slice(0, 12)} recorded, ${file.checksum.slice(0, 12)} now); add a new migration instead`,
      );
    }
  }
  const done = new Set(applied.map((r) => Number(r.version)));
  return { pending: files.filter((f) => !done.has(f.version)) };
}

/** Applies every pending migration in one transaction; returns the files applied. */
export async function migrate(target: MigrationTarget, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readMigrations(dir);
  return target.transaction(async (q) => {
    await q.rows("SELECT pg_advisory_xact_lock($1)", [LOCK_ID]);
    await q.exec(CREATE_LEDGER);
    const applied = await q.rows<LedgerRow>("SELECT version, name, checksum FROM schema_migrations ORDER BY version");
    const { pending } = compare(files, applied);
    for (const file of pending) {
      try {
        await q.exec(file.sql);
      } catch (err) {
        throw new MigrationError(`migration ${file.file} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      await q.rows("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
        file.version,
        file.name,
        file.checksum,
      ]);
    }
    return pending.map((f) => f.file);
  });
}

/** For /readyz: pending files, or the reason the ledger and the files disagree. */
export async function migrationStatus(
  target: MigrationTarget,
  dir = MIGRATIONS_DIR,
): Promise<{ current: boolean; pending: string[]; error?: string }> {
  const files = readMigrations(dir);
  return target.transaction(async (q) => {
    const exists = await q.rows<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
    if (!exists[0]?.t) return { current: false, pending: files.map((f) => f.file) };
    const applied = await q.rows<LedgerRow>("SELECT version, name, checksum FROM schema_migrations ORDER BY version");
    try {
      const { pending } = compare(files, applied);
      return { current: pending.length === 0, pending: pending.map((f) => f.file) };
    } catch (err) {
      return { current: false, pending: [], error: err instanceof Error ? err.message : String(err) };
    }
  });
}
