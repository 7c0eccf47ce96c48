// The BullMQ worker: runs the handler named by each queued job. Payloads are re-validated here;
// anything that can never succeed (unknown job, bad payload) fails at once via UnrecoverableError.
import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { Database } from "../db/types.ts";
import type { Env } from "../env.ts";
import type { Mailer } from "../integrations/email/mailer.ts";
import type { Logger } from "../logger.ts";
import { describeIssues, type JobLookup, shortError } from "./define.ts";
import { findJob } from "./registry.ts";
import {
  DEFAULT_QUEUE_NAME,
  DEFAULT_QUEUE_PREFIX,
  type QueueConnectionOptions,
  resolveConnection,
  ZQueuedJobData,
} from "./transports/bullmq.ts";

export interface JobWorkerOptions extends QueueConnectionOptions {
  concurrency: number;
  db: Database;
  mailer: Mailer;
  log: Logger;
  env: Env;
  jobs?: JobLookup;
}

/** Starts consuming at once; `await worker.close()` lets running handlers finish first. */
export function createJobWorker(opts: JobWorkerOptions): Worker {
  const { db, mailer, log, env, jobs = findJob } = opts;

  async function processJob(job: Job): Promise<void> {
    const def = jobs(job.name);
    if (!def) throw new UnrecoverableError(`unknown job ${job.name}`);
    const data = ZQueuedJobData.safeParse(job.data);
    if (!data.success) throw new UnrecoverableError("malformed queue entry");
    const payload = def.payload.safeParse(data.data.payload);
    if (!payload.success) throw new UnrecoverableError(shortError(`invalid payload: ${describeIssues(payload.error)}`));
    const { outboxId, tenantId } = data.data;
    const attempt = job.attemptsMade + 1;
    const jobLog = log.child({ job: def.name, jobId: outboxId, tenantId, attempt });
    await def.handler(payload.data, { db, mailer, log: jobLog, env, tenantId, jobId: outboxId, attempt });
  }

  const worker = new Worker(opts.queueName ?? DEFAULT_QUEUE_NAME, processJob, {
    // Blocking commands must wait out Redis reconnects rather than fail after a few retries.
    connection: resolveConnection(opts, { maxRetriesPerRequest: null }),
    prefix: opts.prefix ?? DEFAULT_QUEUE_PREFIX,
    concurrency: opts.concurrency,
  });
  worker.on("failed", (job, err) => {
    const fields = { job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, error: shortError(err) };
    const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) log.error(fields, "job failed for good");
    else log.warn(fields, "job failed, will retry");
  });
  worker.on("error", (err) => log.error({ error: shortError(err) }, "job worker error"));
  return worker;
}
