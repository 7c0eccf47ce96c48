// Reads an import's error report (errors.csv: row,field,message; UTF-8 with BOM, quoted cells) so
// the import dialog can list the problems beside the link to download the file.
export interface ReportLine {
  row: number;
  field: string;
  message: string;
}

/** RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

export function parseErrorReport(text: string): ReportLine[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const names = header.map((h) => h.trim().toLowerCase());
  const at = (name: string) => names.indexOf(name);
  return rows
    .filter((r) => r.some((c) => c !== ""))
    .map((r) => ({
      row: Number(r[at("row")] ?? 0) || 0,
      field: r[at("field")] ?? "",
      message: r[at("message")] ?? "",
    }));
}
