// The store's own view of its WeChat setup (set by platform admins) and its daily bill checks.
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZMerchantWechat } from "@mallwright/schema";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { loadBillRuns, presentBillRun } from "../../services/payments/reconcile-bill.ts";
import { presentTenantWechat } from "../../services/platform/present-wechat.ts";

export const merchantWechatRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  defineRoute({
    method: "get",
    path: "/wechat",
    tags: ["merchant: wechat"],
    summary: "This store's WeChat Pay onboarding status and its recent bill reconciliations",
    access: { kind: "merchant", permission: "orders:read" },
    responses: { 200: json(ZMerchantWechat, "Status"), 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] },
  }),
  async (c) => {
    const { db } = c.get("deps");
    const { tenantId } = c.get("merchant");
    const out = await db.withTenant(tenantId, async (tx) => {
      const row = await tx.tenantWechat.findUnique({ where: { tenantId } });
      const runs = await loadBillRuns(tx);
      return { ...presentTenantWechat(row), bills: runs.map(presentBillRun) };
    });
    return c.json(out, 200);
  },
);
