// Draft preview links: a short-lived token that is the credential for one page's draft. The token is
// `<tenantId>.<pageId>.<expiry, unix seconds>.<HMAC-SHA256 of the first three, base64url>` signed with
// PREVIEW_SECRET (required in production; made up per process otherwise, so development links die
// with the process). Anything that does not verify is a 401; a good signature past its expiry a 410.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";

export const PREVIEW_TTL_MS = 10 * 60 * 1000;

/** Made up on first use (not at import: Workers forbid random values at global scope). */
let processSecret: string | undefined;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function secret(env: Env): string {
  if (env.PREVIEW_SECRET !== undefined) return env.PREVIEW_SECRET;
  processSecret ??= randomBytes(32).toString("base64url");
  return processSecret;
}

function sign(env: Env, payload: string): Buffer {
  return createHmac("sha256", secret(env)).update(`mallwright-preview\n${payload}`).digest();
}

export function createPreviewToken(
  env: Env,
  tenantId: string,
  pageId: string,
  now: Date = new Date(),
): { token: string; expiresAt: string } {
  const exp = Math.floor((now.getTime() + PREVIEW_TTL_MS) / 1000);
  const payload = `${tenantId}.${pageId}.${exp}`;
  return {
    token: `${payload}.${sign(env, payload).toString("base64url")}`,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/** The tenant and page a token names; 401 when it is not one we signed, 410 when it has expired. */
export function verifyPreviewToken(
  env: Env,
  token: string,
  now: Date = new Date(),
): { tenantId: string; pageId: string } {
  const invalid = new ApiError("unauthenticated", "this preview link is not valid");
  const parts = token.split(".");
  if (parts.length !== 4) throw invalid;
  const [tenantId = "", pageId = "", exp = "", mac = ""] = parts;
  if (!UUID.test(tenantId) || !UUID.test(pageId) || !/^\d{1,12}$/.test(exp)) throw invalid;
  // Compared as text: base64url decoding ignores the last character's spare bits, so comparing
  // decoded bytes would accept several spellings of one signature.
  const expected = Buffer.from(sign(env, `${tenantId}.${pageId}.${exp}`).toString("base64url"));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  if (Number(exp) * 1000 <= now.getTime()) {
    throw new ApiError("token_invalid", "this preview link has expired: open a new one from the designer");
  }
  return { tenantId, pageId };
}
