// The SKU matrix of the product editor, pure: spec dimensions (颜色: 红/蓝, 尺码: S/M/L) generate
// one row per combination (the cartesian product). Editing the dimensions keeps what the merchant
// typed for the combinations that survive, matched by their spec values.
import type { TProduct, TSkuInput } from "@mallwright/schema";
import { fenToYuan, yuanToFen } from "./money.ts";

export interface Dimension {
  name: string;
  values: string[];
}

/** One SKU as the grid edits it: money in yuan text, numbers as text, exactly as typed. */
export interface SkuRow {
  specValues: string[];
  price: string;
  compareAtPrice: string;
  stock: string;
  code: string;
  /** Kept as they are: the editor does not edit these per SKU. */
  imageMediaId: string | null;
  weightGrams: number | null;
  lowStockThreshold: number | null;
}

export interface SkuMatrix {
  dimensions: Dimension[];
  rows: SkuRow[];
}

export type FillField = "price" | "compareAtPrice" | "stock" | "code";

export const MAX_DIMENSIONS = 3;
export const MAX_VALUES = 30;

export function emptyRow(specValues: string[]): SkuRow {
  return {
    specValues,
    price: "",
    compareAtPrice: "",
    stock: "0",
    code: "",
    imageMediaId: null,
    weightGrams: null,
    lowStockThreshold: null,
  };
}

/** Dimensions that take part in the matrix: those with at least one value. */
export function activeDimensions(dimensions: readonly Dimension[]): Dimension[] {
  return dimensions.filter((d) => d.values.length > 0);
}

/** Every combination of the values, first dimension slowest; one empty combination for none. */
export function combinations(dimensions: readonly Dimension[]): string[][] {
  let out: string[][] = [[]];
  for (const d of activeDimensions(dimensions)) {
    out = out.flatMap((prefix) => d.values.map((v) => [...prefix, v]));
  }
  return out;
}

export function rowKey(specValues: readonly string[]): string {
  return JSON.stringify(specValues);
}

/**
 * The rows for `dimensions`, reusing `previous` rows. A new combination takes the previous row that
 * agrees with it on every dimension both have (by name). When that row is used by this combination
 * only (same, renamed or removed dimensions) everything carries over; when several new combinations
 * come from it (a dimension was added), they copy its prices only, since stock and codes cannot be
 * in two places at once.
 */
export function regenerate(previous: SkuMatrix, dimensions: Dimension[]): SkuMatrix {
  const before = activeDimensions(previous.dimensions);
  const after = activeDimensions(dimensions);
  const shared = after
    .map((d, newIndex) => ({ newIndex, oldIndex: before.findIndex((b) => b.name === d.name) }))
    .filter((p) => p.oldIndex >= 0);
  const combos = combinations(after);
  const sources = combos.map((combo) =>
    previous.rows.findIndex((row) => shared.every((p) => row.specValues[p.oldIndex] === combo[p.newIndex])),
  );
  const uses = new Map<number, number>();
  for (const s of sources) if (s >= 0) uses.set(s, (uses.get(s) ?? 0) + 1);
  const rows = combos.map((combo, i) => {
    const sourceIndex = sources[i] ?? -1;
    const source = sourceIndex >= 0 ? previous.rows[sourceIndex] : undefined;
    if (!source) return emptyRow(combo);
    if (uses.get(sourceIndex) === 1) return { ...source, specValues: combo };
    return { ...emptyRow(combo), price: source.price, compareAtPrice: source.compareAtPrice };
  });
  return { dimensions, rows };
}

function withDimensions(m: SkuMatrix, change: (dims: Dimension[]) => Dimension[]): SkuMatrix {
  return regenerate(m, change(m.dimensions.map((d) => ({ ...d, values: [...d.values] }))));
}

export function addDimension(m: SkuMatrix, name: string): SkuMatrix {
  if (m.dimensions.length >= MAX_DIMENSIONS) return m;
  return { ...m, dimensions: [...m.dimensions, { name: name.trim(), values: [] }] };
}

export function removeDimension(m: SkuMatrix, index: number): SkuMatrix {
  return withDimensions(m, (dims) => dims.filter((_, i) => i !== index));
}

/** Renaming a dimension keeps every row: rows hold values by position, not by name. */
export function renameDimension(m: SkuMatrix, index: number, name: string): SkuMatrix {
  return { ...m, dimensions: m.dimensions.map((d, i) => (i === index ? { ...d, name } : d)) };
}

/** Adds a value (trimmed); a blank or repeated value, or the 31st, changes nothing. */
export function addValue(m: SkuMatrix, dimIndex: number, value: string): SkuMatrix {
  const v = value.trim();
  const dim = m.dimensions[dimIndex];
  if (!dim || v === "" || dim.values.includes(v) || dim.values.length >= MAX_VALUES) return m;
  if (dim.values.length === 0) {
    // The dimension joins the matrix: every existing row gains this value and keeps its data.
    const dims = m.dimensions.map((d, i) => (i === dimIndex ? { ...d, values: [v] } : d));
    const position = activeDimensions(dims).indexOf(dims[dimIndex] as Dimension);
    const rows = m.rows.map((r) => ({
      ...r,
      specValues: [...r.specValues.slice(0, position), v, ...r.specValues.slice(position)],
    }));
    return regenerate({ dimensions: dims, rows }, dims);
  }
  return withDimensions(m, (dims) => dims.map((d, i) => (i === dimIndex ? { ...d, values: [...d.values, v] } : d)));
}

export function removeValue(m: SkuMatrix, dimIndex: number, valueIndex: number): SkuMatrix {
  const dim = m.dimensions[dimIndex];
  if (!dim) return m;
  const removed = dim.values[valueIndex];
  if (dim.values.length === 1) {
    // The dimension leaves the matrix: rows of that value lose it and keep their data.
    const position = activeDimensions(m.dimensions).indexOf(dim);
    const rows = m.rows
      .filter((r) => r.specValues[position] === removed)
      .map((r) => ({ ...r, specValues: r.specValues.filter((_, i) => i !== position) }));
    const dims = m.dimensions.map((d, i) => (i === dimIndex ? { ...d, values: [] } : d));
    return regenerate({ dimensions: dims, rows }, dims);
  }
  const position = activeDimensions(m.dimensions).indexOf(dim);
  const rows = m.rows.filter((r) => r.specValues[position] !== removed);
  const dims = m.dimensions.map((d, i) =>
    i === dimIndex ? { ...d, values: d.values.filter((_, j) => j !== valueIndex) } : d,
  );
  return regenerate({ dimensions: m.dimensions, rows }, dims);
}

/** Renames a value in place: the rows that had it keep all their data. Refused (unchanged) when blank or taken. */
export function renameValue(m: SkuMatrix, dimIndex: number, valueIndex: number, value: string): SkuMatrix {
  const v = value.trim();
  const dim = m.dimensions[dimIndex];
  const old = dim?.values[valueIndex];
  if (!dim || old === undefined || v === "" || v === old || dim.values.includes(v)) return m;
  const position = activeDimensions(m.dimensions).indexOf(dim);
  return {
    dimensions: m.dimensions.map((d, i) =>
      i === dimIndex ? { ...d, values: d.values.map((x, j) => (j === valueIndex ? v : x)) } : d,
    ),
    rows: m.rows.map((r) =>
      r.specValues[position] === old ? { ...r, specValues: r.specValues.map((x, i) => (i === position ? v : x)) } : r,
    ),
  };
}

export function setCell(m: SkuMatrix, rowIndex: number, field: FillField, value: string): SkuMatrix {
  return { ...m, rows: m.rows.map((r, i) => (i === rowIndex ? { ...r, [field]: value } : r)) };
}

/**
 * Fills one field of the chosen rows (all when `rows` is "all"). Codes must be unique, so a code is
 * used as a prefix: PREFIX-1, PREFIX-2 ... in row order.
 */
export function fillRows(m: SkuMatrix, rows: "all" | ReadonlySet<number>, field: FillField, value: string): SkuMatrix {
  let n = 0;
  return {
    ...m,
    rows: m.rows.map((r, i) => {
      if (rows !== "all" && !rows.has(i)) return r;
      n += 1;
      return { ...r, [field]: field === "code" ? `${value.trim()}-${n}` : value };
    }),
  };
}

export function fromProduct(product: Pick<TProduct, "dimensions" | "skus">): SkuMatrix {
  const dimensions = product.dimensions.map((d) => ({ name: d.name, values: [...d.values] }));
  const byKey = new Map(product.skus.map((s) => [rowKey(s.specValues), s]));
  const rows = combinations(dimensions).map((combo) => {
    const sku = byKey.get(rowKey(combo));
    if (!sku) return emptyRow(combo);
    return {
      specValues: combo,
      price: fenToYuan(sku.price),
      compareAtPrice: sku.compareAtPrice === null ? "" : fenToYuan(sku.compareAtPrice),
      stock: String(sku.stock),
      code: sku.code ?? "",
      imageMediaId: sku.imageMediaId,
      weightGrams: sku.weightGrams,
      lowStockThreshold: sku.lowStockThreshold,
    };
  });
  return { dimensions, rows };
}

export type RowProblem = "required" | "money" | "integer" | "dimensionName" | "dimensionValues";

/** A problem found before sending, at the path the API would use (`skus.3.price`). */
export interface MatrixProblem {
  path: string;
  problem: RowProblem;
}

/** The request's `dimensions` and `skus` (fen, integers), or the problems that keep it from being sent. */
export function toRequest(m: SkuMatrix): {
  dimensions: Dimension[];
  skus: TSkuInput[];
  problems: MatrixProblem[];
} {
  const problems: MatrixProblem[] = [];
  m.dimensions.forEach((d, i) => {
    if (d.name.trim() === "") problems.push({ path: `dimensions.${i}.name`, problem: "dimensionName" });
    if (d.values.length === 0) problems.push({ path: `dimensions.${i}.values`, problem: "dimensionValues" });
  });
  const skus = m.rows.map((r, i): TSkuInput => {
    const price = yuanToFen(r.price);
    if (r.price.trim() === "") problems.push({ path: `skus.${i}.price`, problem: "required" });
    else if (price === null) problems.push({ path: `skus.${i}.price`, problem: "money" });
    const compare = r.compareAtPrice.trim() === "" ? null : yuanToFen(r.compareAtPrice);
    if (r.compareAtPrice.trim() !== "" && compare === null) {
      problems.push({ path: `skus.${i}.compareAtPrice`, problem: "money" });
    }
    const stockText = r.stock.trim() === "" ? "0" : r.stock.trim();
    if (!/^\d{1,8}$/.test(stockText)) problems.push({ path: `skus.${i}.stock`, problem: "integer" });
    const code = r.code.trim();
    return {
      specValues: r.specValues,
      price: price ?? 0,
      compareAtPrice: compare,
      stock: Number(stockText) || 0,
      code: code === "" ? null : code,
      imageMediaId: r.imageMediaId,
      weightGrams: r.weightGrams,
      lowStockThreshold: r.lowStockThreshold,
    };
  });
  return { dimensions: m.dimensions.map((d) => ({ name: d.name.trim(), values: d.values })), skus, problems };
}
