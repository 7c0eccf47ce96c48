// The low-stock rule's constants, apart from stock-levels.ts (which needs Prisma) so the storefront's
// SQL (services/storefront/stock-rule.ts) can use them on the edge too.

/** What a store without a catalog_settings row gets (the column defaults of migrations/0002_catalog.sql). */
export const CATALOG_SETTINGS_DEFAULTS = { lowStockDefault: 10, replenishmentDays: 7 } as const;
export const SALES_WINDOW_DAYS = 30;
