// Password reset by emailed token: request (always answers the same), then confirm.
import { hashPassword, hashToken, newToken } from "../../auth/secrets.ts";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { sendEmailJob } from "../../jobs/send-email.ts";
import { revokeAllSessions } from "./log-in.ts";
import { passwordResetEmail } from "./messages.ts";
import { hit } from "./rate-limit.ts";

const RESET_TTL_MS = 3600_000;

/** Emails a reset link when the account exists. The answer never reveals whether it does. */
export async function requestPasswordReset(db: Database, env: Env, email: string, ip: string): Promise<void> {
  await hit(db, "reset-ip", ip, { max: env.LOGIN_MAX_PER_IP, seconds: env.LOGIN_WINDOW_SECONDS });
  await hit(db, "reset-account", email, { max: env.LOGIN_MAX_PER_ACCOUNT, seconds: env.LOGIN_WINDOW_SECONDS });
  await db.withApp(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) return;
    const { token, hash } = newToken("rst");
    await tx.passwordReset.create({
      data: { userId: user.id, tokenHash: hash, expiresAt: new Date(Date.now() + RESET_TTL_MS) },
    });
    const url = `${env.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await enqueue(tx, sendEmailJob, { to: email, ...passwordResetEmail(url) }, { tenantId: null });
  });
}

/** Sets the new password, spends the token and signs the account out everywhere. */
export async function resetPassword(db: Database, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.withApp(async (tx) => {
    const reset = await tx.passwordReset.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!reset || reset.usedAt || reset.expiresAt <= new Date()) {
      throw new ApiError("token_invalid", "this reset link is invalid, used or expired; ask for a new one");
    }
    const now = new Date();
    await tx.passwordReset.update({ where: { id: reset.id }, data: { usedAt: now } });
    await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash, passwordChangedAt: now } });
    await revokeAllSessions(tx, reset.userId);
  });
}
