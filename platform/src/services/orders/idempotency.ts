// Idempotency-Key for writes that create money-relevant things (DESIGN §4), claimed inside the
// work's own transaction (for an order, by mw_submit_order, migrations/0016): it first takes a
// transaction-scoped advisory lock on the key
// (another request holding it: 409 idempotency_in_flight, at once, never waiting), then inserts the
// key's row, already "done", with a reference to the work's result (an order id made up front).
// So the key and the work commit together or not at all: a crash or a refusal leaves no key
// behind, and a key that exists always names finished work. Before the work, the key is looked up
// (keyLookupSql): found with the same payload -> the first answer again (the thing as it is now,
// read by its reference); found with another payload -> 422 idempotency_mismatch. A request that
// raced past that lookup finds the row at its insert and is sent the same way (idempotency_used).
// What is stored is a reference, never the answer: answers carry personal data.
import { createHash } from "node:crypto";
import { sql, type UuidRef, uuidRef } from "../../db/read.ts";
import { ApiError } from "../../http/errors.ts";

export interface IdempotentRequest {
  tenantId: string;
  scope: string;
  ownerId: string;
  key: string;
  /** The request as it matters (what the same request must repeat). */
  payload: unknown;
}

export function requestHash(payload: unknown): string {
  return createHash("sha256").update(JSON.stringify(payload)).digest("base64url");
}

export const inFlight = () =>
  new ApiError("idempotency_in_flight", "a request with this Idempotency-Key is still being processed");

export interface KeyRow {
  hash: string;
  ref: string | null;
}

/** The key's row, if it was used (a read of the request's store); `owner` in SQL when not known yet. */
export function keyLookupSql(req: Pick<IdempotentRequest, "scope" | "key">, owner: UuidRef) {
  return sql<KeyRow>`
    SELECT request_hash AS hash, response_body->>'ref' AS ref FROM idempotency_keys
    WHERE scope = ${req.scope} AND owner_id = ${uuidRef(owner)} AND key = ${req.key} AND status = 'done'`;
}

/** What a used key answers: the first result's reference, or 422 for another payload. */
export function replayOf(row: KeyRow, req: IdempotentRequest): string {
  if (row.hash !== requestHash(req.payload)) {
    throw new ApiError("idempotency_mismatch", "this Idempotency-Key was used for a different request");
  }
  if (!row.ref) throw inFlight();
  return row.ref;
}
