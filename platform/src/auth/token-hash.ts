// The SHA-256 of an opaque token, as sessions and invites store it. Apart from secrets.ts (argon2, a
// native module) so session lookups stay importable where native code cannot run (the edge entry).
import { createHash } from "node:crypto";

export function hashToken(token: string): Uint8Array<ArrayBuffer> {
  const digest = createHash("sha256").update(token).digest();
  return new Uint8Array(digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer);
}
