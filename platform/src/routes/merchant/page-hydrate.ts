// Hydrating a document the designer is editing: migrated and validated as a draft save would be, then
// resolved through the store read path's own hydration, so the canvas shows the real products,
// categories and page titles its bindings and links point at before anything is saved.
import { OpenAPIHono } from "@hono/zod-openapi";
import { CURRENT_SCHEMA_VERSION, ZHydratePageRequest, ZHydratePageResponse } from "@mallwright/schema";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { hydratePage } from "../../services/pages/hydrate-page.ts";
import { requireValidPage } from "../../services/pages/page-document.ts";

const EXAMPLE = {
  document: {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: "夏季上新",
    blocks: [{ id: "b_grid", type: "product-grid", props: { source: { source: "newest" }, limit: 6, columns: 2 } }],
  },
};

export const merchantPageHydrateRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  defineRoute({
    method: "post",
    path: "/pages/hydrate",
    tags: ["merchant: pages"],
    summary: "Hydrate an unsaved document: its bindings and links resolved as the store would show them",
    description:
      "The document may be of any schema version (it is migrated; a newer one or invalid blocks are a 422 with paths under `document`). Answers the document at the current schema version, rich text cleaned, and its `data` map. Nothing is stored.",
    access: { kind: "merchant", permission: "pages:read" },
    request: { body: body(ZHydratePageRequest, EXAMPLE) },
    responses: {
      200: json(ZHydratePageResponse, "The migrated document and its data"),
      401: ERRORS[401],
      403: ERRORS[403],
      413: ERRORS[413],
      422: ERRORS[422],
      423: ERRORS[423],
    },
  }),
  async (c) => {
    const { reader, env } = c.get("deps");
    const document = requireValidPage(c.req.valid("json").document, "draft", "document");
    const data = await hydratePage(reader, c.get("merchant").tenantId, document, { env });
    return c.json({ document, data }, 200);
  },
);
