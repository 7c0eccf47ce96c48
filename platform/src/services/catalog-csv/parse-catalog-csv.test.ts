// The file as a whole: encodings, line numbers (quoted line breaks, CRLF, blank lines), the header,
// stray cells and the row limit; then single rows' cells.
import { LIMITS } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../http/errors.ts";
import { csvOf, encodeGb18030 } from "./csv-fixtures.ts";
import { decodeCsvUpload } from "./decode-csv-upload.ts";
import { parseCatalogCsv } from "./parse-catalog-csv.ts";
import { readCsvRow } from "./read-csv-row.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

function refusal(bytes: Uint8Array): { code: string; message: string } {
  try {
    decodeCsvUpload(bytes);
  } catch (err) {
    if (err instanceof ApiError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("accepted");
}

describe("decodeCsvUpload", () => {
  it("reads UTF-8 with and without a BOM, and GB18030", () => {
    const text = "handle,title\nqz,夏季碎花连衣裙\n";
    expect(decodeCsvUpload(utf8(text))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsvUpload(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsvUpload(encodeGb18030(text))).toEqual({ text, encoding: "gb18030" });
  });

  it("refuses workbooks, UTF-16, binary, broken UTF-8 after a BOM, empty and oversized files", () => {
    expect(refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatchObject({
      code: "unsupported_media_type",
      message: expect.stringContaining("Excel workbook"),
    });
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toMatchObject({
      message: expect.stringContaining("UTF-16"),
    });
    expect(refusal(utf8("a,b\n\u0000\n"))).toMatchObject({ message: expect.stringContaining("binary") });
    expect(refusal(new Uint8Array([0xef, 0xbb, 0xbf, 0xc5, 0x41]))).toMatchObject({
      message: expect.stringContaining("not valid UTF-8"),
    });
    expect(refusal(new Uint8Array([0x81]))).toMatchObject({
      message: expect.stringContaining("neither UTF-8 nor GB18030"),
    });
    expect(refusal(utf8(" \n \n"))).toMatchObject({ code: "validation_failed" });
    expect(refusal(new Uint8Array(LIMITS.csvBytes + 1).fill(0x61))).toMatchObject({ code: "payload_too_large" });
  });
});

describe("parseCatalogCsv", () => {
  it("numbers each record by the line it starts on", () => {
    const text = 'sku_code,title\r\nA1,"two\r\nlines"\r\n\r\nA2,x\r\n,\r\nA3,"a ""quoted"" one"';
    const parsed = parseCatalogCsv(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toEqual([
      { row: 2, cells: { sku_code: "A1", title: "two\r\nlines" } },
      { row: 5, cells: { sku_code: "A2", title: "x" } },
      { row: 7, cells: { sku_code: "A3", title: 'a "quoted" one' } },
    ]);
  });

  it("reads headers in any case and order, trims cells and removes the export's formula guard", () => {
    const parsed = parseCatalogCsv(" SKU_Code , Title\n  '-A1 , '=1+1 \n");
    expect(parsed.records).toEqual([{ row: 2, cells: { sku_code: "-A1", title: "=1+1" } }]);
  });

  it("reports unknown, repeated, fourth-option and missing columns on row 1", () => {
    const parsed = parseCatalogCsv("title,colour,title,option4_name,option4_value\nx,y,z,a,b\n");
    expect(parsed.fatal).toBe(true);
    expect(parsed.errors).toEqual([
      { row: 1, field: "colour", message: expect.stringContaining("unknown column") },
      { row: 1, field: "title", message: "the column appears twice" },
      { row: 1, field: "option4_name", message: "at most 3 options (option1 to option3)" },
      { row: 1, field: "option4_value", message: "at most 3 options (option1 to option3)" },
      { row: 1, field: "sku_code", message: expect.stringContaining("required") },
    ]);
  });

  it("reports cells outside the header, but not empty trailing ones", () => {
    const parsed = parseCatalogCsv("sku_code,price\nA1,1,,\nA2,2,oops\n");
    expect(parsed.errors).toEqual([{ row: 3, field: "", message: expect.stringContaining("outside the header") }]);
    expect(parsed.records.map((r) => r.row)).toEqual([2, 3]);
  });

  it("stops at CSV syntax errors, files with no rows, and more rows than the limit", () => {
    expect(parseCatalogCsv('sku_code,title\nA1,"never closed\n')).toMatchObject({
      fatal: true,
      errors: [{ row: expect.any(Number), field: "", message: expect.stringContaining("not valid CSV") }],
    });
    expect(parseCatalogCsv("sku_code,title\n")).toMatchObject({
      fatal: true,
      errors: [{ row: 1, message: "the file has no rows below the header" }],
    });
    const lines = Array.from({ length: LIMITS.csvRows + 1 }, (_, i) => ({ sku_code: `C${i}` }));
    const big = parseCatalogCsv(csvOf(lines, ["sku_code"]));
    expect(big.fatal).toBe(true);
    expect(big.errors).toEqual([
      {
        row: LIMITS.csvRows + 2,
        field: "",
        message: `the file has ${LIMITS.csvRows + 1} rows; at most ${LIMITS.csvRows} per import: split it into several files`,
      },
    ]);
    expect(big.rowCount).toBe(LIMITS.csvRows + 1);
    expect(parseCatalogCsv(csvOf(lines.slice(0, LIMITS.csvRows), ["sku_code"])).fatal).toBe(false);
  });
});

describe("readCsvRow", () => {
  const read = (cells: Record<string, string>) => readCsvRow({ row: 7, cells });

  it("types every column", () => {
    const { row, errors } = read({
      handle: "dress",
      title: "连衣裙",
      category: " 女装 / 连衣裙 ",
      tags: "夏季| 新品 ||",
      status: "ON_SHELF",
      option1_name: "颜色",
      option1_value: "红",
      sku_code: "QZ-R",
      price: "259.9",
      compare_at_price: "399",
      stock: "12",
      weight_grams: "300",
    });
    expect(errors).toEqual([]);
    expect(row).toMatchObject({
      row: 7,
      handle: "dress",
      title: "连衣裙",
      category: "女装/连衣裙",
      tags: ["夏季", "新品"],
      status: "on_shelf",
      options: [{ name: "颜色", value: "红" }, {}, {}],
      skuCode: "QZ-R",
      price: 25990,
      compareAtPrice: 39900,
      stock: 12,
      weightGrams: 300,
    });
  });

  it("reports each bad cell with its column", () => {
    const { errors } = read({
      title: "x".repeat(101),
      tags: "a|bbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      status: "selling",
      option2_value: "L",
      sku_code: "空格 code",
      price: "1.999",
      compare_at_price: "-1",
      stock: "2.5",
      weight_grams: "-3",
    });
    expect(errors).toEqual([
      { row: 7, field: "title", message: "must be at most 100 characters" },
      { row: 7, field: "tags", message: expect.stringContaining("longer than 20") },
      { row: 7, field: "status", message: "must be one of draft, on_shelf, off_shelf" },
      { row: 7, field: "option1_value", message: expect.stringContaining("options fill from option1") },
      { row: 7, field: "sku_code", message: expect.stringContaining("letters, digits") },
      { row: 7, field: "price", message: expect.stringContaining("more than 2 decimals") },
      { row: 7, field: "compare_at_price", message: "must not be negative" },
      { row: 7, field: "stock", message: "must be a whole number" },
      { row: 7, field: "weight_grams", message: "must not be negative" },
    ]);
    expect(read({}).errors).toEqual([{ row: 7, field: "sku_code", message: expect.stringContaining("is required") }]);
    expect(read({ sku_code: "A", stock: "-4" }).errors).toEqual([
      { row: 7, field: "stock", message: "must not be negative" },
    ]);
    expect(read({ sku_code: "A", stock: String(LIMITS.stock + 1) }).errors).toEqual([
      { row: 7, field: "stock", message: `must be at most ${LIMITS.stock}` },
    ]);
  });
});
