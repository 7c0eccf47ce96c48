// Platform tenants against the API's JSON: empty, loaded with filters, suspending with a reason.
import { ZTenant, ZTenantPage } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AdminTenantsScreen } from "./admin-tenants.tsx";
import { renderScreen, serveApi, uuid } from "./fake-api.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const tenant = (n: number, over: Record<string, unknown> = {}) =>
  ZTenant.parse({
    id: uuid(n),
    key: `shop-${n}`,
    name: `Shop ${n}`,
    plan: "free",
    status: "active",
    template: "fashion",
    suspendedAt: null,
    suspendReason: null,
    createdAt: "2025-01-01T00:00:00.000Z",
    ...over,
  });

describe("AdminTenantsScreen", () => {
  it("shows the empty state", async () => {
    serveApi({ "GET /platform/v1/tenants": () => ZTenantPage.parse({ items: [], nextCursor: null }) });
    renderScreen(<AdminTenantsScreen />);
    expect(await screen.findByText("No tenants yet")).toBeTruthy();
  });

  it("lists tenants, filters by status, suspends with a reason", async () => {
    const sent = serveApi({
      "GET /platform/v1/tenants": (req) =>
        ZTenantPage.parse({
          items:
            req.query.get("status") === "suspended"
              ? [tenant(2, { status: "suspended", suspendReason: "unpaid", suspendedAt: "2025-01-05T00:00:00.000Z" })]
              : [tenant(1), tenant(2, { status: "suspended", suspendReason: "unpaid" })],
          nextCursor: null,
        }),
      "POST /platform/v1/tenants/:id/suspend": () => tenant(1, { status: "suspended" }),
    });
    renderScreen(<AdminTenantsScreen />);
    const row = (await screen.findByText("Shop 1")).closest("tr") as HTMLElement;
    expect(within(row).getByText("Active")).toBeTruthy();
    expect(screen.getByText(/unpaid/)).toBeTruthy();

    fireEvent.click(within(row).getByText("Suspend"));
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: "fraud report" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Suspend" }));
    await waitFor(() => expect(sent.some((r) => r.path.endsWith("/suspend"))).toBe(true));
    expect(sent.find((r) => r.path.endsWith("/suspend"))?.body).toEqual({ reason: "fraud report" });

    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "suspended" } });
    await waitFor(() => expect(screen.queryByText("Shop 1")).toBeNull());
    expect(sent.at(-1)?.query.get("status")).toBe("suspended");
  });
});
