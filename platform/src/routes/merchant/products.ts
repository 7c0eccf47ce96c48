// Merchant products: the list with tabs and counts, create and edit (SKU matrix included), the
// recycle bin (delete, restore, delete forever) and bulk actions.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZBulkProductsRequest,
  ZBulkProductsResponse,
  ZCreateProductRequest,
  ZErrorEnvelope,
  ZListProductsQuery,
  ZOk,
  ZProduct,
  ZProductPage,
  ZSaveProductResponse,
  ZUpdateProductRequest,
  ZUuid,
} from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv, MerchantPrincipal } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import type { CatalogActor } from "../../services/catalog/actor.ts";
import { bulkUpdateProducts } from "../../services/catalog/bulk-update-products.ts";
import { getProduct } from "../../services/catalog/get-product.ts";
import { listProducts } from "../../services/catalog/list-products.ts";
import { createProduct, updateProduct } from "../../services/catalog/save-product.ts";
import { purgeProduct, restoreProduct, trashProduct } from "../../services/catalog/trash-product.ts";

const tags = ["merchant: catalog"];
const ZIdParam = z.strictObject({ id: ZUuid });
const common = { 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] };
const params = { id: "product" } as const;
const actor = (m: MerchantPrincipal): CatalogActor => ({ tenantId: m.tenantId, membershipId: m.membershipId });

export const merchantProductRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/products",
      tags,
      summary: "Products by tab (status, or `deleted` for the recycle bin), filtered and sorted, with tab counts",
      access: { kind: "merchant", permission: "catalog:read" },
      request: { query: ZListProductsQuery },
      responses: { 200: json(ZProductPage, "A page of products and the tab counts"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await listProducts(db, env, c.get("merchant").tenantId, c.req.valid("query")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/products",
      tags,
      summary:
        "Create a product. `skus` must cover every combination of `dimensions` exactly once; 409 sku_code_taken, 402 plan_limit",
      access: { kind: "merchant", permission: "catalog:manage" },
      request: {
        body: body(ZCreateProductRequest, {
          title: "明前龙井",
          subtitle: "2024 新茶",
          detailHtml: "<p>产地：<strong>杭州</strong></p>",
          status: "draft",
          tags: ["绿茶"],
          imageIds: [],
          dimensions: [{ name: "规格", values: ["50g", "100g"] }],
          skus: [
            { specValues: ["50g"], price: 6800, stock: 20 },
            { specValues: ["100g"], price: 12800, compareAtPrice: 15800, stock: 10 },
          ],
        }),
      },
      responses: {
        201: json(ZSaveProductResponse, "Created"),
        ...common,
        402: json(ZErrorEnvelope, "Product quota of the plan reached"),
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await createProduct(db, env, actor(c.get("merchant")), c.req.valid("json")), 201);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/products/bulk",
      tags,
      summary:
        "Apply one action to many products, all or nothing (404 if any id is unknown; 422 if a price or stock would go below 0)",
      access: { kind: "merchant", permission: "catalog:manage" },
      request: {
        body: body(ZBulkProductsRequest, { action: "off_shelf", ids: ["0190d7c4-0000-7000-8000-000000000001"] }),
      },
      responses: {
        200: json(ZBulkProductsResponse, "How many products changed"),
        ...common,
        402: json(ZErrorEnvelope, "Product quota of the plan reached (restore)"),
        404: ERRORS[404],
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { db } = c.get("deps");
      return c.json(await bulkUpdateProducts(db, actor(c.get("merchant")), c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/products/{id}",
      tags,
      summary: "One product with its SKUs and their stock state (also when in the recycle bin)",
      access: { kind: "merchant", permission: "catalog:read", params },
      request: { params: ZIdParam },
      responses: { 200: json(ZProduct, "The product"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await getProduct(db, env, c.get("merchant").tenantId, c.req.valid("param").id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "patch",
      path: "/products/{id}",
      tags,
      summary:
        "Edit a product. New `skus` replace the matrix: SKUs whose spec values survive keep their id and stock history; the rest are reported in `removedSkus`",
      access: { kind: "merchant", permission: "catalog:manage", params },
      request: { params: ZIdParam, body: body(ZUpdateProductRequest, { title: "明前龙井 特级" }) },
      responses: {
        200: json(ZSaveProductResponse, "Saved"),
        ...common,
        404: ERRORS[404],
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const id = c.req.valid("param").id;
      return c.json(await updateProduct(db, env, actor(c.get("merchant")), id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "delete",
      path: "/products/{id}",
      tags,
      summary: "Move a product to the recycle bin (it goes off the shelf)",
      access: { kind: "merchant", permission: "catalog:manage", params },
      request: { params: ZIdParam },
      responses: { 200: json(ZOk, "In the bin"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      await trashProduct(c.get("deps").db, actor(c.get("merchant")), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/products/{id}/restore",
      tags,
      summary: "Take a product out of the recycle bin (off the shelf); 402 plan_limit when the plan is full",
      access: { kind: "merchant", permission: "catalog:manage", params },
      request: { params: ZIdParam },
      responses: {
        200: json(ZProduct, "Restored"),
        ...common,
        402: json(ZErrorEnvelope, "Product quota of the plan reached"),
        404: ERRORS[404],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await restoreProduct(db, env, actor(c.get("merchant")), c.req.valid("param").id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "delete",
      path: "/products/{id}/forever",
      tags,
      summary: "Delete a product in the recycle bin for good, with its SKUs and stock ledger (409 if not in the bin)",
      access: { kind: "merchant", permission: "catalog:manage", params },
      request: { params: ZIdParam },
      responses: { 200: json(ZOk, "Gone"), ...common, 404: ERRORS[404], 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      await purgeProduct(c.get("deps").db, actor(c.get("merchant")), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  );
