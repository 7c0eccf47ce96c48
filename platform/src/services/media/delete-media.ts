// Delete a media item: refused with the list of its uses while anything points at it; otherwise
// the row goes first (in one transaction with the check), then its files.
import { Prisma } from "../../generated/prisma/client.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import { findUsage, usageDetails } from "./find-media-usage.ts";
import { storageKeysOf } from "./present-media.ts";
import type { MediaDeps } from "./upload-media.ts";

function inUse(details: ReturnType<typeof usageDetails>, count: number): ApiError {
  return new ApiError(
    "media_in_use",
    `this file is used in ${count} place${count === 1 ? "" : "s"}; remove it there first (details list where)`,
    details,
  );
}

function isForeignKeyViolation(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientKnownRequestError) return err.code === "P2003";
  return typeof err === "object" && err !== null && "code" in err && err.code === "23503";
}

export async function deleteMedia(
  deps: Pick<MediaDeps, "db" | "storage">,
  tenantId: string,
  id: string,
  onFileError?: (key: string, err: unknown) => void,
): Promise<void> {
  const { db, storage } = deps;
  let keys: string[];
  try {
    keys = await db.withTenant(tenantId, async (tx) => {
      await notifyCatalogChanged(tx, tenantId);
      const m = await tx.media.findUnique({ where: { id } });
      if (!m) throw notFound("media");
      const usedBy = await findUsage(tx, id);
      if (usedBy.length > 0) throw inUse(usageDetails(usedBy), usedBy.length);
      await tx.media.delete({ where: { id } });
      return storageKeysOf(m);
    });
  } catch (err) {
    // A reference added between the check and the delete: the foreign key refuses; say where.
    if (!isForeignKeyViolation(err)) throw err;
    const usedBy = await db.withTenant(tenantId, (tx) => findUsage(tx, id));
    throw inUse(usageDetails(usedBy), usedBy.length);
  }
  // The row is gone, so the files are unreachable: a failure here leaves an orphan, never a broken item.
  for (const key of keys) {
    try {
      await storage.delete(key);
    } catch (err) {
      onFileError?.(key, err);
    }
  }
}
