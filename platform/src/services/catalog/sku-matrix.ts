// The SKU matrix rule: a product's SKUs cover the cartesian product of its spec dimensions exactly
// once (one SKU with no values when there are no dimensions). Pure; field paths match the request.
import type { TDimension, TErrorDetail, TSkuInput } from "@mallwright/schema";

/** The canonical key of a combination (skus.spec_key): unambiguous whatever the values contain. */
export function specKeyOf(values: readonly string[]): string {
  return JSON.stringify(values);
}

/** Every combination of the dimensions' values, in dimension order (first dimension varies slowest). */
export function combinationsOf(dimensions: readonly TDimension[]): string[][] {
  let out: string[][] = [[]];
  for (const d of dimensions) out = out.flatMap((prefix) => d.values.map((v) => [...prefix, v]));
  return out;
}

const MAX_MISSING_LISTED = 10;

/** Problems with `skus` against `dimensions`: wrong arity, unknown values, repeats, gaps. */
export function checkSkuMatrix(dimensions: readonly TDimension[], skus: readonly TSkuInput[]): TErrorDetail[] {
  const details: TErrorDetail[] = [];
  const seen = new Map<string, number>();
  skus.forEach((sku, i) => {
    const path = `skus.${i}.specValues`;
    if (sku.specValues.length !== dimensions.length) {
      details.push({
        path,
        in: "body",
        message:
          dimensions.length === 0
            ? "must be [] (the product has no spec dimensions)"
            : `needs one value for each of the ${dimensions.length} dimensions (${dimensions.map((d) => d.name).join(", ")})`,
      });
      return;
    }
    const unknown = sku.specValues.findIndex((v, j) => !dimensions[j]?.values.includes(v));
    if (unknown >= 0) {
      details.push({
        path,
        in: "body",
        message: `"${sku.specValues[unknown]}" is not a value of dimension "${dimensions[unknown]?.name}"`,
      });
      return;
    }
    const key = specKeyOf(sku.specValues);
    const first = seen.get(key);
    if (first !== undefined) {
      details.push({ path, in: "body", message: `repeats the combination of skus.${first}` });
      return;
    }
    seen.set(key, i);
  });
  if (details.length === 0) {
    const missing = combinationsOf(dimensions).filter((c) => !seen.has(specKeyOf(c)));
    if (missing.length > 0) {
      const listed = missing.slice(0, MAX_MISSING_LISTED).map((c) => c.join(" / "));
      const more = missing.length > MAX_MISSING_LISTED ? ` and ${missing.length - MAX_MISSING_LISTED} more` : "";
      details.push({
        path: "skus",
        in: "body",
        message: `missing ${missing.length} combination${missing.length > 1 ? "s" : ""}: ${listed.join("; ")}${more}`,
      });
    }
  }
  return details;
}

/** SKU codes repeated within the request (the second and later use is reported). */
export function checkSkuCodes(skus: readonly TSkuInput[]): TErrorDetail[] {
  const details: TErrorDetail[] = [];
  const seen = new Map<string, number>();
  skus.forEach((sku, i) => {
    if (!sku.code) return;
    const first = seen.get(sku.code);
    if (first !== undefined) {
      details.push({ path: `skus.${i}.code`, in: "body", message: `repeats the code "${sku.code}" of skus.${first}` });
    } else seen.set(sku.code, i);
  });
  return details;
}
