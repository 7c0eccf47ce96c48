// Fixed-window counters in the database, shared by every API process. Keys are hashed so no
// email or IP address is stored in clear.
import { createHash } from "node:crypto";
import type { Database } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";

export interface Window {
  max: number;
  seconds: number;
}

function keyOf(scope: string, subject: string): string {
  return `${scope}:${createHash("sha256").update(subject).digest("base64url")}`;
}

interface CountRow {
  count: number;
  reset_at: Date;
}

/** Counts one hit; throws 429 once the window holds more than `max`. */
export async function hit(db: Database, scope: string, subject: string, w: Window): Promise<void> {
  const key = keyOf(scope, subject);
  const rows = await db.withApp(
    (tx) => tx.$queryRaw<CountRow[]>`
      INSERT INTO rate_limits (key, count, reset_at)
      VALUES (${key}, 1, now() + make_interval(secs => ${w.seconds}))
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.count + 1 END,
        reset_at = CASE WHEN rate_limits.reset_at <= now() THEN excluded.reset_at ELSE rate_limits.reset_at END
      RETURNING count, reset_at`,
  );
  const row = rows[0];
  if (row && row.count > w.max) throw tooMany(row.reset_at);
}

/** Throws 429 if the window is already full, without counting. */
export async function check(db: Database, scope: string, subject: string, w: Window): Promise<void> {
  const key = keyOf(scope, subject);
  const row = await db.withApp((tx) => tx.rateLimit.findUnique({ where: { key } }));
  if (row && row.resetAt > new Date() && row.count >= w.max) throw tooMany(row.resetAt);
}

export async function clear(db: Database, scope: string, subject: string): Promise<void> {
  const key = keyOf(scope, subject);
  await db.withApp((tx) => tx.rateLimit.deleteMany({ where: { key } }));
}

function tooMany(resetAt: Date): ApiError {
  const seconds = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  return new ApiError("rate_limited", `too many attempts; try again in ${seconds} s`, undefined, {
    "Retry-After": String(seconds),
  });
}
