// Checks that ids a request points at (categories, media of a kind) are this store's, in two
// queries at most. Missing and another store's look the same: a 422 naming the field, nothing more.
import type { TErrorDetail } from "@mallwright/schema";
import type { Tx } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";

type Where = NonNullable<TErrorDetail["in"]>;

export interface CategoryRef {
  path: string;
  id: string;
  /** Only a top-level category will do (the parent of another). */
  topLevel?: boolean;
  in?: Where;
}

export interface MediaRef {
  path: string;
  id: string;
  kind: "image" | "video";
  in?: Where;
}

/** Throws the 422 for `details`, if there are any (the message names the first). */
export function assertNoProblems(details: TErrorDetail[]): void {
  const first = details[0];
  if (!first) return;
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : "";
  throw new ApiError(
    "validation_failed",
    `invalid ${first.in ?? "body"}: ${first.path}: ${first.message}${more}`,
    details,
  );
}

export async function checkReferences(
  tx: Tx,
  refs: { categories?: CategoryRef[]; media?: MediaRef[] },
): Promise<TErrorDetail[]> {
  const details: TErrorDetail[] = [];
  const categories = refs.categories ?? [];
  const media = refs.media ?? [];
  if (categories.length > 0) {
    // RLS limits the rows to this store: another store's id is simply not found. KEY SHARE keeps a
    // row found here from being deleted before the caller's transaction commits.
    const ids = [...new Set(categories.map((c) => c.id))];
    const rows = await tx.$queryRaw<{ id: string; parentId: string | null }[]>`
      SELECT id::text AS id, parent_id::text AS "parentId" FROM categories WHERE id = ANY(${ids}::uuid[]) FOR KEY SHARE`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const ref of categories) {
      const row = byId.get(ref.id);
      if (!row) details.push({ path: ref.path, in: ref.in ?? "body", message: "is not a category of this store" });
      else if (ref.topLevel && row.parentId !== null) {
        details.push({
          path: ref.path,
          in: ref.in ?? "body",
          message: "must be a top-level category: categories are at most two levels deep",
        });
      }
    }
  }
  if (media.length > 0) {
    const ids = [...new Set(media.map((m) => m.id))];
    const rows = await tx.$queryRaw<{ id: string; kind: string }[]>`
      SELECT id::text AS id, kind FROM media WHERE id = ANY(${ids}::uuid[]) FOR KEY SHARE`;
    const kindOf = new Map(rows.map((r) => [r.id, r.kind]));
    for (const ref of media) {
      if (kindOf.get(ref.id) !== ref.kind) {
        details.push({
          path: ref.path,
          in: ref.in ?? "body",
          message: `is not ${ref.kind === "image" ? "an image" : "a video"} in this store's media library`,
        });
      }
    }
  }
  return details;
}
