// Categories: two levels, ordered by drag (position among siblings), with an icon and visibility.
// Deleting one that holds products needs a target for them; one with subcategories is refused.
import type {
  TCategory,
  TCategoryTree,
  TCreateCategoryRequest,
  TErrorDetail,
  TReorderCategoriesRequest,
  TUpdateCategoryRequest,
} from "@mallwright/schema";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { presentMediaRef } from "../media/media-url.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import { assertNoProblems, type CategoryRef, checkReferences, type MediaRef } from "./check-references.ts";

interface Row {
  id: string;
  parent_id: string | null;
  name: string;
  icon_media_id: string | null;
  icon_key: string | null;
  icon_variants: unknown;
  visible: boolean;
  position: number;
  product_count: number;
}

/** Every category of the store with its icon and live product count, in one query. */
async function categoryRows(tx: Tx, where: { id: string } | null): Promise<Row[]> {
  return tx.$queryRaw<Row[]>`
    SELECT c.id::text AS id, c.parent_id::text AS parent_id, c.name, c.icon_media_id::text AS icon_media_id,
           m.storage_key AS icon_key, m.variants AS icon_variants, c.visible, c.position, coalesce(pc.n, 0)::int AS product_count
    FROM categories c
    LEFT JOIN media m ON m.id = c.icon_media_id
    LEFT JOIN (
      SELECT category_id, count(*) AS n FROM products WHERE deleted_at IS NULL AND category_id IS NOT NULL GROUP BY category_id
    ) pc ON pc.category_id = c.id
    WHERE (${where?.id ?? null}::uuid IS NULL OR c.id = ${where?.id ?? null}::uuid)
    ORDER BY c.position, c.created_at, c.id`;
}

/** Icons are shown small: the thumbnail when the media library made one, else the original. */
function iconUrl(env: Env, r: Row): string | null {
  if (!r.icon_media_id || !r.icon_key) return null;
  const ref = presentMediaRef(env, { id: r.icon_media_id, storageKey: r.icon_key, variants: r.icon_variants });
  return ref.thumbUrl ?? ref.url;
}

function present(env: Env, r: Row): TCategory {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    iconMediaId: r.icon_media_id,
    iconUrl: iconUrl(env, r),
    visible: r.visible,
    position: r.position,
    productCount: r.product_count,
  };
}

async function loadTree(tx: Tx, env: Env): Promise<TCategoryTree> {
  const rows = await categoryRows(tx, null);
  const children = new Map<string, TCategory[]>();
  for (const r of rows) {
    if (r.parent_id === null) continue;
    const list = children.get(r.parent_id) ?? [];
    list.push(present(env, r));
    children.set(r.parent_id, list);
  }
  return {
    items: rows
      .filter((r) => r.parent_id === null)
      .map((r) => ({ ...present(env, r), children: children.get(r.id) ?? [] })),
  };
}

export async function listCategoryTree(db: Database, env: Env, tenantId: string): Promise<TCategoryTree> {
  return db.withTenant(tenantId, (tx) => loadTree(tx, env));
}

async function loadCategory(tx: Tx, env: Env, id: string): Promise<TCategory> {
  const [row] = await categoryRows(tx, { id });
  if (!row) throw notFound("category");
  return present(env, row);
}

export async function getCategory(db: Database, env: Env, tenantId: string, id: string): Promise<TCategory> {
  return db.withTenant(tenantId, (tx) => loadCategory(tx, env, id));
}

function refsOf(input: { parentId?: string | null | undefined; iconMediaId?: string | null | undefined }) {
  const categories: CategoryRef[] = input.parentId ? [{ path: "parentId", id: input.parentId, topLevel: true }] : [];
  const media: MediaRef[] = input.iconMediaId ? [{ path: "iconMediaId", id: input.iconMediaId, kind: "image" }] : [];
  return { categories, media };
}

/** The position after the last sibling under `parentId`. */
async function nextPosition(tx: Tx, parentId: string | null): Promise<number> {
  const agg = await tx.category.aggregate({ where: { parentId }, _max: { position: true } });
  return (agg._max.position ?? -1) + 1;
}

export async function createCategory(
  db: Database,
  env: Env,
  tenantId: string,
  input: TCreateCategoryRequest,
): Promise<TCategory> {
  return db.withTenant(tenantId, async (tx) => {
    await notifyCatalogChanged(tx, tenantId);
    assertNoProblems(await checkReferences(tx, refsOf(input)));
    const parentId = input.parentId ?? null;
    const created = await tx.category.create({
      data: {
        tenantId,
        parentId,
        name: input.name,
        iconMediaId: input.iconMediaId ?? null,
        visible: input.visible,
        position: await nextPosition(tx, parentId),
      },
      select: { id: true },
    });
    return loadCategory(tx, env, created.id);
  });
}

export async function updateCategory(
  db: Database,
  env: Env,
  tenantId: string,
  id: string,
  input: TUpdateCategoryRequest,
): Promise<TCategory> {
  return db.withTenant(tenantId, async (tx) => {
    await notifyCatalogChanged(tx, tenantId);
    const [current] = await tx.$queryRaw<{ parent_id: string | null; children: number }[]>`
      SELECT parent_id::text AS parent_id, (SELECT count(*) FROM categories k WHERE k.parent_id = c.id)::int AS children
      FROM categories c WHERE c.id = ${id}::uuid FOR UPDATE`;
    if (!current) throw notFound("category");
    const moving = input.parentId !== undefined && input.parentId !== current.parent_id;
    const details: TErrorDetail[] = [];
    if (moving && input.parentId === id) {
      details.push({ path: "parentId", in: "body", message: "a category cannot be its own parent" });
    } else if (moving && input.parentId && current.children > 0) {
      details.push({
        path: "parentId",
        in: "body",
        message: `this category has ${current.children} subcategories, so it must stay top-level (categories are at most two levels deep)`,
      });
    }
    assertNoProblems(details);
    assertNoProblems(
      await checkReferences(tx, refsOf({ parentId: moving ? input.parentId : null, iconMediaId: input.iconMediaId })),
    );
    const parentId = input.parentId ?? null;
    await tx.category.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.visible !== undefined ? { visible: input.visible } : {}),
        ...(input.iconMediaId !== undefined ? { iconMediaId: input.iconMediaId } : {}),
        ...(moving ? { parentId, position: await nextPosition(tx, parentId) } : {}),
        updatedAt: new Date(),
      },
    });
    return loadCategory(tx, env, id);
  });
}

/**
 * Deletes a category. Its live products need a target (`moveTo`) or the delete is refused with 409
 * category_in_use; products in the recycle bin follow them to the target, or lose their category
 * when there is none. A category with subcategories is refused (409 conflict).
 */
export async function deleteCategory(
  db: Database,
  tenantId: string,
  id: string,
  moveTo: string | undefined,
): Promise<{ movedProducts: number }> {
  return db
    .withTenant(tenantId, async (tx) => {
      await notifyCatalogChanged(tx, tenantId);
      const [current] = await tx.$queryRaw<{ children: number; live: number }[]>`
      SELECT (SELECT count(*) FROM categories k WHERE k.parent_id = c.id)::int AS children,
             (SELECT count(*) FROM products p WHERE p.category_id = c.id AND p.deleted_at IS NULL)::int AS live
      FROM categories c WHERE c.id = ${id}::uuid FOR NO KEY UPDATE`;
      if (!current) throw notFound("category");
      if (current.children > 0) {
        throw new ApiError(
          "conflict",
          `this category has ${current.children} subcategories: delete them or move them elsewhere first`,
        );
      }
      if (moveTo !== undefined) {
        if (moveTo === id) {
          assertNoProblems([{ path: "moveTo", in: "query", message: "must be another category than the one deleted" }]);
        }
        assertNoProblems(await checkReferences(tx, { categories: [{ path: "moveTo", id: moveTo, in: "query" }] }));
      } else if (current.live > 0) {
        throw new ApiError(
          "category_in_use",
          `${current.live} product${current.live > 1 ? "s are" : " is"} in this category: choose a category to move ${current.live > 1 ? "them" : "it"} to (?moveTo=<category id>)`,
        );
      }
      const moved = await tx.$executeRaw`
      UPDATE products SET category_id = ${moveTo ?? null}::uuid, updated_at = now() WHERE category_id = ${id}::uuid`;
      await tx.category.delete({ where: { id } });
      return { movedProducts: moveTo === undefined ? 0 : moved };
    })
    .catch((err: unknown) => {
      // NO KEY UPDATE above lets a concurrent product edit or subcategory point here (their foreign-key
      // checks would otherwise deadlock with us); if one did, the delete's RESTRICT says so.
      if (isForeignKeyViolation(err)) {
        throw new ApiError("conflict", "this category (or the target) changed meanwhile: try again");
      }
      throw err;
    });
}

function isForeignKeyViolation(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    return err.code === "P2003" || (err.code === "P2010" && JSON.stringify(err.meta ?? {}).includes("23503"));
  }
  return typeof err === "object" && err !== null && "code" in err && err.code === "23503";
}

/** Persists the order of one level: `ids` must list every category under `parentId` exactly once. */
export async function reorderCategories(
  db: Database,
  env: Env,
  tenantId: string,
  input: TReorderCategoriesRequest,
): Promise<TCategoryTree> {
  return db.withTenant(tenantId, async (tx) => {
    await notifyCatalogChanged(tx, tenantId);
    if (input.parentId) {
      assertNoProblems(
        await checkReferences(tx, { categories: [{ path: "parentId", id: input.parentId, topLevel: true }] }),
      );
    }
    const siblings = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM categories WHERE parent_id IS NOT DISTINCT FROM ${input.parentId}::uuid
      ORDER BY id FOR UPDATE`;
    const known = new Set(siblings.map((s) => s.id));
    const details: TErrorDetail[] = [];
    const seen = new Set<string>();
    input.ids.forEach((cid, i) => {
      if (seen.has(cid)) details.push({ path: `ids.${i}`, in: "body", message: "is listed twice" });
      else if (!known.has(cid)) {
        details.push({ path: `ids.${i}`, in: "body", message: "is not a category under this parent" });
      }
      seen.add(cid);
    });
    const missing = siblings.filter((s) => !seen.has(s.id)).length;
    if (missing > 0) {
      details.push({
        path: "ids",
        in: "body",
        message: `must list every category under this parent: ${missing} missing`,
      });
    }
    assertNoProblems(details);
    await tx.$executeRaw`
      UPDATE categories c SET position = v.ord - 1, updated_at = now()
      FROM unnest(${input.ids}::uuid[]) WITH ORDINALITY AS v(id, ord) WHERE c.id = v.id`;
    return loadTree(tx, env);
  });
}
