// Idempotency-Key for writes that create money-relevant things (DESIGN §4). The key is claimed in
// its own short transaction before the work starts, so a second request with the same key sees it:
// same payload while the first runs -> 409 idempotency_in_flight; same payload once done -> the
// first answer again; another payload -> 422 idempotency_mismatch. A request that fails releases
// its key (it changed nothing), so the client may retry with it. A claim whose holder died is
// taken over once its lease (locked_until) has passed.
import { createHash } from "node:crypto";
import type { Database } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";

const LEASE_MS = 60_000;

export interface IdempotentRequest {
  tenantId: string;
  scope: string;
  ownerId: string;
  key: string;
  /** The request as it matters (what the same request must repeat). */
  payload: unknown;
}

export interface StoredAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

function hashOf(payload: unknown): string {
  return createHash("sha256").update(JSON.stringify(payload)).digest("base64url");
}

export async function idempotent<T>(
  db: Database,
  req: IdempotentRequest,
  run: () => Promise<{ status: number; body: T }>,
  parse: (stored: unknown) => T,
): Promise<StoredAnswer<T>> {
  const hash = hashOf(req.payload);
  type Claim = { kind: "run"; id: string } | { kind: "replay"; status: number; body: unknown };
  const claim = await db.withTenant(req.tenantId, async (tx): Promise<Claim> => {
    const lockedUntil = new Date(Date.now() + LEASE_MS);
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO idempotency_keys (tenant_id, scope, owner_id, key, request_hash, status, locked_until)
      VALUES (${req.tenantId}::uuid, ${req.scope}, ${req.ownerId}::uuid, ${req.key}, ${hash}, 'in_flight', ${lockedUntil})
      ON CONFLICT (tenant_id, scope, owner_id, key) DO NOTHING
      RETURNING id::text AS id`;
    if (inserted[0]) return { kind: "run", id: inserted[0].id };
    const row = await tx.idempotencyKey.findFirstOrThrow({
      where: { scope: req.scope, ownerId: req.ownerId, key: req.key },
    });
    if (row.requestHash !== hash) {
      throw new ApiError("idempotency_mismatch", "this Idempotency-Key was used for a different request");
    }
    if (row.status === "done") return { kind: "replay", status: row.responseStatus ?? 200, body: row.responseBody };
    if (row.lockedUntil > new Date()) {
      throw new ApiError("idempotency_in_flight", "a request with this Idempotency-Key is still being processed");
    }
    // The first holder died mid-way (its transaction rolled back): take the claim over.
    const taken = await tx.idempotencyKey.updateMany({
      where: { id: row.id, status: "in_flight", lockedUntil: row.lockedUntil },
      data: { lockedUntil },
    });
    if (taken.count !== 1)
      throw new ApiError("idempotency_in_flight", "a request with this Idempotency-Key is still being processed");
    return { kind: "run", id: row.id };
  });
  if (claim.kind === "replay") return { status: claim.status, body: parse(claim.body), replayed: true };
  let answer: { status: number; body: T };
  try {
    answer = await run();
  } catch (err) {
    await db.withTenant(req.tenantId, (tx) =>
      tx.idempotencyKey.deleteMany({ where: { id: claim.id, status: "in_flight" } }),
    );
    throw err;
  }
  await db.withTenant(req.tenantId, (tx) =>
    tx.idempotencyKey.update({
      where: { id: claim.id },
      data: { status: "done", responseStatus: answer.status, responseBody: JSON.parse(JSON.stringify(answer.body)) },
    }),
  );
  return { ...answer, replayed: false };
}
