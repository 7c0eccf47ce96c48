// Catalog CSV: import (upload -> queued job -> progress -> error report) and export. Mounted before
// the products routes so that /products/{id} never sees "import", "imports" or "export.csv".
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  LIMITS,
  ZCatalogImport,
  ZCatalogImportPage,
  ZErrorEnvelope,
  ZExportCatalogQuery,
  ZImportCatalogQuery,
  ZListCatalogImportsQuery,
  ZUuid,
} from "@mallwright/schema";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { ApiError, errorBody } from "../../http/errors.ts";
import { csvBody, csvDownloadHeaders, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { exportCatalogCsv } from "../../services/catalog-csv/export-catalog-csv.ts";
import {
  getCatalogImport,
  getImportErrorReport,
  listCatalogImports,
} from "../../services/catalog-csv/list-catalog-imports.ts";
import { startCatalogImport } from "../../services/catalog-csv/start-catalog-import.ts";

const tags = ["merchant: catalog"];
const ZIdParam = z.strictObject({ id: ZUuid });
const common = { 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] };
const params = { id: "catalog-import" } as const;
const MB = LIMITS.csvBytes / 1024 / 1024;

/** The upload route is exempt from the app's JSON body limit and applies this one instead. */
export const CATALOG_IMPORT_PATH = "/merchant/v1/products/import";
/** The largest file plus room for the multipart framing. */
export const CATALOG_IMPORT_BODY_LIMIT = LIMITS.csvBytes + 64 * 1024;

export function isCatalogImportUpload(method: string, path: string): boolean {
  return method === "POST" && path === CATALOG_IMPORT_PATH;
}

const uploadLimit: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: CATALOG_IMPORT_BODY_LIMIT,
  onError: (c) =>
    c.json(
      errorBody(
        "payload_too_large",
        `the file is larger than ${MB} MB: split it into several imports`,
        c.get("requestId"),
      ),
      413,
    ),
});

const FORMAT = `One row per SKU, comma-separated, UTF-8 (with or without BOM) or GB18030, at most ${MB} MB and ${LIMITS.csvRows} rows. Columns (headers in English, any order, only \`sku_code\` required): \`handle\`, \`title\`, \`subtitle\`, \`category\` ("女装/连衣裙"), \`tags\` ("a|b"), \`status\` (draft|on_shelf|off_shelf), \`option1_name\`…\`option3_value\`, \`sku_code\`, \`price\` and \`compare_at_price\` (yuan, up to 2 decimals), \`stock\`, \`weight_grams\`.

An existing \`sku_code\` updates that SKU (price, compare-at price, weight; stock is set, booked in the ledger as \`import\`) and, when product columns are filled, its product; empty cells keep what is there. New codes create products: rows sharing a \`handle\` are one product and must cover every combination of its options. New SKUs cannot be added to an existing product by import. All or nothing: one problem anywhere and nothing is written; every problem is listed as {row, field, message} (row = CSV line, header = 1). See docs/csv-format.md.`;

const uploadRoute = defineRoute({
  method: "post",
  path: "/products/import",
  tags,
  summary: "Import products and SKUs from CSV (runs as a job; 202 with the queued import)",
  description: `Send the file as multipart/form-data in the field \`file\`, or as the raw body with Content-Type \`text/csv\` (name it with \`?filename=\`). Size and encoding are checked here (413, 415); the rows are checked by the job. Follow \`GET /products/imports/{id}\` for progress and \`GET /products/imports/{id}/errors.csv\` for the problems.\n\n${FORMAT}`,
  access: { kind: "merchant", permission: "catalog:manage" },
  request: {
    query: ZImportCatalogQuery,
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object" as const,
            required: ["file"],
            properties: { file: { type: "string" as const, format: "binary", description: "The CSV file" } },
          },
        },
        "text/csv": { schema: { type: "string" as const, format: "binary" } },
      },
    },
  },
  responses: {
    202: json(ZCatalogImport, "Queued"),
    ...common,
    413: ERRORS[413],
    415: json(ZErrorEnvelope, "Not CSV text in UTF-8 or GB18030 (an .xlsx workbook, UTF-16, binary)"),
    422: ERRORS[422],
  },
});

async function readUpload(c: Context<AppEnv>): Promise<{ bytes: Uint8Array; filename: string | undefined }> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (/^multipart\/form-data\s*;/.test(type)) {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      throw new ApiError("bad_request", "the multipart body is malformed");
    }
    const file = form.file;
    if (!(file instanceof File)) {
      throw new ApiError("validation_failed", "attach exactly one file in the field 'file'", [
        { path: "file", in: "body", message: "attach exactly one file in the field 'file'" },
      ]);
    }
    return { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name };
  }
  if (/^(text\/csv|application\/csv|text\/plain)\b/.test(type)) {
    return { bytes: new Uint8Array(await c.req.arrayBuffer()), filename: undefined };
  }
  throw new ApiError(
    "unsupported_media_type",
    "send the CSV as multipart/form-data (field 'file') or as the body with Content-Type text/csv",
  );
}

export const merchantCatalogCsvRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    // After the session check (nobody unauthenticated gets a body read), before the body is read.
    { ...uploadRoute, middleware: [...uploadRoute.middleware, uploadLimit] },
    async (c) => {
      const upload = await readUpload(c);
      const filename = upload.filename ?? c.req.valid("query").filename;
      const m = c.get("merchant");
      const created = await startCatalogImport(
        c.get("deps").db,
        { tenantId: m.tenantId, membershipId: m.membershipId },
        { bytes: upload.bytes, filename },
      );
      c.get("deps").kickOutbox?.();
      return c.json(created, 202);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/products/imports",
      tags,
      summary: "Recent CSV imports, newest first",
      access: { kind: "merchant", permission: "catalog:read" },
      request: { query: ZListCatalogImportsQuery },
      responses: { 200: json(ZCatalogImportPage, "A page of imports"), ...common, 422: ERRORS[422] },
    }),
    async (c) =>
      c.json(await listCatalogImports(c.get("deps").db, c.get("merchant").tenantId, c.req.valid("query")), 200),
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/products/imports/{id}",
      tags,
      summary: "One import and its progress (processedRows of totalRows while validating)",
      access: { kind: "merchant", permission: "catalog:read", params },
      request: { params: ZIdParam },
      responses: { 200: json(ZCatalogImport, "The import"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) =>
      c.json(await getCatalogImport(c.get("deps").db, c.get("merchant").tenantId, c.req.valid("param").id), 200),
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/products/imports/{id}/errors.csv",
      tags,
      summary: "The import's error report as CSV (row, field, message); 409 until the import has finished",
      access: { kind: "merchant", permission: "catalog:read", params },
      request: { params: ZIdParam },
      responses: {
        200: csvBody("row,field,message — UTF-8 with BOM, one line per problem"),
        ...common,
        404: ERRORS[404],
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const report = await getImportErrorReport(c.get("deps").db, c.get("merchant").tenantId, c.req.valid("param").id);
      return c.body(report.csv, 200, csvDownloadHeaders(report.filename));
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/products/export.csv",
      tags,
      summary: "Export products (not those in the recycle bin) as CSV in the import format, one row per SKU",
      description: `Filters as the product list: \`status\`, \`categoryId\` (a top-level category includes its subcategories), \`q\`. UTF-8 with BOM; the product id is written as \`handle\`; cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading apostrophe, which import removes again. Importing an unchanged export changes nothing.\n\n${FORMAT}`,
      access: { kind: "merchant", permission: "catalog:read" },
      request: { query: ZExportCatalogQuery },
      responses: { 200: csvBody("The catalog, one row per SKU"), ...common, 422: ERRORS[422] },
    }),
    (c) => {
      const stream = exportCatalogCsv(c.get("deps").db, c.get("merchant").tenantId, c.req.valid("query"));
      const day = new Date().toISOString().slice(0, 10);
      return c.body(stream, 200, csvDownloadHeaders(`products-${day}.csv`));
    },
  );
