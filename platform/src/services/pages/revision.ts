// Optimistic concurrency for drafts: a save names the revision it started from in If-Match
// (`"r<revision>"`, the ETag reads hand out). Missing: 428; another revision: 412 naming the current.
import { ApiError } from "../../http/errors.ts";

const TAG = /^(?:W\/)?"r(\d{1,9})"$/;

/** The ETag of a draft at `revision`. */
export function revisionTag(revision: number): string {
  return `"r${revision}"`;
}

/** The revision an If-Match header names; throws 428 when there is none (or it is not one of ours). */
export function requireRevision(ifMatch: string | undefined): number {
  const value = ifMatch?.trim();
  const match = value ? TAG.exec(value) : null;
  if (!match?.[1]) {
    throw new ApiError(
      "precondition_required",
      value
        ? `If-Match must name a revision, like "r3" (the ETag of the draft); got ${JSON.stringify(value.slice(0, 40))}`
        : 'saving a draft needs If-Match: "r<revision>" (the ETag of the draft it started from)',
      [{ path: "If-Match", in: "header", message: 'must be "r<revision>"' }],
    );
  }
  return Number(match[1]);
}

/** 412 unless the draft is still at the revision the client started from. */
export function assertRevision(expected: number, current: number): void {
  if (expected === current) return;
  throw new ApiError(
    "precondition_failed",
    `the draft changed since revision ${expected}: it is at revision ${current} now; load it again and reapply your changes`,
    [{ path: "If-Match", in: "header", message: `the current revision is ${revisionTag(current)}` }],
    { ETag: revisionTag(current) },
  );
}
