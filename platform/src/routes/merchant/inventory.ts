// Merchant inventory: manual stock adjustments, a product's stock ledger, and the catalog settings
// behind low-stock warnings.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZAdjustStockRequest,
  ZAdjustStockResponse,
  ZCatalogSettings,
  ZInventoryLedgerPage,
  ZInventoryLedgerQuery,
  ZUpdateCatalogSettingsRequest,
  ZUuid,
} from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { getCatalogSettings, updateCatalogSettings } from "../../services/catalog/manage-catalog-settings.ts";
import { adjustStock } from "../../services/inventory/adjust-stock.ts";
import { listLedger } from "../../services/inventory/list-ledger.ts";

const tags = ["merchant: inventory"];
const common = { 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] };

export const merchantInventoryRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "post",
      path: "/inventory/adjust",
      tags,
      summary: "Add to or take from a SKU's stock (delta), or set it to a counted number (set); 422 below 0",
      access: { kind: "merchant", permission: "catalog:manage" },
      request: {
        body: body(ZAdjustStockRequest, {
          skuId: "0190d7c4-0000-7000-8000-000000000001",
          mode: "delta",
          value: 12,
          note: "delivery",
        }),
      },
      responses: {
        200: json(ZAdjustStockResponse, "The SKU now, and the ledger entry written"),
        ...common,
        404: ERRORS[404],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const m = c.get("merchant");
      const result = await adjustStock(
        c.get("deps").db,
        { tenantId: m.tenantId, membershipId: m.membershipId },
        c.req.valid("json"),
      );
      return c.json(result, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/products/{id}/inventory",
      tags,
      summary: "The product's stock ledger, newest first (`skuId` for one SKU): each change, who, why",
      access: { kind: "merchant", permission: "catalog:read", params: { id: "product" } },
      request: { params: z.strictObject({ id: ZUuid }), query: ZInventoryLedgerQuery },
      responses: { 200: json(ZInventoryLedgerPage, "Ledger entries"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const page = await listLedger(
        c.get("deps").db,
        c.get("merchant").tenantId,
        c.req.valid("param").id,
        c.req.valid("query"),
      );
      return c.json(page, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/catalog-settings",
      tags,
      summary: "Low-stock default threshold and replenishment days (for safety stock)",
      access: { kind: "merchant", permission: "catalog:read" },
      responses: { 200: json(ZCatalogSettings, "Settings"), ...common },
    }),
    async (c) => c.json(await getCatalogSettings(c.get("deps").db, c.get("merchant").tenantId), 200),
  )
  .openapi(
    defineRoute({
      method: "patch",
      path: "/catalog-settings",
      tags,
      summary: "Change the low-stock default threshold or the replenishment days",
      access: { kind: "merchant", permission: "catalog:manage" },
      request: { body: body(ZUpdateCatalogSettingsRequest, { lowStockDefault: 10, replenishmentDays: 7 }) },
      responses: { 200: json(ZCatalogSettings, "Settings"), ...common, 422: ERRORS[422] },
    }),
    async (c) =>
      c.json(await updateCatalogSettings(c.get("deps").db, c.get("merchant").tenantId, c.req.valid("json")), 200),
  );
