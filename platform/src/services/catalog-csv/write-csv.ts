// CSV text as spreadsheets read it: RFC 4180 quoting, CRLF line ends, every cell through the formula
// guard, and optionally the UTF-8 BOM that makes Excel read Chinese text as UTF-8.
import { stringify } from "csv-stringify/sync";
import { guardFormula } from "./formula-guard.ts";

export const UTF8_BOM = "\uFEFF";

export function writeCsv(rows: readonly (readonly string[])[], opts: { bom?: boolean } = {}): string {
  const text = stringify(
    rows.map((r) => r.map(guardFormula)),
    { record_delimiter: "\r\n" },
  );
  return opts.bom ? `${UTF8_BOM}${text}` : text;
}
