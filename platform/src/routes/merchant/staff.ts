// Store staff: list members and invitations, invite, revoke, change role, remove, hand over ownership.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZChangeRoleRequest,
  ZInviteCreated,
  ZInviteStaffRequest,
  ZOk,
  ZStaffList,
  ZTransferOwnershipRequest,
  ZUuid,
} from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv, MerchantPrincipal } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { type Actor, inviteStaff, revokeInvite } from "../../services/staff/invite-staff.ts";
import { changeRole, listStaff, removeMember, transferOwnership } from "../../services/staff/manage-staff.ts";

const tags = ["merchant: staff"];
const ZIdParam = z.strictObject({ id: ZUuid });
const common = { 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] };
const actor = (m: MerchantPrincipal): Actor => ({ tenantId: m.tenantId, membershipId: m.membershipId, role: m.role });

export const merchantStaffRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/staff",
      tags,
      summary: "Members of the store and open invitations",
      access: { kind: "merchant", permission: "staff:read" },
      responses: { 200: json(ZStaffList, "Members and invitations"), ...common },
    }),
    async (c) => c.json(await listStaff(c.get("deps").db, c.get("merchant").tenantId), 200),
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/staff/invites",
      tags,
      summary: "Invite someone by email (a new invitation replaces an open one for the same email)",
      access: { kind: "merchant", permission: "staff:manage" },
      request: { body: body(ZInviteStaffRequest) },
      responses: {
        201: json(ZInviteCreated, "Invitation sent; the link is also returned"),
        ...common,
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { db, env, kickOutbox } = c.get("deps");
      const invite = await inviteStaff(db, env, actor(c.get("merchant")), c.req.valid("json"));
      kickOutbox?.();
      return c.json(invite, 201);
    },
  )
  .openapi(
    defineRoute({
      method: "delete",
      path: "/staff/invites/{id}",
      tags,
      summary: "Revoke an open invitation",
      access: { kind: "merchant", permission: "staff:manage", params: { id: "invite" } },
      request: { params: ZIdParam },
      responses: { 200: json(ZOk, "Revoked"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      await revokeInvite(c.get("deps").db, c.get("merchant").tenantId, c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "patch",
      path: "/staff/{id}",
      tags,
      summary: "Change a member's role (only below your own)",
      access: { kind: "merchant", permission: "staff:manage", params: { id: "membership" } },
      request: { params: ZIdParam, body: body(ZChangeRoleRequest) },
      responses: { 200: json(ZOk, "Role changed"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      await changeRole(c.get("deps").db, actor(c.get("merchant")), c.req.valid("param").id, c.req.valid("json").role);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "delete",
      path: "/staff/{id}",
      tags,
      summary: "Remove a member (only below your own role); their sessions end",
      access: { kind: "merchant", permission: "staff:manage", params: { id: "membership" } },
      request: { params: ZIdParam },
      responses: { 200: json(ZOk, "Removed"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      await removeMember(c.get("deps").db, actor(c.get("merchant")), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/staff/transfer-ownership",
      tags,
      summary: "Hand the store to another member; the owner becomes an admin",
      access: { kind: "merchant", permission: "store:transfer" },
      request: { body: body(ZTransferOwnershipRequest) },
      responses: {
        200: json(ZOk, "Ownership transferred"),
        ...common,
        404: ERRORS[404],
        409: ERRORS[409],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      await transferOwnership(c.get("deps").db, actor(c.get("merchant")), c.req.valid("json").memberId);
      return c.json({ ok: true as const }, 200);
    },
  );
