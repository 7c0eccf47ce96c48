// Where a media item is used: product galleries and videos, SKU images, category icons, pages (their
// drafts and published versions) and the store's logo (its settings draft or published copy).
// Deleting is refused while this list is not empty (the foreign keys would refuse it anyway).
import type { TErrorDetail, ZMediaUsage } from "@mallwright/schema";
import type { z } from "zod";
import type { Database, Tx } from "../../db/types.ts";
import { notFound } from "../../http/errors.ts";

export type TMediaUsage = z.infer<typeof ZMediaUsage>;
type UsedBy = TMediaUsage["usedBy"][number];

const productLabel = (p: { title: string; deletedAt: Date | null }) =>
  p.deletedAt ? `${p.title} (in the trash)` : p.title;

/** Every reference to `mediaId` in the transaction's tenant, products first. */
export async function findUsage(tx: Tx, mediaId: string): Promise<UsedBy[]> {
  const select = { id: true, title: true, deletedAt: true } as const;
  // One after another: a transaction has one connection.
  const images = await tx.productImage.findMany({
    where: { mediaId },
    select: { product: { select } },
    orderBy: [{ productId: "asc" }, { position: "asc" }],
  });
  const videos = await tx.product.findMany({ where: { videoMediaId: mediaId }, select, orderBy: { id: "asc" } });
  const skus = await tx.sku.findMany({
    where: { imageMediaId: mediaId },
    select: { id: true, specValues: true, product: { select } },
    orderBy: [{ productId: "asc" }, { position: "asc" }],
  });
  const categories = await tx.category.findMany({
    where: { iconMediaId: mediaId },
    select: { id: true, name: true },
    orderBy: { id: "asc" },
  });
  // Documents hold image refs {mediaId, url, ...} anywhere in their tree.
  const ref = JSON.stringify({ id: mediaId });
  const pages = await tx.$queryRaw<{ id: string; title: string }[]>`
    SELECT p.id::text AS id, p.title FROM pages p
    LEFT JOIN page_versions v ON v.tenant_id = p.tenant_id AND v.page_id = p.id AND v.version = p.published_version
    WHERE jsonb_path_exists(p.draft, '$.** ? (@.mediaId == $id)', ${ref}::jsonb)
       OR jsonb_path_exists(v.document, '$.** ? (@.mediaId == $id)', ${ref}::jsonb)
    ORDER BY p.id`;
  const settings = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT s.id::text AS id, t.name FROM store_settings s JOIN tenants t ON t.id = s.tenant_id
    WHERE s.draft -> 'logo' ->> 'mediaId' = ${mediaId} OR s.published -> 'logo' ->> 'mediaId' = ${mediaId}`;
  const out: UsedBy[] = [];
  const seen = new Set<string>();
  const add = (u: UsedBy) => {
    const k = `${u.kind}:${u.id}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(u);
  };
  for (const { product } of images) add({ kind: "product", id: product.id, label: productLabel(product) });
  for (const p of videos) add({ kind: "product", id: p.id, label: `${productLabel(p)} (video)` });
  for (const s of skus) {
    const spec = s.specValues.length > 0 ? ` / ${s.specValues.join(" / ")}` : "";
    add({ kind: "sku", id: s.id, label: `${productLabel(s.product)}${spec}` });
  }
  for (const c of categories) add({ kind: "category", id: c.id, label: c.name });
  for (const p of pages) add({ kind: "page", id: p.id, label: p.title });
  for (const s of settings) add({ kind: "store", id: s.id, label: s.name });
  return out;
}

const MAX_DETAILS = 50;

/** The same list as error details: `{ path: "product:<id>", message: "<title>" }` (the first 50, then a count). */
export function usageDetails(usedBy: UsedBy[]): TErrorDetail[] {
  const details = usedBy.slice(0, MAX_DETAILS).map((u) => ({ path: `${u.kind}:${u.id}`, message: u.label }));
  if (usedBy.length > MAX_DETAILS) details.push({ path: "", message: `and ${usedBy.length - MAX_DETAILS} more` });
  return details;
}

export async function getMediaUsage(db: Database, tenantId: string, mediaId: string): Promise<TMediaUsage> {
  return db.withTenant(tenantId, async (tx) => {
    const exists = await tx.media.findUnique({ where: { id: mediaId }, select: { id: true } });
    if (!exists) throw notFound("media");
    return { usedBy: await findUsage(tx, mediaId) };
  });
}
