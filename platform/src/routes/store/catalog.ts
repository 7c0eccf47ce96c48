// The shopper's catalog: categories, product list and search, product page, search suggestions
// and hot words. The store comes from X-Mallwright-Tenant; only on-shelf products are visible.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZHotSearchWords,
  ZSearchSuggestions,
  ZSearchSuggestQuery,
  ZStoreCategoryTree,
  ZStoreProductDetail,
  ZStoreProductPage,
  ZStoreProductsQuery,
  ZUuid,
} from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { getStoreProduct } from "../../services/storefront/get-product.ts";
import { listStoreCategories } from "../../services/storefront/list-categories.ts";
import { listHotWords } from "../../services/storefront/list-hot-words.ts";
import { listStoreProducts } from "../../services/storefront/list-products.ts";
import { suggestSearches } from "../../services/storefront/suggest-searches.ts";

const tags = ["store: catalog"];
const reason = "shoppers browse before they sign in";
const access = { kind: "store", reason } as const;
const common = { 400: ERRORS[400], 404: ERRORS[404], 423: ERRORS[423] };

export const storeCatalogRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/categories",
      tags,
      summary: "The visible category tree, in order, with icons",
      access,
      responses: { 200: json(ZStoreCategoryTree, "Top-level categories with their subcategories"), ...common },
    }),
    async (c) => {
      const { reader, env } = c.get("deps");
      return c.json(await listStoreCategories(reader, env, c.get("storeTenant").id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/products",
      tags,
      summary: "List, filter and search on-shelf products",
      description:
        "A top-level `category` includes its subcategories' products. `minPrice`/`maxPrice` (fen) match products whose price range overlaps. `q` matches every word in title, subtitle or tags (Chinese and Latin, case-insensitive) and is logged for hot words. Sort defaults to `relevance` with `q`, else `newest`. `cursor` continues the same query only (422 otherwise).",
      access,
      request: { query: ZStoreProductsQuery },
      responses: { 200: json(ZStoreProductPage, "A page of product cards"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { reader, env } = c.get("deps");
      return c.json(await listStoreProducts(reader, env, c.get("storeTenant").id, c.req.valid("query")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/products/{id}",
      tags,
      summary: "An on-shelf product with its SKUs and the SKU picker's matrix",
      access: { ...access, params: { id: "product" } },
      request: { params: z.strictObject({ id: ZUuid }) },
      responses: {
        200: json(ZStoreProductDetail, "The product"),
        ...common,
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { reader, env } = c.get("deps");
      return c.json(await getStoreProduct(reader, env, c.get("storeTenant").id, c.req.valid("param").id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/search/suggest",
      tags,
      summary: "Suggestions while typing: tags and product titles that start with or contain q",
      access,
      request: { query: ZSearchSuggestQuery },
      responses: { 200: json(ZSearchSuggestions, "Up to 8 suggestions"), ...common, 422: ERRORS[422] },
    }),
    async (c) =>
      c.json(await suggestSearches(c.get("deps").reader, c.get("storeTenant").id, c.req.valid("query").q), 200),
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/search/hot",
      tags,
      summary: "The store's 10 most searched words of the last 30 days",
      access,
      responses: { 200: json(ZHotSearchWords, "Hot words, most searched first"), ...common },
    }),
    async (c) => {
      // Shared caches must key on the store header; a few minutes of staleness is fine for hot words.
      c.header("Cache-Control", "public, max-age=300");
      c.header("Vary", "X-Mallwright-Tenant");
      return c.json(await listHotWords(c.get("deps").reader, c.get("storeTenant").id), 200);
    },
  );
