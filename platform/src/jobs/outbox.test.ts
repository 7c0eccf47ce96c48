// enqueue(): validation before writing, the caller's transaction, tenant isolation, dedupe keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { OpenDatabase } from "../db/open.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { defineJob } from "./define.ts";
import { enqueue } from "./outbox.ts";

const noteJob = defineJob({
  name: "test.note",
  version: 1,
  payload: z.object({ text: z.string().min(1), tag: z.string().default("none") }),
  handler: async () => {},
});

let testDb: TestDatabase;
let database: OpenDatabase;
let tenantA: string;
let tenantB: string;

async function createTenant(key: string): Promise<string> {
  const rows = await database.admin.withAdmin(
    (tx) =>
      tx.$queryRaw<{ id: string }[]>`INSERT INTO tenants (key, name) VALUES (${key}, ${key}) RETURNING id::text AS id`,
  );
  const id = rows[0]?.id;
  if (!id) throw new Error("tenant not created");
  return id;
}

function allRows() {
  return database.admin.withAdmin((tx) => tx.outboxEntry.findMany({ orderBy: { createdAt: "asc" } }));
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await testDb.open();
  tenantA = await createTenant("shop-a");
  tenantB = await createTenant("shop-b");
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

describe("enqueue", () => {
  it("writes one pending row in the caller's transaction, payload parsed", async () => {
    const { id } = await database.db.withTenant(tenantA, (tx) => enqueue(tx, noteJob, { text: "hello" }));
    const row = await database.admin.withAdmin((tx) => tx.outboxEntry.findUnique({ where: { id } }));
    expect(row).toMatchObject({
      tenantId: tenantA,
      job: "test.note",
      payload: { text: "hello", tag: "none" },
      status: "pending",
      attempts: 0,
      dedupeKey: null,
    });
  });

  it("throws on an invalid payload before writing, so the caller's transaction rolls back", async () => {
    const before = (await allRows()).length;
    const attempt = database.db.withTenant(tenantA, async (tx) => {
      await enqueue(tx, noteJob, { text: "kept only if the tx commits" });
      // @ts-expect-error the payload is wrong on purpose
      await enqueue(tx, noteJob, { text: 42 });
    });
    await expect(attempt).rejects.toThrow(/^Invalid payload for job test\.note: text: /);
    expect((await allRows()).length).toBe(before);
  });

  it("leaves no row when the caller's transaction rolls back", async () => {
    const before = (await allRows()).length;
    const attempt = database.db.withTenant(tenantA, async (tx) => {
      await enqueue(tx, noteJob, { text: "doomed" });
      throw new Error("caller failed after enqueueing");
    });
    await expect(attempt).rejects.toThrow("caller failed");
    expect((await allRows()).length).toBe(before);
  });

  it("keeps tenant rows invisible to other tenants and to platform scope", async () => {
    const { id } = await database.db.withTenant(tenantA, (tx) => enqueue(tx, noteJob, { text: "a's secret" }));
    const seenByB = await database.db.withTenant(tenantB, (tx) => tx.outboxEntry.findMany({ where: { id } }));
    const seenByApp = await database.db.withApp((tx) => tx.outboxEntry.findMany({ where: { id } }));
    const seenByA = await database.db.withTenant(tenantA, (tx) => tx.outboxEntry.findMany({ where: { id } }));
    expect(seenByB).toEqual([]);
    expect(seenByApp).toEqual([]);
    expect(seenByA).toHaveLength(1);
  });

  it("refuses a tenant id other than the transaction's scope", async () => {
    const attempt = database.db.withTenant(tenantA, (tx) => enqueue(tx, noteJob, { text: "x" }, { tenantId: tenantB }));
    await expect(attempt).rejects.toThrow(/row-level security/);
    const platform = database.db.withTenant(tenantA, (tx) => enqueue(tx, noteJob, { text: "x" }, { tenantId: null }));
    await expect(platform).rejects.toThrow(/row-level security/);
  });

  it("writes platform-level rows (tenant null) outside any tenant scope", async () => {
    const { id } = await database.db.withApp((tx) => enqueue(tx, noteJob, { text: "platform" }));
    const row = await database.admin.withAdmin((tx) => tx.outboxEntry.findUnique({ where: { id } }));
    expect(row?.tenantId).toBeNull();
    const seenByA = await database.db.withTenant(tenantA, (tx) => tx.outboxEntry.findMany({ where: { id } }));
    expect(seenByA).toEqual([]);
  });

  it("lets an admin transaction enqueue for any tenant", async () => {
    const { id } = await database.admin.withAdmin((tx) => enqueue(tx, noteJob, { text: "x" }, { tenantId: tenantB }));
    const seenByB = await database.db.withTenant(tenantB, (tx) => tx.outboxEntry.findMany({ where: { id } }));
    expect(seenByB).toHaveLength(1);
  });

  it("treats a repeated dedupe key as a no-op returning the first row's id", async () => {
    const first = await database.db.withTenant(tenantA, (tx) =>
      enqueue(tx, noteJob, { text: "once" }, { dedupeKey: "order:1:cancel" }),
    );
    const second = await database.db.withTenant(tenantA, (tx) =>
      enqueue(tx, noteJob, { text: "twice" }, { dedupeKey: "order:1:cancel" }),
    );
    expect(second.id).toBe(first.id);
    const rows = (await allRows()).filter((r) => r.dedupeKey?.endsWith("order:1:cancel"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toEqual({ text: "once", tag: "none" });
  });

  it("scopes dedupe keys per tenant: the same key in another store is another row", async () => {
    const a = await database.db.withTenant(tenantA, (tx) =>
      enqueue(tx, noteJob, { text: "a" }, { dedupeKey: "daily" }),
    );
    const b = await database.db.withTenant(tenantB, (tx) =>
      enqueue(tx, noteJob, { text: "b" }, { dedupeKey: "daily" }),
    );
    const p = await database.admin.withAdmin((tx) =>
      enqueue(tx, noteJob, { text: "p" }, { dedupeKey: "daily", tenantId: null }),
    );
    expect(new Set([a.id, b.id, p.id]).size).toBe(3);
  });

  it("keeps platform-level rows write-only for the app role: readable by the relay (admin) alone", async () => {
    const { id } = await database.db.withApp((tx) => enqueue(tx, noteJob, { text: "reset link" }));
    expect(await database.db.withApp((tx) => tx.outboxEntry.findMany({ where: { id } }))).toEqual([]);
    expect(await database.admin.withAdmin((tx) => tx.outboxEntry.findUnique({ where: { id } }))).not.toBeNull();
    // A keyed platform-level row needs ON CONFLICT, which needs read access: admin only.
    const keyed = database.db.withApp((tx) => enqueue(tx, noteJob, { text: "p" }, { dedupeKey: "weekly" }));
    await expect(keyed).rejects.toThrow(/row-level security/);
  });

  it("sets available_at delayMs after now", async () => {
    const { id } = await database.db.withTenant(tenantA, (tx) =>
      enqueue(tx, noteJob, { text: "later" }, { delayMs: 60_000 }),
    );
    const row = await database.admin.withAdmin((tx) => tx.outboxEntry.findUnique({ where: { id } }));
    if (!row) throw new Error("row missing");
    expect(row.availableAt.getTime() - row.createdAt.getTime()).toBe(60_000);
  });

  it("rejects a negative delay", async () => {
    const attempt = database.db.withTenant(tenantA, (tx) => enqueue(tx, noteJob, { text: "x" }, { delayMs: -1 }));
    await expect(attempt).rejects.toThrow(/delayMs/);
  });
});
