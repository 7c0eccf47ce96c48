// New pages: from a title (an empty document) or a given document of any schema version, and
// copies of an existing page's draft. The store's first page becomes its home page.

import { CURRENT_SCHEMA_VERSION, type TCreatePageRequest, type TPageDetail } from "@mallwright/schema";
import type { Database, Tx } from "../../db/types.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { notFound } from "../../http/errors.ts";
import { assertQuota } from "../billing/quota.ts";
import type { PageActor } from "./page-actor.ts";
import { requireValidPage } from "./page-document.ts";
import { currentDocument, loadPageDetail, lockHome } from "./page-rows.ts";

const COPY_SUFFIX = " (copy)";
const TITLE_MAX = 40;

async function insertPage(tx: Tx, actor: PageActor, title: string, draft: unknown): Promise<string> {
  await assertQuota(tx, actor.tenantId, "pages");
  await lockHome(tx, actor.tenantId);
  const home = await tx.page.findFirst({ where: { isHome: true }, select: { id: true } });
  const page = await tx.page.create({
    data: {
      tenantId: actor.tenantId,
      title,
      isHome: home === null,
      draft: draft as Prisma.InputJsonValue,
      updatedBy: actor.membershipId,
    },
    select: { id: true },
  });
  return page.id;
}

export async function createPage(db: Database, actor: PageActor, input: TCreatePageRequest): Promise<TPageDetail> {
  const raw = input.document
    ? { ...input.document, title: input.title }
    : { schemaVersion: CURRENT_SCHEMA_VERSION, title: input.title, blocks: [] };
  // Validated before the transaction: a bad document is a 422 at `document.<path>`.
  const document = requireValidPage(raw, "draft", "document");
  return db.withTenant(actor.tenantId, async (tx) => {
    const id = await insertPage(tx, actor, document.title, document);
    return loadPageDetail(tx, id);
  });
}

/** A new, unpublished page with a copy of the source's draft, titled "<title> (copy)". */
export async function duplicatePage(db: Database, actor: PageActor, pageId: string): Promise<TPageDetail> {
  return db.withTenant(actor.tenantId, async (tx) => {
    const source = await tx.page.findUnique({ where: { id: pageId }, select: { title: true, draft: true } });
    if (!source) throw notFound("page");
    const title = `${source.title.slice(0, TITLE_MAX - COPY_SUFFIX.length).trimEnd()}${COPY_SUFFIX}`;
    const document = { ...currentDocument(source.draft), title };
    const id = await insertPage(tx, actor, title, document);
    return loadPageDetail(tx, id);
  });
}
