// Merchant staff sign-in, sign-out, switching store, identity, invitations and password reset.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZAcceptInviteRequest,
  ZErrorEnvelope,
  ZLoginResponse,
  ZMe,
  ZMerchantLoginRequest,
  ZOk,
  ZTenantKey,
} from "@mallwright/schema";
import { z } from "zod";
import { MERCHANT_COOKIE } from "../../auth/middleware.ts";
import { defineRoute } from "../../http/access.ts";
import { clearSessionCookie, clientIp, setSessionCookie } from "../../http/client.ts";
import type { AppEnv } from "../../http/context.ts";
import { ApiError } from "../../http/errors.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { createMerchantSession, logInMerchant, logOutMerchant, membershipsOf } from "../../services/auth/log-in.ts";
import { acceptInvite } from "../../services/staff/invite-staff.ts";
import { passwordResetRoutes } from "../password-reset.ts";

const tags = ["merchant: auth"];
const ZSwitchRequest = z.strictObject({ tenant: ZTenantKey });

export const merchantAuthRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "post",
      path: "/auth/login",
      tags,
      summary: "Sign in to a store (the first one, or the one named by `tenant`)",
      access: { kind: "public", reason: "signing in is how a session is obtained" },
      request: { body: body(ZMerchantLoginRequest) },
      responses: {
        200: json(ZLoginResponse, "Session token (also set as an HttpOnly cookie)"),
        401: ERRORS[401],
        403: ERRORS[403],
        422: ERRORS[422],
        423: ERRORS[423],
        429: ERRORS[429],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const s = await logInMerchant(db, env, c.req.valid("json"), clientIp(c));
      setSessionCookie(c, MERCHANT_COOKIE, s.token, s.expiresAt);
      return c.json({ token: s.token, expiresAt: s.expiresAt.toISOString() }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/auth/logout",
      tags,
      summary: "Revoke the current session",
      access: { kind: "merchant", permission: "store:read" },
      responses: { 200: json(ZOk, "Signed out"), 401: ERRORS[401] },
    }),
    async (c) => {
      const m = c.get("merchant");
      await logOutMerchant(c.get("deps").db, m.tenantId, m.sessionId);
      clearSessionCookie(c, MERCHANT_COOKIE);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/auth/switch",
      tags,
      summary: "Move the session to another store the account belongs to",
      access: { kind: "merchant", permission: "store:read" },
      request: { body: body(ZSwitchRequest) },
      responses: {
        200: json(ZLoginResponse, "A session in the other store"),
        401: ERRORS[401],
        403: ERRORS[403],
        422: ERRORS[422],
        423: ERRORS[423],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const m = c.get("merchant");
      const target = (await db.withApp((tx) => membershipsOf(tx, m.userId))).find(
        (x) => x.key === c.req.valid("json").tenant,
      );
      if (!target) throw new ApiError("forbidden", "you are not a member of that store");
      const s = await createMerchantSession(db, env, target);
      await logOutMerchant(db, m.tenantId, m.sessionId);
      setSessionCookie(c, MERCHANT_COOKIE, s.token, s.expiresAt);
      return c.json({ token: s.token, expiresAt: s.expiresAt.toISOString() }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/me",
      tags,
      summary: "The signed-in staff member, their store, role, permissions and other stores",
      access: { kind: "merchant", permission: "store:read" },
      responses: { 200: json(ZMe, "Who is signed in"), 401: ERRORS[401], 423: ERRORS[423] },
    }),
    async (c) => {
      const m = c.get("merchant");
      const me = await c.get("deps").db.withTenant(m.tenantId, async (tx) => {
        const user = await tx.user.findUniqueOrThrow({
          where: { id: m.userId },
          select: { id: true, email: true, name: true },
        });
        const tenant = await tx.tenant.findUniqueOrThrow({
          where: { id: m.tenantId },
          select: { id: true, key: true, name: true, plan: true, status: true },
        });
        const memberships = await membershipsOf(tx, m.userId);
        return { user, tenant, memberships: memberships.map(({ key, name, role }) => ({ key, name, role })) };
      });
      return c.json({ ...me, role: m.role, permissions: [...m.permissions].sort() }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/auth/invites/accept",
      tags,
      summary: "Accept an invitation: new accounts set a password, existing ones confirm theirs",
      access: { kind: "public", reason: "the emailed invitation token is the credential" },
      request: { body: body(ZAcceptInviteRequest) },
      responses: {
        200: json(ZLoginResponse, "A session in the store"),
        401: ERRORS[401],
        404: ERRORS[404],
        410: json(ZErrorEnvelope, "Invitation invalid, used, revoked or expired"),
        422: ERRORS[422],
        423: ERRORS[423],
      },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const input = c.req.valid("json");
      const tenant = await db.withApp((tx) =>
        tx.tenant.findUnique({ where: { key: input.tenant }, select: { id: true } }),
      );
      if (!tenant) throw new ApiError("token_invalid", "this invitation is invalid, used, revoked or expired");
      const s = await acceptInvite(db, env, tenant.id, input);
      setSessionCookie(c, MERCHANT_COOKIE, s.token, s.expiresAt);
      return c.json({ token: s.token, expiresAt: s.expiresAt.toISOString() }, 200);
    },
  )
  .route("/", passwordResetRoutes("merchant: auth"));
