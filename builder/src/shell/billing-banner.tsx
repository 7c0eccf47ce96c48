// The banners at the top of every merchant page while the store's billing needs attention: past due
// (the card failed; the date the store will be suspended) and suspended for an unpaid invoice.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "../screens/format.ts";
import "../screens/billing-messages.ts";
import { useBilling } from "./billing-state.ts";
import { useSession } from "./session.ts";

export function BillingBanner() {
  const { t } = useTranslation();
  const summary = useBilling((s) => s.summary);
  const refused = useBilling((s) => s.refusedSuspended);
  const canRead = useSession((s) => s.can("billing:read"));
  const status = summary?.status === "suspended" || refused ? "suspended" : summary?.status;
  if (status !== "past_due" && status !== "suspended") return null;
  const link = canRead ? (
    <Link to="/billing" className="banner-link">
      {t("billing.banner.toBilling")}
    </Link>
  ) : (
    <span>{t("billing.banner.askOwner")}</span>
  );
  if (status === "past_due") {
    const date = summary?.graceEndsAt;
    return (
      <div className="billing-banner warn" role="alert">
        <span className="grow">
          {date ? t("billing.banner.pastDue", { date: formatDate(date) }) : t("billing.banner.pastDueNoDate")}
        </span>
        {link}
      </div>
    );
  }
  return (
    <div className="billing-banner danger" role="alert">
      <span className="grow">{t("billing.banner.suspended")}</span>
      {link}
    </div>
  );
}
