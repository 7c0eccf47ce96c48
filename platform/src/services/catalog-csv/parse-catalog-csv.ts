// Reads catalog CSV text into records keyed by column, with the line each record starts on. Checks
// what concerns the file as a whole: the header (unknown, repeated or missing columns), CSV syntax
// and the row limit. Cells come back trimmed, with the export's formula guard taken off.

import { CATALOG_CSV_COLUMNS, LIMITS, type TCatalogCsvColumn, type TCsvRowError } from "@mallwright/schema";
import { parse } from "csv-parse/sync";
import { unguardFormula } from "./formula-guard.ts";

export type CsvCells = Partial<Record<TCatalogCsvColumn, string>>;

export interface CsvRecord {
  /** The line the record starts on (the header is line 1). */
  row: number;
  /** Non-empty cells only. */
  cells: CsvCells;
}

export interface ParsedCatalogCsv {
  records: CsvRecord[];
  /** Data rows in the file (blank ones not counted), also when they are too many to read. */
  rowCount: number;
  errors: TCsvRowError[];
  /** The file cannot be read row by row (syntax, header without sku_code, too many rows). */
  fatal: boolean;
}

const KNOWN = new Set<string>(CATALOG_CSV_COLUMNS);

function isColumn(name: string): name is TCatalogCsvColumn {
  return KNOWN.has(name);
}

const LINE_BREAK = /\r\n|\r|\n/g;

function lineBreaks(cells: string[]): number {
  let n = 0;
  for (const c of cells) n += c.match(LINE_BREAK)?.length ?? 0;
  return n;
}

function cellText(raw: string): string {
  return unguardFormula(raw.trim()).trim();
}

function headerErrors(
  header: string[],
  headerRow: number,
): { columns: (TCatalogCsvColumn | null)[]; errors: TCsvRowError[] } {
  const errors: TCsvRowError[] = [];
  const seen = new Set<string>();
  const columns = header.map((raw) => {
    const name = raw.trim().toLowerCase();
    if (name === "") return null;
    if (!isColumn(name)) {
      const option = /^option(\d+)_(name|value)$/.exec(name);
      errors.push({
        row: headerRow,
        field: name,
        message:
          option && Number(option[1]) > LIMITS.dimensions
            ? `at most ${LIMITS.dimensions} options (option1 to option${LIMITS.dimensions})`
            : `unknown column; the columns are ${CATALOG_CSV_COLUMNS.join(", ")}`,
      });
      return null;
    }
    if (seen.has(name)) {
      errors.push({ row: headerRow, field: name, message: "the column appears twice" });
      return null;
    }
    seen.add(name);
    return name;
  });
  if (!seen.has("sku_code")) {
    errors.push({
      row: headerRow,
      field: "sku_code",
      message: "the column is required (it identifies each row's SKU)",
    });
  }
  return { columns, errors };
}

export function parseCatalogCsv(text: string): ParsedCatalogCsv {
  let parsed: string[][];
  try {
    // Empty lines come back as [""] records and are skipped below: counting every record's line
    // breaks then gives exact line numbers (the parser's own counter drifts after a quoted CRLF).
    parsed = parse(text, { relax_column_count: true, relax_quotes: true });
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === "number" ? (err as { lines: number }).lines : 1;
    const reason = err instanceof Error ? err.message : String(err);
    return {
      records: [],
      rowCount: 0,
      errors: [{ row: line, field: "", message: `not valid CSV: ${reason}` }],
      fatal: true,
    };
  }
  let line = 1;
  const numbered = parsed.map((record) => {
    const row = line;
    line += lineBreaks(record) + 1;
    return { record, row };
  });
  const [head, ...body] = numbered.filter((r) => r.record.some((c) => c.trim() !== ""));
  if (!head)
    return { records: [], rowCount: 0, errors: [{ row: 1, field: "", message: "the file is empty" }], fatal: true };
  const { columns, errors } = headerErrors(head.record, head.row);
  const fatal = errors.some((e) => e.field === "sku_code");

  const records: CsvRecord[] = [];
  for (const { record, row } of body) {
    const cells: CsvCells = {};
    let stray = false;
    record.forEach((raw, i) => {
      const value = cellText(raw);
      if (value === "") return;
      const column = columns[i];
      if (column) cells[column] = value;
      // A value under no header (extra cells, or a blank header) would silently vanish.
      else if (i >= columns.length || (head.record[i] ?? "").trim() === "") stray = true;
    });
    if (stray) {
      errors.push({
        row,
        field: "",
        message: `has a value outside the header's ${columns.length} columns (a stray comma?)`,
      });
    }
    // Rows left blank (",,,,") by spreadsheets are not rows.
    if (Object.keys(cells).length === 0 && !stray) continue;
    records.push({ row, cells });
    if (records.length > LIMITS.csvRows) {
      errors.push({
        row,
        field: "",
        message: `the file has ${body.length} rows; at most ${LIMITS.csvRows} per import: split it into several files`,
      });
      return { records: [], rowCount: body.length, errors, fatal: true };
    }
  }
  if (!fatal && records.length === 0)
    errors.push({ row: head.row, field: "", message: "the file has no rows below the header" });
  return { records, rowCount: records.length, errors, fatal: fatal || records.length === 0 };
}
