// How an order's status reads in the back office. A pickup order that has "shipped" is waiting to be
// collected (待自提), so the label depends on the delivery as well as the status.
import type { TOrderStatus } from "@mallwright/schema";
import { useTranslation } from "react-i18next";
import "./messages.ts";

/** Badge styles by status: what needs the merchant stands out, what is over is quiet. */
const BADGES: Partial<Record<string, string>> = {
  paid: "badge warn",
  shipped: "badge home",
  delivered: "badge home",
  completed: "badge ok",
  cancelled: "badge danger",
};

export function OrderStatusBadge({ status, delivery }: { status: TOrderStatus; delivery: "express" | "pickup" }) {
  const { t } = useTranslation();
  return (
    <span className={BADGES[status] ?? "badge"}>
      {status === "shipped" && delivery === "pickup"
        ? t("screens.orders.readyForPickup")
        : t(`screens.orders.statuses.${status}`, { defaultValue: status })}
    </span>
  );
}
