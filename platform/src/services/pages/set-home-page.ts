// Makes a published page the store's home page (what the mini-program opens on). Only a published
// page may be home, so the store's home always has something to show.
import type { TPageDetail } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import type { PageActor } from "./page-actor.ts";
import { loadPageDetail, lockHome, lockPage } from "./page-rows.ts";

export async function setHomePage(db: Database, actor: PageActor, pageId: string): Promise<TPageDetail> {
  return db.withTenant(actor.tenantId, async (tx) => {
    await notifyCatalogChanged(tx, actor.tenantId);
    await lockHome(tx, actor.tenantId);
    const page = await lockPage(tx, pageId);
    if (!page.isHome) {
      if (page.publishedVersion === null) {
        throw new ApiError("page_not_published", "publish this page before making it the home page");
      }
      // Two statements: the one-home unique index is checked row by row, never mid-swap.
      await tx.$executeRaw`UPDATE pages SET is_home = false WHERE is_home`;
      await tx.$executeRaw`UPDATE pages SET is_home = true WHERE id = ${pageId}::uuid`;
    }
    return loadPageDetail(tx, pageId);
  });
}
