// Checks the cells of one CSV record on their own (formats, lengths, money, whole numbers) and turns
// them into typed values. Pure: what needs the store's data or other rows is plan-catalog-import.ts.
import {
  LIMITS,
  PRODUCT_STATUSES,
  type TCatalogCsvColumn,
  type TCsvRowError,
  type TProductStatus,
  ZProductStatus,
  ZSkuCode,
} from "@mallwright/schema";
import type { CsvRecord } from "./parse-catalog-csv.ts";
import { parseYuan } from "./yuan.ts";

export interface OptionCells {
  name?: string;
  value?: string;
}

/** One record's values; a field is undefined when its cell is empty (or invalid, see `invalid`). */
export interface CsvRow {
  row: number;
  handle?: string;
  title?: string;
  subtitle?: string;
  /** The category path with each level trimmed: "女装/连衣裙". */
  category?: string;
  tags?: string[];
  status?: TProductStatus;
  options: OptionCells[];
  skuCode?: string;
  price?: number;
  compareAtPrice?: number;
  stock?: number;
  weightGrams?: number;
  /** Columns whose cell was filled but wrong (already reported), so later checks stay quiet about them. */
  invalid: Set<TCatalogCsvColumn>;
}

export const MAX_WEIGHT_GRAMS = 1_000_000;
const LENGTHS = { handle: 100, title: 100, subtitle: 200, optionName: 20, optionValue: 30, tag: 20 } as const;

/** A category path as compared with the store's: levels split on "/", each trimmed. */
export function normalizeCategoryPath(path: string): string {
  return path
    .split("/")
    .map((s) => s.trim())
    .join("/");
}

function wholeNumber(text: string, max: number): { ok: true; value: number } | { ok: false; message: string } {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value > max) return { ok: false, message: `must be at most ${max}` };
    return { ok: true, value };
  }
  if (/^-\s*\d+(\.\d+)?$/.test(text)) return { ok: false, message: "must not be negative" };
  return { ok: false, message: "must be a whole number" };
}

export function readCsvRow(record: CsvRecord): { row: CsvRow; errors: TCsvRowError[] } {
  const { cells } = record;
  const errors: TCsvRowError[] = [];
  const row: CsvRow = { row: record.row, options: [], invalid: new Set() };
  const fail = (field: TCatalogCsvColumn, message: string) => {
    errors.push({ row: record.row, field, message });
    row.invalid.add(field);
  };
  const text = (field: TCatalogCsvColumn, max: number): string | undefined => {
    const v = cells[field];
    if (v === undefined) return undefined;
    if ([...v].length > max) {
      fail(field, `must be at most ${max} characters`);
      return undefined;
    }
    return v;
  };

  row.handle = text("handle", LENGTHS.handle);
  row.title = text("title", LENGTHS.title);
  row.subtitle = text("subtitle", LENGTHS.subtitle);
  if (cells.category !== undefined) row.category = normalizeCategoryPath(cells.category);

  if (cells.tags !== undefined) {
    // Repeats are kept, as the product editor keeps them: an exported file must read back unchanged.
    const tags = cells.tags
      .split("|")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    const long = tags.find((t) => [...t].length > LENGTHS.tag);
    if (long !== undefined) fail("tags", `tag "${long}" is longer than ${LENGTHS.tag} characters`);
    else if (tags.length > LIMITS.tagsPerProduct) fail("tags", `at most ${LIMITS.tagsPerProduct} tags`);
    else row.tags = tags;
  }

  if (cells.status !== undefined) {
    const status = ZProductStatus.safeParse(cells.status.toLowerCase());
    if (status.success) row.status = status.data;
    else fail("status", `must be one of ${PRODUCT_STATUSES.join(", ")}`);
  }

  for (let k = 1; k <= LIMITS.dimensions; k++) {
    const nameField = `option${k}_name` as TCatalogCsvColumn;
    const valueField = `option${k}_value` as TCatalogCsvColumn;
    const option: OptionCells = {};
    const name = text(nameField, LENGTHS.optionName);
    const value = text(valueField, LENGTHS.optionValue);
    if (name !== undefined) option.name = name;
    if (value !== undefined) option.value = value;
    row.options.push(option);
  }
  // Options fill from the first: a value for option 2 with none for option 1 is a misplaced column.
  row.options.forEach((o, i) => {
    const before = row.options[i - 1];
    if (i > 0 && o.value !== undefined && before && before.value === undefined) {
      const field = `option${i}_value` as TCatalogCsvColumn;
      if (!row.invalid.has(field))
        fail(field, `is empty while option${i + 1}_value is filled: options fill from option1`);
    }
  });

  if (cells.sku_code === undefined) fail("sku_code", "is required: it says which SKU the row updates or creates");
  else {
    const code = ZSkuCode.safeParse(cells.sku_code);
    if (code.success) row.skuCode = code.data;
    else fail("sku_code", `must be 1 to 64 letters, digits or . _ - / (got "${cells.sku_code.slice(0, 70)}")`);
  }

  for (const field of ["price", "compare_at_price"] as const) {
    const v = cells[field];
    if (v === undefined) continue;
    const money = parseYuan(v);
    if (!money.ok) fail(field, money.message);
    else if (field === "price") row.price = money.fen;
    else row.compareAtPrice = money.fen;
  }
  if (cells.stock !== undefined) {
    const n = wholeNumber(cells.stock, LIMITS.stock);
    if (n.ok) row.stock = n.value;
    else fail("stock", n.message);
  }
  if (cells.weight_grams !== undefined) {
    const n = wholeNumber(cells.weight_grams, MAX_WEIGHT_GRAMS);
    if (n.ok) row.weightGrams = n.value;
    else fail("weight_grams", n.message);
  }
  return { row, errors };
}
