// Saves a page's draft under optimistic concurrency: the page row is locked, the client's revision
// (If-Match) must be the current one, then the document is migrated, validated and cleaned, and
// stored with the next revision. Of two saves from the same revision exactly one wins; the other
// gets 412 with the revision to reload.
import type { TPageDetail } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import type { PageActor } from "./page-actor.ts";
import { requireValidPage } from "./page-document.ts";
import { loadPageDetail, lockPage } from "./page-rows.ts";
import { assertRevision, requireRevision } from "./revision.ts";

export async function savePageDraft(
  db: Database,
  actor: PageActor,
  pageId: string,
  ifMatch: string | undefined,
  raw: unknown,
): Promise<TPageDetail> {
  return db.withTenant(actor.tenantId, async (tx) => {
    await notifyCatalogChanged(tx, actor.tenantId);
    // In the order HTTP evaluates them: the page exists (404), the precondition holds (428/412),
    // and only then is the content looked at (422).
    const page = await lockPage(tx, pageId);
    assertRevision(requireRevision(ifMatch), page.revision);
    const document = requireValidPage(raw, "draft");
    await tx.$executeRaw`
      UPDATE pages SET draft = ${JSON.stringify(document)}::jsonb, title = ${document.title},
             draft_revision = draft_revision + 1, updated_at = now(), updated_by = ${actor.membershipId}::uuid
      WHERE id = ${pageId}::uuid`;
    return loadPageDetail(tx, pageId);
  });
}
