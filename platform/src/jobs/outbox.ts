// enqueue(): writes a job to the outbox inside the caller's transaction, so the job exists if and
// only if the caller's change commits. The relay (relay.ts) later hands it to a transport.
import { uuidv7 } from "uuidv7";
import type { z } from "zod";
import type { Tx } from "../db/types.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { describeIssues, type JobDefinition } from "./define.ts";

export interface EnqueueOptions {
  /**
   * The row's tenant; must equal the transaction's tenant scope (RLS rejects anything else).
   * null: a platform-level job. Omitted: the transaction's own scope (null outside withTenant).
   */
  tenantId?: string | null;
  /**
   * At most one row per (tenant scope, job, dedupeKey), ever: a repeat returns the first row's id.
   * The unique index includes tenant_id, so two stores never collide on (or probe) each other's keys.
   */
  dedupeKey?: string;
  /** Run no earlier than this many milliseconds after the transaction started. */
  delayMs?: number;
}

export async function enqueue<P extends z.ZodType>(
  tx: Tx,
  job: JobDefinition<P>,
  payload: z.input<P>,
  opts: EnqueueOptions = {},
): Promise<{ id: string }> {
  const { data, delayMs } = prepare(job, payload, opts.delayMs);
  const json = JSON.stringify(data);
  if (opts.dedupeKey !== undefined && (opts.dedupeKey.length === 0 || opts.dedupeKey.length > 200))
    throw new Error(`enqueue ${job.name}: dedupeKey must be 1 to 200 characters`);

  const tenantId = opts.tenantId === undefined ? await currentTenant(tx) : opts.tenantId;
  const dedupeKey = opts.dedupeKey ?? null;

  // The id is made here, not RETURNed: the app role may not read platform-level rows (they
  // carry emails and links), and INSERT ... RETURNING would need it to.
  const id = uuidv7();
  const values = Prisma.sql`(${id}::uuid, ${tenantId}::uuid, ${job.name}, ${json}::jsonb, ${dedupeKey}::text,
    now() + ${delayMs}::bigint * interval '1 millisecond')`;
  // ON CONFLICT makes PostgreSQL apply the SELECT policy to the new row, which platform-level
  // rows do not pass for the app role: only keyed rows take that path (see the test).
  const inserted = await tx.$executeRaw`
    INSERT INTO outbox (id, tenant_id, job, payload, dedupe_key, available_at) VALUES ${values}
    ${dedupeKey === null ? Prisma.empty : Prisma.sql`ON CONFLICT (tenant_id, job, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`}`;
  if (inserted === 1) return { id };

  const existing = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM outbox
    WHERE tenant_id IS NOT DISTINCT FROM ${tenantId}::uuid AND job = ${job.name} AND dedupe_key = ${dedupeKey}::text`;
  const found = existing[0];
  if (!found) {
    throw new Error(`enqueue ${job.name}: dedupe key already used by a row this transaction may not read`);
  }
  return found;
}

/** The payload parsed (stored as parsed: defaults applied, unknown keys stripped) and the delay checked. */
function prepare<P extends z.ZodType>(job: JobDefinition<P>, payload: z.input<P>, delay: number | undefined) {
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success) throw new Error(`Invalid payload for job ${job.name}: ${describeIssues(parsed.error)}`);
  const delayMs = delay ?? 0;
  if (!Number.isSafeInteger(delayMs) || delayMs < 0)
    throw new Error(`enqueue ${job.name}: delayMs must be a non-negative integer`);
  return { data: parsed.data ?? null, delayMs };
}

/** A store's job (no dedupe key) as a function that writes the outbox itself takes it (mw_submit_order's p_jobs). */
export interface OutboxJob {
  id: string;
  job: string;
  /** The payload as enqueue() stores it (parsed: defaults applied, unknown keys stripped). */
  payload: unknown;
  delay_ms: number;
}

/** The row enqueue() would write for a store's job, for SQL that writes it in its own transaction. */
export function outboxJob<P extends z.ZodType>(job: JobDefinition<P>, payload: z.input<P>, delayMs = 0): OutboxJob {
  const { data, delayMs: delay } = prepare(job, payload, delayMs);
  return { id: uuidv7(), job: job.name, payload: data, delay_ms: delay };
}

async function currentTenant(tx: Tx): Promise<string | null> {
  const rows = await tx.$queryRaw<{ tenant_id: string | null }[]>`SELECT mw_current_tenant()::text AS tenant_id`;
  return rows[0]?.tenant_id ?? null;
}
