// The opaque cursor of the shopper product list: the sort keys and id of the last row given out,
// plus the sort and a fingerprint of the filters, so a cursor only continues the list it came from.
import { STORE_PRODUCT_SORTS, type TStoreProductSort, ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { ApiError } from "../../http/errors.ts";

/** `created_at` as the list query renders it: UTC, microseconds (exactly what PostgreSQL stores). */
export const CURSOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const ZInt = z.number().int().min(0).max(2_147_483_647);

/** The sort keys before the id, per sort: what the ORDER BY compares. */
const ZKeys = {
  newest: z.tuple([z.string().regex(CURSOR_TIMESTAMP)]),
  price: z.tuple([ZInt]),
  "-price": z.tuple([ZInt]),
  sales: z.tuple([ZInt]),
  relevance: z.tuple([ZInt, ZInt]),
} satisfies Record<TStoreProductSort, z.ZodType<CursorKeys>>;

/** Sort keys of one row: a timestamp for `newest`, integers for the others. */
export type CursorKeys = readonly (string | number)[];

const ZCursor = z.object({
  v: z.literal(1),
  s: z.enum(STORE_PRODUCT_SORTS),
  f: z.string().max(16),
  k: z.array(z.union([z.string().max(40), z.number()])).max(2),
  id: ZUuid,
});

/** A short, stable digest of the filters (FNV-1a): not a secret, only a guard against mixing lists. */
export function filterFingerprint(filters: unknown): string {
  const text = JSON.stringify(filters);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export function encodeProductCursor(sort: TStoreProductSort, fingerprint: string, keys: CursorKeys, id: string) {
  return Buffer.from(JSON.stringify({ v: 1, s: sort, f: fingerprint, k: keys, id })).toString("base64url");
}

function invalid(message: string): ApiError {
  return new ApiError("validation_failed", `invalid query: cursor: ${message}`, [
    { path: "cursor", message, in: "query" },
  ]);
}

/** The keys and id a cursor carries, checked against the list it is used with (422 otherwise). */
export function decodeProductCursor(
  cursor: string,
  sort: TStoreProductSort,
  fingerprint: string,
): { keys: CursorKeys; id: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid("is not a cursor this API gave out");
  }
  const parsed = ZCursor.safeParse(raw);
  if (!parsed.success) throw invalid("is not a cursor this API gave out");
  if (parsed.data.s !== sort || parsed.data.f !== fingerprint) {
    throw invalid("belongs to a list with other filters or another sort; start again without it");
  }
  const keys = ZKeys[sort].safeParse(parsed.data.k);
  if (!keys.success) throw invalid("is not a cursor this API gave out");
  return { keys: keys.data, id: parsed.data.id };
}
