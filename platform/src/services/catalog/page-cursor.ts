// Opaque keyset cursors for catalog lists: the sort value as text (exact, microseconds included)
// plus the id that breaks ties.
import { z } from "zod";
import { ApiError } from "../../http/errors.ts";

const ZCursor = z.object({ v: z.string(), id: z.uuid() });
export type PageCursor = z.infer<typeof ZCursor>;

export function encodeCursor(v: string, id: string): string {
  return Buffer.from(JSON.stringify({ v, id })).toString("base64url");
}

export function badCursor(): ApiError {
  return new ApiError("validation_failed", "cursor is not one this API gave out", [
    { path: "cursor", message: "invalid cursor", in: "query" },
  ]);
}

export function decodeCursor(cursor: string): PageCursor {
  try {
    return ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw badCursor();
  }
}

/** A timestamp as the lists write it into cursors (UTC, microseconds), and a real one. */
export function isExactTimestamp(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v)) return false;
  const ms = Date.parse(`${v.slice(0, 23)}Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 23) === v.slice(0, 23);
}
