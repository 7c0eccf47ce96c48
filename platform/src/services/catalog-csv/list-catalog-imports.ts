// Reads imports for the merchant: recent ones (newest first, cursor pages), one with its progress,
// and its error report as CSV.
import type { TCatalogImport, TListCatalogImportsQuery } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { decodeCursor, encodeCursor } from "../catalog/page-cursor.ts";
import { MAX_STORED_ERRORS, parseStoredErrors } from "./run-catalog-import.ts";
import { writeCsv } from "./write-csv.ts";

interface ImportRow {
  id: string;
  status: string;
  filename: string;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  errorCount: number;
  createdAt: Date;
  finishedAt: Date | null;
}

const FIELDS = {
  id: true,
  status: true,
  filename: true,
  totalRows: true,
  processedRows: true,
  createdCount: true,
  updatedCount: true,
  errorCount: true,
  createdAt: true,
  finishedAt: true,
} as const;

function statusOf(s: string): TCatalogImport["status"] {
  return s === "running" || s === "done" || s === "failed" ? s : "queued";
}

export function presentCatalogImport(r: ImportRow): TCatalogImport {
  return {
    id: r.id,
    status: statusOf(r.status),
    filename: r.filename,
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    createdCount: r.createdCount,
    updatedCount: r.updatedCount,
    errorCount: r.errorCount,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export async function listCatalogImports(
  db: Database,
  tenantId: string,
  q: TListCatalogImportsQuery,
): Promise<{ items: TCatalogImport[]; nextCursor: string | null }> {
  // Ids are UUIDv7: their order is the order the imports were made in.
  const after = q.cursor ? decodeCursor(q.cursor).id : undefined;
  const rows = await db.withTenant(tenantId, (tx) =>
    tx.catalogImport.findMany({
      where: after ? { id: { lt: after } } : {},
      orderBy: { id: "desc" },
      take: q.limit + 1,
      select: FIELDS,
    }),
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentCatalogImport),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.id, last.id) : null,
  };
}

export async function getCatalogImport(db: Database, tenantId: string, id: string): Promise<TCatalogImport> {
  const row = await db.withTenant(tenantId, (tx) => tx.catalogImport.findUnique({ where: { id }, select: FIELDS }));
  if (!row) throw notFound("import");
  return presentCatalogImport(row);
}

/** The error report: `row,field,message`, UTF-8 with BOM. 409 while the import has not finished. */
export async function getImportErrorReport(
  db: Database,
  tenantId: string,
  id: string,
): Promise<{ filename: string; csv: string }> {
  const row = await db.withTenant(tenantId, (tx) =>
    tx.catalogImport.findUnique({
      where: { id },
      select: { status: true, filename: true, errors: true, errorCount: true },
    }),
  );
  if (!row) throw notFound("import");
  if (row.status === "queued" || row.status === "running") {
    throw new ApiError("conflict", "the import has not finished yet: the error report is ready when it has");
  }
  const errors = parseStoredErrors(row.errors);
  const lines: string[][] = [["row", "field", "message"], ...errors.map((e) => [String(e.row), e.field, e.message])];
  if (row.errorCount > errors.length) {
    lines.push([
      "",
      "",
      `${row.errorCount - errors.length} more problems are not listed (the report keeps the first ${MAX_STORED_ERRORS})`,
    ]);
  }
  const base = row.filename.replace(/\.csv$/i, "");
  return { filename: `${base}-errors.csv`, csv: writeCsv(lines, { bom: true }) };
}
