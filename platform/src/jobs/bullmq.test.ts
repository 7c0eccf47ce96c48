// BullMQ transport + worker against real Redis and PostgreSQL: outbox -> queue -> worker -> handler.
import { randomBytes } from "node:crypto";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { OpenDatabase } from "../db/open.ts";
import { createMemoryMailer } from "../integrations/email/mailer.ts";
import { createLogger } from "../logger.ts";
import { createTestDatabase, loadTestSettings, type TestDatabase } from "../test/database.ts";
import { defineJob, jobLookup } from "./define.ts";
import { enqueue } from "./outbox.ts";
import { createRelay, type Relay } from "./relay.ts";
import { type BullmqTransport, createBullmqTransport } from "./transports/bullmq.ts";
import { createJobWorker } from "./worker.ts";

const calls: { n: number; tenantId: string | null; jobId: string; attempt: number }[] = [];
let failuresLeft = 0;
let release: (() => void) | undefined;

const flowJob = defineJob({
  name: "test.flow",
  version: 1,
  payload: z.object({ n: z.number().int() }),
  retry: { attempts: 3, backoffMs: 20 },
  handler: async ({ n }, { tenantId, jobId, attempt }) => {
    calls.push({ n, tenantId, jobId, attempt });
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error("flaky downstream");
    }
  },
});

const slowJob = defineJob({
  name: "test.slow",
  version: 1,
  payload: z.object({}),
  handler: async () => {
    await new Promise<void>((resolve) => {
      release = resolve;
    });
  },
});

const jobs = jobLookup([flowJob, slowJob]);
const prefix = `mwtest-${randomBytes(4).toString("hex")}`;
const redisUrl = loadTestSettings().redis;
const log = createLogger("silent");

let testDb: TestDatabase;
let database: OpenDatabase;
let tenantId: string;
let transport: BullmqTransport;
let relay: Relay;
let worker: Worker;

function row(id: string) {
  return database.admin.withAdmin((tx) => tx.outboxEntry.findUniqueOrThrow({ where: { id } }));
}

async function jobState(id: string) {
  const job = await transport.queue.getJob(id);
  return job ? await job.getState() : "missing";
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await testDb.open();
  const rows = await database.admin.withAdmin(
    (tx) =>
      tx.$queryRaw<
        { id: string }[]
      >`INSERT INTO tenants (key, name) VALUES ('queue-shop', 'Q') RETURNING id::text AS id`,
  );
  tenantId = rows[0]?.id ?? "";
  transport = createBullmqTransport({ redisUrl, prefix, jobs });
  relay = createRelay({ admin: database.admin, transport, log, intervalMs: 60_000 });
  worker = createJobWorker({
    redisUrl,
    prefix,
    concurrency: 2,
    db: database.db,
    mailer: createMemoryMailer(),
    log,
    env: testDb.env,
    jobs,
  });
  await worker.waitUntilReady();
});

afterAll(async () => {
  await worker?.close();
  await transport?.queue.obliterate({ force: true });
  await transport?.close();
  await database?.close();
  await testDb?.drop();
});

beforeEach(() => {
  calls.length = 0;
  failuresLeft = 0;
});

describe("BullMQ transport and worker", () => {
  it("moves a job from the outbox through the queue to its handler, under the outbox id", async () => {
    const { id } = await database.db.withTenant(tenantId, (tx) => enqueue(tx, flowJob, { n: 1 }));

    expect(await relay.runOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ status: "enqueued", lastError: null });
    const job = await transport.queue.getJob(id);
    expect(job?.id).toBe(id);
    expect(job?.data).toEqual({ outboxId: id, tenantId, payload: { n: 1 } });
    expect(job?.opts).toMatchObject({ attempts: 3, backoff: { type: "exponential", delay: 20 } });

    await vi.waitFor(async () => expect(await jobState(id)).toBe("completed"), { timeout: 10_000, interval: 20 });
    expect(calls).toEqual([{ n: 1, tenantId, jobId: id, attempt: 1 }]);
  });

  it("does not run a row twice when it is relayed again (relay died before recording it)", async () => {
    const { id } = await database.db.withTenant(tenantId, (tx) => enqueue(tx, flowJob, { n: 2 }));
    await relay.runOnce();
    await vi.waitFor(async () => expect(await jobState(id)).toBe("completed"), { timeout: 10_000, interval: 20 });
    const finishedOn = (await transport.queue.getJob(id))?.finishedOn;

    // What a crash between queue.add and recording leaves once its lease has run out.
    await database.admin.withAdmin(
      (tx) => tx.$executeRaw`UPDATE outbox SET status = 'pending', available_at = now() WHERE id = ${id}::uuid`,
    );
    expect(await relay.runOnce()).toBe(1);

    expect(await row(id)).toMatchObject({ status: "enqueued" });
    expect(await jobState(id)).toBe("completed");
    expect((await transport.queue.getJob(id))?.finishedOn).toBe(finishedOn);
    expect(await transport.queue.getJobCounts("waiting", "active", "delayed")).toEqual({
      waiting: 0,
      active: 0,
      delayed: 0,
    });
    expect(calls.map((c) => c.n)).toEqual([2]);
  });

  it("retries a failing handler with backoff until it succeeds", async () => {
    failuresLeft = 2;
    const { id } = await database.db.withTenant(tenantId, (tx) => enqueue(tx, flowJob, { n: 3 }));
    await relay.runOnce();
    await vi.waitFor(async () => expect(await jobState(id)).toBe("completed"), { timeout: 10_000, interval: 20 });
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it("fails a bad payload at once (UnrecoverableError), without retries or running the handler", async () => {
    const rows = await database.admin.withAdmin(
      (tx) => tx.$queryRaw<{ id: string }[]>`
        INSERT INTO outbox (tenant_id, job, payload) VALUES (${tenantId}::uuid, 'test.flow', '{"n":"nope"}')
        RETURNING id::text AS id`,
    );
    const id = rows[0]?.id ?? "";
    await relay.runOnce();

    await vi.waitFor(async () => expect(await jobState(id)).toBe("failed"), { timeout: 10_000, interval: 20 });
    const job = await transport.queue.getJob(id);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.opts.attempts).toBe(3);
    expect(job?.failedReason).toMatch(/^invalid payload: n: /);
    expect(calls).toEqual([]);
  });

  it("marks a row for an unknown job failed instead of queueing it", async () => {
    const rows = await database.admin.withAdmin(
      (tx) => tx.$queryRaw<{ id: string }[]>`
        INSERT INTO outbox (job, payload) VALUES ('test.nobody', '{}') RETURNING id::text AS id`,
    );
    const id = rows[0]?.id ?? "";
    await relay.runOnce();
    expect(await row(id)).toMatchObject({ status: "failed", lastError: "unknown job test.nobody" });
    expect(await jobState(id)).toBe("missing");
  });

  it("closes gracefully: close() waits for the running handler", async () => {
    const { id } = await database.db.withApp((tx) => enqueue(tx, slowJob, {}));
    await relay.runOnce();
    await vi.waitFor(() => expect(release).toBeDefined(), { timeout: 10_000, interval: 20 });

    let closed = false;
    const closing = worker.close().then(() => {
      closed = true;
    });
    // The handler is still blocked, so close must still be pending after the queue round trip.
    expect(await jobState(id)).toBe("active");
    expect(closed).toBe(false);

    release?.();
    await closing;
    expect(await jobState(id)).toBe("completed");
  });
});
