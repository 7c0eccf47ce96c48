// The billing page against the API's JSON: the plan and its state (trial days left, past due with the
// suspension date, suspended, canceled, a platform comp), usage bars against the limits, the plan
// cards by month or year, Checkout (to Stripe's URL, or a plan changed in place after confirming,
// then reloaded), the Billing Portal, invoices, the return from Checkout; without billing:manage or
// without Stripe, nothing can be bought.
import { ZInvoiceList } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useBilling } from "../shell/billing-state.ts";
import { notify } from "../shell/toast.ts";
import { BillingScreen } from "./billing.tsx";
import { billing, inDays } from "./billing-fixtures.ts";
import { ME, renderScreen, type Sent, serveApi } from "./fake-api.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  useBilling.getState().reset();
});

const MB = 1024 * 1024;

const invoices = ZInvoiceList.parse({
  items: [
    {
      id: "in_2",
      number: "MW-0002",
      status: "open",
      amountDue: 9_900,
      amountPaid: 0,
      currency: "cny",
      createdAt: "2025-02-01T00:00:00.000Z",
      periodStart: "2025-02-01T00:00:00.000Z",
      periodEnd: "2025-03-01T00:00:00.000Z",
      hostedUrl: "https://invoice.stripe.test/i/2",
      pdfUrl: "https://invoice.stripe.test/i/2.pdf",
    },
    {
      id: "in_1",
      number: "MW-0001",
      status: "paid",
      amountDue: 9_900,
      amountPaid: 9_900,
      currency: "cny",
      createdAt: "2025-01-01T00:00:00.000Z",
      periodStart: "2025-01-01T00:00:00.000Z",
      periodEnd: "2025-02-01T00:00:00.000Z",
      hostedUrl: null,
      pdfUrl: "https://invoice.stripe.test/i/1.pdf",
    },
  ],
});

/** Stubs window.location.assign (leaving for Stripe) and returns the spy. */
function stubAssign() {
  const assign = vi.fn();
  vi.stubGlobal("location", { ...window.location, assign });
  return assign;
}

const card = (name: string) => screen.getByRole("article", { name });
const gets = (sent: Sent[], path: string) => sent.filter((r) => r.method === "GET" && r.path === path).length;

describe("BillingScreen", () => {
  it("shows the trial, usage against the limits and the plans by month or year", async () => {
    const trial = billing({
      plan: "growth",
      status: "trialing",
      trialEndsAt: inDays(9.5),
      usage: [
        { quota: "products", used: 1_234, limit: 5_000 },
        { quota: "pages", used: 45, limit: 50 },
        { quota: "staff", used: 10, limit: 10 },
        { quota: "mediaBytes", used: 120 * MB, limit: 10 * 1024 * MB },
        { quota: "ordersPerMonth", used: 37, limit: null },
      ],
    });
    serveApi({
      "GET /merchant/v1/billing": () => trial,
      "GET /merchant/v1/billing/invoices": () => invoices,
    });
    renderScreen(<BillingScreen />);
    const current = await screen.findByRole("region", { name: "Current plan" });
    expect(within(current).getByText("Growth")).toBeTruthy();
    expect(within(current).getByText("Trial")).toBeTruthy();
    expect(within(current).getByText(/^10 days left in the trial/)).toBeTruthy();

    // Usage: figures against the limits, colored near and at the limit; unlimited said so.
    const usage = screen.getByRole("list", { name: "Usage" });
    const items = within(usage).getAllByRole("listitem");
    expect(items.map((li) => li.querySelector(".usage-figures")?.textContent)).toEqual([
      "1,234 / 5,000",
      "45 / 50",
      "10 / 10",
      "120 MB / 10 GB",
      "37 / Unlimited",
    ]);
    expect(items.map((li) => li.className)).toEqual(["usage", "usage near", "usage over", "usage", "usage"]);
    expect(within(items[2] as HTMLElement).getByText("Limit reached")).toBeTruthy();
    expect(within(usage).getByRole("progressbar", { name: "Pages" }).getAttribute("aria-valuenow")).toBe("45");
    expect(within(items[4] as HTMLElement).queryByRole("progressbar")).toBeNull();

    // Plans: the current one marked; its button subscribes (a trial is not a subscription).
    const growth = card("Growth");
    expect(growth.className).toContain("current");
    expect(within(growth).getByText("Current plan")).toBeTruthy();
    expect(within(growth).getByText("¥99")).toBeTruthy();
    expect(within(growth).getByText("/month")).toBeTruthy();
    expect(within(growth).getByText("5,000 products")).toBeTruthy();
    expect(within(growth).getByText("10 GB media storage")).toBeTruthy();
    expect((within(growth).getByRole("button", { name: "Subscribe" }) as HTMLButtonElement).disabled).toBe(false);
    expect(within(card("Pro")).getByText("Unlimited products")).toBeTruthy();
    expect(within(card("Pro")).getByText("No platform branding").className).toBe("yes");
    expect(within(card("Free")).getByText("500 MB media storage")).toBeTruthy();
    expect((within(card("Free")).getByRole("button", { name: "Downgrade" }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(card("Pro")).getByRole("button", { name: "Upgrade" }) as HTMLButtonElement).disabled).toBe(false);

    fireEvent.click(screen.getByRole("radio", { name: "Yearly" }));
    expect(within(card("Growth")).getByText("¥990")).toBeTruthy();
    expect(within(card("Growth")).getByText("/year")).toBeTruthy();
    expect(within(card("Pro")).getByText("about ¥249.17/month")).toBeTruthy();

    // Invoices: number, period, amount, status and links.
    const table = await screen.findByRole("table", { name: "Invoices" });
    const [, open, paid] = within(table).getAllByRole("row");
    expect(within(open as HTMLElement).getByText("MW-0002")).toBeTruthy();
    expect(within(open as HTMLElement).getByText("¥99.00")).toBeTruthy();
    expect(within(open as HTMLElement).getByText("Open")).toBeTruthy();
    expect(within(open as HTMLElement).getByText("01/02/2025 – 01/03/2025")).toBeTruthy();
    expect(
      within(open as HTMLElement)
        .getByRole("link", { name: "Online" })
        .getAttribute("href"),
    ).toBe("https://invoice.stripe.test/i/2");
    expect(within(paid as HTMLElement).getByText("Paid")).toBeTruthy();
    expect(within(paid as HTMLElement).queryByRole("link", { name: "Online" })).toBeNull();
    expect(within(paid as HTMLElement).getByRole("link", { name: "PDF" })).toBeTruthy();

    // What the page loaded is what the shell's banners read.
    expect(useBilling.getState().summary?.status).toBe("trialing");
  });

  it("goes to Stripe Checkout for a new subscription, monthly or yearly", async () => {
    const assign = stubAssign();
    const sent = serveApi({
      "GET /merchant/v1/billing": () => billing(),
      "GET /merchant/v1/billing/invoices": () => ({ items: [] }),
      "POST /merchant/v1/billing/checkout": () => ({ url: "https://checkout.stripe.test/c/cs_1", changed: false }),
    });
    renderScreen(<BillingScreen />);
    expect(await screen.findByText("No invoices yet")).toBeTruthy();
    expect(screen.getByText(/^Free plan: upgrade/)).toBeTruthy();
    fireEvent.click(within(card("Growth")).getByRole("button", { name: "Upgrade" }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith("https://checkout.stripe.test/c/cs_1"));
    expect(sent.find((r) => r.method === "POST")?.body).toEqual({ plan: "growth", interval: "month" });
    expect(screen.queryByRole("dialog")).toBeNull(); // nothing to confirm: Stripe asks
  });

  it("changes a live subscription in place after confirming, then loads the billing again", async () => {
    const ok = vi.spyOn(notify, "ok");
    let plan: "growth" | "pro" = "growth";
    const sent = serveApi({
      "GET /merchant/v1/billing": () =>
        billing({
          plan,
          status: "active",
          subscribed: true,
          interval: "month",
          currentPeriodEnd: "2025-03-01T00:00:00.000Z",
        }),
      "GET /merchant/v1/billing/invoices": () => invoices,
      "POST /merchant/v1/billing/checkout": () => {
        plan = "pro";
        return { url: null, changed: true };
      },
    });
    renderScreen(<BillingScreen />);
    expect(await screen.findByText("Billed monthly; renews on 01/03/2025")).toBeTruthy();
    // The current plan at its own interval: nothing to do; the other interval switches.
    expect((within(card("Growth")).getByRole("button", { name: "Current plan" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(within(card("Free")).getByText(/^Cancel the subscription in Manage billing/)).toBeTruthy();

    fireEvent.click(screen.getByRole("radio", { name: "Yearly" }));
    expect(within(card("Growth")).getByRole("button", { name: "Switch to yearly" })).toBeTruthy();
    fireEvent.click(screen.getByRole("radio", { name: "Monthly" }));

    fireEvent.click(within(card("Pro")).getByRole("button", { name: "Upgrade" }));
    const dialog = screen.getByRole("dialog", { name: "Change to Pro (monthly)?" });
    expect(within(dialog).getByText(/changes to Pro now, ¥299\/month/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(ok).toHaveBeenCalledWith("Plan changed to Pro"));
    expect(sent.find((r) => r.method === "POST")?.body).toEqual({ plan: "pro", interval: "month" });
    await waitFor(() => expect(gets(sent, "/merchant/v1/billing")).toBe(2));
    expect(gets(sent, "/merchant/v1/billing/invoices")).toBe(2);
    await waitFor(() => expect(card("Pro").className).toContain("current"));
  });

  it("opens the Billing Portal, and offers it to pay when past due", async () => {
    const assign = stubAssign();
    const sent = serveApi({
      "GET /merchant/v1/billing": () =>
        billing({
          plan: "growth",
          status: "past_due",
          subscribed: true,
          interval: "month",
          pastDueSince: "2025-02-01T00:00:00.000Z",
          graceEndsAt: "2025-02-08T00:00:00.000Z",
        }),
      "GET /merchant/v1/billing/invoices": () => invoices,
      "POST /merchant/v1/billing/portal": () => ({ url: "https://billing.stripe.test/p/session_1" }),
    });
    renderScreen(<BillingScreen />);
    const current = await screen.findByRole("region", { name: "Current plan" });
    expect(
      within(current).getByText(
        "Payment failed: update your payment method by 08/02/2025 or the store will be suspended.",
      ),
    ).toBeTruthy();
    fireEvent.click(within(current).getByRole("button", { name: "Update payment method" }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith("https://billing.stripe.test/p/session_1"));
    expect(sent.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/merchant/v1/billing/portal"]);
  });

  it("shows a platform comp, suspension and cancellation in words", async () => {
    let answer = billing({
      plan: "pro",
      override: { plan: "pro", until: "2025-06-30T15:59:59.000Z", reason: "launch partner" },
    });
    serveApi({
      "GET /merchant/v1/billing": () => answer,
      "GET /merchant/v1/billing/invoices": () => ({ items: [] }),
    });
    const view = renderScreen(<BillingScreen />);
    expect(await screen.findByText("Given by the platform: Pro, until 30/06/2025")).toBeTruthy();
    expect(screen.getByText("Reason: launch partner")).toBeTruthy();
    view.unmount();

    answer = billing({ plan: "growth", status: "suspended", subscribed: true });
    const again = renderScreen(<BillingScreen />);
    expect(await screen.findByText(/^The store is suspended for an unpaid invoice/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Pay invoice" })).toBeTruthy();
    again.unmount();

    answer = billing({ status: "canceled" });
    renderScreen(<BillingScreen />);
    expect(await screen.findByText(/^The subscription has ended and the store is back on Free/)).toBeTruthy();
    expect(screen.getByText("Canceled")).toBeTruthy();
  });

  it("buys nothing without billing:manage, and explains a platform without Stripe", async () => {
    serveApi({
      "GET /merchant/v1/billing": () => billing({ plan: "growth", status: "active" }),
      "GET /merchant/v1/billing/invoices": () => ({ items: [] }),
    });
    const admin = { ...ME, role: "admin" as const, permissions: ME.permissions.filter((p) => p !== "billing:manage") };
    const view = renderScreen(<BillingScreen />, { me: admin });
    await screen.findByRole("region", { name: "Current plan" });
    expect(screen.getByText("Only the owner can change the plan")).toBeTruthy();
    const pro = within(card("Pro")).getByRole("button", { name: "Upgrade" }) as HTMLButtonElement;
    expect(pro.disabled).toBe(true);
    expect(screen.queryByRole("button", { name: "Manage billing" })).toBeNull();
    view.unmount();

    serveApi({
      "GET /merchant/v1/billing": () => billing({ stripeConfigured: false }),
      "GET /merchant/v1/billing/invoices": () => ({ items: [] }),
    });
    renderScreen(<BillingScreen />);
    expect(await screen.findByText(/plans are assigned by the platform operator/)).toBeTruthy();
    expect((within(card("Growth")).getByRole("button", { name: "Upgrade" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole("button", { name: "Manage billing" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Invoices" })).toBeNull();
  });

  it("says how Checkout ended when it comes back", async () => {
    const ok = vi.spyOn(notify, "ok");
    const info = vi.spyOn(notify, "info");
    serveApi({
      "GET /merchant/v1/billing": () => billing(),
      "GET /merchant/v1/billing/invoices": () => ({ items: [] }),
    });
    const view = renderScreen(<BillingScreen />, { path: "/billing?checkout=success" });
    expect(
      await screen.findByText("Payment received: the new plan applies in a few seconds.", { selector: "p" }),
    ).toBeTruthy();
    expect(ok).toHaveBeenCalledTimes(1);
    view.unmount();

    renderScreen(<BillingScreen />, { path: "/billing?checkout=cancelled" });
    await screen.findByText("Checkout cancelled: your plan has not changed.", { selector: "p" });
    expect(info).toHaveBeenCalledWith("Checkout cancelled: your plan has not changed.");
  });
});
