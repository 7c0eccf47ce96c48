// The platform's audit log against the API's JSON: who, what in words, which store (by name), why,
// when, and only what changed (before → after); "load more" with the cursor; one store's entries when
// opened from its row, and back to all.
import { ZAuditPage, ZTenant } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuditLogScreen, changesOf } from "./audit-log.tsx";
import { renderScreen, serveApi, uuid } from "./fake-api.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const entry = (n: number, over: Record<string, unknown> = {}) => ({
  id: uuid(900 + n),
  actor: "ops@mallwright.test",
  action: "tenant.update",
  tenantId: uuid(1),
  before: null,
  after: null,
  reason: null,
  at: "2025-02-03T04:05:00.000Z",
  ...over,
});

const first = ZAuditPage.parse({
  items: [
    entry(3, {
      action: "tenant.plan_override",
      before: { plan: "growth", billingStatus: "past_due", planOverride: null, trialPlan: "growth" },
      after: { plan: "pro", billingStatus: "active", planOverride: "pro", trialPlan: "growth" },
      reason: "launch partner",
    }),
    entry(2, {
      action: "tenant.wechat_update",
      tenantId: uuid(2),
      before: { subMchid: null },
      after: { subMchid: "1900000109" },
    }),
  ],
  nextCursor: uuid(902),
});
const second = ZAuditPage.parse({
  items: [
    entry(1, {
      action: "tenant.provision",
      after: { key: "shop-1", plan: "growth" },
      at: "2025-01-01T00:00:00.000Z",
    }),
    entry(0, { action: "tenant.something_new", tenantId: null, before: { a: 1 }, after: { a: 1 } }),
  ],
  nextCursor: null,
});

const store = (n: number) =>
  ZTenant.parse({
    id: uuid(n),
    key: `shop-${n}`,
    name: `Shop ${n}`,
    plan: "growth",
    status: "active",
    billingStatus: "active",
    template: null,
    suspendedAt: null,
    suspendReason: null,
    createdAt: "2025-01-01T00:00:00.000Z",
  });

function serve() {
  return serveApi({
    "GET /platform/v1/audit-log": (req) => {
      if (req.query.get("cursor")) return second;
      const tenantId = req.query.get("tenantId");
      return tenantId ? { items: first.items.filter((i) => i.tenantId === tenantId), nextCursor: null } : first;
    },
    "GET /platform/v1/tenants/:id": (req) => store(req.path.endsWith(uuid(2)) ? 2 : 1),
  });
}

describe("AuditLogScreen", () => {
  it("lists who did what, to which store, why, and what changed; loads more", async () => {
    const sent = serve();
    renderScreen(<AuditLogScreen />, { path: "/admin/audit-log" });
    const table = await screen.findByRole("table", { name: "Audit log" });
    const [, override, wechat] = within(table).getAllByRole("row") as HTMLElement[];
    expect(within(override as HTMLElement).getByText("Plan override")).toBeTruthy();
    expect(within(override as HTMLElement).getByText("ops@mallwright.test")).toBeTruthy();
    expect(within(override as HTMLElement).getByText("launch partner")).toBeTruthy();
    expect(await within(override as HTMLElement).findByText("Shop 1")).toBeTruthy();
    // Only what differs, before → after; trialPlan did not change.
    const diff = [...(override as HTMLElement).querySelectorAll(".audit-diff li")].map((li) => li.textContent);
    expect(diff).toEqual(["plan growth → pro", "billingStatus past_due → active", "planOverride — → pro"]);
    expect(within(wechat as HTMLElement).getByText("WeChat Pay updated")).toBeTruthy();
    expect(await within(wechat as HTMLElement).findByText("Shop 2")).toBeTruthy();
    expect(
      within(wechat as HTMLElement)
        .getByRole("link")
        .getAttribute("href"),
    ).toBe(`/admin/audit-log?tenantId=${uuid(2)}`);
    expect(sent[0]?.query.get("limit")).toBe("30");

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await screen.findByText("Store created");
    expect(sent.find((r) => r.query.get("cursor"))?.query.get("cursor")).toBe(uuid(902));
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(5);
    expect([...(rows[3] as HTMLElement).querySelectorAll(".audit-diff li")].map((li) => li.textContent)).toEqual([
      "key shop-1",
      "plan growth",
    ]);
    // An action this screen does not know: its own name; no store: the platform; nothing changed.
    expect(within(rows[4] as HTMLElement).getByText("tenant.something_new")).toBeTruthy();
    expect(within(rows[4] as HTMLElement).getByText("Platform")).toBeTruthy();
    expect(within(rows[4] as HTMLElement).getByText("No change")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    // Each store's name was asked for once.
    expect(sent.filter((r) => r.path.startsWith("/platform/v1/tenants/")).length).toBe(2);
  });

  it("shows one store's entries when opened from its row, and all again", async () => {
    const sent = serve();
    renderScreen(<AuditLogScreen />, { path: `/admin/audit-log?tenantId=${uuid(2)}` });
    expect(await screen.findByText("Store: Shop 2")).toBeTruthy();
    expect(sent[0]?.query.get("tenantId")).toBe(uuid(2));
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(2));
    fireEvent.click(screen.getByRole("button", { name: "Show all" }));
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(3));
    expect(
      sent
        .filter((r) => r.path === "/platform/v1/audit-log")
        .at(-1)
        ?.query.get("tenantId"),
    ).toBeNull();
    expect(screen.queryByText("Store: Shop 2")).toBeNull();
  });

  it("diffs records key by key, and other values whole", () => {
    expect(changesOf({ a: 1, b: 2 }, { a: 1, b: 3, c: null })).toEqual([{ key: "b", from: 2, to: 3 }]);
    expect(changesOf(null, { a: 1 })).toEqual([{ key: "a", from: undefined, to: 1 }]);
    // A key only before has was not recorded after: not a change.
    expect(changesOf({ plan: "growth", trialPlan: "growth" }, { plan: "pro" })).toEqual([
      { key: "plan", from: "growth", to: "pro" },
    ]);
    expect(changesOf("x", "y")).toEqual([{ key: "", from: "x", to: "y" }]);
    expect(changesOf(null, null)).toEqual([]);
  });
});
