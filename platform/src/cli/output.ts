// Terminal output of the admin CLI: safe cell text, column tables sized for wide (CJK) characters,
// and `field: message` lines for invalid input.

/** C0/C1 controls and bidi overrides: stored names must not be able to drive the terminal. */
const UNSAFE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** Text from the database made safe to print: control characters become U+FFFD. */
export function clean(text: string): string {
  return text.replace(UNSAFE, "\ufffd");
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Columns a string takes in a terminal (East Asian wide characters count two). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Lines of a left-aligned table: a header row, then one row per item; no trailing spaces. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cells = rows.map((r) => headers.map((_, i) => clean(r[i] ?? "")));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ""))));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(headers), ...cells.map(line)];
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** `field: message` lines, one per issue. */
export function issueLines(issues: readonly FieldIssue[]): string[] {
  return issues.map((i) => `${i.field}: ${i.message}`);
}

/** An ISO timestamp shortened for tables: `2025-01-31 09:30Z`. */
export function shortTime(iso: string): string {
  return iso.length >= 16 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z` : iso;
}
