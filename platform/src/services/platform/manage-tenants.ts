// Platform admin views of tenants: list and search with a cursor, read, update, suspend, resume.

import type { TListTenantsQuery, TTenant, TUpdateTenantRequest } from "@mallwright/schema";
import { ZBillingStatus, ZPlan, ZTenantStatus } from "@mallwright/schema";
import { z } from "zod";
import { escapeLike } from "../../db/like.ts";
import { invalidateTenant } from "../../db/tenant-cache.ts";
import type { AdminDatabase, Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import type { Tenant } from "../../generated/prisma/client.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { refreshBilling } from "../billing/billing-state.ts";
import { type AdminActor, audit } from "./manage-billing.ts";

export function presentTenant(t: Tenant): TTenant {
  return {
    id: t.id,
    key: t.key,
    name: t.name,
    plan: ZPlan.parse(t.plan),
    status: ZTenantStatus.parse(t.status),
    billingStatus: ZBillingStatus.parse(t.billingStatus),
    template: t.template,
    suspendedAt: t.suspendedAt?.toISOString() ?? null,
    suspendReason: t.suspendReason,
    createdAt: t.createdAt.toISOString(),
  };
}

const ZCursor = z.object({ v: z.string(), id: z.uuid() });

function encodeCursor(v: string, id: string): string {
  return Buffer.from(JSON.stringify({ v, id })).toString("base64url");
}

function decodeCursor(cursor: string): z.infer<typeof ZCursor> {
  try {
    return ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new ApiError("validation_failed", "cursor is not one this API gave out", [
      { path: "cursor", message: "invalid cursor", in: "query" },
    ]);
  }
}

export async function listTenants(admin: AdminDatabase, q: TListTenantsQuery) {
  const desc = q.sort.startsWith("-");
  const field = q.sort.replace("-", "") as "createdAt" | "key";
  const dir = desc ? "desc" : "asc";
  const cmp = desc ? "lt" : "gt";
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const afterValue = after ? (field === "createdAt" ? new Date(after.v) : after.v) : undefined;
  return admin.withAdmin(async (tx) => {
    const rows = await tx.tenant.findMany({
      where: {
        AND: [
          q.status ? { status: q.status } : {},
          q.plan ? { plan: q.plan } : {},
          q.billingStatus ? { billingStatus: q.billingStatus } : {},
          q.q
            ? {
                OR: [
                  { key: { contains: escapeLike(q.q), mode: "insensitive" } },
                  { name: { contains: escapeLike(q.q), mode: "insensitive" } },
                ],
              }
            : {},
          after && afterValue !== undefined
            ? { OR: [{ [field]: { [cmp]: afterValue } }, { [field]: afterValue, id: { [cmp]: after.id } }] }
            : {},
        ],
      },
      orderBy: [{ [field]: dir }, { id: dir }],
      take: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > q.limit && last
        ? encodeCursor(field === "createdAt" ? last.createdAt.toISOString() : last.key, last.id)
        : null;
    const usage = await usageOfTenants(
      tx,
      page.map((t) => t.id),
    );
    return { items: page.map((t) => ({ ...presentTenant(t), usage: usage.get(t.id) })), nextCursor };
  });
}

/** What each store uses now, in one statement (admin scope: every store). */
async function usageOfTenants(tx: Tx, ids: string[]) {
  if (ids.length === 0) return new Map<string, NonNullable<TTenant["usage"]>>();
  const rows = await tx.$queryRaw<{ id: string; products: number; pages: number; staff: number; orders: number }[]>`
    SELECT t.id::text AS id,
      (SELECT count(*)::int FROM products p WHERE p.tenant_id = t.id AND p.deleted_at IS NULL) AS products,
      (SELECT count(*)::int FROM pages g WHERE g.tenant_id = t.id) AS pages,
      (SELECT count(*)::int FROM memberships m WHERE m.tenant_id = t.id)
        + (SELECT count(*)::int FROM staff_invites i WHERE i.tenant_id = t.id AND i.accepted_at IS NULL
             AND i.revoked_at IS NULL AND i.expires_at > now()) AS staff,
      (SELECT count(*)::int FROM orders o WHERE o.tenant_id = t.id
         AND o.created_at >= (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')) AS orders
    FROM tenants t WHERE t.id = ANY(${ids}::uuid[])`;
  return new Map(
    rows.map((r) => [r.id, { products: r.products, pages: r.pages, staff: r.staff, ordersThisMonth: r.orders }]),
  );
}

export async function getTenant(admin: AdminDatabase, id: string): Promise<TTenant> {
  const t = await admin.withAdmin((tx) => tx.tenant.findUnique({ where: { id } }));
  if (!t) throw notFound("tenant");
  return presentTenant(t);
}

export async function findTenantByKey(admin: AdminDatabase, key: string): Promise<TTenant> {
  const t = await admin.withAdmin((tx) => tx.tenant.findUnique({ where: { key } }));
  if (!t) throw notFound("tenant");
  return presentTenant(t);
}

/**
 * Renames a store and/or sets its plan. A plan set here is a platform admin's override (a comp,
 * until removed): Stripe's subscription no longer decides it. Audited.
 */
export async function updateTenant(
  deps: { admin: AdminDatabase; db: Database; env: Env },
  actor: AdminActor,
  id: string,
  input: TUpdateTenantRequest,
): Promise<TTenant> {
  const { admin } = deps;
  const before = await admin.withAdmin((tx) => tx.tenant.findUnique({ where: { id } }));
  if (!before) throw notFound("tenant");
  if (input.name !== undefined) {
    await admin.withAdmin((tx) =>
      tx.tenant.update({ where: { id }, data: { name: input.name, updatedAt: new Date() } }),
    );
  }
  if (input.plan !== undefined && input.plan !== before.plan) {
    await admin.withAdmin((tx) =>
      tx.tenantBilling.upsert({
        where: { tenantId: id },
        create: { tenantId: id, planOverride: input.plan, planOverrideReason: "plan set by a platform admin" },
        update: {
          planOverride: input.plan,
          planOverrideUntil: null,
          planOverrideReason: "plan set by a platform admin",
        },
      }),
    );
    await refreshBilling(deps.db, deps.env, id, `plan set to ${input.plan} by ${actor.label}`);
  }
  const tenant = await admin.withAdmin(async (tx) => {
    const after = await tx.tenant.findUniqueOrThrow({ where: { id } });
    await audit(tx, actor, "tenant.update", id, {
      before: { name: before.name, plan: before.plan },
      after: { name: after.name, plan: after.plan },
    });
    return presentTenant(after);
  });
  invalidateTenant(id); // after the commit: a storefront lookup now reads the new row
  return tenant;
}

export async function suspendTenant(
  admin: AdminDatabase,
  id: string,
  reason: string | undefined,
  actor: AdminActor,
): Promise<TTenant> {
  const tenant = await admin.withAdmin(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id }, select: { status: true } });
    const res = await tx.tenant.updateMany({
      where: { id },
      data: { status: "suspended", suspendedAt: new Date(), suspendReason: reason ?? null, updatedAt: new Date() },
    });
    if (res.count === 0) throw notFound("tenant");
    await audit(tx, actor, "tenant.suspend", id, { before, after: { status: "suspended" }, reason: reason ?? null });
    return presentTenant(await tx.tenant.findUniqueOrThrow({ where: { id } }));
  });
  invalidateTenant(id); // after the commit: a storefront lookup now reads the new row
  return tenant;
}

export async function resumeTenant(admin: AdminDatabase, id: string, actor: AdminActor): Promise<TTenant> {
  const tenant = await admin.withAdmin(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id }, select: { status: true, suspendReason: true } });
    const res = await tx.tenant.updateMany({
      where: { id },
      data: { status: "active", suspendedAt: null, suspendReason: null, updatedAt: new Date() },
    });
    if (res.count === 0) throw notFound("tenant");
    await audit(tx, actor, "tenant.resume", id, { before, after: { status: "active" } });
    return presentTenant(await tx.tenant.findUniqueOrThrow({ where: { id } }));
  });
  invalidateTenant(id); // after the commit: a storefront lookup now reads the new row
  return tenant;
}
