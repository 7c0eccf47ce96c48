// Looks a presented token up: platform sessions directly, merchant sessions through the
// mw_resolve_session() door (the only way to find a session before its tenant is known).
import { type TTenantRole, ZTenantRole } from "@mallwright/schema";
import { hashToken } from "../../auth/token-hash.ts";
import type { Database } from "../../db/types.ts";

export interface PlatformSessionRow {
  id: string;
  userId: string;
}

export async function findPlatformSession(db: Database, token: string): Promise<PlatformSessionRow | null> {
  if (!token.startsWith("mwp_")) return null;
  return db.withApp(async (tx) => {
    const s = await tx.platformSession.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, userId: true, expiresAt: true, revokedAt: true, user: { select: { platformAdmin: true } } },
    });
    if (!s || s.revokedAt || s.expiresAt <= new Date() || !s.user.platformAdmin) return null;
    return { id: s.id, userId: s.userId };
  });
}

export interface MerchantSessionRow {
  id: string;
  tenantId: string;
  membershipId: string;
  userId: string;
  role: TTenantRole;
  tenantStatus: string;
  billingStatus: string;
}

interface ResolvedRow {
  session_id: string;
  tenant_id: string;
  membership_id: string;
  user_id: string;
  role: string;
}

export async function findMerchantSession(db: Database, token: string): Promise<MerchantSessionRow | null> {
  if (!token.startsWith("mwm_")) return null;
  return db.withApp(async (tx) => {
    const rows = await tx.$queryRaw<ResolvedRow[]>`SELECT * FROM mw_resolve_session(${hashToken(token)})`;
    const row = rows[0];
    if (!row) return null;
    const tenant = await tx.tenant.findUnique({
      where: { id: row.tenant_id },
      select: { status: true, billingStatus: true },
    });
    if (!tenant) return null;
    return {
      id: row.session_id,
      tenantId: row.tenant_id,
      membershipId: row.membership_id,
      userId: row.user_id,
      role: ZTenantRole.parse(row.role),
      tenantStatus: tenant.status,
      billingStatus: tenant.billingStatus,
    };
  });
}
