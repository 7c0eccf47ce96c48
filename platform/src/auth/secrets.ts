// Passwords (argon2id) and opaque tokens (random, stored only as SHA-256 hashes).
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { hashToken } from "./token-hash.ts";

export { hashToken };

export type TokenKind = "mwp" | "mwm" | "mws" | "inv" | "rst";

export function newToken(kind: TokenKind): { token: string; hash: Uint8Array<ArrayBuffer> } {
  const token = `${kind}_${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashToken(token) };
}

export function hashPassword(password: string): Promise<string> {
  // OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (the library's defaults, spelled out).
  return hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

// A real hash of a random password, so unknown accounts take as long to reject as known ones.
let dummy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword(randomBytes(16).toString("hex"));
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
