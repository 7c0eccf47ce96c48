// The recycle bin: deleting a product moves it there (off the shelf); it can be restored (within the
// plan's quota) or deleted forever from there, with its SKUs, gallery and stock ledger.
import type { TProduct } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import type { CatalogActor } from "./actor.ts";
import { loadProduct } from "./get-product.ts";
import { assertProductQuota } from "./product-quota.ts";

/** Moves a product to the bin; an on-shelf product goes off the shelf. Already there: nothing to do. */
export async function trashProduct(db: Database, actor: CatalogActor, id: string): Promise<void> {
  await db.withTenant(actor.tenantId, async (tx) => {
    await notifyCatalogChanged(tx, actor.tenantId);
    const moved = await tx.$executeRaw`
      UPDATE products
      SET deleted_at = now(), updated_at = now(),
          status = CASE WHEN status = 'on_shelf' THEN 'off_shelf' ELSE status END
      WHERE id = ${id}::uuid AND deleted_at IS NULL`;
    if (moved === 0 && (await tx.product.count({ where: { id } })) === 0) throw notFound("product");
  });
}

/** Takes a product out of the bin (off the shelf); counts against the plan's product quota. */
export async function restoreProduct(db: Database, env: Env, actor: CatalogActor, id: string): Promise<TProduct> {
  return db.withTenant(actor.tenantId, async (tx) => {
    await notifyCatalogChanged(tx, actor.tenantId);
    const product = await tx.product.findUnique({ where: { id }, select: { deletedAt: true } });
    if (!product) throw notFound("product");
    if (product.deletedAt) {
      await assertProductQuota(tx, actor.tenantId, 1);
      await tx.product.update({ where: { id }, data: { deletedAt: null, updatedAt: new Date() } });
    }
    return loadProduct(tx, env, id);
  });
}

/** Deletes a product from the bin for good. A product not in the bin is refused (409). */
export async function purgeProduct(db: Database, actor: CatalogActor, id: string): Promise<void> {
  await db.withTenant(actor.tenantId, async (tx) => {
    await notifyCatalogChanged(tx, actor.tenantId);
    const product = await tx.product.findUnique({ where: { id }, select: { deletedAt: true } });
    if (!product) throw notFound("product");
    if (!product.deletedAt) {
      throw new ApiError("conflict", "only a product in the recycle bin can be deleted forever: delete it first");
    }
    await tx.product.delete({ where: { id } });
  });
}
