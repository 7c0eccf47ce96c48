// Platform admin: a store's billing with its transitions, plan overrides (comps), trial extensions,
// and the audit log of every admin action.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZAuditPage,
  ZAuditQuery,
  ZExtendTrialRequest,
  ZPlanOverrideRequest,
  ZTenantBillingDetail,
  ZUuid,
} from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import {
  adminActor,
  extendTrial,
  listAudit,
  overridePlan,
  tenantBillingDetail,
} from "../../services/platform/manage-billing.ts";

const tags = ["platform: billing"];
const access = { kind: "platform" } as const;
const ZIdParam = z.strictObject({ id: ZUuid });
const common = { 401: ERRORS[401], 403: ERRORS[403] };

export const platformBillingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/tenants/{id}/billing",
      tags,
      summary: "A store's plan, billing state, usage, Stripe ids and its billing transitions",
      access,
      request: { params: ZIdParam },
      responses: { 200: json(ZTenantBillingDetail, "Billing"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { admin, db, env } = c.get("deps");
      return c.json(await tenantBillingDetail({ admin, db, env }, c.req.valid("param").id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/tenants/{id}/plan-override",
      tags,
      summary: "Give a store a plan whatever Stripe says (a comp), for a while or until removed; plan null ends it",
      access,
      request: {
        params: ZIdParam,
        body: body(ZPlanOverrideRequest, { plan: "pro", until: "2027-01-31T00:00:00+08:00", reason: "launch partner" }),
      },
      responses: { 200: json(ZTenantBillingDetail, "Billing"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { admin, db, env } = c.get("deps");
      const actor = await adminActor(admin, c.get("platform").userId);
      return c.json(await overridePlan({ admin, db, env }, actor, c.req.valid("param").id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/tenants/{id}/trial",
      tags,
      summary: "Extend a store's trial by some days",
      access,
      request: { params: ZIdParam, body: body(ZExtendTrialRequest, { days: 14, reason: "still setting up" }) },
      responses: { 200: json(ZTenantBillingDetail, "Billing"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { admin, db, env } = c.get("deps");
      const actor = await adminActor(admin, c.get("platform").userId);
      return c.json(await extendTrial({ admin, db, env }, actor, c.req.valid("param").id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/audit-log",
      tags,
      summary: "Every platform admin action, newest first (who, what, when, before and after)",
      access,
      request: { query: ZAuditQuery },
      responses: { 200: json(ZAuditPage, "A page of the log"), ...common, 422: ERRORS[422] },
    }),
    async (c) => c.json(await listAudit(c.get("deps").admin, c.req.valid("query")), 200),
  );
