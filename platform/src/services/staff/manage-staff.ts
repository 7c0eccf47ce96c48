// Staff of a store: list, change role, remove, hand over ownership. Ranks guard every change.
import { ZTenantRole } from "@mallwright/schema";
import { ROLE_RANK } from "../../auth/permissions.ts";
import type { Database } from "../../db/types.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { type Actor, presentInvite } from "./invite-staff.ts";

export async function listStaff(db: Database, tenantId: string) {
  return db.withTenant(tenantId, async (tx) => {
    const members = await tx.membership.findMany({
      orderBy: [{ createdAt: "asc" }],
      include: { user: { select: { email: true, name: true } } },
    });
    const invites = await tx.staffInvite.findMany({
      where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
    });
    return {
      members: members.map((m) => ({
        id: m.id,
        userId: m.userId,
        email: m.user.email,
        name: m.user.name,
        role: ZTenantRole.parse(m.role),
        createdAt: m.createdAt.toISOString(),
      })),
      invites: invites.map(presentInvite),
    };
  });
}

function guard(actor: Actor, target: { id: string; role: string }) {
  if (target.id === actor.membershipId) throw new ApiError("forbidden", "you cannot change your own membership");
  const targetRole = ZTenantRole.parse(target.role);
  if (ROLE_RANK[targetRole] >= ROLE_RANK[actor.role]) {
    throw new ApiError("forbidden", `a ${actor.role} cannot change a ${targetRole}`);
  }
}

export async function changeRole(db: Database, actor: Actor, memberId: string, role: "admin" | "staff") {
  if (ROLE_RANK[role] >= ROLE_RANK[actor.role]) throw new ApiError("forbidden", `a ${actor.role} cannot grant ${role}`);
  return db.withTenant(actor.tenantId, async (tx) => {
    const target = await tx.membership.findUnique({ where: { id: memberId } });
    if (!target) throw notFound("member");
    guard(actor, target);
    await tx.membership.update({ where: { id: memberId }, data: { role } });
  });
}

/** Removes a member; their sessions in this store go with the membership (FK cascade). */
export async function removeMember(db: Database, actor: Actor, memberId: string) {
  return db.withTenant(actor.tenantId, async (tx) => {
    const target = await tx.membership.findUnique({ where: { id: memberId } });
    if (!target) throw notFound("member");
    guard(actor, target);
    await tx.membership.delete({ where: { id: memberId } });
  });
}

export async function transferOwnership(db: Database, actor: Actor, memberId: string) {
  if (actor.role !== "owner") throw new ApiError("forbidden", "only the owner can hand over the store");
  return db.withTenant(actor.tenantId, async (tx) => {
    const target = await tx.membership.findUnique({ where: { id: memberId } });
    if (!target) throw notFound("member");
    if (target.id === actor.membershipId) throw new ApiError("conflict", "you already own this store");
    await tx.membership.update({ where: { id: actor.membershipId }, data: { role: "admin" } });
    await tx.membership.update({ where: { id: memberId }, data: { role: "owner" } });
  });
}
