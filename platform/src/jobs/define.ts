// A job is a name, a version, a zod payload schema, a retry policy and a handler.
// Delivery is at-least-once (relay crash, worker crash, retry after a timeout), so every handler
// MUST be idempotent: running it twice with the same payload must have the effect of running it once.
import type { z } from "zod";
import type { Database } from "../db/types.ts";
import type { Env } from "../env.ts";
import type { Mailer } from "../integrations/email/mailer.ts";
import type { Logger } from "../logger.ts";

export interface JobContext {
  db: Database;
  mailer: Mailer;
  log: Logger;
  env: Env;
  /** The outbox row's tenant; null for platform-level jobs. */
  tenantId: string | null;
  /** The outbox row id, which is also the BullMQ job id: stable across retries, use it for idempotency. */
  jobId: string;
  /** 1 for the first try. */
  attempt: number;
}

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  /** Delay before the second try; doubles for each later one. */
  backoffMs: number;
}

export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  readonly name: string;
  /**
   * Bump when the payload shape changes. Rows written by older code may still be in flight, so
   * the schema must keep accepting them (add optional fields, never repurpose one).
   */
  readonly version: number;
  /** Must describe plain JSON (no transforms): payloads are parsed on enqueue and again on run. */
  readonly payload: P;
  readonly retry: RetryPolicy;
  handler(payload: z.infer<P>, ctx: JobContext): Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 10_000 };

const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

export function defineJob<P extends z.ZodType>(def: {
  name: string;
  version: number;
  payload: P;
  retry?: RetryPolicy;
  handler: (payload: z.infer<P>, ctx: JobContext) => Promise<void>;
}): JobDefinition<P> {
  if (!NAME.test(def.name)) throw new Error(`Job name "${def.name}" must be dotted lowercase words, e.g. "email.send"`);
  if (!Number.isInteger(def.version) || def.version < 1)
    throw new Error(`Job ${def.name}: version must be a positive integer`);
  const retry = def.retry ?? DEFAULT_RETRY;
  if (
    !Number.isInteger(retry.attempts) ||
    retry.attempts < 1 ||
    !Number.isInteger(retry.backoffMs) ||
    retry.backoffMs < 0
  )
    throw new Error(`Job ${def.name}: retry needs attempts >= 1 and backoffMs >= 0 (integers)`);
  return { name: def.name, version: def.version, payload: def.payload, retry, handler: def.handler };
}

/** Resolves a job name to its definition; the registry's findJob is the default everywhere. */
export type JobLookup = (name: string) => JobDefinition | undefined;

export function jobLookup(jobs: readonly JobDefinition[]): JobLookup {
  const byName = new Map<string, JobDefinition>();
  for (const job of jobs) {
    if (byName.has(job.name)) throw new Error(`Job ${job.name} is defined twice`);
    byName.set(job.name, job);
  }
  return (name) => byName.get(name);
}

/** Delay before try number `attempt + 1` after try `attempt` failed (BullMQ's exponential formula). */
export function backoffDelay(retry: RetryPolicy, attempt: number): number {
  return retry.backoffMs * 2 ** Math.max(0, attempt - 1);
}

/** One short line for logs and outbox.last_error: no stack, no payload. */
export function shortError(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : typeof err === "string" ? err : "unknown error";
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Zod issues as "path: message" (zod messages describe the rule, not the rejected value). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}
