// The storefront read path: a small parameterized SQL builder (sql`...` -> { text, values }) and
// TenantReader, which runs a request's queries in ONE transaction scoped to a tenant (RLS) as the app
// role, over postgres.js (PostgreSQL here, and Cloudflare Workers next) or PGlite (embedded mode).
// Nothing here needs Node-only APIs, so the edge entry can import it as is.
//
// Portable rows: postgres.js runs with fetch_types off (as on Workers), so only these column types
// come back the same from both drivers: text/uuid (string), int2/int4/float (number), bool, json/jsonb
// (parsed). Cast counts and sums to ::int, render timestamps with to_char, and aggregate into JSON
// (json_agg, to_json) rather than returning SQL arrays (postgres.js would hand those back as text).
// Array *parameters* are fine: they are sent as array literals and cast in SQL (`${ids}::uuid[]`).
import type { PGlite } from "@electric-sql/pglite";
import type postgres from "postgres";

/** What may be bound to a placeholder. Arrays become PostgreSQL arrays; cast them in the SQL. */
export type SqlValue = string | number | bigint | boolean | Date | null | readonly SqlValue[];
export type Row = Record<string, unknown>;

const BUILT = Symbol("mallwright.sql");

/**
 * A statement or a fragment of one. Its text only ever comes from template literals in our code
 * (the strings of a tagged template); every interpolated value becomes a `$n` parameter. `R` is the
 * row type the caller declares (`sql<ProductRow>\`...\``); nothing checks it at run time.
 */
export class Sql<R = Row> {
  /** Never set: carries the row type `R` so `read` can type each query's rows. */
  declare readonly row?: R;
  readonly strings: readonly string[];
  readonly values: readonly SqlValue[];
  #text: string | undefined;

  /** Not for use outside this module: the token is private to it (build SQL with the sql tag). */
  constructor(token: symbol, strings: readonly string[], values: readonly SqlValue[]) {
    if (token !== BUILT) throw new TypeError("SQL is built with the sql`...` tag, join() and empty only");
    if (strings.length !== values.length + 1) throw new TypeError("sql: strings and values do not interleave");
    this.strings = strings;
    this.values = values;
  }

  /** The SQL text with `$1..$n` placeholders. */
  get text(): string {
    if (this.#text === undefined) {
      let text = this.strings[0] ?? "";
      for (let i = 1; i < this.strings.length; i++) text += `$${i}${this.strings[i]}`;
      this.#text = text;
    }
    return this.#text;
  }
}

/** A query whose rows are `R`: what TenantReader runs. */
export type SqlQuery<R = Row> = Sql<R>;

type SqlArg = SqlValue | Sql<unknown>;

function checkValue(v: unknown, where: string): SqlValue {
  if (v === null || typeof v === "string" || typeof v === "boolean" || typeof v === "bigint") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new TypeError(`sql: ${where} is ${v}, not a finite number`);
    return v;
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new TypeError(`sql: ${where} is an invalid Date`);
    return v;
  }
  if (Array.isArray(v)) {
    for (const item of v) checkValue(item, `an element of ${where}`);
    return v as SqlValue;
  }
  if (v === undefined) throw new TypeError(`sql: ${where} is undefined (pass null for NULL)`);
  if (v instanceof Sql) throw new TypeError(`sql: ${where} is a SQL fragment inside an array`);
  throw new TypeError(
    `sql: ${where} is a ${typeof v === "object" ? "plain object" : typeof v}; pass JSON as text (\${JSON.stringify(x)}::text::jsonb)`,
  );
}

function isTemplateStrings(strings: unknown): strings is TemplateStringsArray {
  // A template literal's strings array is frozen and carries `raw`: an array assembled at run time
  // from other text (which could hold user input) is refused.
  return Array.isArray(strings) && Object.isFrozen(strings) && Array.isArray((strings as { raw?: unknown }).raw);
}

/**
 * Builds SQL from a template literal: `${value}` becomes a parameter, `${fragment}` is inlined with
 * its own parameters renumbered.
 */
export function sql<R = Row>(strings: TemplateStringsArray, ...args: SqlArg[]): Sql<R> {
  if (!isTemplateStrings(strings)) throw new TypeError("sql must be used as a tag: sql`...`");
  const outStrings: string[] = [strings[0] ?? ""];
  const outValues: SqlValue[] = [];
  args.forEach((arg, i) => {
    const next = strings[i + 1] ?? "";
    if (arg instanceof Sql) {
      outStrings[outStrings.length - 1] += arg.strings[0] ?? "";
      arg.values.forEach((v, j) => {
        outValues.push(v);
        outStrings.push(arg.strings[j + 1] ?? "");
      });
      outStrings[outStrings.length - 1] += next;
    } else {
      outValues.push(checkValue(arg, `value #${i + 1}`));
      outStrings.push(next);
    }
  });
  return new Sql<R>(BUILT, outStrings, outValues);
}

/**
 * A uuid for a query: an id we hold (bound as a parameter) or a fragment that yields one in SQL
 * (a subquery: the shopper behind a session token, resolved in the same statement).
 */
export type UuidRef = string | Sql<unknown>;
export const uuidRef = (ref: UuidRef): Sql<unknown> => (typeof ref === "string" ? sql`${ref}::uuid` : ref);

/** The empty fragment. */
export const empty: Sql<never> = sql``;

/** Fragments one after another with `separator` (a fragment too, default `, `) between them. */
export function join(parts: readonly Sql<unknown>[], separator: Sql<unknown> = sql`, `): Sql<never> {
  if (parts.length === 0) return empty;
  let out: Sql<unknown> = parts[0] ?? empty;
  for (const part of parts.slice(1)) out = sql`${out}${separator}${part}`;
  return out as Sql<never>;
}

// ------------------------------------------------------------------------------- running reads

/** The rows of each query of a tuple of queries. */
export type RowsOf<Q extends readonly Sql<unknown>[]> = {
  -readonly [K in keyof Q]: Q[K] extends Sql<infer R> ? R[] : never;
};

/**
 * Runs `queries` as `read` does, but as ONE statement (one message and one answer instead of one
 * per query, on both sides of the socket): its one row holds each query's rows as a JSON array.
 * Rows come back as JSON has them, so this is for queries whose columns are the portable ones
 * (text, numbers, booleans, json; timestamps rendered as text), and whose order is the subquery's
 * ORDER BY (which json_agg keeps in PostgreSQL).
 */
export async function readPacked<const Q extends readonly Sql<unknown>[]>(
  reader: TenantReader,
  tenantId: string,
  queries: Q,
  /** Common table expressions the queries refer to (`name AS MATERIALIZED (...)`), run once. */
  ctes: Sql<unknown> = empty,
): Promise<RowsOf<Q>> {
  const parts = queries.map((q) => sql`(SELECT coalesce(json_agg(q), '[]'::json) FROM (${q}) q)`);
  const prelude = ctes === empty ? empty : sql`WITH ${ctes} `;
  const [rows] = await reader.read(tenantId, [
    sql<{ packed: unknown }>`${prelude}SELECT json_build_array(${join(parts)}) AS packed`,
  ]);
  const packed = rows[0]?.packed;
  if (!Array.isArray(packed) || packed.length !== queries.length || !packed.every(Array.isArray)) {
    throw new Error("readPacked: the statement did not answer one array of rows per query");
  }
  return packed as RowsOf<Q>;
}

/** Runs read-only queries for the storefront: a tenant's in one RLS-scoped transaction, or global ones. */
export interface TenantReader {
  /**
   * Runs `queries` in one transaction, as the app role, whose first statement is
   * `set_config('app.tenant_id', tenantId, true)`; returns each query's rows, in order.
   */
  read<const Q extends readonly Sql<unknown>[]>(tenantId: string, queries: Q): Promise<RowsOf<Q>>;
  /** The same with no tenant set: only global tables (tenants) are visible. */
  readGlobal<const Q extends readonly Sql<unknown>[]>(queries: Q): Promise<RowsOf<Q>>;
  /**
   * Runs `statements` (writes among them) as one transaction scoped to `tenantId`, written at once
   * like `read` (one round trip on PostgreSQL, no client between the statements): all of them or
   * none. The first that fails (a constraint, an `mw_assert`: see assertionCode) rolls back the
   * others and is what this throws.
   */
  write<const Q extends readonly Sql<unknown>[]>(tenantId: string, statements: Q): Promise<RowsOf<Q>>;
  /**
   * Runs ONE statement as its own transaction with no tenant set: for the mw_* functions that take
   * the store as an argument and scope themselves (mw_submit_order) or look through RLS for the
   * hash of a secret (mw_resolve_shopper_session). One message and one answer on PostgreSQL, where
   * `write` sends BEGIN, the scope, the statements and COMMIT. Anything else it runs sees the
   * global tables only, as `readGlobal` does.
   */
  call<R>(statement: Sql<R>): Promise<R[]>;
  close(): Promise<void>;
}

/**
 * The code of a failed `mw_assert(ok, code)` (migrations/0011): the SQL error's message is
 * `mallwright:<code>`, the same from postgres.js and PGlite. null for any other error.
 */
export function assertionCode(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  const m = /^mallwright:([a-z_]+)$/.exec(err.message);
  return m?.[1] ?? null;
}

/** A parameter as the drivers take it: arrays as array literals (postgres.js without fetched types can't). */
export function encodeParam(v: SqlValue): string | number | bigint | boolean | Date | null {
  return Array.isArray(v) ? arrayLiteral(v) : (v as Exclude<SqlValue, readonly SqlValue[]>);
}

function arrayLiteral(items: readonly SqlValue[]): string {
  const parts = items.map((v) => {
    if (v === null) return "NULL";
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = v instanceof Date ? v.toISOString() : typeof v === "boolean" ? (v ? "t" : "f") : String(v);
    return `"${text.replace(/[\\"]/g, "\\$&")}"`;
  });
  return `{${parts.join(",")}}`;
}

/**
 * The type OID a parameter is declared with (0: let the server infer it), as postgres.js infers it
 * (types.js inferType); PGlite gets the same through `paramTypes`, so a value binds alike on both.
 */
export function paramType(v: SqlValue): number {
  if (v instanceof Date) return 1184;
  if (typeof v === "boolean") return 16;
  if (typeof v === "bigint") return 20;
  return 0;
}

const SET_TENANT = sql`SELECT set_config('app.tenant_id', ${""}, true)`.text;

/**
 * postgres.js: the tenant, and generic plans for the prepared statements of this transaction. The
 * storefront's statements have a fixed shape per connection, and planning a custom plan each time
 * (PostgreSQL's default keeps choosing it for them) cost more than running them: ~0.8 ms against
 * ~0.4-0.6 ms for a page of 20 on the bench data; the generic plans were as fast or faster for
 * every sort, filter and search (measured on 20 stores x 5,000 products).
 */
const SCOPE_POSTGRES = sql`SELECT set_config('app.tenant_id', ${""}, true),
  set_config('plan_cache_mode', 'force_generic_plan', true)`.text;

/**
 * postgres.js: named prepared statements. An unprepared statement with parameters waits for its own
 * Describe before it can be sent, which would break the pipeline; a prepared one is described once
 * per connection. `simple: false` for the statements without parameters too, which postgres.js
 * would otherwise send as simple queries: parsed, analysed and planned again every time (a tenth of
 * PostgreSQL's CPU in an order submission). (The client must not be created with `prepare: false`.)
 */
const PREPARED = { prepare: true, simple: false } as const;

type PgParam = postgres.ParameterOrJSON<never>;
const params = (q: Sql<unknown>) => q.values.map(encodeParam) as PgParam[];

function isServerError(err: unknown): boolean {
  return err instanceof Error && err.name === "PostgresError";
}

/**
 * postgres.js (PostgreSQL; Hyperdrive on Workers): a read is BEGIN, set_config, the queries and COMMIT
 * written back to back on one connection, so it costs one round trip (and one socket write, which is
 * most of a read's CPU in Node). When a statement fails, the ones after it fail with 25P02 and the
 * COMMIT ends the aborted transaction as a ROLLBACK: the connection is clean for the next read.
 *
 * The connections are `size` clients of one connection each (`connect()` must return a postgres.js
 * client with `max: 1`, prepare on), handed out whole: postgres.js allows a BEGIN written as a plain
 * statement only on a client of one connection, and keeps that client's statements in order.
 * (`sql.begin` waits for BEGIN and for the queries before COMMIT: three round trips; `sql.reserve()`
 * never resolves on a cold pool with fetch_types off in postgres.js 3.4.9, issues #751, #1195, #1203.)
 */
export function createPostgresReader(connect: () => postgres.Sql, size: number): TenantReader {
  const clients = Array.from({ length: Math.max(1, size) }, connect);
  const idle = [...clients];
  const waiting: ((client: postgres.Sql) => void)[] = [];
  const acquire = (): Promise<postgres.Sql> => {
    const client = idle.pop();
    return client ? Promise.resolve(client) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (client: postgres.Sql) => {
    const next = waiting.shift();
    if (next) next(client);
    else idle.push(client);
  };

  async function pipeline(client: postgres.Sql, tenantId: string | null, queries: readonly Sql<unknown>[]) {
    const [only] = queries;
    if (tenantId === null && queries.length === 1 && only) {
      // Nothing to scope: a connection never keeps a tenant set (set_config(..., true) is
      // transaction-local), so one global statement needs no transaction.
      return [Array.from(await client.unsafe<Row[]>(only.text, params(only), PREPARED))];
    }
    const steps: Promise<readonly Row[]>[] = [client.unsafe("BEGIN")];
    if (tenantId !== null) steps.push(client.unsafe(SCOPE_POSTGRES, [tenantId], PREPARED));
    const first = steps.length;
    for (const q of queries) steps.push(client.unsafe<Row[]>(q.text, params(q), PREPARED));
    steps.push(client.unsafe("COMMIT"));
    const settled = await Promise.allSettled(steps);
    const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
    if (failures.length > 0) {
      // The statement that failed, not the ones the aborted transaction refused after it.
      throw failures.find((e) => !isServerError(e) || (e as { code?: unknown }).code !== "25P02") ?? failures[0];
    }
    return settled
      .slice(first, first + queries.length)
      .map((s) => (s.status === "fulfilled" ? Array.from(s.value) : []));
  }

  async function run(tenantId: string | null, queries: readonly Sql<unknown>[]): Promise<Row[][]> {
    const client = await acquire();
    try {
      return await pipeline(client, tenantId, queries);
    } finally {
      // Also after a lost connection: the client reconnects by itself on its next statement.
      release(client);
    }
  }
  return {
    read: (tenantId, queries) => run(tenantId, queries) as never,
    readGlobal: (queries) => run(null, queries) as never,
    write: (tenantId, statements) => run(tenantId, statements) as never,
    call: async (statement) => (await run(null, [statement]))[0] as never,
    close: async () => {
      await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
    },
  };
}

/**
 * PGlite (embedded): one connection whose user is a superuser, so the transaction first drops to
 * the app role, exactly as src/db/open.ts does for Prisma. PGlite serializes transactions itself.
 */
export function createPGliteReader(pg: PGlite, appRole: string, onClose: () => Promise<void> = async () => {}) {
  const setRole = `SET LOCAL ROLE ${appRole}`;
  async function run(tenantId: string | null, queries: readonly Sql<unknown>[]): Promise<Row[][]> {
    return pg.transaction(async (tx) => {
      await tx.exec(setRole);
      if (tenantId !== null) await tx.query(SET_TENANT, [tenantId]);
      const out: Row[][] = [];
      for (const q of queries) {
        const paramTypes = q.values.map(paramType);
        out.push((await tx.query<Row>(q.text, q.values.map(encodeParam), { paramTypes })).rows);
      }
      return out;
    });
  }
  const reader: TenantReader = {
    read: (tenantId, queries) => run(tenantId, queries) as never,
    readGlobal: (queries) => run(null, queries) as never,
    write: (tenantId, statements) => run(tenantId, statements) as never,
    call: async (statement) => (await run(null, [statement]))[0] as never,
    close: onClose,
  };
  return reader;
}
