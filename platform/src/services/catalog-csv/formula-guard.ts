// CSV/formula injection guard. A spreadsheet runs a cell that starts with = + - @ (or a tab or CR
// before one) as a formula, so exports prefix such cells with an apostrophe. Imports take exactly
// that apostrophe off again, so an exported file reads back unchanged; a value that itself starts
// with apostrophes before such a character gets one more on export, keeping the mapping exact.
const TRIGGER = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return TRIGGER.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}
