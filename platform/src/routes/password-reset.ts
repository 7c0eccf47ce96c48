// Password reset by emailed token. Accounts are shared by platform admins and merchant staff, so
// the same two routes are mounted under /platform/v1 and /merchant/v1.
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZErrorEnvelope, ZOk, ZRequestPasswordReset, ZResetPassword } from "@mallwright/schema";
import { defineRoute } from "../http/access.ts";
import { clientIp } from "../http/client.ts";
import type { AppEnv } from "../http/context.ts";
import { body, ERRORS, json } from "../http/responses.ts";
import { validationHook } from "../http/validation.ts";
import { requestPasswordReset, resetPassword } from "../services/auth/reset-password.ts";

export function passwordResetRoutes(tag: string) {
  const tags = [tag];
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(
      defineRoute({
        method: "post",
        path: "/auth/password-reset",
        tags,
        summary: "Email a password reset link (same answer whether or not the account exists)",
        access: { kind: "public", reason: "a person who forgot their password has no session" },
        request: { body: body(ZRequestPasswordReset, { email: "owner@example.com" }) },
        responses: {
          202: json(ZOk, "If the account exists, an email is on its way"),
          422: ERRORS[422],
          429: ERRORS[429],
        },
      }),
      async (c) => {
        const { db, env, kickOutbox } = c.get("deps");
        await requestPasswordReset(db, env, c.req.valid("json").email, clientIp(c));
        kickOutbox?.();
        return c.json({ ok: true as const }, 202);
      },
    )
    .openapi(
      defineRoute({
        method: "post",
        path: "/auth/password-reset/confirm",
        tags,
        summary: "Set a new password with the emailed token; signs the account out everywhere",
        access: { kind: "public", reason: "the emailed token is the credential" },
        request: { body: body(ZResetPassword) },
        responses: {
          200: json(ZOk, "Password changed"),
          410: json(ZErrorEnvelope, "Token invalid, used or expired"),
          422: ERRORS[422],
        },
      }),
      async (c) => {
        const input = c.req.valid("json");
        await resetPassword(c.get("deps").db, input.token, input.password);
        return c.json({ ok: true as const }, 200);
      },
    );
}
