// Platform admin accounts: created by the CLI and the demo seed (never over HTTP).
import { hashPassword } from "../../auth/secrets.ts";
import type { AdminDatabase } from "../../db/types.ts";

/** Makes `email` a platform admin, creating the account or setting its password as given. */
export async function createPlatformAdmin(admin: AdminDatabase, email: string, password?: string) {
  const passwordHash = password ? await hashPassword(password) : undefined;
  return admin.withAdmin(async (tx) => {
    const user = await tx.user.upsert({
      where: { email },
      create: { email, passwordHash: passwordHash ?? null, passwordChangedAt: passwordHash ? new Date() : null },
      update: passwordHash ? { passwordHash, passwordChangedAt: new Date() } : {},
    });
    await tx.platformAdmin.upsert({ where: { userId: user.id }, create: { userId: user.id }, update: {} });
    return { id: user.id, email: user.email, hasPassword: user.passwordHash !== null };
  });
}

/** Sets an account's password directly (demo seed and `mallwright admin create`). */
export async function setPassword(admin: AdminDatabase, email: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await admin.withAdmin((tx) =>
    tx.user.update({ where: { email }, data: { passwordHash, passwordChangedAt: new Date() } }),
  );
}

/** Creates the account with this password, or sets the password of the existing one. */
export async function upsertUserWithPassword(admin: AdminDatabase, email: string, password: string) {
  const passwordHash = await hashPassword(password);
  return admin.withAdmin((tx) =>
    tx.user.upsert({
      where: { email },
      create: { email, passwordHash, passwordChangedAt: new Date() },
      update: { passwordHash, passwordChangedAt: new Date() },
    }),
  );
}
