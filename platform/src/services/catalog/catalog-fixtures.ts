// Test fixtures for catalog tests: media rows made directly (the media library is not under test
// here), product request bodies and SKU matrices.
import type { TCreateProductRequest, TDimension } from "@mallwright/schema";
import { expect } from "vitest";
import type { Harness, TenantFixture } from "../../test/harness.ts";
import { combinationsOf } from "./sku-matrix.ts";

let n = 0;

/** A media row of `kind` in tenant `t`, as an upload would leave it. */
export async function makeMedia(h: Harness, t: TenantFixture, kind: "image" | "video" = "image"): Promise<string> {
  return h.db.withTenant(t.id, async (tx) => {
    const m = await tx.media.create({
      data: {
        tenantId: t.id,
        kind,
        mime: kind === "image" ? "image/png" : "video/mp4",
        name: `${kind}-${++n}`,
        storageKey: `${t.id}/test-${Date.now()}-${++n}.${kind === "image" ? "png" : "mp4"}`,
        bytes: 100,
        width: 10,
        height: 10,
        sha256: "0".repeat(64),
      },
    });
    return m.id;
  });
}

type ProductBody = Partial<Omit<TCreateProductRequest, "skus">> & { skus?: Record<string, unknown>[] };

/** A valid create body: one SKU, no dimensions, unless overridden. */
export function productBody(over: ProductBody = {}): Record<string, unknown> {
  return {
    title: `Product ${++n}`,
    skus: [{ specValues: [], price: 1000, stock: 5 }],
    ...over,
  };
}

/** SKUs covering every combination of `dimensions`, priced and stocked by index. */
export function matrixSkus(
  dimensions: TDimension[],
  each: (values: string[], i: number) => Record<string, unknown> = () => ({}),
) {
  return combinationsOf(dimensions).map((specValues, i) => ({
    specValues,
    price: 1000 + i,
    stock: i,
    ...each(specValues, i),
  }));
}

export interface CreatedProduct {
  id: string;
  skus: { id: string; specValues: string[]; stock: number; code: string | null; price: number }[];
  [k: string]: unknown;
}

/** Creates a product through the API and returns it (asserting 201). */
export async function createProductVia(
  h: Harness,
  token: string,
  body: Record<string, unknown>,
): Promise<CreatedProduct> {
  const res = await h.call("POST", "/merchant/v1/products", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as unknown as { product: CreatedProduct }).product;
}
