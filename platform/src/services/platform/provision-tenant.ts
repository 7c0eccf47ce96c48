// Provisioning: the tenant, its owner (invited when new) and its template, in one transaction.
// Used by POST /platform/v1/tenants, `mallwright tenant create` and the demo seed alike.
import type { TCreateTenantRequest, TProvisionTenantResponse } from "@mallwright/schema";
import { isUniqueViolation } from "../../db/errors.ts";
import type { AdminDatabase } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { sendEmailJob } from "../../jobs/send-email.ts";
import { addedToStoreEmail } from "../auth/messages.ts";
import { writeInvite } from "../staff/invite-staff.ts";
import { presentTenant } from "./manage-tenants.ts";
import { findTemplate } from "./templates.ts";

export async function provisionTenant(
  admin: AdminDatabase,
  env: Env,
  input: TCreateTenantRequest,
): Promise<TProvisionTenantResponse> {
  if (input.template && !findTemplate(input.template)) {
    throw new ApiError("validation_failed", `there is no template called ${input.template}`, [
      { path: "template", message: "unknown template", in: "body" },
    ]);
  }
  try {
    return await admin.withAdmin(async (tx) => {
      const tenant = await tx.tenant.create({
        data: { key: input.key, name: input.name, plan: input.plan, template: input.template ?? null },
      });
      const user =
        (await tx.user.findUnique({ where: { email: input.ownerEmail } })) ??
        (await tx.user.create({ data: { email: input.ownerEmail } }));
      await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "owner" } });
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
      // Templates bring pages and a catalog; applying them lands with the page documents.
      return { tenant: presentTenant(tenant), owner: { email: user.email, inviteUrl: url } };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError("tenant_key_taken", `the store key ${input.key} is taken`);
    throw err;
  }
}
