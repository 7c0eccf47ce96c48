// BullMQ transport (REDIS_URL set): adds each outbox row to the queue under its outbox id, so a
// row relayed twice (relay died before recording it) is deduplicated by BullMQ, not run twice.
import { type ConnectionOptions, Queue } from "bullmq";
import { z } from "zod";
import type { Logger } from "../../logger.ts";
import { type JobLookup, shortError } from "../define.ts";
import { findJob } from "../registry.ts";
import type { DeliveryOutcome, JobTransport } from "../transport.ts";

export const DEFAULT_QUEUE_NAME = "jobs";
export const DEFAULT_QUEUE_PREFIX = "mallwright";

/** What travels through Redis; the worker parses it back with this schema. */
export const ZQueuedJobData = z.object({
  outboxId: z.string(),
  tenantId: z.string().nullable(),
  payload: z.unknown(),
});
export type TQueuedJobData = z.infer<typeof ZQueuedJobData>;

export interface QueueConnectionOptions {
  /** An existing client (the caller closes it), or... */
  connection?: ConnectionOptions;
  /** ...a URL: the connection is then created here and closed by close(). */
  redisUrl?: string;
  prefix?: string;
  queueName?: string;
}

export interface BullmqTransportOptions extends QueueConnectionOptions {
  jobs?: JobLookup;
  log?: Logger;
  /** How long a row stays claimed while it is added; adds take milliseconds. */
  leaseMs?: number;
}

export interface BullmqTransport extends JobTransport {
  /** For the dashboard and for tests. */
  readonly queue: Queue;
  close(): Promise<void>;
}

const DAY_SECONDS = 24 * 3600;
/** When Redis refuses an add, wait this long before the row is offered again. */
const REDIS_DOWN_RETRY_MS = 5_000;

export function resolveConnection(
  opts: QueueConnectionOptions,
  extra: { maxRetriesPerRequest?: number | null } = {},
): ConnectionOptions {
  if (opts.connection) return opts.connection;
  if (opts.redisUrl) return { url: opts.redisUrl, ...extra };
  throw new Error("BullMQ needs a connection or a redisUrl");
}

export function createBullmqTransport(opts: BullmqTransportOptions): BullmqTransport {
  const jobs = opts.jobs ?? findJob;
  const queue = new Queue<TQueuedJobData>(opts.queueName ?? DEFAULT_QUEUE_NAME, {
    connection: resolveConnection(opts),
    prefix: opts.prefix ?? DEFAULT_QUEUE_PREFIX,
  });
  // Unlistened 'error' events (Redis unreachable) would crash the process; failed adds are retried.
  queue.on("error", (err) => opts.log?.warn({ error: shortError(err) }, "job queue connection error"));

  async function add(row: {
    id: string;
    tenantId: string | null;
    job: string;
    payload: unknown;
  }): Promise<DeliveryOutcome> {
    const job = jobs(row.job);
    if (!job) return { status: "failed", error: `unknown job ${row.job}` };
    try {
      await queue.add(
        job.name,
        { outboxId: row.id, tenantId: row.tenantId, payload: row.payload },
        {
          jobId: row.id,
          attempts: job.retry.attempts,
          backoff: { type: "exponential", delay: job.retry.backoffMs },
          // Delays live in the outbox (PostgreSQL, durable): rows are claimed only once due.
          removeOnComplete: { age: 7 * DAY_SECONDS, count: 10_000 },
          removeOnFail: { age: 30 * DAY_SECONDS },
        },
      );
      return { status: "enqueued" };
    } catch (err) {
      return { status: "deferred", delayMs: REDIS_DOWN_RETRY_MS, error: `queue add failed: ${shortError(err)}` };
    }
  }

  return {
    queue,
    leaseMs: opts.leaseMs ?? 30_000,
    async deliver(rows) {
      const outcomes = await Promise.all(rows.map(async (row) => [row.id, await add(row)] as const));
      return new Map(outcomes);
    },
    close: () => queue.close(),
  };
}
