// The relay with the in-process transport: runs once, retries with backoff then fails, refuses bad
// payloads, and the timer loop (start/kick/stop). Also the registered email job end to end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type OpenDatabase, openDatabase } from "../db/open.ts";
import { loadEnv } from "../env.ts";
import { createMemoryMailer } from "../integrations/email/mailer.ts";
import { createLogger } from "../logger.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { defineJob, type JobContext, jobLookup } from "./define.ts";
import { enqueue } from "./outbox.ts";
import { findJob } from "./registry.ts";
import { createRelay } from "./relay.ts";
import { sendEmailJob } from "./send-email.ts";
import { createInProcessTransport } from "./transports/inprocess.ts";

const calls: { payload: { n: number }; ctx: Omit<JobContext, "db" | "mailer" | "log" | "env"> }[] = [];
let failuresLeft = 0;

const countJob = defineJob({
  name: "test.count",
  version: 1,
  payload: z.object({ n: z.number().int() }),
  retry: { attempts: 3, backoffMs: 1_000 },
  handler: async (payload, { tenantId, jobId, attempt }) => {
    calls.push({ payload, ctx: { tenantId, jobId, attempt } });
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error(`flaky downstream\n    at secret (stack frame ${payload.n})`);
    }
  },
});

let testDb: TestDatabase;
let database: OpenDatabase;
let tenantId: string;
const log = createLogger("silent");
const mailer = createMemoryMailer();

function relayFor(jobs = jobLookup([countJob, sendEmailJob]), batchSize = 50) {
  const transport = createInProcessTransport({ db: database.db, mailer, log, env: testDb.env, jobs });
  return createRelay({ admin: database.admin, transport, log, intervalMs: 60_000, batchSize });
}

function row(id: string) {
  return database.admin.withAdmin((tx) => tx.outboxEntry.findUniqueOrThrow({ where: { id } }));
}

/** Makes a leased or backed-off row due now, standing in for the passage of time. */
function makeDue(id: string) {
  return database.admin.withAdmin(
    (tx) => tx.$executeRaw`UPDATE outbox SET available_at = now() WHERE id = ${id}::uuid`,
  );
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await testDb.open();
  const rows = await database.admin.withAdmin(
    (tx) =>
      tx.$queryRaw<
        { id: string }[]
      >`INSERT INTO tenants (key, name) VALUES ('relay-shop', 'Relay') RETURNING id::text AS id`,
  );
  tenantId = rows[0]?.id ?? "";
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

beforeEach(async () => {
  calls.length = 0;
  failuresLeft = 0;
  mailer.sent.length = 0;
  // Each test starts from an empty outbox so runOnce counts only its own rows.
  await database.admin.withAdmin((tx) => tx.$executeRaw`DELETE FROM outbox`);
});

describe("relay + in-process transport", () => {
  it("runs a due handler once and marks the row done", async () => {
    const { id } = await database.db.withTenant(tenantId, (tx) => enqueue(tx, countJob, { n: 1 }));
    const relay = relayFor();

    expect(await relay.runOnce()).toBe(1);
    expect(await relay.runOnce()).toBe(0);

    expect(calls).toEqual([{ payload: { n: 1 }, ctx: { tenantId, jobId: id, attempt: 1 } }]);
    const done = await row(id);
    expect(done).toMatchObject({ status: "done", attempts: 1, lastError: null });
    expect(done.processedAt).toBeInstanceOf(Date);
  });

  it("leaves delayed rows alone until they are due", async () => {
    await database.db.withTenant(tenantId, (tx) => enqueue(tx, countJob, { n: 2 }, { delayMs: 60_000 }));
    expect(await relayFor().runOnce()).toBe(0);
    expect(calls).toEqual([]);
  });

  it("retries with exponential backoff, then fails for good after retry.attempts", async () => {
    failuresLeft = 10;
    const { id } = await database.db.withTenant(tenantId, (tx) => enqueue(tx, countJob, { n: 3 }));
    const relay = relayFor();

    for (const [attempt, backoff] of [
      [1, 1_000],
      [2, 2_000],
    ] as const) {
      await relay.runOnce();
      const r = await row(id);
      expect(r).toMatchObject({ status: "pending", attempts: attempt, lastError: "flaky downstream" });
      const delay = r.availableAt.getTime() - Date.now();
      expect(delay).toBeGreaterThan(backoff - 500);
      expect(delay).toBeLessThanOrEqual(backoff);
      expect(await relay.runOnce()).toBe(0); // not due yet
      await makeDue(id);
    }
    await relay.runOnce();

    const failed = await row(id);
    expect(failed).toMatchObject({ status: "failed", attempts: 3, lastError: "flaky downstream" });
    expect(calls.map((c) => c.ctx.attempt)).toEqual([1, 2, 3]);
  });

  it("succeeds on a later attempt after a failure", async () => {
    failuresLeft = 1;
    const { id } = await database.db.withTenant(tenantId, (tx) => enqueue(tx, countJob, { n: 4 }));
    const relay = relayFor();
    await relay.runOnce();
    await makeDue(id);
    await relay.runOnce();
    expect(await row(id)).toMatchObject({ status: "done", attempts: 2, lastError: null });
  });

  it("fails a row whose payload no longer validates, without running or retrying it", async () => {
    const rows = await database.admin.withAdmin(
      (tx) => tx.$queryRaw<{ id: string }[]>`
        INSERT INTO outbox (tenant_id, job, payload) VALUES (${tenantId}::uuid, 'test.count', '{"n":"secret-value"}')
        RETURNING id::text AS id`,
    );
    const id = rows[0]?.id ?? "";
    await relayFor().runOnce();

    const failed = await row(id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toMatch(/^invalid payload: n: /);
    expect(failed.lastError).not.toContain("secret-value");
    expect(calls).toEqual([]);
  });

  it("fails a row naming an unknown job", async () => {
    const { id } = await database.db.withTenant(tenantId, (tx) => enqueue(tx, countJob, { n: 5 }));
    await relayFor(jobLookup([sendEmailJob])).runOnce();
    expect(await row(id)).toMatchObject({ status: "failed", lastError: "unknown job test.count" });
  });

  it("runs a pass when started, another when kicked (the interval is a minute), and stops cleanly", async () => {
    const enqueueOne = (n: number) => database.db.withTenant(tenantId, (tx) => enqueue(tx, countJob, { n }));
    const first = await enqueueOne(6);
    const relay = relayFor();
    relay.start();
    try {
      await vi.waitFor(async () => expect((await row(first.id)).status).toBe("done"), { timeout: 5_000, interval: 20 });
      const second = await enqueueOne(7);
      relay.kick();
      await vi.waitFor(async () => expect((await row(second.id)).status).toBe("done"), {
        timeout: 5_000,
        interval: 20,
      });
    } finally {
      await relay.stop();
    }
    expect(calls.map((c) => c.payload.n)).toEqual([6, 7]);
  });

  it("delivers the registered email.send job to the mailer", async () => {
    expect(findJob("email.send")).toBe(sendEmailJob);
    const { id } = await database.db.withApp((tx) =>
      enqueue(tx, sendEmailJob, { to: "owner@example.test", subject: "Invite", text: "https://x.test/i/1" }),
    );
    await relayFor(findJob).runOnce();
    expect(mailer.sent).toEqual([{ to: "owner@example.test", subject: "Invite", text: "https://x.test/i/1" }]);
    expect(await row(id)).toMatchObject({ status: "done", tenantId: null });
  });

  it("lets two relays share the outbox without running a row twice", async () => {
    const ids = await database.db.withTenant(tenantId, async (tx) => {
      const out: string[] = [];
      for (let n = 0; n < 30; n++) out.push((await enqueue(tx, countJob, { n })).id);
      return out;
    });
    const [a, b] = await Promise.all([relayFor(undefined, 4).runOnce(), relayFor(undefined, 4).runOnce()]);
    expect((a ?? 0) + (b ?? 0)).toBe(30);
    expect(calls.map((c) => c.payload.n).sort((x, y) => x - y)).toEqual([...Array(30).keys()]);
    for (const id of ids) expect((await row(id)).status).toBe("done");
  });
});

describe("relay + in-process transport on the embedded database (PGlite)", () => {
  it("lets a handler open its own transactions: the relay holds none while handlers run", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mw-relay-pglite-"));
    const env = loadEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dir }, {});
    const embedded = await openDatabase(env);
    try {
      await embedded.migrate();
      const seen: number[] = [];
      const nestedJob = defineJob({
        name: "test.nested",
        version: 1,
        payload: z.object({}),
        handler: async (_payload, ctx) => {
          if (!ctx.tenantId) throw new Error("tenant expected");
          seen.push((await ctx.db.withTenant(ctx.tenantId, (tx) => tx.outboxEntry.findMany())).length);
        },
      });
      const tenants = await embedded.admin.withAdmin(
        (tx) => tx.$queryRaw<{ id: string }[]>`
          INSERT INTO tenants (key, name) VALUES ('embedded', 'E') RETURNING id::text AS id`,
      );
      const tenant = tenants[0]?.id ?? "";
      const { id } = await embedded.db.withTenant(tenant, (tx) => enqueue(tx, nestedJob, {}));
      const transport = createInProcessTransport({ db: embedded.db, mailer, log, env, jobs: jobLookup([nestedJob]) });
      const relay = createRelay({ admin: embedded.admin, transport, log, intervalMs: 60_000 });

      expect(await relay.runOnce()).toBe(1);
      expect(seen).toEqual([1]);
      const done = await embedded.admin.withAdmin((tx) => tx.outboxEntry.findUniqueOrThrow({ where: { id } }));
      expect(done.status).toBe("done");
    } finally {
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
