// Merchant pages: drafts saved under If-Match, duplicate, delete, the home page; publishing now or
// at a time, versions and rollback; and the store's theme and tab bar (drafted and published too).
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  CURRENT_SCHEMA_VERSION,
  ZCreatePageRequest,
  ZErrorEnvelope,
  ZListPagesQuery,
  ZListPageVersionsQuery,
  ZOk,
  ZPageDetail,
  ZPageDocumentInput,
  ZPageList,
  ZPageVersionDetail,
  ZPageVersionList,
  ZPublishPageRequest,
  ZPublishPageResponse,
  ZPublishStoreSettingsResponse,
  ZRollbackPageRequest,
  ZSchedulePageResponse,
  ZStoreSettings,
  ZStoreSettingsDocument,
  ZUuid,
} from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv, MerchantPrincipal } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { createPage, duplicatePage } from "../../services/pages/create-page.ts";
import { deletePage } from "../../services/pages/delete-page.ts";
import { getPageVersion, listPageVersions } from "../../services/pages/list-page-versions.ts";
import { getPage, listPages } from "../../services/pages/list-pages.ts";
import {
  getStoreSettings,
  publishStoreSettings,
  saveStoreSettingsDraft,
} from "../../services/pages/manage-store-settings.ts";
import type { PageActor } from "../../services/pages/page-actor.ts";
import { cancelScheduledPublish, publishPage, rollbackPage } from "../../services/pages/publish-page.ts";
import { revisionTag } from "../../services/pages/revision.ts";
import { savePageDraft } from "../../services/pages/save-page-draft.ts";
import { setHomePage } from "../../services/pages/set-home-page.ts";

const tags = ["merchant: pages"];
const ZIdParam = z.strictObject({ id: ZUuid });
const ZVersionParam = z.strictObject({ id: ZUuid, version: z.coerce.number().int().min(1) });
const ZIfMatchHeader = z.object({
  "if-match": z
    .string()
    .optional()
    .describe('The revision the change started from: "r<revision>" (the ETag of the read)'),
});
const common = { 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] };
const params = { id: "page" } as const;
const etag = { ETag: { description: 'The draft\'s revision, "r<revision>": send it back in If-Match to save' } };
const preconditions = {
  412: json(
    ZErrorEnvelope,
    "The draft changed since that revision (precondition_failed; the ETag names the current one)",
  ),
  428: json(ZErrorEnvelope, "If-Match missing or not a revision (precondition_required)"),
};

const actor = (m: MerchantPrincipal): PageActor => ({
  tenantId: m.tenantId,
  membershipId: m.membershipId,
  canPublish: m.permissions.has("pages:publish"),
});

const EXAMPLE_DOCUMENT = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  title: "夏季上新",
  blocks: [
    { id: "b_title", type: "title", props: { title: "今日推荐", align: "center" } },
    { id: "b_grid", type: "product-grid", props: { source: { source: "newest" }, limit: 6, columns: 2 } },
  ],
};

export const merchantPageRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/pages",
      tags,
      summary: "The store's pages, most recently edited first",
      access: { kind: "merchant", permission: "pages:read" },
      request: { query: ZListPagesQuery },
      responses: { 200: json(ZPageList, "A page of pages"), ...common, 422: ERRORS[422] },
    }),
    async (c) => c.json(await listPages(c.get("deps").db, c.get("merchant").tenantId, c.req.valid("query")), 200),
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/pages",
      tags,
      summary:
        "Create a page: an empty one, or from `document` (any schema version; its title becomes `title`). The store's first page becomes its home page",
      access: { kind: "merchant", permission: "pages:manage" },
      request: { body: body(ZCreatePageRequest, { title: "夏季上新" }) },
      responses: { 201: json(ZPageDetail, "Created"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const page = await createPage(c.get("deps").db, actor(c.get("merchant")), c.req.valid("json"));
      c.header("ETag", revisionTag(page.revision));
      return c.json(page, 201);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/pages/{id}",
      tags,
      summary: "One page: its draft and revision (also the ETag), the published version and any scheduled publish",
      access: { kind: "merchant", permission: "pages:read", params },
      request: { params: ZIdParam },
      responses: {
        200: { ...json(ZPageDetail, "The page"), headers: etag },
        ...common,
        404: ERRORS[404],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const page = await getPage(c.get("deps").db, c.get("merchant").tenantId, c.req.valid("param").id);
      c.header("ETag", revisionTag(page.revision));
      return c.json(page, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "put",
      path: "/pages/{id}/draft",
      tags,
      summary:
        'Save the draft. Needs `If-Match: "r<revision>"` (428 without it, 412 with the current revision when another save came first). The document is migrated (an older schemaVersion) and validated (422 with paths); rich text is cleaned; the page title is the document\'s',
      access: { kind: "merchant", permission: "pages:manage", params },
      request: { params: ZIdParam, headers: ZIfMatchHeader, body: body(ZPageDocumentInput, EXAMPLE_DOCUMENT) },
      responses: {
        200: { ...json(ZPageDetail, "Saved: the stored draft and its new revision"), headers: etag },
        ...common,
        404: ERRORS[404],
        ...preconditions,
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const page = await savePageDraft(
        c.get("deps").db,
        actor(c.get("merchant")),
        c.req.valid("param").id,
        c.req.valid("header")["if-match"],
        c.req.valid("json"),
      );
      c.header("ETag", revisionTag(page.revision));
      return c.json(page, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/pages/{id}/duplicate",
      tags,
      summary: 'A new unpublished page with a copy of this draft, titled "<title> (copy)"',
      access: { kind: "merchant", permission: "pages:manage", params },
      request: { params: ZIdParam },
      responses: { 201: json(ZPageDetail, "The copy"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const page = await duplicatePage(c.get("deps").db, actor(c.get("merchant")), c.req.valid("param").id);
      c.header("ETag", revisionTag(page.revision));
      return c.json(page, 201);
    },
  )
  .openapi(
    defineRoute({
      method: "delete",
      path: "/pages/{id}",
      tags,
      summary:
        "Delete a page and its versions. Not the home page (409 page_is_home); a published page needs pages:publish (403 otherwise)",
      access: { kind: "merchant", permission: "pages:manage", params },
      request: { params: ZIdParam },
      responses: { 200: json(ZOk, "Deleted"), ...common, 404: ERRORS[404], 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      await deletePage(c.get("deps").db, actor(c.get("merchant")), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/pages/{id}/set-home",
      tags,
      summary: "Make this page the store's home page (it must be published: 409 page_not_published)",
      access: { kind: "merchant", permission: "pages:publish", params },
      request: { params: ZIdParam },
      responses: {
        200: json(ZPageDetail, "The new home page"),
        ...common,
        404: ERRORS[404],
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => c.json(await setHomePage(c.get("deps").db, actor(c.get("merchant")), c.req.valid("param").id), 200),
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/pages/{id}/publish",
      tags,
      summary:
        "Publish the draft as a new immutable version (201), or schedule it with `at` (202; the checks run now and again at that time; publishing now cancels a schedule). Refused with 422 listing every problem by block: structure and limits, links and bindings to missing, deleted or off-shelf products, missing categories, pages or media, a hydrated payload over 128 KB. Warnings (heavy images, hidden categories, unpublished linked pages) do not refuse",
      access: { kind: "merchant", permission: "pages:publish", params },
      request: { params: ZIdParam, body: body(ZPublishPageRequest, { note: "夏季上新" }) },
      responses: {
        201: json(ZPublishPageResponse, "Published"),
        202: json(ZSchedulePageResponse, "Scheduled"),
        ...common,
        404: ERRORS[404],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const out = await publishPage(db, env, actor(c.get("merchant")), c.req.valid("param").id, c.req.valid("json"));
      if (out.kind === "scheduled") {
        c.get("deps").kickOutbox?.();
        return c.json({ scheduled: out.scheduled, warnings: out.warnings }, 202);
      }
      return c.json({ version: out.version, publishedAt: out.publishedAt, warnings: out.warnings }, 201);
    },
  )
  .openapi(
    defineRoute({
      method: "delete",
      path: "/pages/{id}/schedule",
      tags,
      summary: "Cancel a scheduled publish (nothing scheduled is fine)",
      access: { kind: "merchant", permission: "pages:publish", params },
      request: { params: ZIdParam },
      responses: { 200: json(ZOk, "No publish is scheduled"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      await cancelScheduledPublish(c.get("deps").db, actor(c.get("merchant")), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/pages/{id}/versions",
      tags,
      summary: "Published versions, newest first: note, author, time and the version a rollback restored",
      access: { kind: "merchant", permission: "pages:read", params },
      request: { params: ZIdParam, query: ZListPageVersionsQuery },
      responses: { 200: json(ZPageVersionList, "A page of versions"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const id = c.req.valid("param").id;
      return c.json(await listPageVersions(db, c.get("merchant").tenantId, id, c.req.valid("query")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/pages/{id}/versions/{version}",
      tags,
      summary: "One published version with its document (migrated to the current schema version)",
      access: { kind: "merchant", permission: "pages:read", params },
      request: { params: ZVersionParam },
      responses: { 200: json(ZPageVersionDetail, "The version"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { id, version } = c.req.valid("param");
      return c.json(await getPageVersion(c.get("deps").db, c.get("merchant").tenantId, id, version), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/pages/{id}/rollback",
      tags,
      summary:
        "Publish an older version again, as a new version that records `restoredFrom` (same checks as a publish; the draft is left as it is)",
      access: { kind: "merchant", permission: "pages:publish", params },
      request: { params: ZIdParam, body: body(ZRollbackPageRequest, { version: 1, note: "回到上一版" }) },
      responses: { 201: json(ZPublishPageResponse, "Published"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(
        await rollbackPage(db, env, actor(c.get("merchant")), c.req.valid("param").id, c.req.valid("json")),
        201,
      );
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/store-settings",
      tags,
      summary: "The store's theme and tab bar: draft (revision also in the ETag) and published",
      access: { kind: "merchant", permission: "pages:read" },
      responses: { 200: { ...json(ZStoreSettings, "Theme and tab bar"), headers: etag }, ...common },
    }),
    async (c) => {
      const settings = await getStoreSettings(c.get("deps").db, c.get("merchant").tenantId);
      c.header("ETag", revisionTag(settings.revision));
      return c.json(settings, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "put",
      path: "/store-settings/draft",
      tags,
      summary:
        'Save the theme and tab bar draft. Needs `If-Match: "r<revision>"` ("r0" for a store that never saved one)',
      access: { kind: "merchant", permission: "pages:manage" },
      request: {
        headers: ZIfMatchHeader,
        body: body(ZStoreSettingsDocument, {
          theme: { colors: { primary: "#ff5000" }, radius: 8, buttonStyle: "pill" },
          tabBar: {
            items: [
              { tab: "home", text: "首页", icon: "home" },
              { tab: "cart", text: "购物车", icon: "cart" },
              { tab: "me", text: "我的", icon: "user" },
            ],
          },
        }),
      },
      responses: {
        200: { ...json(ZStoreSettings, "Saved"), headers: etag },
        ...common,
        ...preconditions,
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const settings = await saveStoreSettingsDraft(
        db,
        c.get("merchant").tenantId,
        c.req.valid("header")["if-match"],
        c.req.valid("json"),
      );
      c.header("ETag", revisionTag(settings.revision));
      return c.json(settings, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/store-settings/publish",
      tags,
      summary: "Publish the theme and tab bar draft (the defaults, for a store that never saved one)",
      access: { kind: "merchant", permission: "pages:publish" },
      responses: { 201: json(ZPublishStoreSettingsResponse, "Published"), ...common, 422: ERRORS[422] },
    }),
    async (c) => c.json(await publishStoreSettings(c.get("deps").db, c.get("merchant").tenantId), 201),
  );
