// Shopper sign-in for the mini-program: a login code -> a store-scoped token; sign-out; who am I.
// The store comes from X-Mallwright-Tenant, so the token only ever works with that store's key.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZBindPhoneRequest,
  ZBindPhoneResponse,
  ZShopperLoginRequest,
  ZShopperLoginResponse,
  ZShopperMe,
} from "@mallwright/schema";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { notFound } from "../../http/errors.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { logInShopper, revokeShopperSession } from "../../services/shoppers/log-in-shopper.ts";
import { bindShopperPhone } from "../../services/shoppers/wechat-login.ts";

const tags = ["store: shoppers"];
const common = { 400: ERRORS[400], 404: ERRORS[404], 423: ERRORS[423] };

export const storeShopperAuthRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "post",
      path: "/auth/wechat",
      tags,
      summary: "Sign a shopper in with wx.login's code (development: `dev:<name>`, refused in production)",
      description:
        "code2session for the store's mini-program through the platform's WeChat third-party platform (/sns/component/jscode2session); creates the store's shopper (openid, unionid when WeChat gives one) on first sign-in. A used or invalid code answers 422; without WeChat configured, any code other than the development one answers 503.",
      access: { kind: "store", reason: "this is how a shopper gets a session" },
      request: { body: body(ZShopperLoginRequest, { code: "dev:xiaoming" }) },
      responses: {
        200: json(ZShopperLoginResponse, "The session"),
        ...common,
        403: ERRORS[403],
        422: ERRORS[422],
        503: ERRORS[503],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const session = await logInShopper(db, env, c.get("storeTenant").id, c.req.valid("json").code);
      return c.json({ ...session, expiresAt: session.expiresAt.toISOString() }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/auth/logout",
      tags,
      summary: "End this shopper session",
      access: { kind: "shopper" },
      responses: { 204: { description: "Signed out" }, ...common, 401: ERRORS[401] },
    }),
    async (c) => {
      const { tenantId, sessionId } = c.get("shopper");
      await revokeShopperSession(c.get("deps").db, tenantId, sessionId);
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/me/phone",
      tags,
      summary: "Bind the shopper's phone number from a getPhoneNumber code",
      description:
        "The number is fetched from WeChat with the store's authorizer token and kept encrypted; the answer shows its last four digits.",
      access: { kind: "shopper" },
      request: {
        body: body(ZBindPhoneRequest, { code: "e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144" }),
      },
      responses: {
        200: json(ZBindPhoneResponse, "Bound"),
        ...common,
        401: ERRORS[401],
        422: ERRORS[422],
        503: ERRORS[503],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await bindShopperPhone(db, env, c.get("shopper"), c.req.valid("json").code), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/me",
      tags,
      summary: "The signed-in shopper",
      access: { kind: "shopper" },
      responses: { 200: json(ZShopperMe, "The shopper"), ...common, 401: ERRORS[401] },
    }),
    async (c) => {
      const { tenantId, shopperId } = c.get("shopper");
      const s = await c.get("deps").db.withTenant(tenantId, (tx) =>
        tx.shopper.findUnique({
          where: { id: shopperId },
          select: { id: true, nickname: true, provider: true, createdAt: true },
        }),
      );
      if (!s) throw notFound("shopper");
      const provider: "wechat" | "dev" = s.provider === "wechat" ? "wechat" : "dev";
      return c.json({ id: s.id, nickname: s.nickname, provider, createdAt: s.createdAt.toISOString() }, 200);
    },
  );
