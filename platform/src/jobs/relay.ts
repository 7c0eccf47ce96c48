// The outbox relay: claims due rows, hands them to a transport (BullMQ or in-process) and records
// what happened. Claiming leases rows (pushes available_at ahead) in a short admin transaction
// instead of holding row locks during delivery: handlers must be free to open their own
// transactions (PGlite has a single connection), and a relay that dies leaves its rows to the
// next pass once the lease runs out.
import type { AdminDatabase, Tx } from "../db/types.ts";
import type { Logger } from "../logger.ts";
import type { DeliveryOutcome, JobTransport, OutboxRow } from "./transport.ts";

export interface Relay {
  /** Polls every intervalMs until stop(). */
  start(): void;
  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void>;
  /** Delivers every due row (up to a bound per call); resolves to how many were delivered. */
  runOnce(): Promise<number>;
  /** Asks for a pass now instead of at the next tick (e.g. right after a commit that enqueued). */
  kick(): void;
}

export interface RelayOptions {
  admin: AdminDatabase;
  transport: JobTransport;
  log: Logger;
  intervalMs: number;
  batchSize?: number;
}

/** Bounds one runOnce so a storm of instantly-retried rows cannot spin it forever. */
const MAX_BATCHES_PER_PASS = 20;

export function createRelay({ admin, transport, log, intervalMs, batchSize = 50 }: RelayOptions): Relay {
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let kicked = false;
  let stopped = true;

  async function drain(): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_BATCHES_PER_PASS; i++) {
      const rows = await admin.withAdmin((tx) => claim(tx, transport.leaseMs, batchSize));
      if (rows.length === 0) break;
      const outcomes = await transport.deliver(rows);
      await admin.withAdmin(async (tx) => {
        for (const row of rows) {
          const outcome = outcomes.get(row.id);
          if (outcome) await record(tx, row.id, outcome);
        }
      });
      for (const row of rows) report(log, row, outcomes.get(row.id));
      total += rows.length;
      if (rows.length < batchSize) break;
    }
    return total;
  }

  function runOnce(): Promise<number> {
    const pass = chain.then(drain);
    chain = pass.catch(() => {});
    return pass;
  }

  function schedule(ms: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
  }

  async function tick(): Promise<void> {
    timer = undefined;
    running = true;
    kicked = false;
    try {
      await runOnce();
    } catch (err) {
      log.error({ err }, "outbox relay pass failed");
    } finally {
      running = false;
    }
    schedule(kicked ? 0 : intervalMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await chain;
    },
    runOnce,
    kick() {
      if (stopped) return;
      if (running) kicked = true;
      else schedule(0);
    },
  };
}

async function claim(tx: Tx, leaseMs: number, batchSize: number): Promise<OutboxRow[]> {
  return tx.$queryRaw<OutboxRow[]>`
    UPDATE outbox o SET available_at = now() + ${leaseMs}::bigint * interval '1 millisecond'
    FROM (SELECT id FROM outbox
          WHERE status = 'pending' AND available_at <= now()
          ORDER BY available_at
          LIMIT ${batchSize}::int
          FOR UPDATE SKIP LOCKED) due
    WHERE o.id = due.id
    RETURNING o.id::text AS id, o.tenant_id::text AS "tenantId", o.job, o.payload, o.attempts`;
}

/** Guarded by status = 'pending': a row someone else settled meanwhile is left alone. */
async function record(tx: Tx, id: string, outcome: DeliveryOutcome): Promise<void> {
  switch (outcome.status) {
    case "done":
      await tx.$executeRaw`
        UPDATE outbox SET status = 'done', attempts = attempts + 1, processed_at = now(), last_error = NULL, payload = '{}'::jsonb
        WHERE id = ${id}::uuid AND status = 'pending'`;
      return;
    case "enqueued":
      await tx.$executeRaw`
        UPDATE outbox SET status = 'enqueued', last_error = NULL, payload = '{}'::jsonb WHERE id = ${id}::uuid AND status = 'pending'`;
      return;
    case "retry":
      await tx.$executeRaw`
        UPDATE outbox SET attempts = attempts + 1, last_error = ${outcome.error},
          available_at = now() + ${outcome.delayMs}::bigint * interval '1 millisecond'
        WHERE id = ${id}::uuid AND status = 'pending'`;
      return;
    case "failed":
      await tx.$executeRaw`
        UPDATE outbox SET status = 'failed', attempts = attempts + 1, processed_at = now(), last_error = ${outcome.error}
        WHERE id = ${id}::uuid AND status = 'pending'`;
      return;
    case "deferred":
      await tx.$executeRaw`
        UPDATE outbox SET last_error = ${outcome.error},
          available_at = now() + ${outcome.delayMs}::bigint * interval '1 millisecond'
        WHERE id = ${id}::uuid AND status = 'pending'`;
      return;
  }
}

function report(log: Logger, row: OutboxRow, outcome: DeliveryOutcome | undefined): void {
  const fields = { outboxId: row.id, job: row.job, tenantId: row.tenantId };
  if (!outcome) log.warn(fields, "outbox row left leased: no outcome from the transport");
  else if (outcome.status === "failed") log.error({ ...fields, error: outcome.error }, "job failed for good");
  else if (outcome.status === "retry" || outcome.status === "deferred")
    log.warn({ ...fields, error: outcome.error, retryInMs: outcome.delayMs }, `job ${outcome.status}`);
  else log.debug({ ...fields, status: outcome.status }, "job relayed");
}
