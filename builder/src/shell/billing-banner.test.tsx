// The merchant frame's billing banners against the API's JSON: past due (with the suspension date and
// a link to the billing page), suspended, none while all is well; staff who cannot read billing learn
// of a suspension from a refused write. A 402 plan_limit toast offers the billing page.
import { act, cleanup, screen, waitFor, within } from "@testing-library/react";
import { toast } from "sonner";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiFailure } from "../api/client.ts";
import { billing } from "../screens/billing-fixtures.ts";
import { ME, renderScreen, type Sent, serveApi } from "../screens/fake-api.tsx";
import { useBilling } from "./billing-state.ts";
import { MerchantLayout } from "./layout.tsx";
import { notify } from "./toast.ts";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  useBilling.getState().reset();
});

function serveBilling(answer: ReturnType<typeof billing>): Sent[] {
  return serveApi({ "GET /merchant/v1/billing": () => answer });
}

describe("billing banners", () => {
  it("past due: until when, and the way to the billing page", async () => {
    serveBilling(
      billing({
        plan: "growth",
        status: "past_due",
        subscribed: true,
        pastDueSince: "2025-02-01T00:00:00.000Z",
        graceEndsAt: "2025-02-08T00:00:00.000Z",
      }),
    );
    renderScreen(<MerchantLayout />);
    const banner = await screen.findByRole("alert");
    expect(banner.className).toContain("warn");
    expect(banner.textContent).toContain(
      "Payment failed: update your payment method by 08/02/2025 or the store will be suspended",
    );
    expect(within(banner).getByRole("link", { name: "Go to Plan & billing" }).getAttribute("href")).toBe("/billing");
    // The billing page is in the navigation for those who may read billing.
    expect(screen.getByRole("link", { name: "Plan & billing" })).toBeTruthy();
  });

  it("suspended: read-only, customers cannot order", async () => {
    serveBilling(billing({ plan: "growth", status: "suspended", subscribed: true }));
    renderScreen(<MerchantLayout />);
    const banner = await screen.findByRole("alert");
    expect(banner.className).toContain("danger");
    expect(banner.textContent).toContain(
      "The store is suspended for an unpaid invoice: customers cannot order, the back office is read-only",
    );
    expect(within(banner).getByRole("link", { name: "Go to Plan & billing" })).toBeTruthy();
  });

  it("shows nothing while the store is active or on trial", async () => {
    for (const answer of [billing(), billing({ plan: "growth", status: "trialing" })]) {
      const sent = serveBilling(answer);
      const view = renderScreen(<MerchantLayout />);
      await waitFor(() => expect(sent.some((r) => r.path === "/merchant/v1/billing")).toBe(true));
      await waitFor(() => expect(useBilling.getState().summary?.status).toBe(answer.status));
      expect(screen.queryByRole("alert")).toBeNull();
      view.unmount();
      useBilling.getState().reset();
    }
  });

  it("staff without billing:read: no billing call, and a refused write raises the banner", async () => {
    const sent = serveApi({});
    const staff = { ...ME, role: "staff" as const, permissions: ["store:read", "catalog:read", "catalog:manage"] };
    renderScreen(<MerchantLayout />, { me: staff });
    expect(screen.queryByRole("link", { name: "Plan & billing" })).toBeNull();
    notify.error(
      new ApiFailure(423, "billing_suspended", "this store is suspended for an unpaid invoice", "r", undefined),
    );
    const banner = await screen.findByRole("alert");
    expect(banner.textContent).toContain("Ask the store's owner to settle the invoice.");
    expect(within(banner).queryByRole("link")).toBeNull();
    expect(sent.some((r) => r.path === "/merchant/v1/billing")).toBe(false);
  });
});

describe("plan_limit toasts", () => {
  it("offer the plan to upgrade to, which opens the billing page", async () => {
    serveBilling(billing());
    const error = vi.spyOn(toast, "error");
    renderScreen(<MerchantLayout />);
    await waitFor(() => expect(useBilling.getState().summary).toBeDefined());
    notify.error(
      new ApiFailure(
        402,
        "plan_limit",
        "the free plan allows 100 products and the store has 100: upgrade to growth in Settings > Billing",
        "r",
        [
          { path: "quota.products", message: "100 of 100 商品已用" },
          { path: "upgrade", message: "growth" },
        ],
      ),
    );
    const [message, options] = error.mock.calls.at(-1) ?? [];
    expect(message).toBe(
      "the free plan allows 100 products and the store has 100: upgrade to growth in Settings > Billing",
    );
    const action = (options as { action?: { label: string; onClick(): void } } | undefined)?.action;
    expect(action?.label).toBe("Upgrade to Growth");
    const nav = screen.getByRole("link", { name: "Plan & billing" });
    expect(nav.className).not.toContain("active");
    act(() => action?.onClick());
    await waitFor(() => expect(nav.className).toContain("active"));

    // Other errors stay plain.
    notify.error(new ApiFailure(409, "conflict", "taken", "r", undefined));
    expect(error.mock.calls.at(-1)).toEqual(["taken"]);
  });

  it("stay plain for those who cannot see billing", () => {
    const error = vi.spyOn(toast, "error");
    serveApi({});
    renderScreen(<MerchantLayout />, { me: { ...ME, role: "staff", permissions: ["store:read", "catalog:read"] } });
    notify.error(new ApiFailure(402, "plan_limit", "the free plan allows 5 pages", "r", []));
    expect(error.mock.calls.at(-1)).toEqual(["the free plan allows 5 pages"]);
  });
});
