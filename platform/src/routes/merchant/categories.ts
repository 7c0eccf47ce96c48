// Merchant categories: the two-level tree with product counts, create, edit, delete (moving the
// products to another category), and the drag order of one level.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZCategory,
  ZCategoryTree,
  ZCreateCategoryRequest,
  ZDeleteCategoryQuery,
  ZDeleteCategoryResponse,
  ZReorderCategoriesRequest,
  ZUpdateCategoryRequest,
  ZUuid,
} from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import {
  createCategory,
  deleteCategory,
  getCategory,
  listCategoryTree,
  reorderCategories,
  updateCategory,
} from "../../services/catalog/manage-categories.ts";

const tags = ["merchant: catalog"];
const ZIdParam = z.strictObject({ id: ZUuid });
const common = { 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] };
const params = { id: "category" } as const;

export const merchantCategoryRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/categories",
      tags,
      summary: "The category tree (two levels, in order) with product counts",
      access: { kind: "merchant", permission: "catalog:read" },
      responses: { 200: json(ZCategoryTree, "Top-level categories with their subcategories"), ...common },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await listCategoryTree(db, env, c.get("merchant").tenantId), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/categories",
      tags,
      summary: "Create a category (at the end of its level); `parentId` must be a top-level category",
      access: { kind: "merchant", permission: "catalog:manage" },
      request: { body: body(ZCreateCategoryRequest, { name: "绿茶", visible: true }) },
      responses: { 201: json(ZCategory, "Created"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await createCategory(db, env, c.get("merchant").tenantId, c.req.valid("json")), 201);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/categories/reorder",
      tags,
      summary: "Save the order of one level after a drag: every category under `parentId`, in order",
      access: { kind: "merchant", permission: "catalog:manage" },
      request: {
        body: body(ZReorderCategoriesRequest, { parentId: null, ids: ["0190d7c4-0000-7000-8000-000000000001"] }),
      },
      responses: { 200: json(ZCategoryTree, "The tree in its new order"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await reorderCategories(db, env, c.get("merchant").tenantId, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/categories/{id}",
      tags,
      summary: "One category",
      access: { kind: "merchant", permission: "catalog:read", params },
      request: { params: ZIdParam },
      responses: { 200: json(ZCategory, "The category"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await getCategory(db, env, c.get("merchant").tenantId, c.req.valid("param").id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "patch",
      path: "/categories/{id}",
      tags,
      summary: "Rename, re-icon, show/hide or move a category (one with subcategories stays top-level)",
      access: { kind: "merchant", permission: "catalog:manage", params },
      request: { params: ZIdParam, body: body(ZUpdateCategoryRequest, { name: "乌龙茶" }) },
      responses: { 200: json(ZCategory, "Updated"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const id = c.req.valid("param").id;
      return c.json(await updateCategory(db, env, c.get("merchant").tenantId, id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "delete",
      path: "/categories/{id}",
      tags,
      summary:
        "Delete a category. With products it needs `?moveTo=<category id>` (else 409 category_in_use); with subcategories it is refused (409 conflict)",
      access: { kind: "merchant", permission: "catalog:manage", params },
      request: { params: ZIdParam, query: ZDeleteCategoryQuery },
      responses: {
        200: json(ZDeleteCategoryResponse, "Deleted"),
        ...common,
        404: ERRORS[404],
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const { movedProducts } = await deleteCategory(
        db,
        c.get("merchant").tenantId,
        c.req.valid("param").id,
        c.req.valid("query").moveTo,
      );
      return c.json({ ok: true as const, movedProducts }, 200);
    },
  );
