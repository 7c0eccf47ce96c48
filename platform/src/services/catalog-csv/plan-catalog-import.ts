// Decides what an import does, row by row, against a snapshot of the store: which SKUs change (and
// by how much their stock moves), which products change, which products are created with which
// matrix. Every problem becomes a row error; any error means the import writes nothing. Pure.
//
// Rules (docs/csv-format.md): an existing sku_code updates that SKU (empty cells keep what is
// there); new codes create products, grouped by handle, whose rows must form the full matrix of
// their options. New SKUs on an existing product are refused: the matrix is edited in the builder.
import {
  CATALOG_CSV_COLUMNS,
  LIMITS,
  type TCatalogCsvColumn,
  type TCsvRowError,
  type TDimension,
  type TProductStatus,
} from "@mallwright/schema";
import { combinationsOf, specKeyOf } from "../catalog/sku-matrix.ts";
import type { ExistingProduct, ExistingSku, ImportSnapshot } from "./load-import-snapshot.ts";
import type { CsvRow } from "./read-csv-row.ts";

export interface SkuUpdate {
  skuId: string;
  productId: string;
  price: number;
  compareAtPrice: number | null;
  weightGrams: number | null;
  /** price, compare-at or weight differ from the stored ones. */
  fieldsChanged: boolean;
  /** New stock minus the stored stock (0: unchanged). */
  stockDelta: number;
}

export interface ProductFields {
  title: string;
  subtitle: string;
  categoryId: string | null;
  status: TProductStatus;
  tags: string[];
}

export interface ProductUpdate extends ProductFields {
  productId: string;
}

export interface NewSku {
  row: number;
  code: string;
  specValues: string[];
  price: number;
  compareAtPrice: number | null;
  stock: number;
  weightGrams: number | null;
  /** Index of the combination in matrix order, so the builder shows the SKUs in order. */
  position: number;
}

export interface NewProduct extends ProductFields {
  handle: string;
  firstRow: number;
  dimensions: TDimension[];
  skus: NewSku[];
}

export interface ImportPlan {
  /** Only SKUs that change. */
  skuUpdates: SkuUpdate[];
  /** Only products that change. */
  productUpdates: ProductUpdate[];
  newProducts: NewProduct[];
  createdRows: number;
  updatedRows: number;
}

const PRODUCT_COLUMNS = ["title", "subtitle", "category", "tags", "status"] as const;
type ProductColumn = (typeof PRODUCT_COLUMNS)[number];
type ProductValues = {
  title?: string;
  subtitle?: string;
  category?: string | null;
  tags?: string[];
  status?: TProductStatus;
};

const MAX_MISSING_LISTED = 10;
const optionField = (k: number, part: "name" | "value") => `option${k + 1}_${part}` as TCatalogCsvColumn;

class Problems {
  readonly list: TCsvRowError[] = [];
  add(row: number, field: TCatalogCsvColumn | "", message: string): void {
    this.list.push({ row, field, message });
  }
  get size(): number {
    return this.list.length;
  }
}

const COLUMN_ORDER = new Map<string, number>(CATALOG_CSV_COLUMNS.map((c, i) => [c, i]));

/** Errors in file order: by row, then in column order (whole-row problems first). */
export function sortRowErrors(errors: TCsvRowError[]): TCsvRowError[] {
  const order = (field: string) => (field === "" ? -1 : (COLUMN_ORDER.get(field) ?? 99));
  return [...errors].sort((a, b) => a.row - b.row || order(a.field) - order(b.field));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function display(column: ProductColumn, v: unknown): string {
  if (column === "tags" && Array.isArray(v)) return v.join("|");
  return String(v);
}

export function planCatalogImport(
  rows: readonly CsvRow[],
  snap: ImportSnapshot,
): { errors: TCsvRowError[]; plan: ImportPlan } {
  const problems = new Problems();
  const plan: ImportPlan = { skuUpdates: [], productUpdates: [], newProducts: [], createdRows: 0, updatedRows: 0 };

  // One row per code: a later repeat is an error, and only the first takes part in what follows.
  const firstRowOfCode = new Map<string, number>();
  const existingRows: { row: CsvRow; sku: ExistingSku; product: ExistingProduct }[] = [];
  const newRows: CsvRow[] = [];
  for (const row of rows) {
    if (!row.skuCode) continue;
    const first = firstRowOfCode.get(row.skuCode);
    if (first !== undefined) {
      problems.add(row.row, "sku_code", `repeats the sku_code "${row.skuCode}" of row ${first}`);
      continue;
    }
    firstRowOfCode.set(row.skuCode, row.row);
    const sku = snap.skusByCode.get(row.skuCode);
    const product = sku && snap.products.get(sku.productId);
    if (sku && product) existingRows.push({ row, sku, product });
    else newRows.push(row);
  }

  const resolvedCategory = (row: CsvRow): string | undefined => {
    if (row.category === undefined) return undefined;
    const ids = snap.categories.get(row.category);
    if (!ids) {
      problems.add(
        row.row,
        "category",
        `no category "${row.category}" in this store (a subcategory is written "女装/连衣裙")`,
      );
      return undefined;
    }
    if (ids.length > 1) {
      problems.add(row.row, "category", `"${row.category}" names ${ids.length} categories: rename one of them first`);
      return undefined;
    }
    return ids[0];
  };

  /** Product-level cells of a group of rows: the first row that fills a column decides; others must agree. */
  const mergeProductCells = (group: CsvRow[], what: string): ProductValues => {
    const merged: ProductValues = {};
    const decidedBy = new Map<ProductColumn, number>();
    for (const row of group) {
      const values: ProductValues = {
        title: row.title,
        subtitle: row.subtitle,
        category: resolvedCategory(row),
        tags: row.tags,
        status: row.status,
      };
      for (const column of PRODUCT_COLUMNS) {
        const v = values[column];
        if (v === undefined) continue;
        const first = decidedBy.get(column);
        if (first === undefined) {
          decidedBy.set(column, row.row);
          Object.assign(merged, { [column]: v });
        } else if (!sameValue(merged[column], v)) {
          const shown = column === "category" ? row.category : display(column, v);
          problems.add(row.row, column, `"${shown}" differs from row ${first} for the same ${what}`);
        }
      }
    }
    return merged;
  };

  planUpdates(existingRows, problems, plan, mergeProductCells);
  planNewProducts(newRows, existingRows, snap, problems, plan, mergeProductCells);
  return { errors: sortRowErrors(problems.list), plan };
}

function planUpdates(
  existingRows: { row: CsvRow; sku: ExistingSku; product: ExistingProduct }[],
  problems: Problems,
  plan: ImportPlan,
  mergeProductCells: (group: CsvRow[], what: string) => ProductValues,
): void {
  const byProduct = new Map<string, { product: ExistingProduct; items: { row: CsvRow; sku: ExistingSku }[] }>();
  for (const { row, sku, product } of existingRows) {
    if (product.deleted) {
      problems.add(
        row.row,
        "sku_code",
        `belongs to "${product.title}", which is in the recycle bin: restore it before importing`,
      );
      continue;
    }
    row.options.forEach((o, k) => {
      const dim = product.dimensions[k];
      if (o.value !== undefined && o.value !== sku.specValues[k]) {
        problems.add(
          row.row,
          optionField(k, "value"),
          dim
            ? `this SKU's ${dim.name} is "${sku.specValues[k]}": import does not change the options of existing SKUs (edit them in the product editor)`
            : `the product has ${product.dimensions.length} option(s): import does not add options to existing products`,
        );
      }
      if (o.name !== undefined && o.name !== dim?.name) {
        problems.add(
          row.row,
          optionField(k, "name"),
          dim
            ? `this product's option${k + 1} is "${dim.name}": import does not rename options (edit them in the product editor)`
            : `the product has ${product.dimensions.length} option(s): import does not add options to existing products`,
        );
      }
    });
    const entry = byProduct.get(product.id) ?? { product, items: [] };
    entry.items.push({ row, sku });
    byProduct.set(product.id, entry);
  }

  for (const { product, items } of byProduct.values()) {
    const cells = mergeProductCells(
      items.map((i) => i.row),
      "product",
    );
    const next: ProductFields = {
      title: cells.title ?? product.title,
      subtitle: cells.subtitle ?? product.subtitle,
      categoryId: cells.category ?? product.categoryId,
      status: cells.status ?? product.status,
      tags: cells.tags ?? product.tags,
    };
    const productChanged =
      next.title !== product.title ||
      next.subtitle !== product.subtitle ||
      next.categoryId !== product.categoryId ||
      next.status !== product.status ||
      !sameValue(next.tags, product.tags);
    if (productChanged) plan.productUpdates.push({ productId: product.id, ...next });
    for (const { row, sku } of items) {
      const price = row.price ?? sku.price;
      const compareAtPrice = row.compareAtPrice ?? sku.compareAtPrice;
      const weightGrams = row.weightGrams ?? sku.weightGrams;
      const stockDelta = row.stock === undefined ? 0 : row.stock - sku.stock;
      const fieldsChanged =
        price !== sku.price || compareAtPrice !== sku.compareAtPrice || weightGrams !== sku.weightGrams;
      if (fieldsChanged || stockDelta !== 0) {
        plan.skuUpdates.push({
          skuId: sku.id,
          productId: product.id,
          price,
          compareAtPrice,
          weightGrams,
          fieldsChanged,
          stockDelta,
        });
      }
      if (fieldsChanged || stockDelta !== 0 || productChanged) plan.updatedRows++;
    }
  }
}

function planNewProducts(
  newRows: CsvRow[],
  existingRows: { row: CsvRow; sku: ExistingSku; product: ExistingProduct }[],
  snap: ImportSnapshot,
  problems: Problems,
  plan: ImportPlan,
  mergeProductCells: (group: CsvRow[], what: string) => ProductValues,
): void {
  // A handle that an existing SKU's row uses, or that is an existing product's id, names that product.
  const existingHandle = new Map<string, number>();
  for (const { row } of existingRows) {
    if (row.handle !== undefined && !existingHandle.has(row.handle)) existingHandle.set(row.handle, row.row);
  }
  const groups = new Map<string, CsvRow[]>();
  for (const row of newRows) {
    const code = row.skuCode ?? "";
    if (row.invalid.has("handle")) continue;
    if (row.handle === undefined) {
      problems.add(row.row, "handle", `is required to create a product: sku_code "${code}" is not in the store yet`);
      continue;
    }
    const sharedWith = existingHandle.get(row.handle);
    if (sharedWith !== undefined || snap.productIdHandles.has(row.handle.toLowerCase())) {
      const which = sharedWith !== undefined ? `the product of row ${sharedWith}` : "an existing product (its id)";
      problems.add(
        row.row,
        "sku_code",
        `"${code}" is a new SKU code, but handle "${row.handle}" is ${which}: import cannot add SKUs to an existing product; add the combination in the product editor, or use a new handle to create a new product`,
      );
      continue;
    }
    const group = groups.get(row.handle) ?? [];
    group.push(row);
    groups.set(row.handle, group);
  }

  for (const [handle, group] of groups) {
    const errorsBefore = problems.size;
    const first = group[0];
    if (!first) continue;
    const cells = mergeProductCells(group, "handle");
    if (cells.title === undefined && !group.some((r) => r.invalid.has("title"))) {
      problems.add(first.row, "title", `is required for a new product (handle "${handle}")`);
    }

    // Options: names come from the first row that gives them; values in order of appearance.
    const names: (string | undefined)[] = [];
    const namedBy: number[] = [];
    for (let k = 0; k < LIMITS.dimensions; k++) {
      for (const row of group) {
        const n = row.options[k]?.name;
        if (n === undefined) continue;
        const name = names[k];
        if (name === undefined) {
          names[k] = n;
          namedBy[k] = row.row;
        } else if (n !== name) {
          problems.add(
            row.row,
            optionField(k, "name"),
            `"${n}" differs from "${name}" on row ${namedBy[k]} for the same handle`,
          );
        }
      }
    }
    let count = 0;
    while (count < LIMITS.dimensions && names[count] !== undefined) count++;
    for (let k = count; k < LIMITS.dimensions; k++) {
      if (names[k] !== undefined) {
        problems.add(
          namedBy[k] ?? first.row,
          optionField(k, "name"),
          `is filled while option${k}_name is empty: options fill from option1`,
        );
        continue;
      }
      const valued = group.find((r) => r.options[k]?.value !== undefined);
      if (valued && !group.some((r) => r.invalid.has(optionField(k, "name")))) {
        problems.add(
          valued.row,
          optionField(k, "name"),
          `is required when option${k + 1}_value is filled (on this row or another row of the handle)`,
        );
      }
    }
    const dimensions: TDimension[] = [];
    for (let k = 0; k < count; k++) {
      const name = names[k] ?? "";
      if (dimensions.some((d) => d.name === name)) {
        problems.add(
          namedBy[k] ?? first.row,
          optionField(k, "name"),
          `"${name}" is already the name of another option of this product`,
        );
      }
      const values: string[] = [];
      for (const row of group) {
        const v = row.options[k]?.value;
        if (v === undefined) {
          if (!row.invalid.has(optionField(k, "value"))) {
            problems.add(row.row, optionField(k, "value"), `is required: this product has the option "${name}"`);
          }
          continue;
        }
        if (values.includes(v)) continue;
        if (values.length === LIMITS.valuesPerDimension) {
          problems.add(
            row.row,
            optionField(k, "value"),
            `option "${name}" would have more than ${LIMITS.valuesPerDimension} values`,
          );
          continue;
        }
        values.push(v);
      }
      dimensions.push({ name, values });
    }

    const seen = new Map<string, number>();
    const skus: NewSku[] = [];
    const positions = new Map(combinationsOf(dimensions).map((c, i) => [specKeyOf(c), i]));
    for (const row of group) {
      if (row.price === undefined && !row.invalid.has("price")) {
        problems.add(row.row, "price", "is required for a new SKU");
      }
      const specValues = dimensions.map((_d, k) => row.options[k]?.value ?? "");
      const key = specKeyOf(specValues);
      const same = seen.get(key);
      if (same !== undefined) {
        if (dimensions.length === 0) {
          problems.add(
            row.row,
            "handle",
            `"${handle}" already has row ${same}: a product without options has exactly one SKU row`,
          );
        } else {
          problems.add(row.row, "option1_value", `has the same options as row ${same} (handle "${handle}")`);
        }
        continue;
      }
      seen.set(key, row.row);
      skus.push({
        row: row.row,
        code: row.skuCode ?? "",
        specValues,
        price: row.price ?? 0,
        compareAtPrice: row.compareAtPrice ?? null,
        stock: row.stock ?? 0,
        weightGrams: row.weightGrams ?? null,
        position: positions.get(key) ?? 0,
      });
    }
    if (problems.size > errorsBefore) continue;
    const missing = combinationsOf(dimensions).filter((c) => !seen.has(specKeyOf(c)));
    if (missing.length > 0) {
      const listed = missing.slice(0, MAX_MISSING_LISTED).map((c) => c.join(" / "));
      const more = missing.length > MAX_MISSING_LISTED ? ` and ${missing.length - MAX_MISSING_LISTED} more` : "";
      problems.add(
        first.row,
        "handle",
        `product "${handle}" needs one row per combination of its options; missing ${missing.length}: ${listed.join("; ")}${more}`,
      );
      continue;
    }
    skus.sort((a, b) => a.position - b.position);
    plan.newProducts.push({
      handle,
      firstRow: first.row,
      title: cells.title ?? "",
      subtitle: cells.subtitle ?? "",
      categoryId: cells.category ?? null,
      status: cells.status ?? "draft",
      tags: cells.tags ?? [],
      dimensions,
      skus,
    });
    plan.createdRows += skus.length;
  }
}
