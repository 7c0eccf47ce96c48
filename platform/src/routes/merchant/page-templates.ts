// Page templates for an existing store: the shipped templates (tenant-templates/) a picker shows,
// "apply": a template's pages added as new drafts (services/templates/apply-template-pages.ts), and its
// theme and tab bar as the settings draft when asked; "document": one template page resolved for a page
// of this store (the designer's "apply to this page"). Existing pages and the home page are left as
// they are; nothing is published.
// Under /page-templates rather than /pages, so no path can be taken for a page id.
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZPageDocumentOutput, ZTemplateName } from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { ApiError } from "../../http/errors.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { findTemplate, listTemplates } from "../../services/platform/templates.ts";
import {
  applyTemplatePages,
  applyTemplateSettingsDraft,
  templatePageDocument,
} from "../../services/templates/apply-template-pages.ts";
import { readTemplate } from "../../services/templates/read-template.ts";

const tags = ["merchant: pages"];
const common = { 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] };

const ZLocalized = z.object({ zh: z.string(), en: z.string() });
const ZPageTemplate = z.object({
  name: z.string(),
  title: ZLocalized,
  description: ZLocalized,
  previewColors: z.array(z.string()).describe("Three #rrggbb colours: the template's swatch"),
  pages: z
    .array(z.object({ key: z.string(), title: z.string() }))
    .describe("The template's pages in order (the first is its home page)"),
  hasSettings: z.boolean().describe("Whether it carries a theme and tab bar"),
});
const ZPageTemplateList = z.object({ items: z.array(ZPageTemplate) });
const ZApplyPageTemplateRequest = z.strictObject({
  template: ZTemplateName,
  settings: z
    .boolean()
    .default(false)
    .describe("Also make the template's theme and tab bar the store's settings draft (not published)"),
});
const ZApplyPageTemplateResponse = z.object({
  pages: z
    .array(z.object({ id: z.string(), title: z.string() }))
    .describe("The new draft pages, in the template's order; titles already taken get a ' (2)' suffix"),
  settingsDraft: z.boolean().describe("Whether the store's settings draft now holds the template's theme and tab bar"),
});
const ZTemplateDocumentRequest = z.strictObject({
  template: ZTemplateName,
  page: z.string().max(60).optional().describe("A page key from the list (default: the template's first page)"),
});
const ZTemplateDocumentResponse = z.object({ key: z.string(), document: ZPageDocumentOutput });

function unknownTemplate(template: string): ApiError {
  return new ApiError("validation_failed", `there is no template called ${template}`, [
    { path: "template", message: "unknown template", in: "body" },
  ]);
}

export const merchantPageTemplateRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/page-templates",
      tags,
      summary: "The store templates whose pages can be added to this store",
      access: { kind: "merchant", permission: "pages:read" },
      responses: { 200: json(ZPageTemplateList, "The templates, by name"), ...common },
    }),
    (c) =>
      c.json(
        {
          items: listTemplates().map((t) => {
            const content = readTemplate(t.name);
            return {
              name: t.name,
              title: { zh: t.title.zh, en: t.title.en },
              description: { zh: t.description.zh, en: t.description.en },
              previewColors: t.previewColors,
              pages: (content?.pages ?? []).map((p) => ({ key: p.key, title: titleOf(p.raw, p.key) })),
              hasSettings: Boolean(content?.settings),
            };
          }),
        },
        200,
      ),
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/page-templates/apply",
      tags,
      summary:
        "Add a template's pages to the store as new drafts (unpublished). Links and product bindings point at the store's own copies of the template's catalog where it has them and are dropped otherwise; existing pages and the home page are not touched, nor the theme unless `settings` asks for it (then as the settings draft). An unknown template is a 422",
      access: { kind: "merchant", permission: "pages:manage" },
      request: { body: body(ZApplyPageTemplateRequest, { template: "fresh-food" }) },
      responses: { 201: json(ZApplyPageTemplateResponse, "The created drafts"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { template, settings } = c.req.valid("json");
      if (!findTemplate(template)) throw unknownTemplate(template);
      const { db, env, storage } = c.get("deps");
      const { tenantId, membershipId } = c.get("merchant");
      const { pages } = await applyTemplatePages({ db, env, storage }, { tenantId, membershipId }, template);
      const settingsDraft = settings
        ? await applyTemplateSettingsDraft({ db, env, storage }, tenantId, template)
        : false;
      return c.json({ pages: pages.map(({ id, title }) => ({ id, title })), settingsDraft }, 201);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/page-templates/document",
      tags,
      summary:
        "One template page as a document for a page of this store (the designer's 'apply to this page'): bindings and links resolved to the store's own copies of the template's catalog (dropped where it has none; links to the template's other pages dropped), its pictures added to the media library. No page is created or changed",
      access: { kind: "merchant", permission: "pages:manage" },
      request: { body: body(ZTemplateDocumentRequest, { template: "fresh-food", page: "home" }) },
      responses: { 200: json(ZTemplateDocumentResponse, "The page document"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { template, page } = c.req.valid("json");
      if (!findTemplate(template)) throw unknownTemplate(template);
      const { db, env, storage } = c.get("deps");
      const { tenantId, membershipId } = c.get("merchant");
      return c.json(await templatePageDocument({ db, env, storage }, { tenantId, membershipId }, template, page), 200);
    },
  );

function titleOf(raw: unknown, key: string): string {
  return typeof raw === "object" && raw !== null && "title" in raw && typeof raw.title === "string" ? raw.title : key;
}
