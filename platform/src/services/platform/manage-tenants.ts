// Platform admin views of tenants: list and search with a cursor, read, update, suspend, resume.

import type { TListTenantsQuery, TTenant, TUpdateTenantRequest } from "@mallwright/schema";
import { ZPlan, ZTenantStatus } from "@mallwright/schema";
import { z } from "zod";
import { escapeLike } from "../../db/like.ts";
import { invalidateTenant } from "../../db/tenant-cache.ts";
import type { AdminDatabase } from "../../db/types.ts";
import type { Tenant } from "../../generated/prisma/client.ts";
import { ApiError, notFound } from "../../http/errors.ts";

export function presentTenant(t: Tenant): TTenant {
  return {
    id: t.id,
    key: t.key,
    name: t.name,
    plan: ZPlan.parse(t.plan),
    status: ZTenantStatus.parse(t.status),
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
    return { items: page.map(presentTenant), nextCursor };
  });
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

export async function updateTenant(admin: AdminDatabase, id: string, input: TUpdateTenantRequest): Promise<TTenant> {
  const tenant = await admin.withAdmin(async (tx) => {
    const res = await tx.tenant.updateMany({ where: { id }, data: { ...input, updatedAt: new Date() } });
    if (res.count === 0) throw notFound("tenant");
    return presentTenant(await tx.tenant.findUniqueOrThrow({ where: { id } }));
  });
  invalidateTenant(id); // after the commit: a storefront lookup now reads the new row
  return tenant;
}

export async function suspendTenant(admin: AdminDatabase, id: string, reason?: string): Promise<TTenant> {
  const tenant = await admin.withAdmin(async (tx) => {
    const res = await tx.tenant.updateMany({
      where: { id },
      data: { status: "suspended", suspendedAt: new Date(), suspendReason: reason ?? null, updatedAt: new Date() },
    });
    if (res.count === 0) throw notFound("tenant");
    return presentTenant(await tx.tenant.findUniqueOrThrow({ where: { id } }));
  });
  invalidateTenant(id); // after the commit: a storefront lookup now reads the new row
  return tenant;
}

export async function resumeTenant(admin: AdminDatabase, id: string): Promise<TTenant> {
  const tenant = await admin.withAdmin(async (tx) => {
    const res = await tx.tenant.updateMany({
      where: { id },
      data: { status: "active", suspendedAt: null, suspendReason: null, updatedAt: new Date() },
    });
    if (res.count === 0) throw notFound("tenant");
    return presentTenant(await tx.tenant.findUniqueOrThrow({ where: { id } }));
  });
  invalidateTenant(id); // after the commit: a storefront lookup now reads the new row
  return tenant;
}
