// Pieces of billing shared by the store's billing page and the platform's billing dialog: a billing
// status badge, amounts of a quota (counts, media in MB/GB) and the usage bars against the plan.
import type { TBillingStatus, TQuota } from "@mallwright/schema";
import { useTranslation } from "react-i18next";
import "./billing-messages.ts";
import "./billing.css";
import { formatCount, formatStorage } from "./format.ts";

const STATUS_BADGES: Record<TBillingStatus, string> = {
  trialing: "badge home",
  active: "badge ok",
  past_due: "badge warn",
  suspended: "badge danger",
  canceled: "badge",
};

export function BillingStatusBadge({ status }: { status: TBillingStatus }) {
  const { t } = useTranslation();
  return <span className={STATUS_BADGES[status]}>{t(`billing.statuses.${status}`)}</span>;
}

/** An amount of a quota as people read it: 5,000 (products), 10 GB (media). */
export function quotaAmount(quota: TQuota, n: number): string {
  return quota === "mediaBytes" ? formatStorage(n) : formatCount(n);
}

/** How full a quota is: "" (fine), "near" (80% or more) or "over" (at or past the limit). */
export function fullness(used: number, limit: number | null): "" | "near" | "over" {
  if (limit === null) return "";
  if (used >= limit) return "over";
  return used >= limit * 0.8 ? "near" : "";
}

export interface UsageItem {
  quota: TQuota;
  used: number;
  limit: number | null;
}

/** One bar per quota: used / limit, colored near and at the limit; unlimited shown as such. */
export function UsageBars({ usage, compact }: { usage: readonly UsageItem[]; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className={compact ? "usage-bars compact" : "usage-bars"} aria-label={t("billing.usage.title")}>
      {usage.map((u) => {
        const level = fullness(u.used, u.limit);
        const percent = u.limit === null ? 0 : u.limit === 0 ? 100 : Math.min(100, (u.used / u.limit) * 100);
        const label = t(`billing.quotas.${u.quota}`);
        return (
          <li key={u.quota} className={level ? `usage ${level}` : "usage"}>
            <div className="usage-head">
              <span className="usage-label">{label}</span>
              <span className="usage-figures">
                {t("billing.usage.of", {
                  used: quotaAmount(u.quota, u.used),
                  limit: u.limit === null ? t("billing.unlimited") : quotaAmount(u.quota, u.limit),
                })}
              </span>
            </div>
            {u.limit === null ? (
              <div className="usage-track unlimited" aria-hidden />
            ) : (
              <div
                className="usage-track"
                role="progressbar"
                aria-label={label}
                aria-valuemin={0}
                aria-valuemax={u.limit}
                aria-valuenow={Math.min(u.used, u.limit)}
              >
                <div className="usage-fill" style={{ width: `${percent}%` }} />
              </div>
            )}
            {level && <span className="usage-note">{t(`billing.usage.${level}`)}</span>}
          </li>
        );
      })}
    </ul>
  );
}
