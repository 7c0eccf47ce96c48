// Test fixtures for the catalog CSV: files built from rows, a GB18030 encoder (the inverse of the
// platform's decoder, so no extra package), and helpers that upload, run and read back an import.
import { CATALOG_CSV_COLUMNS, type TCatalogCsvColumn } from "@mallwright/schema";
import { parse } from "csv-parse/sync";
import { expect } from "vitest";
import type { Harness } from "../../test/harness.ts";

export type CsvLine = Partial<Record<TCatalogCsvColumn, string>>;

/** A CSV file with every column (or `columns`), one line per entry, LF line ends. */
export function csvOf(lines: CsvLine[], columns: readonly string[] = CATALOG_CSV_COLUMNS): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const body = lines.map((l) => columns.map((c) => quote(l[c as TCatalogCsvColumn] ?? "")).join(","));
  return `${[columns.join(","), ...body].join("\n")}\n`;
}

let gbTable: Map<string, number[]> | undefined;

/** GB18030 bytes of `text` (ASCII and the two-byte GBK range, which covers common Chinese). */
export function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder("gb18030", { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        try {
          const ch = dec.decode(new Uint8Array([lead, trail]));
          if (!gbTable.has(ch)) gbTable.set(ch, [lead, trail]);
        } catch {}
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

export interface UploadResult {
  status: number;
  body: Record<string, unknown> & { id?: string; error?: { code: string; message: string } };
}

/** POSTs a file to the import route, as multipart (default) or as a raw text/csv body. */
export async function uploadCsv(
  h: Harness,
  token: string,
  file: string | Uint8Array,
  opts: { as?: "multipart" | "raw"; filename?: string } = {},
): Promise<UploadResult> {
  const bytes = typeof file === "string" ? new TextEncoder().encode(file) : file;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: FormData | Uint8Array;
  let path = "/merchant/v1/products/import";
  if (opts.as === "raw") {
    headers["content-type"] = "text/csv";
    body = bytes;
    if (opts.filename) path += `?filename=${encodeURIComponent(opts.filename)}`;
  } else {
    const form = new FormData();
    form.append("file", new File([bytes], opts.filename ?? "products.csv", { type: "text/csv" }));
    body = form;
  }
  const res = await h.app.request(path, { method: "POST", headers, body });
  return { status: res.status, body: (await res.json()) as UploadResult["body"] };
}

export interface ImportState {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  errorCount: number;
}

export async function getImport(h: Harness, token: string, id: string): Promise<ImportState> {
  const res = await h.call("GET", `/merchant/v1/products/imports/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body as unknown as ImportState;
}

/** Uploads `file`, runs the job, and returns the finished import. */
export async function importCsv(
  h: Harness,
  token: string,
  file: string | Uint8Array,
  opts: { as?: "multipart" | "raw"; filename?: string } = {},
): Promise<ImportState> {
  const up = await uploadCsv(h, token, file, opts);
  expect(up.status, JSON.stringify(up.body)).toBe(202);
  await h.flushJobs();
  return getImport(h, token, String(up.body.id));
}

export interface ReportLine {
  row: string;
  field: string;
  message: string;
}

/** The import's error report, parsed (BOM checked and removed). */
export async function errorReport(h: Harness, token: string, id: string): Promise<ReportLine[]> {
  const res = await h.app.request(`/merchant/v1/products/imports/${id}/errors.csv`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // TextDecoder drops the BOM it has just been shown to be there.
  const [header, ...rows] = parse(new TextDecoder().decode(bytes));
  expect(header).toEqual(["row", "field", "message"]);
  return rows.map(([row = "", field = "", message = ""]) => ({ row, field, message }));
}
