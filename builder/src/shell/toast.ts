// Results and errors as toasts, always in the API's own words (never a raw code). A 402 plan_limit
// toast offers the way to the billing page; a 423 billing_suspended one raises the shell's banner.
import { toast } from "sonner";
import { ApiFailure, messageOf } from "../api/client.ts";
import i18n from "../i18n/index.ts";
import "../screens/billing-messages.ts";
import "../screens/messages.ts";
import { useBilling } from "./billing-state.ts";
import { useSession } from "./session.ts";

const PLANS = ["free", "growth", "pro"] as const;

/** How a toast's action goes to a route: the shell sets the router's navigate (else a page load). */
let go: (path: string) => void = (path) => window.location.assign(path);

export function setToastNavigator(navigate: (path: string) => void): () => void {
  go = navigate;
  return () => {
    go = (path) => window.location.assign(path);
  };
}

/** The plan a plan_limit error says to upgrade to (its `upgrade` detail), if any. */
export function upgradePlanOf(err: unknown): (typeof PLANS)[number] | undefined {
  if (!(err instanceof ApiFailure) || !Array.isArray(err.details)) return undefined;
  for (const d of err.details as unknown[]) {
    if (typeof d === "object" && d !== null && (d as { path?: unknown }).path === "upgrade") {
      const plan = (d as { message?: unknown }).message;
      return PLANS.find((p) => p === plan);
    }
  }
  return undefined;
}

export const notify = {
  ok(message: string) {
    toast.success(message);
  },
  info(message: string) {
    toast.info(message);
  },
  error(err: unknown) {
    if (err instanceof ApiFailure && err.code === "billing_suspended") useBilling.getState().sawSuspended();
    if (err instanceof ApiFailure && err.code === "plan_limit" && useSession.getState().can("billing:read")) {
      const plan = upgradePlanOf(err);
      toast.error(messageOf(err), {
        action: {
          label: plan
            ? i18n.t("billing.toast.upgradeTo", { plan: i18n.t(`screens.plans.${plan}`) })
            : i18n.t("billing.toast.seePlans"),
          onClick: () => go("/billing"),
        },
      });
      return;
    }
    toast.error(messageOf(err));
  },
};

/** Runs an action, toasting its failure; resolves undefined when it failed. */
export async function attempt<T>(action: () => Promise<T>, success?: string): Promise<T | undefined> {
  try {
    const value = await action();
    if (success) notify.ok(success);
    return value;
  } catch (err) {
    notify.error(err);
    return undefined;
  }
}
