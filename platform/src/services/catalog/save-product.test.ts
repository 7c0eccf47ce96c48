// The largest SKU matrix the contract allows (3 dimensions x 30 values = 27,000 SKUs) saves and
// edits inside one transaction's time budget. Called on the service: a request that size is over
// the default 1 MB body limit (BODY_LIMIT_BYTES).
import { ZCreateProductRequest, ZUpdateProductRequest } from "@mallwright/schema";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, startHarness } from "../../test/harness.ts";
import { matrixSkus } from "./catalog-fixtures.ts";
import { createProduct, updateProduct } from "./save-product.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

it("creates and edits a 30 x 30 x 30 matrix", async () => {
  const t = await h.tenant();
  const actor = { tenantId: t.id, membershipId: t.members.owner };
  const dims = [0, 1, 2].map((d) => ({ name: `d${d}`, values: Array.from({ length: 30 }, (_, i) => `v${i}`) }));
  const created = await createProduct(
    h.db,
    h.env,
    actor,
    ZCreateProductRequest.parse({
      title: "Big",
      dimensions: dims,
      skus: matrixSkus(dims, (_v, i) => ({ code: `C-${i}`, stock: 1 })),
    }),
  );
  expect(created.product.skus).toHaveLength(27_000);
  expect(created.product.stockTotal).toBe(27_000);

  // Replace one value of the last dimension: 900 SKUs go, 900 come, 26,100 keep their ids.
  const next = dims.map((d, i) => (i === 2 ? { ...d, values: [...d.values.slice(1), "new"] } : d));
  const edited = await updateProduct(
    h.db,
    h.env,
    actor,
    created.product.id,
    ZUpdateProductRequest.parse({
      dimensions: next,
      skus: matrixSkus(next, (_v, i) => ({ code: `D-${i}`, stock: 2 })),
    }),
  );
  expect(edited.removedSkus).toHaveLength(900);
  expect(edited.product.stockTotal).toBe(54_000);
  const before = new Set(created.product.skus.map((s) => s.id));
  expect(edited.product.skus.filter((s) => before.has(s.id))).toHaveLength(26_100);
  const entries = await h.db.withTenant(t.id, (tx) =>
    tx.inventoryLedgerEntry.count({ where: { productId: created.product.id } }),
  );
  // Survivors: initial + manual; newcomers: initial; removed SKUs keep their initial rows
  // (history outlives the SKU, unlinked but with its spec values).
  expect(entries).toBe(26_100 * 2 + 900 + 900);
  const orphans = await h.db.withTenant(t.id, (tx) =>
    tx.inventoryLedgerEntry.count({ where: { productId: created.product.id, skuId: null } }),
  );
  expect(orphans).toBe(900);
}, 60_000);
