// Platform admin: what WeChat the platform has configured (no secrets), each store's WeChat
// settings (sub-merchant, mini-program, onboarding status, authorizer token), and its bill runs.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZBillRunList,
  ZTenantWechat,
  ZUpdateTenantWechatRequest,
  ZUuid,
  ZWechatPlatformStatus,
} from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { adminActor, audit } from "../../services/platform/manage-billing.ts";
import {
  getTenantWechat,
  tenantBillRuns,
  updateTenantWechat,
  wechatPlatformStatus,
} from "../../services/platform/manage-wechat.ts";

const tags = ["platform: wechat"];
const access = { kind: "platform" } as const;
const ZIdParam = z.strictObject({ id: ZUuid });
const common = { 401: ERRORS[401], 403: ERRORS[403] };

export const platformWechatRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/wechat",
      tags,
      summary: "The platform's WeChat Pay and third-party platform settings (no secrets)",
      access,
      responses: { 200: json(ZWechatPlatformStatus, "Settings"), ...common },
    }),
    async (c) => {
      const { admin, env } = c.get("deps");
      return c.json(await wechatPlatformStatus(admin, env), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/tenants/{id}/wechat",
      tags,
      summary: "A store's WeChat settings",
      access,
      request: { params: ZIdParam },
      responses: { 200: json(ZTenantWechat, "Settings"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => c.json(await getTenantWechat(c.get("deps").admin, c.req.valid("param").id), 200),
  )
  .openapi(
    defineRoute({
      method: "put",
      path: "/tenants/{id}/wechat",
      tags,
      summary: "Set a store's sub-merchant, mini-program and onboarding status",
      description:
        "Fields left out stay as they are. `active` needs both the sub-merchant number and the appid. The authorizer refresh token is write-only; changing the appid forgets the old one's tokens.",
      access,
      request: {
        params: ZIdParam,
        body: body(ZUpdateTenantWechatRequest, {
          subMchid: "1900000109",
          subAppid: "wx1234567890abcdef",
          onboardingStatus: "active",
        }),
      },
      responses: {
        200: json(ZTenantWechat, "Saved"),
        ...common,
        404: ERRORS[404],
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { admin, env } = c.get("deps");
      const id = c.req.valid("param").id;
      const input = c.req.valid("json");
      const before = await getTenantWechat(admin, id);
      const after = await updateTenantWechat(admin, env, id, input);
      const actor = await adminActor(admin, c.get("platform").userId);
      // The refresh token is a secret: the log says only that one was set.
      await admin.withAdmin((tx) =>
        audit(tx, actor, "tenant.wechat_update", id, {
          before,
          after: { ...after, authorizerRefreshTokenSet: Boolean(input.authorizerRefreshToken) },
        }),
      );
      return c.json(after, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/tenants/{id}/bills",
      tags,
      summary: "A store's daily WeChat Pay bill reconciliations (the last 30)",
      access,
      request: { params: ZIdParam },
      responses: { 200: json(ZBillRunList, "Runs, newest first"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => c.json(await tenantBillRuns(c.get("deps").admin, c.req.valid("param").id), 200),
  );
