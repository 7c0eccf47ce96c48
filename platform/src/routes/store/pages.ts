// The shopper's pages: the home page and any published page, each the current published version
// with its one normalized `data` map, under a strong ETag (304 on If-None-Match; clients revalidate);
// the published theme and tab bar (a strong ETag too); and a draft preview behind a signed, short-lived token.
import { createHash } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZPageData, ZPageDocumentOutput, ZStoreTheme, ZTabBar, ZUuid } from "@mallwright/schema";
import type { Context } from "hono";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { answerPage } from "../../http/page-response.ts";
import { ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import type { CachedPage } from "../../services/storefront/page-cache.ts";
import { verifyPreviewToken } from "../../services/storefront/preview-token.ts";
import { readDraftPreview, readStorePage, readStoreSettings } from "../../services/storefront/read-page.ts";

const tags = ["store: pages"];
const reason = "shoppers browse before they sign in";
const access = { kind: "store", reason } as const;
const common = { 400: ERRORS[400], 404: ERRORS[404], 423: ERRORS[423] };

const ZStorePage = z.object({
  page: z.object({
    id: z.string(),
    title: z.string(),
    version: z.number().int(),
    publishedAt: z.string(),
    document: ZPageDocumentOutput,
  }),
  data: ZPageData,
});
const ZStorePreview = z.object({
  page: z.object({ id: z.string(), title: z.string(), revision: z.number().int(), document: ZPageDocumentOutput }),
  data: ZPageData,
  store: z
    .object({ name: z.string(), logoUrl: z.string().nullable(), theme: ZStoreTheme, tabBar: ZTabBar })
    .describe("The store's name, and its theme and tab bar as drafted (what publishing would show)"),
});
const ZStoreSettingsView = z.object({
  name: z.string(),
  logoUrl: z.string().nullable().describe("The store's logo, null without one"),
  theme: ZStoreTheme,
  tabBar: ZTabBar,
  version: z.number().int().nullable().describe("The published settings' version; null: never published (defaults)"),
});
const ZIfNoneMatch = z.object({
  "if-none-match": z.string().optional().describe("The ETag of a copy the client holds: 304 when it is current"),
});
const pageResponses = {
  200: {
    ...json(ZStorePage, "The published page and its data"),
    headers: { ETag: { description: "Strong: tenant, page, version and the data's digest" } },
  },
  304: { description: "The client's copy (If-None-Match) is current" },
  ...common,
};

/** Strong ETag of a settings response: the tenant and the body as sent (the name is part of it). */
export function settingsEtag(tenantId: string, body: string): string {
  return `"s.${createHash("sha256").update(`${tenantId}\n${body}`).digest("base64url").slice(0, 27)}"`;
}

/** A JSON body under a strong ETag: 304 when If-None-Match names it (http/page-response.ts). */
function send(c: Context<AppEnv>, page: CachedPage) {
  const answer = answerPage(page, c.req.header("accept-encoding"), c.req.header("if-none-match"));
  return answer.status === 304 ? c.body(null, 304, answer.headers) : c.body(answer.body, 200, answer.headers);
}

export const storePageRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/pages/home",
      tags,
      summary: "The store's home page: its current published version, hydrated",
      access,
      request: { headers: ZIfNoneMatch },
      responses: pageResponses,
    }),
    async (c) => {
      const { reader, env, pageCache } = c.get("deps");
      return send(c, await readStorePage({ reader, env }, c.get("storeTenant").id, "home", pageCache)) as never;
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/pages/{id}",
      tags,
      summary: "A published page: its current published version, hydrated",
      description: "A page that was never published, or another store's, is a 404.",
      access: { ...access, params: { id: "page" } },
      request: { params: z.strictObject({ id: ZUuid }), headers: ZIfNoneMatch },
      responses: { ...pageResponses, 422: ERRORS[422] },
    }),
    async (c) => {
      const { reader, env, pageCache } = c.get("deps");
      return send(
        c,
        await readStorePage({ reader, env }, c.get("storeTenant").id, { id: c.req.valid("param").id }, pageCache),
      ) as never;
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/settings",
      tags,
      summary: "The store's published theme and tab bar (defaults until published) and its name",
      access,
      request: { headers: ZIfNoneMatch },
      responses: {
        200: {
          ...json(ZStoreSettingsView, "Theme, tab bar and name"),
          headers: { ETag: { description: "Strong: a digest of the tenant and the body" } },
        },
        304: { description: "The client's copy (If-None-Match) is current" },
        ...common,
      },
    }),
    async (c) => {
      const store = c.get("storeTenant");
      const view = await readStoreSettings(c.get("deps").reader, store.id, store.name);
      const body = JSON.stringify(view);
      return send(c, { body, etag: settingsEtag(store.id, body) }) as never;
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/preview/{token}",
      tags,
      summary: "A page's draft, hydrated, for a preview link (POST /merchant/v1/pages/{id}/preview-token)",
      description:
        "The token is the credential (10 minutes, signed): 401 when it is not valid, 410 once expired. Never cached.",
      access: { kind: "public", reason: "the signed preview token is the credential (merchant previews on a phone)" },
      request: { params: z.object({ token: z.string().max(300) }) },
      responses: {
        200: json(ZStorePreview, "The draft and its data"),
        401: ERRORS[401],
        404: ERRORS[404],
        410: { description: "The preview link expired (token_invalid)" },
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { reader, env } = c.get("deps");
      const { tenantId, pageId } = verifyPreviewToken(env, c.req.valid("param").token);
      c.header("Cache-Control", "no-store");
      return c.json(await readDraftPreview({ reader, env }, tenantId, pageId), 200);
    },
  );
