// The demo of embedded mode: a platform admin and a demo store, made through provisioning.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AdminDatabase } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import type { TemplateDeps } from "../templates/apply-template-catalog.ts";
import { createPlatformAdmin, upsertUserWithPassword } from "./create-admin.ts";
import { provisionTenant } from "./provision-tenant.ts";

export const DEMO_ADMIN_EMAIL = "admin@mallwright.local";
export const DEMO_OWNER_EMAIL = "owner@demo.mallwright.local";
export const DEMO_TENANT_KEY = "demo";

export interface DemoLogins {
  adminEmail: string;
  ownerEmail: string;
  tenantKey: string;
  password: string;
  created: boolean;
}

/**
 * Makes the demo accounts once. The password is MALLWRIGHT_DEMO_PASSWORD when set, else one
 * generated at first start and kept in DATA_DIR (never in the database in clear) so that
 * later starts can print it again.
 */
export async function seedDemo(admin: AdminDatabase, env: Env, content?: TemplateDeps): Promise<DemoLogins> {
  const file = path.resolve(env.DATA_DIR, "demo-password.txt");
  let password = env.MALLWRIGHT_DEMO_PASSWORD;
  if (!password && existsSync(file)) password = readFileSync(file, "utf8").trim();
  if (!password) {
    password = randomBytes(12).toString("base64url");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  const exists = await admin.withAdmin((tx) => tx.tenant.findUnique({ where: { key: DEMO_TENANT_KEY } }));
  await createPlatformAdmin(admin, DEMO_ADMIN_EMAIL, password);
  // The owner account exists with its password first, so provisioning adds it to the store
  // directly instead of inviting it.
  await upsertUserWithPassword(admin, DEMO_OWNER_EMAIL, password);
  if (!exists) {
    await provisionTenant(
      admin,
      env,
      {
        name: "Demo Store 演示店铺",
        key: DEMO_TENANT_KEY,
        ownerEmail: DEMO_OWNER_EMAIL,
        plan: "growth",
        // The richest template: every block type but video, 12 products sold by weight, 3 pages.
        template: "fresh-food",
      },
      content,
    );
  }
  return {
    adminEmail: DEMO_ADMIN_EMAIL,
    ownerEmail: DEMO_OWNER_EMAIL,
    tenantKey: DEMO_TENANT_KEY,
    password,
    created: !exists,
  };
}
