// The storefront's SQL builder (values never become SQL text) and TenantReader on both drivers:
// postgres.js on real PostgreSQL and PGlite, each as the app role under row-level security, with
// the same rows back from both.
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { migrate } from "./migrate.ts";
import { APP_ROLE, createPGlite, pgliteTarget, roleUrl } from "./open.ts";
import {
  createPGliteReader,
  createPostgresReader,
  empty,
  encodeParam,
  join,
  Sql,
  type SqlValue,
  sql,
  type TenantReader,
} from "./read.ts";

describe("sql``", () => {
  it("turns values into numbered parameters and keeps the text", () => {
    const q = sql`SELECT * FROM t WHERE a = ${1} AND b = ${"x"} AND c IS ${null}`;
    expect(q.text).toBe("SELECT * FROM t WHERE a = $1 AND b = $2 AND c IS $3");
    expect(q.values).toEqual([1, "x", null]);
  });

  it("inlines fragments and renumbers their parameters", () => {
    const cond = sql`b = ${"two"} AND c = ${3}`;
    const q = sql`SELECT ${"one"}::text, x FROM t WHERE ${cond} AND d = ${4} AND ${cond}`;
    expect(q.text).toBe("SELECT $1::text, x FROM t WHERE b = $2 AND c = $3 AND d = $4 AND b = $5 AND c = $6");
    expect(q.values).toEqual(["one", "two", 3, 4, "two", 3]);
  });

  it("joins fragments with a fragment separator; empty and an empty join add nothing", () => {
    const parts = [sql`a = ${1}`, sql`b = ${2}`, sql`c`];
    expect(join(parts, sql` AND `).text).toBe("a = $1 AND b = $2 AND c");
    expect(join(parts).text).toBe("a = $1, b = $2, c");
    expect(join([sql`only ${1}`]).text).toBe("only $1");
    expect(sql`x${join([])}y${empty}z`.text).toBe("xyz");
    expect(sql`${empty}`.values).toEqual([]);
    expect(join([sql`${"a"}`, sql`${"b"}`], sql` || ${"-"} || `).values).toEqual(["a", "-", "b"]);
  });

  it("passes arrays, dates, booleans and bigints as single parameters", () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    const q = sql`SELECT ${["a", "b"]}::text[], ${at}, ${true}, ${10n}`;
    expect(q.text).toBe("SELECT $1::text[], $2, $3, $4");
    expect(q.values).toEqual([["a", "b"], at, true, 10n]);
  });

  it("never lets a value become SQL text", () => {
    const evil = "x'; DROP TABLE tenants; --";
    const q = sql`SELECT * FROM t WHERE name = ${evil} AND tags @> ${[evil, "$1"]}`;
    expect(q.text).toBe("SELECT * FROM t WHERE name = $1 AND tags @> $2");
    expect(q.text).not.toContain("DROP");
    // A string that looks like a fragment is still a value.
    expect(sql`${"SELECT 1"}`.text).toBe("$1");
  });

  it("refuses strings not written as a template literal, and forged fragments", () => {
    const forged = ["SELECT ", " FROM users"] as unknown as TemplateStringsArray;
    expect(() => sql(forged, 1)).toThrow(/tag/);
    const withRaw = Object.assign(["DROP TABLE t"], { raw: ["DROP TABLE t"] }) as unknown as TemplateStringsArray;
    expect(() => sql(withRaw)).toThrow(/tag/);
    const Ctor = Sql as unknown as new (token: symbol, s: string[], v: unknown[]) => unknown;
    expect(() => new Ctor(Symbol("mallwright.sql"), ["DROP TABLE t"], [])).toThrow(/sql`...` tag/);
  });

  it("refuses values that have no single SQL meaning", () => {
    const bad: unknown[] = [undefined, { a: 1 }, Number.NaN, Number.POSITIVE_INFINITY, new Date("nope"), () => 1];
    for (const v of bad) expect(() => sql`SELECT ${v as SqlValue}`, String(v)).toThrow(TypeError);
    expect(() => sql`SELECT ${[1, undefined] as unknown as SqlValue}`).toThrow(/element/);
    expect(() => sql`SELECT ${[sql`x`] as unknown as SqlValue}`).toThrow(/fragment inside an array/);
  });

  it("encodes array parameters as array literals, quoting every element", () => {
    expect(encodeParam(["a", 'b"c', "d\\e", null, "NULL", "{x,y}"])).toBe('{"a","b\\"c","d\\\\e",NULL,"NULL","{x,y}"}');
    expect(encodeParam([1, 2])).toBe('{"1","2"}');
    expect(encodeParam([[1], [2]])).toBe('{{"1"},{"2"}}');
    expect(encodeParam([])).toBe("{}");
    expect(encodeParam("plain")).toBe("plain");
  });
});

// ------------------------------------------------------------------------------- both drivers

interface Drivers {
  name: string;
  reader: TenantReader;
  /** Runs setup SQL as the owner (bypasses RLS). */
  owner: (text: string) => Promise<void>;
}

let testDb: TestDatabase;
let ownerSql: postgres.Sql;
let pg: PGlite;
const drivers: Drivers[] = [];
const A = "01900000-0000-7000-8000-00000000000a";
const B = "01900000-0000-7000-8000-00000000000b";

const SEED = `
  INSERT INTO tenants (id, key, name, plan) VALUES ('${A}', 'read-a', 'Read A', 'free'), ('${B}', 'read-b', 'Read B', 'free');
  INSERT INTO products (tenant_id, title, tags, status, price_min, price_max, created_at) VALUES
    ('${A}', 'a one', '{red,blue}', 'on_shelf', 100, 100, '2026-01-02T03:04:05.123456Z'),
    ('${A}', 'a two', '{}', 'draft', 200, 200, '2026-01-03T00:00:00Z'),
    ('${B}', 'b one', '{red}', 'on_shelf', 300, 300, '2026-01-04T00:00:00Z');`;

beforeAll(async () => {
  testDb = await createTestDatabase();
  ownerSql = postgres(testDb.url, { max: 1, onnotice: () => {} });
  await ownerSql.unsafe(SEED);
  drivers.push({
    name: "postgres.js",
    reader: createPostgresReader(
      () => postgres(roleUrl(testDb.url, APP_ROLE), { max: 1, prepare: true, fetch_types: false, onnotice: () => {} }),
      3,
    ),
    owner: async (text) => {
      await ownerSql.unsafe(text);
    },
  });
  pg = await createPGlite();
  await migrate(pgliteTarget(pg));
  await pg.exec(SEED);
  drivers.push({
    name: "PGlite",
    reader: createPGliteReader(pg, APP_ROLE),
    owner: async (text) => {
      await pg.exec(text);
    },
  });
}, 60_000);

afterAll(async () => {
  for (const d of drivers) await d.reader.close();
  await pg?.close();
  await ownerSql?.end();
  await testDb?.drop();
});

const titles = sql<{ title: string }>`SELECT title FROM products ORDER BY title`;

describe.each(["postgres.js", "PGlite"])("TenantReader on %s", (name) => {
  const d = () => {
    const found = drivers.find((x) => x.name === name);
    if (!found) throw new Error(`no driver ${name}`);
    return found;
  };

  it("sees the tenant's rows only, as the app role, and runs queries in order", async () => {
    const [a, who, b] = await d().reader.read(A, [
      titles,
      sql<{ role: string; tenant: string }>`SELECT current_user AS role, current_setting('app.tenant_id') AS tenant`,
      sql<{ n: number }>`SELECT count(*)::int AS n FROM products WHERE tenant_id = ${B}::uuid`,
    ]);
    expect(a.map((r) => r.title)).toEqual(["a one", "a two"]);
    expect(who).toEqual([{ role: APP_ROLE, tenant: A }]);
    expect(b).toEqual([{ n: 0 }]);
    const [[onlyB]] = await d().reader.read(B, [titles]);
    expect(onlyB).toEqual({ title: "b one" });
  });

  it("readGlobal sets no tenant: global tables only", async () => {
    const [tenants, products, setting] = await d().reader.readGlobal([
      sql<{ key: string }>`SELECT key FROM tenants WHERE key LIKE ${"read-%"} ORDER BY key`,
      sql<{ n: number }>`SELECT count(*)::int AS n FROM products`,
      sql<{ t: string | null }>`SELECT nullif(current_setting('app.tenant_id', true), '') AS t`,
    ]);
    expect(tenants).toEqual([{ key: "read-a" }, { key: "read-b" }]);
    expect(products).toEqual([{ n: 0 }]);
    expect(setting).toEqual([{ t: null }]);
    const [[one]] = await d().reader.readGlobal([
      sql<{ name: string }>`SELECT name FROM tenants WHERE key = ${"read-b"}`,
    ]);
    expect(one).toEqual({ name: "Read B" });
  });

  it("leaves no tenant behind on the connection after a read", async () => {
    for (let i = 0; i < 4; i++) await d().reader.read(A, [titles]);
    const [[n]] = await d().reader.readGlobal([sql<{ n: number }>`SELECT count(*)::int AS n FROM products`]);
    expect(n).toEqual({ n: 0 });
  });

  it("binds hostile text and arrays as data", async () => {
    const evil = "x'); DELETE FROM products; --";
    const [echo, tagged] = await d().reader.read(A, [
      sql<{
        v: string;
        arr: unknown;
      }>`SELECT ${evil}::text AS v, to_json(${[evil, 'q"uote', "back\\slash", null]}::text[]) AS arr`,
      sql<{ title: string }>`SELECT title FROM products WHERE tags && ${["blue", "nope"]}::text[]`,
    ]);
    expect(echo).toEqual([{ v: evil, arr: [evil, 'q"uote', "back\\slash", null] }]);
    expect(tagged).toEqual([{ title: "a one" }]);
    const [[count]] = await d().reader.read(A, [sql<{ n: number }>`SELECT count(*)::int AS n FROM products`]);
    expect(count).toEqual({ n: 2 });
  });

  it("returns the portable column types the same way", async () => {
    const [[row]] = await d().reader.read(A, [
      sql<Record<string, unknown>>`
        SELECT p.id::text = p.id::text AS same, 7::int AS i, 2.5::float8 AS f, 'text' AS t, true AS b, NULL::int AS n,
               to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
               json_build_object('x', 1, 'y', json_build_array('a', NULL)) AS j, '{"k": [1]}'::jsonb AS jb,
               (SELECT json_agg(v ORDER BY v) FROM unnest(p.tags) v) AS tags_json,
               ${new Date("2026-05-06T07:08:09.000Z")}::timestamptz = '2026-05-06T07:08:09Z'::timestamptz AS date_param,
               ${true} AS bool_param, ${42} + 1 AS int_param, ${JSON.stringify({ a: [1] })}::text::jsonb AS json_param
        FROM products p WHERE p.title = ${"a one"}`,
    ]);
    expect(row).toEqual({
      same: true,
      i: 7,
      f: 2.5,
      t: "text",
      b: true,
      n: null,
      at: "2026-01-02T03:04:05.123456Z",
      j: { x: 1, y: ["a", null] },
      jb: { k: [1] },
      tags_json: ["blue", "red"],
      date_param: true,
      bool_param: true,
      int_param: 43,
      json_param: { a: [1] },
    });
  });

  it("rejects with the failing statement's error and keeps working afterwards", async () => {
    await expect(
      d().reader.read(A, [titles, sql`SELECT ${"not a uuid"}::uuid`, sql`SELECT 1 AS one`]),
    ).rejects.toMatchObject({ code: "22P02" });
    await expect(d().reader.read(A, [sql`SELECT * FROM no_such_table`])).rejects.toMatchObject({ code: "42P01" });
    // Several times over, so a connection left inside a failed transaction would show up.
    for (let i = 0; i < 4; i++) {
      const [rows] = await d().reader.read(B, [titles]);
      expect(rows).toEqual([{ title: "b one" }]);
    }
  });

  it("cannot write outside the tenant (RLS WITH CHECK)", async () => {
    await expect(
      d().reader.read(A, [sql`INSERT INTO search_log (tenant_id, query, results) VALUES (${B}::uuid, 'x', 1)`]),
    ).rejects.toMatchObject({ code: "42501" });
    const [inserted] = await d().reader.read(A, [
      sql<{
        n: number;
      }>`WITH i AS (INSERT INTO search_log (tenant_id, query, results) VALUES (${A}::uuid, ${name}, 1) RETURNING 1)
        SELECT count(*)::int AS n FROM i`,
    ]);
    expect(inserted).toEqual([{ n: 1 }]);
  });

  it("plans a tenant read's statements generically on PostgreSQL, and only there", async () => {
    const [[mode]] = await d().reader.read(A, [sql<{ m: string }>`SELECT current_setting('plan_cache_mode') AS m`]);
    expect(mode?.m).toBe(name === "postgres.js" ? "force_generic_plan" : "auto");
    const [[after]] = await d().reader.readGlobal([sql<{ m: string }>`SELECT current_setting('plan_cache_mode') AS m`]);
    expect(after?.m).toBe("auto"); // transaction-local
  });

  it("runs many reads at once without mixing tenants", async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const t = i % 2 === 0 ? A : B;
        const [rows] = await d().reader.read(t, [sql<{ tenant_id: string }>`SELECT tenant_id::text FROM products`]);
        return rows.every((r) => r.tenant_id === t) && rows.length > 0;
      }),
    );
    expect(results.every(Boolean)).toBe(true);
  });
});
