// Platform admin sign-in, sign-out, identity and password reset.
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZLoginResponse, ZOk, ZPlatformLoginRequest, ZPlatformMe } from "@mallwright/schema";
import { PLATFORM_COOKIE } from "../../auth/middleware.ts";
import { defineRoute } from "../../http/access.ts";
import { clearSessionCookie, clientIp, setSessionCookie } from "../../http/client.ts";
import type { AppEnv } from "../../http/context.ts";
import { ApiError } from "../../http/errors.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { logInPlatform, logOutPlatform } from "../../services/auth/log-in.ts";
import { passwordResetRoutes } from "../password-reset.ts";

const tags = ["platform: auth"];

export const platformAuthRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "post",
      path: "/auth/login",
      tags,
      summary: "Sign in as a platform admin",
      access: { kind: "public", reason: "signing in is how a session is obtained" },
      request: { body: body(ZPlatformLoginRequest) },
      responses: {
        200: json(ZLoginResponse, "Session token (also set as an HttpOnly cookie)"),
        401: ERRORS[401],
        422: ERRORS[422],
        429: ERRORS[429],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const s = await logInPlatform(db, env, c.req.valid("json"), clientIp(c));
      setSessionCookie(c, PLATFORM_COOKIE, s.token, s.expiresAt);
      return c.json({ token: s.token, expiresAt: s.expiresAt.toISOString() }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/auth/logout",
      tags,
      summary: "Revoke the current session",
      access: { kind: "platform" },
      responses: { 200: json(ZOk, "Signed out"), 401: ERRORS[401] },
    }),
    async (c) => {
      await logOutPlatform(c.get("deps").db, c.get("platform").sessionId);
      clearSessionCookie(c, PLATFORM_COOKIE);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/me",
      tags,
      summary: "The signed-in platform admin",
      access: { kind: "platform" },
      responses: { 200: json(ZPlatformMe, "Who is signed in"), 401: ERRORS[401] },
    }),
    async (c) => {
      const user = await c.get("deps").db.withApp((tx) =>
        tx.user.findUnique({
          where: { id: c.get("platform").userId },
          select: { id: true, email: true, name: true },
        }),
      );
      if (!user) throw new ApiError("unauthenticated", "account no longer exists");
      return c.json({ user }, 200);
    },
  )
  .route("/", passwordResetRoutes("platform: auth"));
