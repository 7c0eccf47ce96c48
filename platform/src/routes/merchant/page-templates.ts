// Page templates for an existing store: the shipped templates (tenant-templates/) a picker shows,
// and "apply": a template's pages added as new drafts (services/templates/apply-template-pages.ts).
// Existing pages, the home page and the theme are left as they are; nothing is published.
// Under /page-templates rather than /pages, so no path can be taken for a page id.
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZTemplateName } from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { ApiError } from "../../http/errors.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { findTemplate, listTemplates } from "../../services/platform/templates.ts";
import { applyTemplatePages } from "../../services/templates/apply-template-pages.ts";

const tags = ["merchant: pages"];
const common = { 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] };

const ZLocalized = z.object({ zh: z.string(), en: z.string() });
const ZPageTemplate = z.object({
  name: z.string(),
  title: ZLocalized,
  description: ZLocalized,
  previewColors: z.array(z.string()).describe("Three #rrggbb colours: the template's swatch"),
});
const ZPageTemplateList = z.object({ items: z.array(ZPageTemplate) });
const ZApplyPageTemplateRequest = z.strictObject({ template: ZTemplateName });
const ZApplyPageTemplateResponse = z.object({
  pages: z
    .array(z.object({ id: z.string(), title: z.string() }))
    .describe("The new draft pages, in the template's order; titles already taken get a ' (2)' suffix"),
});

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
          items: listTemplates().map((t) => ({
            name: t.name,
            title: { zh: t.title.zh, en: t.title.en },
            description: { zh: t.description.zh, en: t.description.en },
            previewColors: t.previewColors,
          })),
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
        "Add a template's pages to the store as new drafts (unpublished). Links and product bindings point at the store's own copies of the template's catalog where it has them and are dropped otherwise; existing pages, the home page and the theme are not touched. An unknown template is a 422",
      access: { kind: "merchant", permission: "pages:manage" },
      request: { body: body(ZApplyPageTemplateRequest, { template: "fresh-food" }) },
      responses: { 201: json(ZApplyPageTemplateResponse, "The created drafts"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { template } = c.req.valid("json");
      if (!findTemplate(template)) {
        throw new ApiError("validation_failed", `there is no template called ${template}`, [
          { path: "template", message: "unknown template", in: "body" },
        ]);
      }
      const { db, env, storage } = c.get("deps");
      const { tenantId, membershipId } = c.get("merchant");
      const { pages } = await applyTemplatePages({ db, env, storage }, { tenantId, membershipId }, template);
      return c.json({ pages: pages.map(({ id, title }) => ({ id, title })) }, 201);
    },
  );
