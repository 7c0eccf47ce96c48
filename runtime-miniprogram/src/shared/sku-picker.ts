// The SKU picker's logic (product detail): the product's matrix (dimensions and every SKU by its
// values), what the shopper has chosen per dimension, and what follows: which values can still be
// chosen (a value is disabled when every combination it makes with the other choices is sold out or
// missing), the SKU once every dimension has a value, and the price range of what is still possible.

export type StockState = "in_stock" | "low_stock" | "out_of_stock";

export interface PickerSku {
  id: string;
  specValues: readonly string[];
  price: number;
  compareAtPrice: number | null;
  image: string | null;
  stockState: StockState;
  stockLeft: number | null;
}

export interface PickerMatrix {
  dimensions: readonly { name: string; values: readonly { value: string; available: boolean }[] }[];
  skus: readonly PickerSku[];
}

/** One entry per dimension: the chosen value, or null. */
export type Selection = (string | null)[];

export interface PickerValue {
  value: string;
  selected: boolean;
  /** No SKU with stock has this value together with the other chosen values. */
  disabled: boolean;
}

export interface PickerState {
  dimensions: { name: string; values: PickerValue[] }[];
  /** The SKU every dimension's value names (null until all are chosen, or when it does not exist). */
  sku: PickerSku | null;
  /** The buyable SKUs matching the choices so far. */
  priceMin: number;
  priceMax: number;
  /** Names of the dimensions without a value yet. */
  missing: string[];
  /** A SKU is chosen and has stock. */
  buyable: boolean;
}

export const hasStock = (sku: PickerSku): boolean => sku.stockState !== "out_of_stock";

const matches = (sku: PickerSku, selection: readonly (string | null)[]): boolean =>
  selection.every((v, i) => v === null || sku.specValues[i] === v);

/** An empty selection; a dimension with one value only is chosen at once. */
export function initialSelection(matrix: PickerMatrix): Selection {
  return matrix.dimensions.map((d) => (d.values.length === 1 ? (d.values[0]?.value ?? null) : null));
}

export function pickerState(matrix: PickerMatrix, selection: readonly (string | null)[]): PickerState {
  const sel = matrix.dimensions.map((_, i) => selection[i] ?? null);
  const buyable = matrix.skus.filter(hasStock);
  const dimensions = matrix.dimensions.map((d, i) => ({
    name: d.name,
    values: d.values.map((v) => {
      const trial = sel.slice();
      trial[i] = v.value;
      return { value: v.value, selected: sel[i] === v.value, disabled: !buyable.some((s) => matches(s, trial)) };
    }),
  }));
  const missing = matrix.dimensions.filter((_, i) => sel[i] === null).map((d) => d.name);
  const sku =
    missing.length === 0
      ? (matrix.skus.find((s) => s.specValues.length === sel.length && matches(s, sel)) ?? null)
      : null;
  const possible = buyable.filter((s) => matches(s, sel));
  const prices = (possible.length > 0 ? possible : matrix.skus.filter((s) => matches(s, sel))).map((s) => s.price);
  return {
    dimensions,
    sku,
    priceMin: prices.length > 0 ? Math.min(...prices) : 0,
    priceMax: prices.length > 0 ? Math.max(...prices) : 0,
    missing,
    buyable: sku !== null && hasStock(sku),
  };
}

/**
 * The selection after a tap on `value` of dimension `index`: a chosen value is unchosen; a disabled
 * value changes nothing; another value replaces the dimension's choice.
 */
export function toggleValue(
  matrix: PickerMatrix,
  selection: readonly (string | null)[],
  index: number,
  value: string,
): Selection {
  const sel = matrix.dimensions.map((_, i) => selection[i] ?? null);
  if (index < 0 || index >= sel.length) return sel;
  if (sel[index] === value) {
    sel[index] = null;
    return sel;
  }
  const state = pickerState(matrix, sel);
  const target = state.dimensions[index]?.values.find((v) => v.value === value);
  if (!target || target.disabled) return sel;
  sel[index] = value;
  return sel;
}

/** Fen as yuan for display: 12900 -> "129.00". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** A price range for display: "129.00" or "99.00-129.00". */
export function priceRange(min: number, max: number): string {
  return min === max ? yuan(min) : `${yuan(min)}-${yuan(max)}`;
}
