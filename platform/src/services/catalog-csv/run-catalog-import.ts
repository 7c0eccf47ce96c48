// Runs one queued CSV import (the catalog.import job): claims it, reads the file, validates every row
// while publishing progress in short transactions of their own, then plans and applies the whole file
// in ONE transaction under locks, or records every problem and writes nothing.
import { type TCsvRowError, ZCsvRowError } from "@mallwright/schema";
import { z } from "zod";
import type { Database, Tx } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";
import type { Logger } from "../../logger.ts";
import { applyCatalogImport, type ImportActor } from "./apply-catalog-import.ts";
import { loadImportSnapshot } from "./load-import-snapshot.ts";
import { type CsvRecord, parseCatalogCsv } from "./parse-catalog-csv.ts";
import { type ImportPlan, planCatalogImport, sortRowErrors } from "./plan-catalog-import.ts";
import { type CsvRow, readCsvRow } from "./read-csv-row.ts";

/** Rows validated between two progress updates. */
export const PROGRESS_CHUNK = 200;
/** Problems kept for the error report; `error_count` still counts them all. */
export const MAX_STORED_ERRORS = 10_000;

export interface RunImportOptions {
  /** This try is the job's last: an unexpected failure ends the import as `failed` instead of re-queueing it. */
  lastAttempt: boolean;
  chunkSize?: number;
  /** Called after each committed progress update (tests watch the progress through the API here). */
  onProgress?: (processed: number, total: number) => Promise<void>;
}

export type RunImportOutcome = "skipped" | "done" | "failed";

const ZStoredErrors = z.array(ZCsvRowError);

/** A problem found while applying (the plan's quota): the import fails with these errors. */
class ImportRefused extends Error {
  constructor(readonly errors: TCsvRowError[]) {
    super("import refused");
  }
}

/** The stored error list of an import (tolerates a malformed column rather than failing a read). */
export function parseStoredErrors(value: unknown): TCsvRowError[] {
  const parsed = ZStoredErrors.safeParse(value);
  return parsed.success ? parsed.data : [];
}

async function claim(db: Database, tenantId: string, importId: string) {
  return db.withTenant(tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<{ content: string; created_by: string | null }[]>`
      UPDATE catalog_imports SET status = 'running'
      WHERE id = ${importId}::uuid AND status = 'queued'
      RETURNING content, created_by::text AS created_by`;
    return row;
  });
}

async function setProgress(tx: Tx, importId: string, fields: { total?: number; processed: number }): Promise<void> {
  await tx.$executeRaw`
    UPDATE catalog_imports SET processed_rows = ${fields.processed}::int,
      total_rows = coalesce(${fields.total ?? null}::int, total_rows)
    WHERE id = ${importId}::uuid AND status = 'running'`;
}

async function recordFailure(db: Database, tenantId: string, importId: string, errors: TCsvRowError[]): Promise<void> {
  const stored = errors.slice(0, MAX_STORED_ERRORS);
  await db.withTenant(
    tenantId,
    (tx) =>
      tx.$executeRaw`
      UPDATE catalog_imports SET status = 'failed', errors = ${JSON.stringify(stored)}::jsonb, error_count = ${errors.length}::int,
        processed_rows = total_rows, created_count = 0, updated_count = 0, content = '', finished_at = now()
      WHERE id = ${importId}::uuid AND status = 'running'`,
  );
}

/** Reads every record, publishing progress after each chunk in a short transaction of its own. */
async function readRows(
  db: Database,
  tenantId: string,
  importId: string,
  records: CsvRecord[],
  opts: RunImportOptions,
): Promise<{ rows: CsvRow[]; errors: TCsvRowError[] }> {
  const rows: CsvRow[] = [];
  const errors: TCsvRowError[] = [];
  const chunk = opts.chunkSize ?? PROGRESS_CHUNK;
  for (let start = 0; start < records.length; start += chunk) {
    for (const record of records.slice(start, start + chunk)) {
      const read = readCsvRow(record);
      rows.push(read.row);
      errors.push(...read.errors);
    }
    const processed = Math.min(start + chunk, records.length);
    await db.withTenant(tenantId, (tx) => setProgress(tx, importId, { processed }));
    await opts.onProgress?.(processed, records.length);
  }
  return { rows, errors };
}

type Applied =
  | { outcome: "skipped" }
  | { outcome: "failed"; errors: TCsvRowError[] }
  | { outcome: "done"; plan: ImportPlan };

/**
 * Plans and applies in one transaction, under locks, so what was checked is what gets written, and
 * marks the import done in the same commit. With row errors already found nothing will be written,
 * so the snapshot is then read without locks.
 */
async function planAndApply(tx: Tx, actor: ImportActor, rows: CsvRow[], rowErrors: TCsvRowError[]): Promise<Applied> {
  const [state] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status FROM catalog_imports WHERE id = ${actor.importId}::uuid FOR UPDATE`;
  if (state?.status !== "running") return { outcome: "skipped" };
  const snapshot = await loadImportSnapshot(tx, rows, { lock: rowErrors.length === 0 });
  const planned = planCatalogImport(rows, snapshot);
  const errors = sortRowErrors([...rowErrors, ...planned.errors]);
  if (errors.length > 0) return { outcome: "failed", errors };
  const { plan } = planned;
  try {
    await applyCatalogImport(tx, actor, plan);
  } catch (err) {
    if (err instanceof ApiError && err.code === "plan_limit") {
      const n = plan.newProducts.length;
      const message = `${err.message} (this file creates ${n} product${n > 1 ? "s" : ""})`;
      // Thrown, not returned, so that the transaction rolls back.
      throw new ImportRefused([{ row: plan.newProducts[0]?.firstRow ?? 1, field: "handle", message }]);
    }
    throw err;
  }
  await tx.$executeRaw`
    UPDATE catalog_imports SET status = 'done', processed_rows = total_rows, created_count = ${plan.createdRows}::int,
      updated_count = ${plan.updatedRows}::int, error_count = 0, errors = '[]'::jsonb, content = '', finished_at = now()
    WHERE id = ${actor.importId}::uuid`;
  return { outcome: "done", plan };
}

export async function runCatalogImport(
  db: Database,
  log: Logger,
  tenantId: string,
  importId: string,
  opts: RunImportOptions,
): Promise<RunImportOutcome> {
  const claimed = await claim(db, tenantId, importId);
  if (!claimed) {
    log.info({ importId }, "catalog import is not queued (already run, or unknown): skipped");
    return "skipped";
  }
  try {
    const parsed = parseCatalogCsv(claimed.content);
    const total = parsed.rowCount;
    await db.withTenant(tenantId, (tx) => setProgress(tx, importId, { total, processed: 0 }));
    if (parsed.fatal) {
      await recordFailure(db, tenantId, importId, sortRowErrors(parsed.errors));
      return "failed";
    }
    const read = await readRows(db, tenantId, importId, parsed.records, opts);
    const actor = { tenantId, membershipId: claimed.created_by, importId };
    const result = await db.withTenant(tenantId, (tx) =>
      planAndApply(tx, actor, read.rows, [...parsed.errors, ...read.errors]),
    );
    if (result.outcome === "failed") {
      await recordFailure(db, tenantId, importId, result.errors);
      return "failed";
    }
    if (result.outcome === "done") {
      const { createdRows, updatedRows } = result.plan;
      log.info({ importId, rows: total, created: createdRows, updated: updatedRows }, "catalog import applied");
    }
    return result.outcome;
  } catch (err) {
    if (err instanceof ImportRefused) {
      await recordFailure(db, tenantId, importId, err.errors);
      return "failed";
    }
    if (opts.lastAttempt) {
      await recordFailure(db, tenantId, importId, [
        {
          row: 1,
          field: "",
          message: "the import stopped on an internal error and wrote nothing: upload the file again",
        },
      ]);
    } else {
      // Back in the queue for the job's next try (nothing was written: the apply is one transaction).
      await db.withTenant(
        tenantId,
        (tx) => tx.$executeRaw`
          UPDATE catalog_imports SET status = 'queued', processed_rows = 0 WHERE id = ${importId}::uuid AND status = 'running'`,
      );
    }
    throw err;
  }
}
