// Draft previews: a signed link to a page's draft, valid for 10 minutes, that the store read path
// serves (GET /store/v1/preview/{token}) without a session, so a phone can open it.
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { sql } from "../../db/read.ts";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { notFound } from "../../http/errors.ts";
import { ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { createPreviewToken } from "../../services/storefront/preview-token.ts";

const ZPreviewToken = z.object({
  token: z.string(),
  url: z.string().describe("GET it without a session: the page's draft, hydrated"),
  expiresAt: z.string(),
});

export const merchantPagePreviewRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  defineRoute({
    method: "post",
    path: "/pages/{id}/preview-token",
    tags: ["merchant: pages"],
    summary: "A 10-minute signed link to this page's draft",
    access: { kind: "merchant", permission: "pages:read", params: { id: "page" } },
    request: { params: z.strictObject({ id: ZUuid }) },
    responses: {
      200: json(ZPreviewToken, "The token and the preview URL"),
      401: ERRORS[401],
      403: ERRORS[403],
      404: ERRORS[404],
      422: ERRORS[422],
      423: ERRORS[423],
    },
  }),
  async (c) => {
    const { reader, env } = c.get("deps");
    const tenantId = c.get("merchant").tenantId;
    const id = c.req.valid("param").id;
    const [rows] = await reader.read(tenantId, [
      sql<{ id: string }>`SELECT p.id::text AS id FROM pages p WHERE p.id = ${id}::uuid`,
    ]);
    if (rows.length === 0) throw notFound("page");
    const { token, expiresAt } = createPreviewToken(env, tenantId, id);
    return c.json({ token, url: `${env.publicUrl}/store/v1/preview/${token}`, expiresAt }, 200);
  },
);
