// Invitations: an owner or admin invites by email; the invitee accepts with the emailed token.

import type { TAcceptInviteRequest, TInviteStaffRequest, TTenantRole } from "@mallwright/schema";
import { ZTenantRole } from "@mallwright/schema";
import { ROLE_RANK } from "../../auth/permissions.ts";
import { hashPassword, hashToken, newToken, verifyPassword } from "../../auth/secrets.ts";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { sendEmailJob } from "../../jobs/send-email.ts";
import { createMerchantSession } from "../auth/log-in.ts";
import { inviteEmail } from "../auth/messages.ts";
import { assertQuota } from "../billing/quota.ts";

export const INVITE_TTL_MS = 7 * 24 * 3600_000;

export function inviteUrl(env: Env, tenantKey: string, token: string): string {
  return `${env.publicUrl}/accept-invite?tenant=${encodeURIComponent(tenantKey)}&token=${encodeURIComponent(token)}`;
}

export interface Actor {
  tenantId: string;
  membershipId: string;
  role: TTenantRole;
}

/**
 * Writes an invitation and its email in the caller's transaction (tenant-scoped, or the admin
 * transaction of provisioning). Returns the link so the inviter can also pass it on by hand.
 */
export async function writeInvite(
  tx: Tx,
  env: Env,
  args: {
    tenantId: string;
    tenantKey: string;
    tenantName: string;
    email: string;
    role: TTenantRole;
    invitedBy: string | null;
  },
) {
  const { token, hash } = newToken("inv");
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  const invite = await tx.staffInvite.create({
    data: {
      tenantId: args.tenantId,
      email: args.email,
      role: args.role,
      tokenHash: hash,
      invitedBy: args.invitedBy,
      expiresAt,
    },
  });
  const url = inviteUrl(env, args.tenantKey, token);
  await enqueue(
    tx,
    sendEmailJob,
    { to: args.email, ...inviteEmail(args.tenantName, args.role, url) },
    { tenantId: args.tenantId },
  );
  return { invite, url };
}

export async function inviteStaff(db: Database, env: Env, actor: Actor, input: TInviteStaffRequest) {
  if (ROLE_RANK[input.role] >= ROLE_RANK[actor.role] && actor.role !== "owner") {
    throw new ApiError("forbidden", `a ${actor.role} may only invite roles below their own`);
  }
  return db.withTenant(actor.tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({
      where: { id: actor.tenantId },
      select: { key: true, name: true },
    });
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) {
      const member = await tx.membership.findUnique({
        where: { tenantId_userId: { tenantId: actor.tenantId, userId: existing.id } },
      });
      if (member) throw new ApiError("already_member", "this person is already a member of the store");
    }
    // A new invitation replaces an open one for the same email.
    await tx.staffInvite.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    // A seat for the invitation (members and open invitations count).
    await assertQuota(tx, actor.tenantId, "staff");
    const { invite, url } = await writeInvite(tx, env, {
      tenantId: actor.tenantId,
      tenantKey: tenant.key,
      tenantName: tenant.name,
      email: input.email,
      role: input.role,
      invitedBy: actor.membershipId,
    });
    return { ...presentInvite(invite), inviteUrl: url };
  });
}

export function presentInvite(i: { id: string; email: string; role: string; expiresAt: Date; createdAt: Date }) {
  return {
    id: i.id,
    email: i.email,
    role: ZTenantRole.parse(i.role),
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  };
}

export async function revokeInvite(db: Database, tenantId: string, inviteId: string): Promise<void> {
  await db.withTenant(tenantId, async (tx) => {
    const res = await tx.staffInvite.updateMany({
      where: { id: inviteId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (res.count === 0) throw notFound("invitation");
  });
}

/**
 * Accepts an invitation. A new account sets its password here; an existing account proves
 * itself with its current password. Answers with a session in the store.
 */
export async function acceptInvite(db: Database, env: Env, tenantId: string, input: TAcceptInviteRequest) {
  const invalid = () => new ApiError("token_invalid", "this invitation is invalid, used, revoked or expired");
  const newHash = input.password ? await hashPassword(input.password) : undefined;
  const membership = await db.withTenant(tenantId, async (tx) => {
    const invite = await tx.staffInvite.findUnique({ where: { tokenHash: hashToken(input.token) } });
    if (
      !invite ||
      invite.tenantId !== tenantId ||
      invite.acceptedAt ||
      invite.revokedAt ||
      invite.expiresAt <= new Date()
    ) {
      throw invalid();
    }
    let user = await tx.user.findUnique({ where: { email: invite.email } });
    if (user?.passwordHash) {
      if (!input.password || !(await verifyPassword(user.passwordHash, input.password))) {
        throw new ApiError(
          "invalid_credentials",
          "this email already has an account: enter its current password to accept",
        );
      }
    } else {
      if (!newHash) {
        throw new ApiError("validation_failed", "choose a password to create your account", [
          { path: "password", message: "is required for a new account", in: "body" },
        ]);
      }
      user = user
        ? await tx.user.update({
            where: { id: user.id },
            data: { passwordHash: newHash, passwordChangedAt: new Date(), name: input.name ?? user.name },
          })
        : await tx.user.create({
            data: {
              email: invite.email,
              name: input.name ?? null,
              passwordHash: newHash,
              passwordChangedAt: new Date(),
            },
          });
    }
    await tx.staffInvite.update({ where: { id: invite.id }, data: { acceptedAt: new Date() } });
    const existing = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId: user.id } } });
    if (existing) {
      // The owner invitation of provisioning: the membership exists, the account was waiting for a password.
      return existing;
    }
    if (invite.role === "owner") throw invalid();
    return tx.membership.create({ data: { tenantId, userId: user.id, role: invite.role } });
  });
  return createMerchantSession(db, env, { tenantId, membershipId: membership.id });
}
