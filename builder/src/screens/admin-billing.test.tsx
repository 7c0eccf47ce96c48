// Platform billing against the API's JSON: the tenants list's billing state and usage, its billing
// filter and relabelled plan override; a store's billing dialog (state, Stripe ids, transitions) posting
// a plan override (with an end date, or removing it) and a trial extension, each with its reason.
import { ZTenant, ZTenantPage } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { endOfChinaDay } from "./admin-billing.tsx";
import { AdminTenantsScreen } from "./admin-tenants.tsx";
import { type TenantBillingDetail, tenantBilling } from "./billing-fixtures.ts";
import { renderScreen, type Sent, serveApi, uuid } from "./fake-api.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const tenant = (n: number, over: Record<string, unknown> = {}) =>
  ZTenant.parse({
    id: uuid(n),
    key: `shop-${n}`,
    name: `Shop ${n}`,
    plan: "growth",
    status: "active",
    billingStatus: "trialing",
    template: "fashion",
    suspendedAt: null,
    suspendReason: null,
    createdAt: "2025-01-01T00:00:00.000Z",
    usage: { products: 120, pages: 6, staff: 3, ordersThisMonth: 48 },
    ...over,
  });

const posts = (sent: Sent[], suffix: string) =>
  sent.filter((r) => r.method === "POST" && r.path.endsWith(suffix)).map((r) => r.body);
const tenantLists = (sent: Sent[]) => sent.filter((r) => r.method === "GET" && r.path === "/platform/v1/tenants");

/** A date input's value some days from now, China time. */
const day = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

function serve(detail: () => TenantBillingDetail, onPost?: (path: string, body: unknown) => TenantBillingDetail) {
  return serveApi({
    "GET /platform/v1/tenants": (req) =>
      ZTenantPage.parse({
        items:
          req.query.get("billingStatus") === "past_due"
            ? [tenant(2, { billingStatus: "past_due", name: "Shop 2" })]
            : [tenant(1), tenant(2, { billingStatus: "past_due" })],
        nextCursor: null,
      }),
    "GET /platform/v1/wechat": () => ({
      pay: { configured: false, spMchid: null, spAppid: null, verification: [], notifyUrl: null },
      component: { configured: false, appId: null, ticketAt: null, tokenExpiresAt: null },
    }),
    "GET /platform/v1/tenants/:id/billing": () => detail(),
    "POST /platform/v1/tenants/:id/plan-override": (req) => onPost?.(req.path, req.body) ?? detail(),
    "POST /platform/v1/tenants/:id/trial": (req) => onPost?.(req.path, req.body) ?? detail(),
  });
}

async function openBilling(name = "Shop 1") {
  fireEvent.click(await screen.findByRole("button", { name: `Billing of “${name}”` }));
  return screen.getByRole("dialog", { name: `Billing · ${name}` });
}

describe("AdminTenantsScreen: billing", () => {
  it("lists billing states and usage, filters by billing state; the plan select is an override", async () => {
    const sent = serve(() => tenantBilling());
    renderScreen(<AdminTenantsScreen />);
    const row = (await screen.findByText("Shop 1")).closest("tr") as HTMLElement;
    expect(within(row).getByText("Trial")).toBeTruthy();
    const cells = [...row.querySelectorAll("td.num")].map((td) => td.textContent);
    expect(cells).toEqual(["120", "6", "3", "48"]);
    expect(screen.getByRole("columnheader", { name: "Plan (admin override)" })).toBeTruthy();
    expect(within(row).getByLabelText("Override the plan of “Shop 1” (a comp)")).toBeTruthy();
    expect(within(row).getByRole("link", { name: "Audit log of “Shop 1”" }).getAttribute("href")).toBe(
      `/admin/audit-log?tenantId=${uuid(1)}`,
    );

    fireEvent.change(screen.getByLabelText("Billing"), { target: { value: "past_due" } });
    await waitFor(() => expect(screen.queryByText("Shop 1")).toBeNull());
    expect(tenantLists(sent).at(-1)?.query.get("billingStatus")).toBe("past_due");
    // The filtered list may arrive after the old one has gone (a busy machine): wait for it.
    const past = (await screen.findByText("Shop 2")).closest("tr") as HTMLElement;
    expect(within(past).getByText("Past due").className).toBe("badge warn");
  });

  it("shows a store's billing and posts an override with an end date, then removes it", async () => {
    let current = tenantBilling({
      status: "past_due",
      subscribed: true,
      stripeSubscriptionId: "sub_9z8y7x",
      subscriptionStatus: "past_due",
      pastDueSince: "2025-02-01T00:00:00.000Z",
      graceEndsAt: "2025-02-08T00:00:00.000Z",
      trialEndsAt: null,
    });
    const sent = serve(
      () => current,
      (path, body) => {
        const b = body as { plan: "free" | "growth" | "pro" | null; until?: string | null; reason: string };
        if (path.endsWith("/plan-override")) {
          current = {
            ...current,
            status: b.plan ? "active" : "past_due",
            plan: b.plan ?? "growth",
            override: b.plan ? { plan: b.plan, until: b.until ?? null, reason: b.reason } : null,
            transitions: [
              {
                fromStatus: "past_due",
                toStatus: "active",
                fromPlan: "growth",
                toPlan: "pro",
                cause: `override: pro (${b.reason})`,
                at: "2025-02-03T00:00:00.000Z",
              },
              ...current.transitions,
            ],
          };
        }
        return current;
      },
    );
    renderScreen(<AdminTenantsScreen />);
    const dialog = await openBilling();
    await within(dialog).findByText("cus_Q1w2e3r4");
    expect(within(dialog).getByText("sub_9z8y7x")).toBeTruthy();
    expect(within(dialog).getAllByText("Past due").length).toBeGreaterThan(0);
    expect(within(dialog).getByText("None")).toBeTruthy(); // no override yet
    expect(within(dialog).getByText("provisioned with a 14-day trial")).toBeTruthy();
    expect(within(dialog).getByRole("list", { name: "Usage" })).toBeTruthy();

    const override = within(dialog).getByRole("form", { name: "Plan override" });
    // "Remove" means nothing without an override.
    expect((within(override).getByRole("option", { name: "Remove the override" }) as HTMLOptionElement).disabled).toBe(
      true,
    );
    // A reason is required: nothing is sent without one.
    fireEvent.click(within(override).getByRole("button", { name: "Apply override" }));
    expect(await within(override).findByText("Say why")).toBeTruthy();
    expect(posts(sent, "/plan-override")).toEqual([]);

    fireEvent.change(within(override).getByLabelText(/^Plan/), { target: { value: "pro" } });
    fireEvent.change(within(override).getByLabelText(/Until/), { target: { value: day(30) } });
    fireEvent.change(within(override).getByLabelText(/Reason/), { target: { value: "  launch partner " } });
    fireEvent.click(within(override).getByRole("button", { name: "Apply override" }));
    await waitFor(() => expect(posts(sent, "/plan-override")).toHaveLength(1));
    expect(posts(sent, "/plan-override")[0]).toEqual({
      plan: "pro",
      until: `${day(30)}T23:59:59+08:00`,
      reason: "launch partner",
    });
    expect(sent.find((r) => r.method === "POST")?.path).toBe(`/platform/v1/tenants/${uuid(1)}/plan-override`);
    // The dialog shows what the API answered, and the list looks again.
    await within(dialog).findByText(/^Pro · until/);
    expect(within(dialog).getByText("override: pro (launch partner)")).toBeTruthy();
    await waitFor(() => expect(tenantLists(sent).length).toBe(2));

    // Removing it: no end date.
    fireEvent.change(within(override).getByLabelText(/^Plan/), { target: { value: "none" } });
    expect((within(override).getByLabelText(/Until/) as HTMLInputElement).disabled).toBe(true);
    fireEvent.change(within(override).getByLabelText(/Reason/), { target: { value: "partnership ended" } });
    fireEvent.click(within(override).getByRole("button", { name: "Remove override" }));
    await waitFor(() => expect(posts(sent, "/plan-override")).toHaveLength(2));
    expect(posts(sent, "/plan-override")[1]).toEqual({ plan: null, reason: "partnership ended" });
    await waitFor(() => expect(within(dialog).getByText("None")).toBeTruthy());
  });

  it("posts a trial extension with its days, plan and reason; an override without a date is until removed", async () => {
    const sent = serve(() => tenantBilling());
    renderScreen(<AdminTenantsScreen />);
    const dialog = await openBilling();
    const trial = await within(dialog).findByRole("form", { name: "Extend the trial" });
    fireEvent.change(within(trial).getByLabelText(/^Days/), { target: { value: "0" } });
    fireEvent.click(within(trial).getByRole("button", { name: "Extend trial" }));
    expect(await within(trial).findByText("A whole number from 1 to 365")).toBeTruthy();
    expect(within(trial).getByText("Say why")).toBeTruthy();
    expect(posts(sent, "/trial")).toEqual([]);

    fireEvent.change(within(trial).getByLabelText(/^Days/), { target: { value: "30" } });
    fireEvent.change(within(trial).getByLabelText(/^Trial plan/), { target: { value: "pro" } });
    fireEvent.change(within(trial).getByLabelText(/Reason/), { target: { value: "still setting up" } });
    fireEvent.click(within(trial).getByRole("button", { name: "Extend trial" }));
    await waitFor(() => expect(posts(sent, "/trial")).toEqual([{ days: 30, plan: "pro", reason: "still setting up" }]));

    // The trial's own plan: no plan sent.
    fireEvent.change(within(trial).getByLabelText(/^Trial plan/), { target: { value: "" } });
    fireEvent.change(within(trial).getByLabelText(/Reason/), { target: { value: "one more week" } });
    fireEvent.change(within(trial).getByLabelText(/^Days/), { target: { value: "7" } });
    fireEvent.click(within(trial).getByRole("button", { name: "Extend trial" }));
    await waitFor(() => expect(posts(sent, "/trial")).toHaveLength(2));
    expect(posts(sent, "/trial")[1]).toEqual({ days: 7, reason: "one more week" });

    const override = within(dialog).getByRole("form", { name: "Plan override" });
    fireEvent.change(within(override).getByLabelText(/^Plan/), { target: { value: "growth" } });
    fireEvent.change(within(override).getByLabelText(/Reason/), { target: { value: "goodwill" } });
    fireEvent.click(within(override).getByRole("button", { name: "Apply override" }));
    await waitFor(() =>
      expect(posts(sent, "/plan-override")).toEqual([{ plan: "growth", until: null, reason: "goodwill" }]),
    );
  });

  it("ends an override at the end of the China day", () => {
    expect(endOfChinaDay("2025-06-30")).toBe("2025-06-30T23:59:59+08:00");
  });
});
