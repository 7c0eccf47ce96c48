// Platform admin tenant operations: provision, list and search, read, update, suspend, resume.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZCreateTenantRequest,
  ZListTenantsQuery,
  ZProvisionTenantResponse,
  ZSuspendTenantRequest,
  ZTenant,
  ZTenantPage,
  ZUpdateTenantRequest,
  ZUuid,
} from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { adminActor, audit } from "../../services/platform/manage-billing.ts";
import {
  getTenant,
  listTenants,
  resumeTenant,
  suspendTenant,
  updateTenant,
} from "../../services/platform/manage-tenants.ts";
import { provisionTenant } from "../../services/platform/provision-tenant.ts";

const tags = ["platform: tenants"];
const access = { kind: "platform" } as const;
const ZIdParam = z.strictObject({ id: ZUuid });
const common = { 401: ERRORS[401], 403: ERRORS[403] };

export const platformTenantRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/tenants",
      tags,
      summary: "List and search tenants",
      access,
      request: { query: ZListTenantsQuery },
      responses: { 200: json(ZTenantPage, "A page of tenants"), ...common, 422: ERRORS[422] },
    }),
    async (c) => c.json(await listTenants(c.get("deps").admin, c.req.valid("query")), 200),
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/tenants",
      tags,
      summary: "Provision a tenant with its owner (invited when new) and template",
      access,
      request: { body: body(ZCreateTenantRequest) },
      responses: {
        201: json(ZProvisionTenantResponse, "Tenant created"),
        ...common,
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { admin, db, env, storage, kickOutbox } = c.get("deps");
      const input = c.req.valid("json");
      const created = await provisionTenant(admin, env, input, { db, env, storage });
      const actor = await adminActor(admin, c.get("platform").userId);
      await admin.withAdmin((tx) =>
        audit(tx, actor, "tenant.provision", created.tenant.id, {
          after: {
            key: input.key,
            name: input.name,
            plan: input.plan,
            template: input.template ?? null,
            owner: "(invited)",
          },
        }),
      );
      kickOutbox?.();
      return c.json(created, 201);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/tenants/{id}",
      tags,
      summary: "Read a tenant",
      access,
      request: { params: ZIdParam },
      responses: { 200: json(ZTenant, "The tenant"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => c.json(await getTenant(c.get("deps").admin, c.req.valid("param").id), 200),
  )
  .openapi(
    defineRoute({
      method: "patch",
      path: "/tenants/{id}",
      tags,
      summary: "Rename a tenant or set its plan (a platform admin's override until removed; audited)",
      access,
      request: { params: ZIdParam, body: body(ZUpdateTenantRequest) },
      responses: { 200: json(ZTenant, "The updated tenant"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { admin, db, env } = c.get("deps");
      const actor = await adminActor(admin, c.get("platform").userId);
      return c.json(await updateTenant({ admin, db, env }, actor, c.req.valid("param").id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/tenants/{id}/suspend",
      tags,
      summary: "Suspend a tenant: its store and merchant APIs answer 423 until resumed",
      access,
      request: {
        params: ZIdParam,
        body: { required: false, content: { "application/json": { schema: ZSuspendTenantRequest } } },
      },
      responses: { 200: json(ZTenant, "The suspended tenant"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const reason = c.req.valid("json")?.reason;
      const { admin } = c.get("deps");
      const actor = await adminActor(admin, c.get("platform").userId);
      return c.json(await suspendTenant(admin, c.req.valid("param").id, reason, actor), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/tenants/{id}/resume",
      tags,
      summary: "Resume a suspended tenant",
      access,
      request: { params: ZIdParam },
      responses: { 200: json(ZTenant, "The active tenant"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { admin } = c.get("deps");
      const actor = await adminActor(admin, c.get("platform").userId);
      return c.json(await resumeTenant(admin, c.req.valid("param").id, actor), 200);
    },
  );
