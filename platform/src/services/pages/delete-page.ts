// Deletes a page with its versions. The home page cannot go (make another page home first); a
// published page is on the store, so taking it off needs pages:publish like any change shoppers see.
import type { Database } from "../../db/types.ts";
import { ApiError } from "../../http/errors.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import type { PageActor } from "./page-actor.ts";
import { lockHome, lockPage } from "./page-rows.ts";

export async function deletePage(db: Database, actor: PageActor, pageId: string): Promise<void> {
  await db.withTenant(actor.tenantId, async (tx) => {
    await notifyCatalogChanged(tx, actor.tenantId);
    await lockHome(tx, actor.tenantId);
    const page = await lockPage(tx, pageId);
    if (page.isHome) {
      throw new ApiError("page_is_home", "the home page cannot be deleted: make another page the home page first");
    }
    if (page.publishedVersion !== null && !actor.canPublish) {
      throw new ApiError(
        "forbidden",
        "this page is published: deleting it takes it off the store, which needs pages:publish",
      );
    }
    // Versions go with it (ON DELETE CASCADE runs as the table owner: the app role itself can never delete one).
    await tx.$executeRaw`DELETE FROM pages WHERE id = ${pageId}::uuid`;
  });
}
