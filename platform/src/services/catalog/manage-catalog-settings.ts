// Per-store catalog settings: the default low-stock threshold and the replenishment lead time used
// for safety stock. A store without a row gets the defaults; the first change creates the row.
import type { TCatalogSettings, TUpdateCatalogSettingsRequest } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import { CATALOG_SETTINGS_DEFAULTS } from "../inventory/stock-levels.ts";

export async function getCatalogSettings(db: Database, tenantId: string): Promise<TCatalogSettings> {
  const row = await db.withTenant(tenantId, (tx) => tx.catalogSettings.findUnique({ where: { tenantId } }));
  return row
    ? { lowStockDefault: row.lowStockDefault, replenishmentDays: row.replenishmentDays }
    : { ...CATALOG_SETTINGS_DEFAULTS };
}

export async function updateCatalogSettings(
  db: Database,
  tenantId: string,
  input: TUpdateCatalogSettingsRequest,
): Promise<TCatalogSettings> {
  const row = await db.withTenant(tenantId, (tx) =>
    tx.catalogSettings.upsert({
      where: { tenantId },
      create: { tenantId, ...CATALOG_SETTINGS_DEFAULTS, ...input },
      update: { ...input, updatedAt: new Date() },
    }),
  );
  return { lowStockDefault: row.lowStockDefault, replenishmentDays: row.replenishmentDays };
}
