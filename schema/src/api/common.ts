// Shared building blocks of request and response schemas: ids, emails, pagination.
import { z } from "zod";

export const ZUuid = z.uuid({ message: "must be a UUID" });

export const ZEmail = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .toLowerCase()
  .pipe(z.email({ message: "must be an email address" }));

export const ZPassword = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(200, "must be at most 200 characters");

export const ZDisplayName = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

/** Cursor pagination query: `?cursor=&limit=`. */
export const ZPageQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const ZOk = z.object({ ok: z.literal(true) });
