// The store's media folders with how many items each holds: the folder list of the library,
// whole however many pages of media there are. Media outside any folder (folder "") are left out.
import type { TMediaFolderList } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";

export async function listMediaFolders(db: Database, tenantId: string): Promise<TMediaFolderList> {
  // One GROUP BY in the tenant's RLS scope; ordered by the database's collation.
  const groups = await db.withTenant(tenantId, (tx) =>
    tx.media.groupBy({
      by: ["folder"],
      where: { folder: { not: "" } },
      _count: { _all: true },
      orderBy: { folder: "asc" },
    }),
  );
  return { items: groups.map((g) => ({ name: g.folder, count: g._count._all })) };
}
