// schema.prisma vs the migrated database: no drift today, and every kind of drift we care about
// is reported with a message naming the model, field, table and column.
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { type DbTable, findDrift, introspect, parsePrismaSchema, type Query } from "./drift.ts";

const SCHEMA_PATH = new URL("../../prisma/schema.prisma", import.meta.url);
const schemaText = readFileSync(SCHEMA_PATH, "utf8");

function queryOf(sql: postgres.Sql): Query {
  return async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
}

/**
 * Replaces `from` (which must occur exactly once) inside the block of `model`. In a string
 * pattern any run of spaces matches any run of spaces or tabs, so re-aligning schema.prisma
 * (prisma format) does not break these edits.
 */
function editModel(text: string, model: string, from: string | RegExp, to: string): string {
  const block = new RegExp(`model ${model} \\{[\\s\\S]*?\\n\\}`);
  const m = block.exec(text);
  if (!m) throw new Error(`model ${model} not found in schema.prisma`);
  const body = m[0];
  const pattern =
    typeof from === "string" ? from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ +/g, "[ \\t]+") : from.source;
  const count = (body.match(new RegExp(pattern, "g")) ?? []).length;
  if (count !== 1) throw new Error(`expected exactly one ${String(from)} in model ${model}, found ${count}`);
  return text.replace(body, () => body.replace(new RegExp(pattern), to));
}

function driftOf(text: string): string[] {
  return findDrift(parsePrismaSchema(text), tables);
}

let testDb: TestDatabase;
let sql: postgres.Sql;
let tables: DbTable[];

beforeAll(async () => {
  testDb = await createTestDatabase();
  sql = postgres(testDb.url, { max: 1, onnotice: () => {} });
  tables = await introspect(queryOf(sql));
});

afterAll(async () => {
  await sql?.end();
  await testDb?.drop();
});

describe("parsePrismaSchema", () => {
  it("reads models, @@map, @map, @db.*, optional, defaults, ids, uniques and relations", () => {
    const models = parsePrismaSchema(schemaText);
    expect(models.map((m) => m.table)).toEqual(
      expect.arrayContaining([
        "memberships",
        "outbox",
        "password_resets",
        "platform_admins",
        "platform_sessions",
        "rate_limits",
        "sessions",
        "staff_invites",
        "tenants",
        "users",
      ]),
    );
    const session = models.find((m) => m.name === "Session");
    expect(session?.id).toEqual(["id"]);
    expect(session?.uniques).toEqual(expect.arrayContaining([["tokenHash"], ["tenantId", "id"]]));
    expect(session?.fields.find((f) => f.name === "membershipId")).toMatchObject({
      column: "membership_id",
      type: "String",
      optional: false,
      dbType: { name: "Uuid", args: [] },
    });
    expect(session?.fields.find((f) => f.name === "revokedAt")).toMatchObject({
      column: "revoked_at",
      type: "DateTime",
      optional: true,
      dbType: { name: "Timestamptz", args: ["6"] },
    });
    expect(session?.fields.find((f) => f.name === "membership")?.relation).toEqual({
      model: "Membership",
      fields: ["tenantId", "membershipId"],
      references: ["tenantId", "id"],
    });
    const tenant = models.find((m) => m.name === "Tenant");
    expect(tenant?.fields.find((f) => f.name === "plan")?.default).toBe('"free"');
    expect(tenant?.fields.find((f) => f.name === "memberships")?.relation).toMatchObject({ model: "Membership" });
  });

  it("handles comments, strings containing // and nested parentheses", () => {
    const [m] = parsePrismaSchema(`
      // a comment
      model Thing { // trailing
        id   String @id @default(dbgenerated("mw_uuidv7()")) @db.Uuid // uuid
        url  String @default("https://example.com/a//b") @map("the_url")
        tags String[]
        n    Decimal? @db.Decimal(10, 2)
        @@map("things")
      }`);
    expect(m?.table).toBe("things");
    expect(m?.fields.map((f) => [f.name, f.column, f.default, f.list, f.optional])).toEqual([
      ["id", "id", 'dbgenerated("mw_uuidv7()")', false, false],
      ["url", "the_url", '"https://example.com/a//b"', false, false],
      ["tags", "tags", undefined, true, false],
      ["n", "n", undefined, false, true],
    ]);
    expect(m?.fields[3]?.dbType).toEqual({ name: "Decimal", args: ["10", "2"] });
  });

  it("refuses what it does not understand instead of ignoring it", () => {
    expect(() => parsePrismaSchema("model A {\n  x Widget\n}")).toThrow(/unknown type Widget/);
    expect(() => parsePrismaSchema("modle A {\n}")).toThrow(/unexpected/);
  });
});

describe("drift between schema.prisma and the migrated database", () => {
  it("finds the tables (not vacuous)", () => {
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["tenants", "memberships", "outbox", "schema_migrations"]),
    );
  });

  it("has none", () => {
    const problems = driftOf(schemaText);
    expect(problems, `\n${problems.join("\n")}`).toEqual([]);
  });

  it("reports a field without a column", () => {
    const text = editModel(
      schemaText,
      "User",
      "  name              String?\n",
      "  name              String?\n  nickname String?\n",
    );
    expect(driftOf(text)).toEqual(["User.nickname (users.nickname): column users.nickname does not exist"]);
  });

  it("reports a wrong @map as a missing column", () => {
    const text = editModel(schemaText, "RateLimit", '@map("reset_at")', '@map("resets_at")');
    expect(driftOf(text)).toEqual([
      "RateLimit.resetAt (rate_limits.resets_at): column rate_limits.resets_at does not exist",
      "rate_limits.reset_at is NOT NULL without a default but model RateLimit has no field for it (inserts would fail)",
    ]);
  });

  it("reports incompatible types", () => {
    let text = editModel(schemaText, "RateLimit", "count   Int", "count   BigInt");
    text = editModel(text, "RateLimit", '@map("reset_at") @db.Timestamptz(6)', '@map("reset_at")');
    text = editModel(
      text,
      "Membership",
      /userId(\s+)String(\s+)@map\("user_id"\) @db\.Uuid/,
      'userId$1String$2@map("user_id")',
    );
    text = editModel(text, "OutboxEntry", "payload     Json", "payload     String");
    text = editModel(text, "Session", "tokenHash    Bytes", "tokenHash    String");
    expect(driftOf(text)).toEqual([
      "RateLimit.count (rate_limits.count): type BigInt does not match column type integer",
      "RateLimit.resetAt (rate_limits.reset_at): type DateTime does not match column type timestamp with time zone (a timestamptz column needs @db.Timestamptz(6))",
      "Membership.userId (memberships.user_id): type String does not match column type uuid (a uuid column needs @db.Uuid)",
      "Session.tokenHash (sessions.token_hash): type String does not match column type bytea",
      "OutboxEntry.payload (outbox.payload): type String does not match column type jsonb",
    ]);
  });

  it("reports nullability differences both ways", () => {
    let text = editModel(schemaText, "Tenant", "template      String?", "template      String");
    text = editModel(text, "Tenant", "name          String\n", "name          String?\n");
    expect(driftOf(text)).toEqual([
      "Tenant.name (tenants.name): optional in the model but the column is NOT NULL",
      "Tenant.template (tenants.template): required in the model but the column is nullable",
    ]);
  });

  it("reports a model whose table does not exist", () => {
    const text = `${schemaText}\nmodel Ghost {\n  id String @id @db.Uuid\n\n  @@map("ghosts")\n}\n`;
    expect(driftOf(text)).toEqual(["model Ghost maps to table ghosts, which does not exist in the database"]);
  });

  it("reports a table without a model", () => {
    const text = schemaText.replace(/\nmodel RateLimit \{[\s\S]*?\n\}\n/, "\n");
    expect(text).not.toContain("model RateLimit");
    expect(driftOf(text)).toEqual(["table rate_limits has no model in schema.prisma"]);
  });

  it("reports a NOT NULL column without default that the model lacks, but not a nullable one", () => {
    let text = editModel(schemaText, "Membership", /\n {2}role\s+String\n/, "\n");
    text = editModel(text, "Tenant", /\n {2}template\s+String\?\n/, "\n");
    expect(driftOf(text)).toEqual([
      "memberships.role is NOT NULL without a default but model Membership has no field for it (inserts would fail)",
    ]);
  });

  it("reports @default without a DEFAULT, keys, uniques and relations the database lacks", () => {
    let text = editModel(schemaText, "RateLimit", "count   Int", "count   Int @default(0)");
    text = editModel(
      text,
      "StaffInvite",
      "@@unique([tenantId, id])",
      "@@unique([tenantId, id])\n  @@unique([tenantId, email])",
    );
    text = editModel(text, "StaffInvite", "references: [tenantId, id]", "references: [tenantId, userId]");
    text = editModel(text, "PlatformAdmin", "userId    String   @id", "userId    String  ");
    text = editModel(
      text,
      "PlatformAdmin",
      '@@map("platform_admins")',
      '@@id([userId, createdAt])\n  @@map("platform_admins")',
    );
    expect(driftOf(text)).toEqual([
      "model PlatformAdmin: @id is (user_id, created_at) but the primary key of platform_admins is (user_id)",
      "RateLimit.count (rate_limits.count): @default(0) in the model but the column has no DEFAULT",
      "model StaffInvite: @unique on (tenant_id, email) has no matching unique constraint on staff_invites",
      "StaffInvite.inviter: relation (tenant_id, invited_by) -> memberships (tenant_id, user_id) has no matching foreign key on staff_invites",
    ]);
  });
});

describe("drift caused by a migration (database side)", () => {
  let changed: TestDatabase;
  let changedSql: postgres.Sql;

  beforeAll(async () => {
    changed = await createTestDatabase();
    changedSql = postgres(changed.url, { max: 1, onnotice: () => {} });
    await changedSql.unsafe(`
      CREATE TABLE widgets (id uuid PRIMARY KEY);
      ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN';
      ALTER TABLE users ALTER COLUMN locale DROP DEFAULT;
      ALTER TABLE users ADD COLUMN timezone text NOT NULL DEFAULT 'Asia/Shanghai';
      ALTER TABLE rate_limits ALTER COLUMN count TYPE bigint;
      UPDATE tenants SET template = coalesce(template, 'blank');
      ALTER TABLE tenants ALTER COLUMN template SET NOT NULL;
    `);
  });

  afterAll(async () => {
    await changedSql?.end();
    await changed?.drop();
  });

  it("reports new tables, required columns the model lacks, changed types and nullability", async () => {
    const drift = findDrift(parsePrismaSchema(schemaText), await introspect(queryOf(changedSql)));
    expect(drift).toEqual([
      "Tenant.template (tenants.template): optional in the model but the column is NOT NULL",
      "users.locale is NOT NULL without a default but model User has no field for it (inserts would fail)",
      "RateLimit.count (rate_limits.count): type Int does not match column type bigint",
      "table widgets has no model in schema.prisma",
    ]);
  });
});
