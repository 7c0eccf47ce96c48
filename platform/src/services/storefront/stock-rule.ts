// The low-stock threshold in SQL, written once with the portable builder (src/db/read.ts): the
// storefront and the Worker use it directly, the merchant side (services/inventory/stock-levels.ts)
// through Prisma, so shopper and merchant always agree on a SKU's threshold (its own ?? safety
// stock from 30 days of sales x replenishment days x 1.2 ?? the store default).
import { sql } from "../../db/read.ts";
import { CATALOG_SETTINGS_DEFAULTS, SALES_WINDOW_DAYS } from "../inventory/stock-defaults.ts";

/** Safety factor of the sales-based threshold, as a ratio of integers so SQL computes it exactly. */
const SAFETY = { num: 12, den: 10 } as const;

/** `cfg`: one row with the store's settings (RLS picks the store) or the defaults. Use in a WITH. */
export const stockSettingsCte = sql`cfg AS (
  SELECT coalesce(max(low_stock_default), ${CATALOG_SETTINGS_DEFAULTS.lowStockDefault}::int) AS low_default,
         coalesce(max(replenishment_days), ${CATALOG_SETTINGS_DEFAULTS.replenishmentDays}::int) AS days
  FROM catalog_settings)`;

/** The threshold in force for the SKU row aliased `s` (needs `cfg` in scope). */
export const skuThresholdSql = sql`coalesce(
    s.low_stock_threshold,
    (SELECT ceil(sum(-l.delta) * cfg.days * ${SAFETY.num}::numeric / ${SALES_WINDOW_DAYS * SAFETY.den}::numeric)::int
      FROM inventory_ledger l
      WHERE l.sku_id = s.id AND l.reason = 'order'
        AND l.created_at >= now() - make_interval(days => ${SALES_WINDOW_DAYS}::int)
      HAVING sum(-l.delta) > 0),
    cfg.low_default)`;
