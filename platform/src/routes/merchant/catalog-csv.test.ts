// Catalog CSV through the API: create and update by SKU code, Chinese text with a BOM and GB18030,
// every kind of bad input reported by row and column with nothing written, the error report,
// export (format, filters, formula guard), the export -> import round trip, and other stores' imports.
import { CATALOG_CSV_COLUMNS, LIMITS } from "@mallwright/schema";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreatedProduct, createProductVia } from "../../services/catalog/catalog-fixtures.ts";
import {
  type CsvLine,
  csvOf,
  encodeGb18030,
  errorReport,
  getImport,
  importCsv,
  uploadCsv,
} from "../../services/catalog-csv/csv-fixtures.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;
let other: TenantFixture;
let dressCategory: string;
let womenCategory: string;

const P = "/merchant/v1/products";

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  other = await h.tenant();
  const women = await h.call("POST", "/merchant/v1/categories", { token: shop.tokens.admin, body: { name: "女装" } });
  womenCategory = String(women.body.id);
  const dress = await h.call("POST", "/merchant/v1/categories", {
    token: shop.tokens.admin,
    body: { name: "连衣裙", parentId: womenCategory },
  });
  dressCategory = String(dress.body.id);
});
afterAll(async () => h?.close());

async function productOf(code: string, t = shop): Promise<CreatedProduct & Record<string, unknown>> {
  const sku = await h.db.withTenant(t.id, (tx) => tx.sku.findFirst({ where: { code }, select: { productId: true } }));
  if (!sku) throw new Error(`no SKU ${code}`);
  const res = await h.call("GET", `${P}/${sku.productId}`, { token: t.tokens.staff });
  expect(res.status).toBe(200);
  return res.body as unknown as CreatedProduct & Record<string, unknown>;
}

interface LedgerEntry {
  skuId: string;
  delta: number;
  stockAfter: number;
  reason: string;
  note: string | null;
  ref: string | null;
  actorId: string | null;
}

async function ledgerOf(productId: string): Promise<LedgerEntry[]> {
  const res = await h.call("GET", `${P}/${productId}/inventory?limit=100`, { token: shop.tokens.staff });
  expect(res.status).toBe(200);
  return (res.body as unknown as { items: LedgerEntry[] }).items;
}

/** Everything an import could touch, to prove a failed one wrote nothing. */
async function catalogState(t = shop) {
  return h.db.withTenant(t.id, async (tx) => ({
    products: await tx.product.findMany({ orderBy: { id: "asc" } }),
    skus: await tx.sku.findMany({ orderBy: { id: "asc" } }),
    ledger: await tx.inventoryLedgerEntry.count(),
  }));
}

const DRESS: CsvLine[] = [
  {
    handle: "dress",
    title: "夏季碎花连衣裙",
    subtitle: "新品",
    category: "女装/连衣裙",
    tags: "夏季|新品",
    status: "on_shelf",
    option1_name: "颜色",
    option1_value: "红",
    option2_name: "尺码",
    option2_value: "S",
    sku_code: "QZ-R-S",
    price: "259",
    compare_at_price: "399",
    stock: "10",
    weight_grams: "300",
  },
  { handle: "dress", option1_value: "红", option2_value: "M", sku_code: "QZ-R-M", price: "259.9", stock: "5" },
  { handle: "dress", option1_value: "红", option2_value: "L", sku_code: "QZ-R-L", price: "259.90" },
  // Names may be repeated on any row (as an export writes them); values in any order.
  {
    handle: "dress",
    option1_name: "颜色",
    option1_value: "蓝",
    option2_name: "尺码",
    option2_value: "L",
    sku_code: "QZ-B-L",
    price: "0.29",
    stock: "3",
  },
  { handle: "dress", option1_value: "蓝", option2_value: "S", sku_code: "QZ-B-S", price: "1", stock: "1" },
  { handle: "dress", option1_value: "蓝", option2_value: "M", sku_code: "QZ-B-M", price: "1.5", stock: "2" },
];
const TEA: CsvLine = {
  handle: "tea",
  title: "明前龙井",
  status: "draft",
  sku_code: "LJ-1",
  price: "68",
  stock: "20",
  weight_grams: "50",
};

describe("import creates products", () => {
  it("makes a 2x3 matrix product and a single-SKU product, stock booked as import", async () => {
    const done = await importCsv(h, shop.tokens.staff, csvOf([...DRESS, TEA]), { filename: "新品.csv" });
    expect(done).toMatchObject({
      status: "done",
      totalRows: 7,
      processedRows: 7,
      createdCount: 7,
      updatedCount: 0,
      errorCount: 0,
    });

    const dress = await productOf("QZ-R-S");
    expect(dress).toMatchObject({
      title: "夏季碎花连衣裙",
      subtitle: "新品",
      categoryId: dressCategory,
      tags: ["夏季", "新品"],
      status: "on_shelf",
      dimensions: [
        { name: "颜色", values: ["红", "蓝"] },
        { name: "尺码", values: ["S", "M", "L"] },
      ],
      priceMin: 29,
      priceMax: 25990,
      stockTotal: 21,
    });
    expect(dress.onShelfAt).toBeTruthy();
    // Matrix order, whatever the order of the rows.
    expect(dress.skus.map((s) => [s.code, s.specValues.join("/"), s.price, s.stock])).toEqual([
      ["QZ-R-S", "红/S", 25900, 10],
      ["QZ-R-M", "红/M", 25990, 5],
      ["QZ-R-L", "红/L", 25990, 0],
      ["QZ-B-S", "蓝/S", 100, 1],
      ["QZ-B-M", "蓝/M", 150, 2],
      ["QZ-B-L", "蓝/L", 29, 3],
    ]);
    expect(dress.skus[0]).toMatchObject({ compareAtPrice: 39900, weightGrams: 300 });
    expect(dress.skus[1]).toMatchObject({ compareAtPrice: null, weightGrams: null });

    const ledger = await ledgerOf(dress.id);
    expect(ledger).toHaveLength(5); // QZ-R-L starts at 0: no entry
    for (const e of ledger) {
      expect(e).toMatchObject({ reason: "import", note: "new SKU", ref: done.id, actorId: shop.members.staff });
    }

    const tea = await productOf("LJ-1");
    expect(tea).toMatchObject({ title: "明前龙井", status: "draft", dimensions: [], categoryId: null, tags: [] });
    expect(tea.skus).toMatchObject([{ code: "LJ-1", specValues: [], price: 6800, stock: 20, weightGrams: 50 }]);

    const list = await h.call("GET", `${P}/imports`, { token: shop.tokens.staff });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: done.id, filename: "新品.csv", status: "done" })]);
  });
});

describe("import updates by SKU code", () => {
  it("sets price and stock (ledger delta = new - old, reason import); empty cells keep what is there", async () => {
    const before = await productOf("QZ-R-S");
    const file = csvOf(
      [
        { sku_code: "QZ-R-S", price: "199", stock: "7", title: "夏季碎花连衣裙 2024" },
        { sku_code: "QZ-B-L", stock: "13" },
        { sku_code: "LJ-1", compare_at_price: "88.8", weight_grams: "60" },
        { sku_code: "QZ-B-S", price: "1.00", stock: "1" }, // the same as stored: not an update
      ],
      ["sku_code", "title", "price", "compare_at_price", "stock", "weight_grams"],
    );
    const done = await importCsv(h, shop.tokens.admin, file, { as: "raw", filename: "stock.csv" });
    // The dress's title changed, so both of its rows count; the unchanged QZ-B-S row does too.
    expect(done).toMatchObject({ status: "done", filename: "stock.csv", createdCount: 0, updatedCount: 4 });

    const dress = await productOf("QZ-R-S");
    expect(dress.title).toBe("夏季碎花连衣裙 2024");
    expect(dress).toMatchObject({
      subtitle: "新品",
      categoryId: dressCategory,
      tags: ["夏季", "新品"],
      status: "on_shelf",
    });
    const byCode = new Map(dress.skus.map((s) => [s.code, s]));
    expect(byCode.get("QZ-R-S")).toMatchObject({ price: 19900, stock: 7, compareAtPrice: 39900, weightGrams: 300 });
    expect(byCode.get("QZ-B-L")).toMatchObject({ price: 29, stock: 13 });
    expect(dress).toMatchObject({ priceMin: 29, priceMax: 25990, stockTotal: 21 - 3 + 10 });
    expect(dress.skus.map((s) => s.id)).toEqual(before.skus.map((s) => s.id));

    const entries = (await ledgerOf(dress.id)).filter((e) => e.ref === done.id);
    expect(
      entries.map((e) => [byCodeOf(dress, e.skuId), e.delta, e.stockAfter, e.reason, e.note, e.actorId]).sort(),
    ).toEqual(
      [
        ["QZ-B-L", 10, 13, "import", null, shop.members.admin],
        ["QZ-R-S", -3, 7, "import", null, shop.members.admin],
      ].sort(),
    );
    const tea = await productOf("LJ-1");
    expect(tea.skus[0]).toMatchObject({ price: 6800, compareAtPrice: 8880, stock: 20, weightGrams: 60 });
    expect(await ledgerOf(tea.id)).toHaveLength(1);
  });
});

function byCodeOf(p: CreatedProduct, skuId: string): string | null | undefined {
  return p.skus.find((s) => s.id === skuId)?.code;
}

describe("encodings", () => {
  it("reads UTF-8 with a BOM (Excel's “CSV UTF-8”) and Chinese values", async () => {
    const text = csvOf([
      {
        handle: "茶具",
        title: "青花瓷茶具套装",
        tags: "茶具|礼品",
        option1_name: "款式",
        option1_value: "四杯",
        sku_code: "CJ-4",
        price: "128",
      },
      { handle: "茶具", option1_value: "六杯", sku_code: "CJ-6", price: "168" },
    ]);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const done = await importCsv(h, shop.tokens.staff, bytes, { as: "raw" });
    expect(done).toMatchObject({ status: "done", createdCount: 2 });
    const p = await productOf("CJ-4");
    expect(p).toMatchObject({
      title: "青花瓷茶具套装",
      tags: ["茶具", "礼品"],
      dimensions: [{ name: "款式", values: ["四杯", "六杯"] }],
    });
  });

  it("reads GB18030 (Excel in China's plain “CSV”)", async () => {
    const text = csvOf([
      {
        handle: "围巾",
        title: "羊绒围巾",
        category: "女装",
        option1_name: "颜色",
        option1_value: "驼色",
        sku_code: "WJ-1",
        price: "399",
      },
      { handle: "围巾", option1_value: "黑色", sku_code: "WJ-2", price: "399" },
    ]);
    const done = await importCsv(h, shop.tokens.staff, encodeGb18030(text), { filename: "围巾.csv" });
    expect(done).toMatchObject({ status: "done", createdCount: 2 });
    const p = await productOf("WJ-1");
    expect(p).toMatchObject({
      title: "羊绒围巾",
      categoryId: womenCategory,
      dimensions: [{ name: "颜色", values: ["驼色", "黑色"] }],
    });
  });
});

describe("bad input", () => {
  it("reports every problem by row and column, and writes nothing", async () => {
    const binned = await createProductVia(h, shop.tokens.admin, {
      title: "Old",
      skus: [{ specValues: [], price: 100, stock: 1, code: "BIN-1" }],
    });
    expect((await h.call("DELETE", `${P}/${binned.id}`, { token: shop.tokens.admin })).status).toBe(200);
    const before = await catalogState();

    const columns = [...CATALOG_CSV_COLUMNS, "colour", "option4_name"];
    const many: CsvLine[] = Array.from({ length: 31 }, (_, i) => ({
      handle: "many",
      ...(i === 0 ? { title: "Many", option1_name: "号" } : {}),
      option1_value: `v${i + 1}`,
      sku_code: `MANY-${i + 1}`,
      price: "1",
    }));
    const lines: CsvLine[] = [
      /* 2 */ { handle: "dress", sku_code: "QZ-R-S", price: "100" }, // fine on its own, but not written
      /* 3 */ { handle: "dress", sku_code: "QZ-R-M", price: "1.999" },
      /* 4 */ { handle: "dress", sku_code: "QZ-R-L", price: "-5" },
      /* 5 */ { handle: "dress", sku_code: "QZ-B-S", price: "abc", compare_at_price: "1,000" },
      /* 6 */ { handle: "dress", sku_code: "QZ-B-M", stock: "-1" },
      /* 7 */ { handle: "dress", sku_code: "QZ-B-L", stock: "1.5", category: "男装/衬衫" },
      /* 8 */ { sku_code: "LJ-1", status: "selling" },
      /* 9 */ { sku_code: "LJ-1", stock: "3" },
      /* 10 */ { sku_code: "NEW-1", title: "No handle", price: "5" },
      /* 11 */ { handle: "dress", sku_code: "NEW-2", option1_value: "绿", option2_value: "S", price: "5" },
      /* 12 */ {
        handle: "jacket",
        title: "Jacket",
        option1_name: "颜色",
        option1_value: "红",
        option2_name: "尺码",
        option2_value: "S",
        sku_code: "J-RS",
        price: "99",
      },
      /* 13 */ { handle: "jacket", option1_value: "蓝", option2_value: "M", sku_code: "J-BM", price: "99" },
      /* 14 */ { sku_code: "BIN-1", stock: "5" },
      /* 15 */ { sku_code: "CJ-4", option1_value: "八杯" },
      /* 16 */ { handle: "untitled", sku_code: "U-1" },
      ...many, // rows 17 to 47
    ];
    const up = await uploadCsv(h, shop.tokens.staff, csvOf(lines, columns));
    expect(up.status).toBe(202);
    await h.flushJobs();
    const failed = await getImport(h, shop.tokens.staff, String(up.body.id));
    const expected = [
      ["1", "colour", expect.stringContaining("unknown column")],
      ["1", "option4_name", "at most 3 options (option1 to option3)"],
      ["3", "price", "has more than 2 decimals (the smallest unit is 0.01 yuan)"],
      ["4", "price", "must not be negative"],
      ["5", "price", 'must be an amount in yuan, like "259" or "259.90"'],
      ["5", "compare_at_price", 'must be an amount in yuan, like "259" or "259.90"'],
      ["6", "stock", "must not be negative"],
      ["7", "category", expect.stringContaining('no category "男装/衬衫"')],
      ["7", "stock", "must be a whole number"],
      ["8", "status", "must be one of draft, on_shelf, off_shelf"],
      ["9", "sku_code", 'repeats the sku_code "LJ-1" of row 8'],
      ["10", "handle", 'is required to create a product: sku_code "NEW-1" is not in the store yet'],
      ["11", "sku_code", expect.stringContaining("import cannot add SKUs to an existing product")],
      ["12", "handle", 'product "jacket" needs one row per combination of its options; missing 2: 红 / M; 蓝 / S'],
      ["14", "sku_code", 'belongs to "Old", which is in the recycle bin: restore it before importing'],
      ["15", "option1_value", expect.stringContaining('this SKU\'s 款式 is "四杯"')],
      ["16", "title", 'is required for a new product (handle "untitled")'],
      ["16", "price", "is required for a new SKU"],
      ["47", "option1_value", 'option "号" would have more than 30 values'],
    ];
    expect(failed).toMatchObject({
      status: "failed",
      totalRows: 46,
      processedRows: 46,
      errorCount: expected.length,
      createdCount: 0,
      updatedCount: 0,
    });
    const report = await errorReport(h, shop.tokens.staff, failed.id);
    expect(report.map((r) => [r.row, r.field, r.message])).toEqual(expected);
    expect(await catalogState()).toEqual(before);
    // The file is not kept once the import has finished.
    const stored = await h.db.withTenant(shop.id, (tx) =>
      tx.catalogImport.findUniqueOrThrow({ where: { id: failed.id } }),
    );
    expect(stored.content).toBe("");
  });

  it("the error report is an attachment, and waits for the import to finish", async () => {
    const up = await uploadCsv(h, shop.tokens.staff, csvOf([{ sku_code: "LJ-1", stock: "x" }]), {
      filename: "库存.csv",
    });
    const early = await h.call("GET", `${P}/imports/${up.body.id}/errors.csv`, { token: shop.tokens.staff });
    expect(early.status).toBe(409);
    await h.flushJobs();
    const res = await h.app.request(`${P}/imports/${up.body.id}/errors.csv`, {
      headers: { authorization: `Bearer ${shop.tokens.staff}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="__-errors.csv"; filename*=UTF-8''${encodeURIComponent("库存-errors.csv")}`,
    );
    expect(await errorReport(h, shop.tokens.staff, String(up.body.id))).toEqual([
      { row: "2", field: "stock", message: "must be a whole number" },
    ]);
  });

  it("refuses more rows than the limit, and a header without sku_code", async () => {
    const rows = Array.from({ length: LIMITS.csvRows + 1 }, (_, i) => ({ sku_code: `X-${i}`, stock: "1" }));
    const big = await importCsv(h, shop.tokens.staff, csvOf(rows, ["sku_code", "stock"]));
    expect(big).toMatchObject({ status: "failed", totalRows: LIMITS.csvRows + 1, errorCount: 1 });
    expect(await errorReport(h, shop.tokens.staff, big.id)).toEqual([
      { row: String(LIMITS.csvRows + 2), field: "", message: expect.stringContaining("at most 10000 per import") },
    ]);
    const noCode = await importCsv(h, shop.tokens.staff, "title,price\nx,1\n");
    expect(noCode).toMatchObject({ status: "failed", totalRows: 1, errorCount: 1 });
    expect((await errorReport(h, shop.tokens.staff, noCode.id))[0]).toMatchObject({ row: "1", field: "sku_code" });
  });

  it("checks size, encoding and content type before an import is made", async () => {
    const count = () => h.db.withTenant(shop.id, (tx) => tx.catalogImport.count());
    const n = await count();
    const tooBig = new Uint8Array(LIMITS.csvBytes + 1).fill(0x61);
    expect((await uploadCsv(h, shop.tokens.staff, tooBig, { as: "raw" })).status).toBe(413);
    expect(
      (await uploadCsv(h, shop.tokens.staff, new Uint8Array(LIMITS.csvBytes + 128 * 1024), { as: "raw" })).status,
    ).toBe(413);
    const xlsx = await uploadCsv(h, shop.tokens.staff, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    expect(xlsx.status).toBe(415);
    expect(xlsx.body.error?.message).toContain("Excel workbook");
    const json = await h.call("POST", `${P}/import`, { token: shop.tokens.staff, body: { sku_code: "x" } });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.append("other", "x");
    const noFile = await h.app.request(`${P}/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${shop.tokens.staff}` },
      body: form,
    });
    expect(noFile.status).toBe(422);
    expect(await count()).toBe(n);
  });
});

describe("export", () => {
  let guarded: CreatedProduct;

  beforeAll(async () => {
    guarded = await createProductVia(h, shop.tokens.admin, {
      title: '=HYPERLINK("http://evil.test","点我")',
      subtitle: "@SUM(A1)",
      tags: ["+1", "普通"],
      status: "off_shelf",
      dimensions: [{ name: "规格", values: ["-大", "小"] }],
      skus: [
        { specValues: ["-大"], price: 1234, stock: 2, code: "-EVIL", compareAtPrice: 2000 },
        { specValues: ["小"], price: 5, stock: 0, code: "EVIL-2", weightGrams: 10 },
      ],
    });
  });

  async function exportCsv(query = "", t = shop) {
    const res = await h.app.request(`${P}/export.csv${query}`, {
      headers: { authorization: `Bearer ${t.tokens.staff}` },
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { res, bytes, rows: res.status === 200 ? parse(new TextDecoder().decode(bytes)) : [] };
  }

  it("writes one row per SKU in the import format, with a BOM, guarded against formulas", async () => {
    const { res, bytes } = await exportCsv(`?q=${encodeURIComponent("EVIL")}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="products-\d{4}-\d{2}-\d{2}\.csv"/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")).toEqual([
      CATALOG_CSV_COLUMNS.join(","),
      `${guarded.id},"'=HYPERLINK(""http://evil.test"",""点我"")",'@SUM(A1),,'+1|普通,off_shelf,规格,'-大,,,,,'-EVIL,12.34,20.00,2,`,
      `${guarded.id},"'=HYPERLINK(""http://evil.test"",""点我"")",'@SUM(A1),,'+1|普通,off_shelf,规格,小,,,,,EVIL-2,0.05,,0,10`,
      "",
    ]);
  });

  it("writes category paths and money in yuan, and filters like the product list", async () => {
    const all = await exportCsv();
    const header = all.rows[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    const dressRow = all.rows.find((r) => r[col("sku_code")] === "QZ-R-S");
    expect(dressRow?.[col("category")]).toBe("女装/连衣裙");
    expect(dressRow?.[col("tags")]).toBe("夏季|新品");
    expect(dressRow?.[col("price")]).toBe("199.00");
    expect(dressRow?.[col("compare_at_price")]).toBe("399.00");
    expect(dressRow?.[col("option2_name")]).toBe("尺码");
    // The binned product is not exported.
    expect(all.rows.some((r) => r[col("sku_code")] === "BIN-1")).toBe(false);

    const codes = async (q: string) => (await exportCsv(q)).rows.slice(1).map((r) => r[col("sku_code")]);
    expect(await codes("?status=draft")).toEqual(["LJ-1", "CJ-4", "CJ-6", "WJ-1", "WJ-2"]);
    expect(await codes(`?categoryId=${womenCategory}`)).toEqual([
      "QZ-R-S",
      "QZ-R-M",
      "QZ-R-L",
      "QZ-B-S",
      "QZ-B-M",
      "QZ-B-L",
      "WJ-1",
      "WJ-2",
    ]);
    expect(await codes(`?q=${encodeURIComponent("龙井")}`)).toEqual(["LJ-1"]);
    expect((await exportCsv("?status=deleted")).res.status).toBe(422);
    expect((await exportCsv("", other)).rows).toEqual([[...CATALOG_CSV_COLUMNS]]);
  });

  it("round trip: importing an unchanged export succeeds and changes nothing", async () => {
    const before = await catalogState();
    const { bytes, rows } = await exportCsv();
    expect(rows.length).toBeGreaterThan(10);
    const done = await importCsv(h, shop.tokens.staff, bytes, { filename: "products.csv" });
    expect(done).toMatchObject({
      status: "done",
      totalRows: rows.length - 1,
      createdCount: 0,
      updatedCount: 0,
      errorCount: 0,
    });
    expect(await catalogState()).toEqual(before);
  });

  it("round trip with edits: the export's own file, changed in a spreadsheet, updates what changed", async () => {
    const { rows } = await exportCsv(`?q=${encodeURIComponent("EVIL")}`);
    const header = rows[0] ?? [];
    const edited = rows.map((r, i) => (i === 1 ? r.map((v, j) => (header[j] === "stock" ? "9" : v)) : r));
    const text = edited.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(",")).join("\n");
    const done = await importCsv(h, shop.tokens.staff, text);
    expect(done).toMatchObject({ status: "done", updatedCount: 1 });
    const p = await productOf("-EVIL");
    expect(p.title).toBe('=HYPERLINK("http://evil.test","点我")');
    expect(p.skus.map((s) => [s.code, s.stock])).toEqual([
      ["-EVIL", 9],
      ["EVIL-2", 0],
    ]);
  });
});

describe("routes and other stores", () => {
  it("the product routes still see product ids; import paths are not taken for ids", async () => {
    const tea = await productOf("LJ-1");
    expect((await h.call("GET", `${P}/${tea.id}`, { token: shop.tokens.staff })).status).toBe(200);
    expect((await h.call("GET", `${P}/imports`, { token: shop.tokens.staff })).status).toBe(200);
    expect((await h.call("GET", `${P}/imports?limit=2`, { token: shop.tokens.staff })).body.nextCursor).toBeTruthy();
  });

  it("pages through recent imports, newest first", async () => {
    const first = await h.call("GET", `${P}/imports?limit=3`, { token: shop.tokens.staff });
    const second = await h.call("GET", `${P}/imports?limit=3&cursor=${first.body.nextCursor}`, {
      token: shop.tokens.staff,
    });
    const ids = [...(first.body.items as { id: string }[]), ...(second.body.items as { id: string }[])].map(
      (i) => i.id,
    );
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(6);
  });

  it("another store's import is a 404, and its list is its own", async () => {
    const up = await uploadCsv(
      h,
      other.tokens.owner,
      csvOf([{ handle: "x", title: "X", sku_code: "X-1", price: "1" }]),
    );
    await h.flushJobs();
    const id = String(up.body.id);
    expect((await getImport(h, other.tokens.owner, id)).status).toBe("done");
    for (const path of [`${P}/imports/${id}`, `${P}/imports/${id}/errors.csv`]) {
      const res = await h.call("GET", path, { token: shop.tokens.owner });
      expect(res.status, path).toBe(404);
      expect(res.body.error?.code).toBe("not_found");
    }
    const mine = await h.call("GET", `${P}/imports?limit=100`, { token: shop.tokens.owner });
    expect((mine.body.items as { id: string }[]).map((i) => i.id)).not.toContain(id);
    // The same code in two stores is two SKUs.
    const again = await importCsv(
      h,
      shop.tokens.owner,
      csvOf([{ handle: "x", title: "X", sku_code: "X-1", price: "2" }]),
    );
    expect(again).toMatchObject({ status: "done", createdCount: 1 });
  });
});
