// Idempotency-Key for writes that create money-relevant things (DESIGN §4). The key is claimed in
// its own short transaction before the work starts, so a second request with the same key sees it:
// same payload while the first runs -> 409 idempotency_in_flight; same payload once done -> the
// first answer again; another payload -> 422 idempotency_mismatch. The work marks the key done in
// its own transaction (`complete(tx, ref)`), so "done" and the work commit together: a crash can
// never leave work behind a key that a retry would take over and do again. What is stored is a
// reference (an order id), never the answer itself: answers carry personal data, and a replay
// reads the thing as it is now. A request that fails releases its key (it changed nothing). A claim
// whose holder died before committing is taken over once its lease (locked_until) has passed.
import { createHash } from "node:crypto";
import type { Database, Tx } from "../../db/types.ts";
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

/** Marks the claimed key done with `ref` inside the work's transaction. */
export type Complete = (tx: Tx, ref: string) => Promise<void>;

function hashOf(payload: unknown): string {
  return createHash("sha256").update(JSON.stringify(payload)).digest("base64url");
}

const inFlight = () =>
  new ApiError("idempotency_in_flight", "a request with this Idempotency-Key is still being processed");

/**
 * Runs `work` once per key: `work(complete)` must call `complete(tx, ref)` in the transaction that
 * does the work. Answers `{ref, replayed}`: the reference of the first request's result.
 */
export async function idempotent(
  db: Database,
  req: IdempotentRequest,
  work: (complete: Complete) => Promise<string>,
): Promise<{ ref: string; replayed: boolean }> {
  const hash = hashOf(req.payload);
  type Claim = { kind: "run"; id: string } | { kind: "replay"; ref: string };
  const claim = await db.withTenant(req.tenantId, async (tx): Promise<Claim> => {
    const lockedUntil = new Date(Date.now() + LEASE_MS);
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO idempotency_keys (tenant_id, scope, owner_id, key, request_hash, status, locked_until)
      VALUES (${req.tenantId}::uuid, ${req.scope}, ${req.ownerId}::uuid, ${req.key}, ${hash}, 'in_flight', ${lockedUntil})
      ON CONFLICT (tenant_id, scope, owner_id, key) DO NOTHING
      RETURNING id::text AS id`;
    if (inserted[0]) return { kind: "run", id: inserted[0].id };
    // Gone again: the first request failed and released it meanwhile; the client may simply retry.
    const row = await tx.idempotencyKey.findFirst({ where: { scope: req.scope, ownerId: req.ownerId, key: req.key } });
    if (!row) throw inFlight();
    if (row.requestHash !== hash) {
      throw new ApiError("idempotency_mismatch", "this Idempotency-Key was used for a different request");
    }
    const ref = row.responseBody;
    if (
      row.status === "done" &&
      typeof ref === "object" &&
      ref !== null &&
      "ref" in ref &&
      typeof ref.ref === "string"
    ) {
      return { kind: "replay", ref: ref.ref };
    }
    if (row.lockedUntil > new Date()) throw inFlight();
    // The first holder died before committing (its work rolled back with the "done"): take over.
    const taken = await tx.idempotencyKey.updateMany({
      where: { id: row.id, status: "in_flight", lockedUntil: row.lockedUntil },
      data: { lockedUntil },
    });
    if (taken.count !== 1) throw inFlight();
    return { kind: "run", id: row.id };
  });
  if (claim.kind === "replay") return { ref: claim.ref, replayed: true };
  const complete: Complete = async (tx, ref) => {
    const done = await tx.idempotencyKey.updateMany({
      where: { id: claim.id, status: "in_flight" },
      data: { status: "done", responseStatus: 201, responseBody: { ref } },
    });
    if (done.count !== 1) throw inFlight();
  };
  try {
    return { ref: await work(complete), replayed: false };
  } catch (err) {
    await db.withTenant(req.tenantId, (tx) =>
      tx.idempotencyKey.deleteMany({ where: { id: claim.id, status: "in_flight" } }),
    );
    throw err;
  }
}
