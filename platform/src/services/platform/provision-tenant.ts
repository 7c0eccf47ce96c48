// Provisioning: the tenant, its owner (invited when new) and its template, in one transaction.
// Used by POST /platform/v1/tenants, `mallwright tenant create` and the demo seed alike.

import type { TCreateTenantRequest, TProvisionTenantResponse } from "@mallwright/schema";
import { isUniqueViolation } from "../../db/errors.ts";
import type { AdminDatabase } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import type { Storage } from "../../integrations/storage/index.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { sendEmailJob } from "../../jobs/send-email.ts";
import { addedToStoreEmail } from "../auth/messages.ts";
import { planCatalog } from "../billing/plans.ts";
import { storageKeysOf } from "../media/present-media.ts";
import { writeInvite } from "../staff/invite-staff.ts";
import type { TemplateDeps } from "../templates/apply-template-catalog.ts";
import { applyTemplate } from "../templates/apply-template-pages.ts";
import { presentTenant } from "./manage-tenants.ts";
import { findTemplate } from "./templates.ts";

/**
 * With `content` (the app database and media storage), the template's content is put in too,
 * after the tenant commits: its sample catalog, its pages and its theme and tab bar, all published
 * (the first page home). If that fails the tenant is removed again, files and all.
 */
export async function provisionTenant(
  admin: AdminDatabase,
  env: Env,
  input: TCreateTenantRequest,
  content?: TemplateDeps,
): Promise<TProvisionTenantResponse> {
  const created = await createTenantAndOwner(admin, env, input);
  const template = input.template ? findTemplate(input.template) : undefined;
  if (content && template && (template.catalog || template.pages.length > 0 || template.theme)) {
    try {
      const actor = { tenantId: created.tenant.id, membershipId: created.ownerMembershipId };
      await applyTemplate(content, actor, template.name);
    } catch (err) {
      await removeTenant(admin, content.storage, created.tenant.id);
      throw err;
    }
  }
  return { tenant: created.tenant, owner: created.owner };
}

/** Deletes a tenant and its media files (compensation for a failed provisioning). */
async function removeTenant(admin: AdminDatabase, storage: Storage, tenantId: string): Promise<void> {
  const keys = await admin.withAdmin(async (tx) => {
    const media = await tx.media.findMany({ where: { tenantId }, select: { storageKey: true, variants: true } });
    await tx.tenant.delete({ where: { id: tenantId } });
    return media.flatMap((m) => storageKeysOf(m));
  });
  await Promise.allSettled(keys.map((k) => storage.delete(k)));
}

async function createTenantAndOwner(admin: AdminDatabase, env: Env, input: TCreateTenantRequest) {
  if (input.template && !findTemplate(input.template)) {
    throw new ApiError("validation_failed", `there is no template called ${input.template}`, [
      { path: "template", message: "unknown template", in: "body" },
    ]);
  }
  try {
    return await admin.withAdmin(async (tx) => {
      // A paid plan starts as a trial of that plan (BILLING_TRIAL_DAYS); free is simply active.
      const trialDays = planCatalog().trialDays;
      const trial = input.plan !== "free" && trialDays > 0;
      const tenant = await tx.tenant.create({
        data: {
          key: input.key,
          name: input.name,
          plan: input.plan,
          billingStatus: trial ? "trialing" : "active",
          template: input.template ?? null,
        },
      });
      await tx.tenantBilling.create({
        data: {
          tenantId: tenant.id,
          status: trial ? "trialing" : "active",
          ...(trial ? { trialPlan: input.plan, trialEndsAt: new Date(Date.now() + trialDays * 86_400_000) } : {}),
        },
      });
      const user =
        (await tx.user.findUnique({ where: { email: input.ownerEmail } })) ??
        (await tx.user.create({ data: { email: input.ownerEmail } }));
      const membership = await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "owner" } });
      let url: string | null = null;
      if (!user.passwordHash) {
        url = (
          await writeInvite(tx, env, {
            tenantId: tenant.id,
            tenantKey: tenant.key,
            tenantName: tenant.name,
            email: user.email,
            role: "owner",
            invitedBy: null,
          })
        ).url;
      } else {
        const email = addedToStoreEmail(tenant.name, "owner", `${env.publicUrl}/login`);
        await enqueue(tx, sendEmailJob, { to: user.email, ...email }, { tenantId: tenant.id });
      }
      return {
        tenant: presentTenant(tenant),
        owner: { email: user.email, inviteUrl: url },
        ownerMembershipId: membership.id,
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError("tenant_key_taken", `the store key ${input.key} is taken`);
    throw err;
  }
}
