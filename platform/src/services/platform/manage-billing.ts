// Platform admins and billing: a store's billing detail with its transitions, plan overrides (comp a
// plan, for a while or for good), trial extensions, and the audit log every admin action writes.
import type { TPlan } from "@mallwright/schema";
import type { AdminDatabase, Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { refreshBilling } from "../billing/billing-state.ts";
import { billingSummary } from "../billing/merchant-billing.ts";

export interface AdminActor {
  /** The platform admin's user id; null from the CLI. */
  userId: string | null;
  /** Who, as a person reads it: the admin's email, or "cli (<os user>)". */
  label: string;
}

const json = (v: unknown) =>
  v === undefined || v === null ? Prisma.DbNull : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

/** Writes one audit row in the caller's admin transaction. */
export async function audit(
  tx: Tx,
  actor: AdminActor,
  action: string,
  tenantId: string | null,
  change: { before?: unknown; after?: unknown; reason?: string | null },
): Promise<void> {
  await tx.adminAuditLogEntry.create({
    data: {
      actorId: actor.userId,
      actor: actor.label.slice(0, 200),
      action,
      tenantId,
      before: json(change.before),
      after: json(change.after),
      reason: change.reason ?? null,
    },
  });
}

/** The label of a platform admin for the audit log. */
export async function adminActor(admin: AdminDatabase, userId: string): Promise<AdminActor> {
  const u = await admin.withAdmin((tx) => tx.user.findUnique({ where: { id: userId }, select: { email: true } }));
  return { userId, label: u?.email ?? userId };
}

function billingSnapshot(
  b: {
    planOverride: string | null;
    planOverrideUntil: Date | null;
    trialPlan: string | null;
    trialEndsAt: Date | null;
  } | null,
) {
  return b
    ? {
        planOverride: b.planOverride,
        planOverrideUntil: b.planOverrideUntil?.toISOString() ?? null,
        trialPlan: b.trialPlan,
        trialEndsAt: b.trialEndsAt?.toISOString() ?? null,
      }
    : null;
}

async function stateOf(admin: AdminDatabase, tenantId: string) {
  return admin.withAdmin((tx) =>
    tx.tenant.findUnique({ where: { id: tenantId }, select: { plan: true, billingStatus: true } }),
  );
}

/** Comps `plan` (null: ends the override), then re-derives the store's state; audited. */
export async function overridePlan(
  deps: { admin: AdminDatabase; db: Database; env: Env },
  actor: AdminActor,
  tenantId: string,
  input: { plan: TPlan | null; until?: string | null; reason: string },
) {
  const { admin, db, env } = deps;
  const until = input.until ? new Date(input.until) : null;
  if (until && until <= new Date()) {
    throw new ApiError("validation_failed", "an override ends in the future", [
      { path: "until", message: "in the past", in: "body" },
    ]);
  }
  const before = await stateOf(admin, tenantId);
  if (!before) throw notFound("tenant");
  const prior = await admin.withAdmin(async (tx) => {
    const b = await tx.tenantBilling.findUnique({ where: { tenantId } });
    await tx.tenantBilling.upsert({
      where: { tenantId },
      create: { tenantId, planOverride: input.plan, planOverrideUntil: until, planOverrideReason: input.reason },
      update: {
        planOverride: input.plan,
        planOverrideUntil: input.plan ? until : null,
        planOverrideReason: input.plan ? input.reason : null,
      },
    });
    return b;
  });
  await refreshBilling(
    db,
    env,
    tenantId,
    input.plan ? `override: ${input.plan} (${input.reason})` : `override ended (${input.reason})`,
  );
  const after = await stateOf(admin, tenantId);
  await admin.withAdmin((tx) =>
    audit(tx, actor, input.plan ? "tenant.plan_override" : "tenant.plan_override_end", tenantId, {
      before: { ...before, ...billingSnapshot(prior) },
      after: { ...after, planOverride: input.plan, planOverrideUntil: until?.toISOString() ?? null },
      reason: input.reason,
    }),
  );
  return tenantBillingDetail(deps, tenantId);
}

/** Adds days to the store's trial (from now when it has ended); audited. */
export async function extendTrial(
  deps: { admin: AdminDatabase; db: Database; env: Env },
  actor: AdminActor,
  tenantId: string,
  input: { days: number; plan?: TPlan; reason: string },
) {
  const { admin, db, env } = deps;
  const before = await stateOf(admin, tenantId);
  if (!before) throw notFound("tenant");
  const prior = await admin.withAdmin(async (tx) => {
    const b = await tx.tenantBilling.findUnique({ where: { tenantId } });
    const from = b?.trialEndsAt && b.trialEndsAt > new Date() ? b.trialEndsAt : new Date();
    const ends = new Date(from.getTime() + input.days * 86_400_000);
    const plan = input.plan ?? (b?.trialPlan && b.trialPlan !== "free" ? b.trialPlan : "growth");
    await tx.tenantBilling.upsert({
      where: { tenantId },
      create: { tenantId, trialPlan: plan, trialEndsAt: ends },
      update: { trialPlan: plan, trialEndsAt: ends },
    });
    return b;
  });
  await refreshBilling(db, env, tenantId, `trial extended by ${input.days} days (${input.reason})`);
  const after = await admin.withAdmin((tx) => tx.tenantBilling.findUniqueOrThrow({ where: { tenantId } }));
  const state = await stateOf(admin, tenantId);
  await admin.withAdmin((tx) =>
    audit(tx, actor, "tenant.trial_extend", tenantId, {
      before: { ...before, ...billingSnapshot(prior) },
      after: { ...state, ...billingSnapshot(after) },
      reason: input.reason,
    }),
  );
  return tenantBillingDetail(deps, tenantId);
}

export async function tenantBillingDetail(deps: { admin: AdminDatabase; db: Database; env: Env }, tenantId: string) {
  const { admin, db, env } = deps;
  const exists = await stateOf(admin, tenantId);
  if (!exists) throw notFound("tenant");
  const summary = await billingSummary(db, env, tenantId);
  const { b, transitions } = await admin.withAdmin(async (tx) => ({
    b: await tx.tenantBilling.findUnique({ where: { tenantId } }),
    transitions: await tx.billingTransition.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" }, take: 50 }),
  }));
  const { plans: _plans, ...rest } = summary;
  return {
    ...rest,
    stripeCustomerId: b?.stripeCustomerId ?? null,
    stripeSubscriptionId: b?.stripeSubscriptionId ?? null,
    subscriptionStatus: b?.subscriptionStatus ?? null,
    transitions: transitions.map((t) => ({
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      fromPlan: t.fromPlan,
      toPlan: t.toPlan,
      cause: t.cause,
      at: t.createdAt.toISOString(),
    })),
  };
}

export async function listAudit(admin: AdminDatabase, q: { tenantId?: string; cursor?: string; limit: number }) {
  const rows = await admin.withAdmin((tx) =>
    tx.adminAuditLogEntry.findMany({
      where: { ...(q.tenantId ? { tenantId: q.tenantId } : {}), ...(q.cursor ? { id: { lt: q.cursor } } : {}) },
      orderBy: { id: "desc" },
      take: q.limit + 1,
    }),
  );
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      actor: r.actor,
      action: r.action,
      tenantId: r.tenantId,
      before: r.before,
      after: r.after,
      reason: r.reason,
      at: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
