// A store's checkout rules: express (a flat fee, free from an items total on, fees per province
// that replace the flat one) and self-pickup at its pickup points, how long an order waits for
// payment, and when a shipped order confirms itself. A store that never set them gets the defaults.
import { sql } from "../../db/read.ts";
import type { Tx } from "../../db/types.ts";

export interface CheckoutRules {
  expressEnabled: boolean;
  flatFee: number;
  freeOver: number | null;
  regionFees: { province: string; fee: number }[];
  pickupEnabled: boolean;
  paymentTimeoutMin: number;
  autoConfirmDays: number;
}

export const DEFAULT_CHECKOUT_RULES: CheckoutRules = {
  expressEnabled: true,
  flatFee: 0,
  freeOver: null,
  regionFees: [],
  pickupEnabled: false,
  paymentTimeoutMin: 30,
  autoConfirmDays: 7,
};

function regionFeesOf(json: unknown): CheckoutRules["regionFees"] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((r: unknown) =>
    typeof r === "object" &&
    r !== null &&
    "province" in r &&
    "fee" in r &&
    typeof r.province === "string" &&
    typeof r.fee === "number"
      ? [{ province: r.province, fee: r.fee }]
      : [],
  );
}

export async function readCheckoutRules(tx: Tx): Promise<CheckoutRules> {
  return rulesOf(await tx.checkoutSettings.findFirst());
}

/** The store's settings row (camelCase columns, from Prisma or checkoutSettingsSql), or none. */
export type CheckoutSettingsRow = Omit<CheckoutRules, "regionFees"> & { regionFees: unknown };

/** The store's settings row as one statement for a TenantReader (RLS picks the store). */
export const checkoutSettingsSql = sql<CheckoutSettingsRow>`
  SELECT express_enabled AS "expressEnabled", flat_fee AS "flatFee", free_over AS "freeOver",
         region_fees AS "regionFees", pickup_enabled AS "pickupEnabled",
         payment_timeout_min AS "paymentTimeoutMin", auto_confirm_days AS "autoConfirmDays"
  FROM checkout_settings`;

export function rulesOf(row: CheckoutSettingsRow | null | undefined): CheckoutRules {
  if (!row) return DEFAULT_CHECKOUT_RULES;
  return {
    expressEnabled: row.expressEnabled,
    flatFee: row.flatFee,
    freeOver: row.freeOver,
    regionFees: regionFeesOf(row.regionFees),
    pickupEnabled: row.pickupEnabled,
    paymentTimeoutMin: row.paymentTimeoutMin,
    autoConfirmDays: row.autoConfirmDays,
  };
}

/** The express fee (fen) for an items total shipped to `province`: free from `freeOver` on. */
export function expressFee(rules: CheckoutRules, itemsTotal: number, province: string | null): number {
  if (rules.freeOver !== null && itemsTotal >= rules.freeOver) return 0;
  const region = province ? rules.regionFees.find((r) => r.province === province) : undefined;
  return region ? region.fee : rules.flatFee;
}
