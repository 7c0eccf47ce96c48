// The store's category tree as shoppers see it: visible categories in the merchant's order, with
// icons. A hidden parent hides its children. One SQL statement.
import type { TStoreCategory, TStoreCategoryTree } from "@mallwright/schema";
import { sql, type TenantReader } from "../../db/read.ts";
import type { Env } from "../../env.ts";
import { smallImageUrl } from "./present-media.ts";

interface CategoryRow {
  id: string;
  parent_id: string | null;
  name: string;
  icon_id: string | null;
  icon_key: string | null;
  icon_variants: unknown;
}

export async function listStoreCategories(
  reader: TenantReader,
  env: Env,
  tenantId: string,
): Promise<TStoreCategoryTree> {
  const [rows] = await reader.read(tenantId, [
    sql<CategoryRow>`
      SELECT c.id, c.parent_id, c.name, m.id AS icon_id, m.storage_key AS icon_key, m.variants AS icon_variants
      FROM categories c
      LEFT JOIN media m ON m.tenant_id = c.tenant_id AND m.id = c.icon_media_id
      WHERE c.tenant_id = ${tenantId}::uuid AND c.visible
      ORDER BY c.position, c.created_at, c.id`,
  ]);
  const icon = (r: CategoryRow) =>
    smallImageUrl(
      env,
      r.icon_id && r.icon_key ? { id: r.icon_id, storageKey: r.icon_key, variants: r.icon_variants } : null,
    );
  const top = new Map<string, TStoreCategory>();
  for (const r of rows) {
    if (r.parent_id === null) top.set(r.id, { id: r.id, name: r.name, iconUrl: icon(r), children: [] });
  }
  for (const r of rows) {
    // Children of hidden (absent) parents stay out; the tree is two levels deep by design.
    if (r.parent_id !== null) top.get(r.parent_id)?.children.push({ id: r.id, name: r.name, iconUrl: icon(r) });
  }
  return { items: [...top.values()] };
}
