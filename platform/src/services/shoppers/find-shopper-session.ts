// The shopper behind a session token, looked up inside the store's RLS scope. Its own module (no
// password hashing in its imports), so the request path and the edge entry stay free of native code.
import type { Database } from "../../db/types.ts";

/** The shopper behind a session token in this store, or null (unknown, expired, revoked, another store's). */
export async function findShopperSession(
  db: Database,
  tenantId: string,
  tokenHash: Uint8Array<ArrayBuffer>,
): Promise<{ sessionId: string; shopperId: string } | null> {
  return db.withTenant(tenantId, async (tx) => {
    const s = await tx.shopperSession.findUnique({
      where: { tokenHash },
      select: { id: true, shopperId: true, expiresAt: true, revokedAt: true },
    });
    if (!s || s.revokedAt || s.expiresAt <= new Date()) return null;
    return { sessionId: s.id, shopperId: s.shopperId };
  });
}
