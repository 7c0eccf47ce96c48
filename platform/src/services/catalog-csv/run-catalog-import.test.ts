// The import job on a large file: progress visible through the API while rows are validated, one
// transaction for the writes, and idempotency (a second delivery of the job changes nothing).
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/types.ts";
import { createLogger } from "../../logger.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { type CsvLine, csvOf, errorReport, getImport, type ImportState, uploadCsv } from "./csv-fixtures.ts";
import { PROGRESS_CHUNK, runCatalogImport } from "./run-catalog-import.ts";

let h: Harness;
let shop: TenantFixture;

beforeAll(async () => {
  // The store's plan (growth: CSV import included) held to 100 products, so the quota is in reach.
  const dir = mkdtempSync(path.join(os.tmpdir(), "mw-plans-"));
  writeFileSync(path.join(dir, "plans.json"), JSON.stringify({ growth: { limits: { products: 100 } } }));
  h = await startHarness({ PLANS_FILE: path.join(dir, "plans.json") });
  shop = await h.tenant();
  await h.flushJobs(); // the owner's invitation email
});
afterAll(async () => h?.close());

const COLORS = ["红", "橙", "黄", "绿", "青", "蓝", "紫", "黑", "白", "灰"];
const SIZES = ["XS", "S", "M", "L", "XL"];

/** 100 products (the plan's quota here) x 10 colours x 5 sizes = 5,000 rows. */
function bigFile(): string {
  const lines: CsvLine[] = [];
  for (let p = 0; p < 100; p++) {
    COLORS.forEach((color, c) => {
      SIZES.forEach((size, s) => {
        const first = c === 0 && s === 0;
        lines.push({
          handle: `p${p}`,
          ...(first ? { title: `商品 ${p}`, tags: "批量|导入", status: "on_shelf" } : {}),
          option1_name: "颜色",
          option1_value: color,
          option2_name: "尺码",
          option2_value: size,
          sku_code: `P${p}-${c}-${s}`,
          price: `${100 + p}.${String(c * 10 + s).padStart(2, "0")}`,
          stock: String(s),
        });
      });
    });
  }
  return csvOf(lines);
}

describe("a 5,000-row import", () => {
  it("shows progress while validating, then creates everything at once; a second run is a no-op", async () => {
    const up = await uploadCsv(h, shop.tokens.staff, bigFile(), { filename: "big.csv" });
    expect(up.status).toBe(202);
    const id = String(up.body.id);
    expect(await getImport(h, shop.tokens.staff, id)).toMatchObject({
      status: "queued",
      totalRows: 0,
      processedRows: 0,
    });

    // What the job does, with a hook that reads the progress through the API after each chunk.
    const seen: ImportState[] = [];
    const productsSeen: number[] = [];
    const outcome = await runCatalogImport(h.db, createLogger("silent"), shop.id, id, {
      lastAttempt: true,
      onProgress: async () => {
        seen.push(await getImport(h, shop.tokens.staff, id));
        productsSeen.push(await h.db.withTenant(shop.id, (tx) => tx.product.count()));
      },
    });
    expect(outcome).toBe("done");
    expect(seen).toHaveLength(5000 / PROGRESS_CHUNK);
    expect(seen.map((s) => s.processedRows)).toEqual(Array.from({ length: 25 }, (_, i) => (i + 1) * PROGRESS_CHUNK));
    for (const s of seen) expect(s).toMatchObject({ status: "running", totalRows: 5000 });
    // Nothing is written while rows are validated: the products appear only with the last step.
    expect(new Set(productsSeen)).toEqual(new Set([0]));

    const done = await getImport(h, shop.tokens.staff, id);
    expect(done).toMatchObject({
      status: "done",
      totalRows: 5000,
      processedRows: 5000,
      createdCount: 5000,
      errorCount: 0,
    });
    const counts = await h.db.withTenant(shop.id, async (tx) => ({
      products: await tx.product.count(),
      skus: await tx.sku.count(),
      stock: await tx.sku.aggregate({ _sum: { stock: true } }),
      ledger: await tx.inventoryLedgerEntry.count({ where: { reason: "import", ref: id } }),
    }));
    expect(counts).toEqual({
      products: 100,
      skus: 5000,
      stock: { _sum: { stock: 100 * 10 * (0 + 1 + 2 + 3 + 4) } },
      ledger: 100 * 10 * 4,
    });
    const p7 = await h.db.withTenant(shop.id, (tx) =>
      tx.sku.findFirstOrThrow({ where: { code: "P7-3-4" }, select: { price: true, specValues: true } }),
    );
    expect(p7).toEqual({ price: 10734, specValues: ["绿", "XL"] });

    // The job itself still sits in the outbox: delivering it now finds the import done and skips it.
    expect(await h.flushJobs()).toBe(1);
    expect(await getImport(h, shop.tokens.staff, id)).toEqual(done);
    expect(await h.db.withTenant(shop.id, (tx) => tx.sku.count())).toBe(5000);
  });

  it("runs through the outbox like any job", async () => {
    const up = await uploadCsv(
      h,
      shop.tokens.staff,
      csvOf(Array.from({ length: 450 }, (_, i) => ({ sku_code: `P${Math.floor(i / 5)}-0-${i % 5}`, stock: "7" }))),
    );
    expect(await h.flushJobs()).toBe(1);
    expect(await getImport(h, shop.tokens.staff, String(up.body.id))).toMatchObject({
      status: "done",
      totalRows: 450,
      processedRows: 450,
      updatedCount: 450,
    });
    const sku = await h.db.withTenant(shop.id, (tx) => tx.sku.findFirstOrThrow({ where: { code: "P89-0-4" } }));
    expect(sku.stock).toBe(7);
  });

  it("refuses products past the plan's quota, naming the row that creates them", async () => {
    const up = await uploadCsv(
      h,
      shop.tokens.staff,
      csvOf([{ handle: "one-more", title: "One more", sku_code: "OM-1", price: "1" }]),
    );
    await h.flushJobs();
    expect(await getImport(h, shop.tokens.staff, String(up.body.id))).toMatchObject({
      status: "failed",
      errorCount: 1,
    });
    expect(await errorReport(h, shop.tokens.staff, String(up.body.id))).toEqual([
      {
        row: "2",
        field: "handle",
        message: expect.stringMatching(/growth plan allows 100 products.*\(this file creates 1 product\)$/),
      },
    ]);
    expect(await h.db.withTenant(shop.id, (tx) => tx.product.count())).toBe(100);
  });
});

describe("when the import itself breaks", () => {
  /** The database, except that its `n`th transaction fails (the apply, for a one-chunk file). */
  function failingAt(n: number): Database {
    let calls = 0;
    return {
      withApp: (fn) => h.db.withApp(fn),
      withTenant: (tenantId, fn) => {
        calls++;
        if (calls === n) return Promise.reject(new Error("connection lost"));
        return h.db.withTenant(tenantId, fn);
      },
    };
  }
  const log = createLogger("silent");
  const file = () => csvOf([{ sku_code: "P0-0-0", stock: "42" }]);

  it("puts the import back in the queue for the job's next try, then runs it", async () => {
    const id = String((await uploadCsv(h, shop.tokens.staff, file())).body.id);
    // Transactions: claim, total, progress, apply.
    await expect(runCatalogImport(failingAt(4), log, shop.id, id, { lastAttempt: false })).rejects.toThrow(
      "connection lost",
    );
    expect(await getImport(h, shop.tokens.staff, id)).toMatchObject({ status: "queued", processedRows: 0 });
    expect(await runCatalogImport(h.db, log, shop.id, id, { lastAttempt: false })).toBe("done");
    const sku = await h.db.withTenant(shop.id, (tx) => tx.sku.findFirstOrThrow({ where: { code: "P0-0-0" } }));
    expect(sku.stock).toBe(42);
    await h.flushJobs();
  });

  it("on the last try, ends it as failed with a plain message and drops the file", async () => {
    const id = String((await uploadCsv(h, shop.tokens.staff, file())).body.id);
    await expect(runCatalogImport(failingAt(4), log, shop.id, id, { lastAttempt: true })).rejects.toThrow();
    expect(await getImport(h, shop.tokens.staff, id)).toMatchObject({ status: "failed", errorCount: 1 });
    expect(await errorReport(h, shop.tokens.staff, id)).toEqual([
      { row: "1", field: "", message: expect.stringContaining("internal error and wrote nothing") },
    ]);
    const stored = await h.db.withTenant(shop.id, (tx) => tx.catalogImport.findUniqueOrThrow({ where: { id } }));
    expect(stored.content).toBe("");
    await h.flushJobs();
  });
});
