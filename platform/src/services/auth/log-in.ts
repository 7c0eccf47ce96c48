// Email + password sign-in for platform admins and merchant staff, throttled per account and per IP.
import type { TMerchantLoginRequest, TPlatformLoginRequest, TTenantRole } from "@mallwright/schema";
import { ZTenantRole } from "@mallwright/schema";
import { newToken, verifyPassword } from "../../auth/secrets.ts";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { check, clear, hit } from "./rate-limit.ts";

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

function expiry(env: Env): Date {
  return new Date(Date.now() + env.SESSION_TTL_HOURS * 3600_000);
}

const invalid = () => new ApiError("invalid_credentials", "email or password is wrong");

/** Throttles, then checks the password; answers the same way for unknown and known emails. */
async function authenticate(db: Database, env: Env, email: string, password: string, ip: string) {
  const window = env.LOGIN_WINDOW_SECONDS;
  await hit(db, "login-ip", ip, { max: env.LOGIN_MAX_PER_IP, seconds: window });
  await check(db, "login-account", email, { max: env.LOGIN_MAX_PER_ACCOUNT, seconds: window });
  const user = await db.withApp((tx) =>
    tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, platformAdmin: true } }),
  );
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!ok || !user) {
    await hit(db, "login-account", email, { max: Number.MAX_SAFE_INTEGER, seconds: window });
    throw invalid();
  }
  await clear(db, "login-account", email);
  return user;
}

export async function logInPlatform(db: Database, env: Env, input: TPlatformLoginRequest, ip: string) {
  const user = await authenticate(db, env, input.email, input.password, ip);
  if (!user.platformAdmin) throw invalid();
  return createPlatformSession(db, env, user.id);
}

export async function createPlatformSession(db: Database, env: Env, userId: string): Promise<IssuedSession> {
  const { token, hash } = newToken("mwp");
  const expiresAt = expiry(env);
  await db.withApp((tx) => tx.platformSession.create({ data: { tokenHash: hash, userId, expiresAt } }));
  return { token, expiresAt };
}

export interface MembershipOfUser {
  tenantId: string;
  key: string;
  name: string;
  membershipId: string;
  role: TTenantRole;
}

interface MembershipRow {
  tenant_id: string;
  tenant_key: string;
  tenant_name: string;
  membership_id: string;
  role: string;
}

/** Every store a user belongs to, read through the mw_user_memberships() door. */
export async function membershipsOf(tx: Tx, userId: string): Promise<MembershipOfUser[]> {
  const rows = await tx.$queryRaw<MembershipRow[]>`SELECT * FROM mw_user_memberships(${userId}::uuid)`;
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    key: r.tenant_key,
    name: r.tenant_name,
    membershipId: r.membership_id,
    role: ZTenantRole.parse(r.role),
  }));
}

export async function logInMerchant(db: Database, env: Env, input: TMerchantLoginRequest, ip: string) {
  const user = await authenticate(db, env, input.email, input.password, ip);
  const memberships = await db.withApp((tx) => membershipsOf(tx, user.id));
  const chosen = input.tenant ? memberships.find((m) => m.key === input.tenant) : memberships[0];
  if (!chosen) {
    if (input.tenant && memberships.length > 0) throw new ApiError("forbidden", "you are not a member of that store");
    throw invalid();
  }
  return createMerchantSession(db, env, chosen);
}

export async function createMerchantSession(
  db: Database,
  env: Env,
  m: Pick<MembershipOfUser, "tenantId" | "membershipId">,
): Promise<IssuedSession> {
  const status = await db.withApp((tx) =>
    tx.tenant.findUnique({ where: { id: m.tenantId }, select: { status: true } }),
  );
  if (status?.status === "suspended") {
    throw new ApiError("tenant_suspended", "this store is suspended; contact the platform operator");
  }
  const { token, hash } = newToken("mwm");
  const expiresAt = expiry(env);
  await db.withTenant(m.tenantId, (tx) =>
    tx.session.create({ data: { tenantId: m.tenantId, membershipId: m.membershipId, tokenHash: hash, expiresAt } }),
  );
  return { token, expiresAt };
}

export async function logOutPlatform(db: Database, sessionId: string): Promise<void> {
  await db.withApp((tx) =>
    tx.platformSession.updateMany({ where: { id: sessionId }, data: { revokedAt: new Date() } }),
  );
}

export async function logOutMerchant(db: Database, tenantId: string, sessionId: string): Promise<void> {
  await db.withTenant(tenantId, (tx) =>
    tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } }),
  );
}

/** Revokes every session of a user, platform and merchant, in one transaction. */
export async function revokeAllSessions(tx: Tx, userId: string): Promise<void> {
  const now = new Date();
  await tx.platformSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  for (const m of await membershipsOf(tx, userId)) {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${m.tenantId}, true)`;
    await tx.session.updateMany({ where: { membershipId: m.membershipId, revokedAt: null }, data: { revokedAt: now } });
  }
  await tx.$executeRaw`SELECT set_config('app.tenant_id', '', true)`;
}
