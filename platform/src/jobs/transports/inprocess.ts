// In-process transport (no REDIS_URL, the embedded default): runs handlers straight from the
// outbox inside the server process, with the same validation and retry policy as the worker.
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import type { Mailer } from "../../integrations/email/mailer.ts";
import type { Logger } from "../../logger.ts";
import { backoffDelay, describeIssues, type JobLookup, shortError } from "../define.ts";
import { findJob } from "../registry.ts";
import type { DeliveryOutcome, JobTransport, OutboxRow } from "../transport.ts";

export interface InProcessTransportOptions {
  db: Database;
  mailer: Mailer;
  log: Logger;
  env: Env;
  jobs?: JobLookup;
  /** Handlers running at once; defaults to env.WORKER_CONCURRENCY. */
  concurrency?: number;
  /** Must cover a whole batch of handlers; a row still running after it may start a second time. */
  leaseMs?: number;
}

export function createInProcessTransport(opts: InProcessTransportOptions): JobTransport {
  const { db, mailer, log, env, jobs = findJob } = opts;
  const concurrency = opts.concurrency ?? env.WORKER_CONCURRENCY;

  async function run(row: OutboxRow): Promise<DeliveryOutcome> {
    const job = jobs(row.job);
    if (!job) return { status: "failed", error: `unknown job ${row.job}` };
    const parsed = job.payload.safeParse(row.payload);
    if (!parsed.success)
      return { status: "failed", error: shortError(`invalid payload: ${describeIssues(parsed.error)}`) };
    const attempt = row.attempts + 1;
    const jobLog = log.child({ job: job.name, jobId: row.id, tenantId: row.tenantId, attempt });
    try {
      await job.handler(parsed.data, { db, mailer, log: jobLog, env, tenantId: row.tenantId, jobId: row.id, attempt });
      return { status: "done" };
    } catch (err) {
      jobLog.warn({ err }, "job handler threw");
      const error = shortError(err);
      if (attempt >= job.retry.attempts) return { status: "failed", error };
      return { status: "retry", delayMs: backoffDelay(job.retry, attempt), error };
    }
  }

  return {
    leaseMs: opts.leaseMs ?? 5 * 60_000,
    async deliver(rows) {
      const outcomes = new Map<string, DeliveryOutcome>();
      let next = 0;
      const lane = async () => {
        for (let row = rows[next++]; row; row = rows[next++]) outcomes.set(row.id, await run(row));
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
      return outcomes;
    },
  };
}
