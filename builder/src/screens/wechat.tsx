// WeChat Pay pieces shared by the platform's tenants screen and the store's settings: a store's
// onboarding status as a badge, and its daily bill reconciliations (对账) with their differences.
import type { TBillRun, TOnboardingStatus } from "@mallwright/schema";
import { useTranslation } from "react-i18next";
import { formatPrice } from "./money.ts";
import "./messages.ts";

export const ONBOARDING_STATUSES = ["not_started", "submitted", "active", "rejected", "suspended"] as const;

const ONBOARDING_BADGES: Record<TOnboardingStatus, string> = {
  not_started: "badge",
  submitted: "badge home",
  active: "badge ok",
  rejected: "badge danger",
  suspended: "badge warn",
};

export function OnboardingBadge({ status }: { status: TOnboardingStatus }) {
  const { t } = useTranslation();
  return <span className={ONBOARDING_BADGES[status]}>{t(`screens.wechat.onboarding.${status}`)}</span>;
}

const BILL_BADGES: Record<TBillRun["status"], string> = {
  matched: "badge ok",
  differences: "badge danger",
  no_bill: "badge",
};

/** The store's last bill runs, newest first; each run's differences listed under it. */
export function BillRuns({ runs }: { runs: readonly TBillRun[] }) {
  const { t } = useTranslation();
  if (runs.length === 0) return <p className="muted">{t("screens.wechat.bills.empty")}</p>;
  return (
    <table className="bill-runs" aria-label={t("screens.wechat.bills.title")}>
      <thead>
        <tr>
          <th>{t("screens.wechat.bills.date")}</th>
          <th>{t("screens.wechat.bills.result")}</th>
          <th>{t("screens.wechat.bills.matchedRows")}</th>
          <th>{t("screens.wechat.bills.billTotal")}</th>
          <th>{t("screens.wechat.bills.refundTotal")}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>{run.billDate}</td>
            <td>
              <span className={BILL_BADGES[run.status]}>{t(`screens.wechat.bills.statuses.${run.status}`)}</span>
              {run.status === "no_bill" && <div className="muted small">{t("screens.wechat.bills.noBillHint")}</div>}
              {run.differences.length > 0 && (
                <ul
                  className="bill-differences"
                  aria-label={t("screens.wechat.bills.differencesOf", { date: run.billDate })}
                >
                  {run.differences.map((d) => (
                    <li key={`${d.entry}:${d.ref}`}>
                      <span className="danger">{t(`screens.wechat.bills.kinds.${d.kind}`)}</span>
                      {" · "}
                      {t(`screens.wechat.bills.entries.${d.entry}`)} <code>{d.ref}</code>
                      <div className="muted small">
                        {t("screens.wechat.bills.amounts", {
                          ours: d.ours === null ? t("screens.wechat.bills.none") : formatPrice(d.ours),
                          theirs: d.theirs === null ? t("screens.wechat.bills.none") : formatPrice(d.theirs),
                        })}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              {run.matched} / {run.billRows}
            </td>
            <td>{formatPrice(run.billTotal)}</td>
            <td>{formatPrice(run.refundTotal)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
