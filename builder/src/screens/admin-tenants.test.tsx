// Platform tenants against the API's JSON: empty, loaded with filters, suspending with a reason; the
// platform's WeChat setup; a store's WeChat dialog loading, saving (the refresh token only when typed)
// and showing problems at their fields; its bill runs with their differences.
import { ZBillRunList, ZTenant, ZTenantPage, ZTenantWechat, ZWechatPlatformStatus } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AdminTenantsScreen } from "./admin-tenants.tsx";
import { Reply, renderScreen, type Sent, serveApi, uuid } from "./fake-api.tsx";

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
    billingStatus: "active",
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
    expect(within(row).getAllByText("Active")).toHaveLength(2); // its billing state and its status
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

const wechat = (over: Record<string, unknown> = {}) =>
  ZTenantWechat.parse({
    subMchid: null,
    subAppid: null,
    onboardingStatus: "not_started",
    onboardingNote: null,
    authorized: false,
    updatedAt: null,
    ...over,
  });

const platformStatus = ZWechatPlatformStatus.parse({
  pay: {
    configured: true,
    spMchid: "1900000100",
    spAppid: "wx8888888888888888",
    verification: ["public_key"],
    notifyUrl: "https://mall.example.com/webhooks/wechatpay",
  },
  component: { configured: false, appId: null, ticketAt: null, tokenExpiresAt: null },
});

const bills = ZBillRunList.parse({
  items: [
    {
      id: uuid(501),
      tenantId: uuid(1),
      billDate: "2025-01-03",
      status: "differences",
      billRows: 3,
      matched: 1,
      billTotal: 15800,
      refundTotal: 2000,
      differences: [
        { kind: "missing_here", entry: "payment", ref: "MW202501030001", ours: null, theirs: 1200 },
        { kind: "amount_mismatch", entry: "refund", ref: "MWR202501030002", ours: 2500, theirs: 2000 },
      ],
      createdAt: "2025-01-04T02:30:00.000Z",
    },
    {
      id: uuid(502),
      tenantId: uuid(1),
      billDate: "2025-01-02",
      status: "matched",
      billRows: 2,
      matched: 2,
      billTotal: 9900,
      refundTotal: 0,
      differences: [],
      createdAt: "2025-01-03T02:30:00.000Z",
    },
  ],
});

const puts = (sent: Sent[]) => sent.filter((r) => r.method === "PUT").map((r) => r.body);

function openWechat(name = "Shop 1") {
  return screen.findByRole("button", { name: `WeChat Pay of “${name}”` }).then((button) => {
    fireEvent.click(button);
    return screen.getByRole("dialog");
  });
}

describe("AdminTenantsScreen: WeChat Pay", () => {
  it("shows what the platform has configured", async () => {
    serveApi({
      "GET /platform/v1/tenants": () => ZTenantPage.parse({ items: [tenant(1)], nextCursor: null }),
      "GET /platform/v1/wechat": () => platformStatus,
    });
    renderScreen(<AdminTenantsScreen />);
    const card = await screen.findByRole("region", { name: "Platform WeChat setup" });
    await within(card).findByText("1900000100");
    expect(within(card).getByText("wx8888888888888888")).toBeTruthy();
    expect(within(card).getByText("WeChat Pay public key")).toBeTruthy();
    expect(within(card).getByText("https://mall.example.com/webhooks/wechatpay")).toBeTruthy();
    expect(within(card).getByText("Configured")).toBeTruthy();
    expect(within(card).getByText("Not configured")).toBeTruthy();
    expect(within(card).getByText(/WECHAT_COMPONENT_APPID/)).toBeTruthy();
  });

  it("loads a store's settings and bills, and saves what the form says (the token only when typed)", async () => {
    let saved = wechat({ onboardingNote: "等待资料" });
    const sent = serveApi({
      "GET /platform/v1/tenants": () => ZTenantPage.parse({ items: [tenant(1), tenant(2)], nextCursor: null }),
      "GET /platform/v1/wechat": () => platformStatus,
      "GET /platform/v1/tenants/:id/wechat": () => saved,
      "GET /platform/v1/tenants/:id/bills": () => bills,
      "PUT /platform/v1/tenants/:id/wechat": (req) => {
        const body = req.body as Record<string, unknown>;
        saved = wechat({
          subMchid: body.subMchid,
          subAppid: body.subAppid,
          onboardingStatus: body.onboardingStatus,
          onboardingNote: body.onboardingNote,
          authorized: saved.authorized || typeof body.authorizerRefreshToken === "string",
          updatedAt: "2025-01-05T00:00:00.000Z",
        });
        return saved;
      },
    });
    renderScreen(<AdminTenantsScreen />);
    const dialog = await openWechat();
    const mchid = (await within(dialog).findByLabelText(/Sub-merchant number/)) as HTMLInputElement;
    expect(sent.some((r) => r.path === `/platform/v1/tenants/${uuid(1)}/wechat`)).toBe(true);
    expect(mchid.value).toBe("");
    expect((within(dialog).getByLabelText(/^Note/) as HTMLTextAreaElement).value).toBe("等待资料");
    const token = within(dialog).getByLabelText(/Authorizer refresh token/) as HTMLInputElement;
    expect(token.type).toBe("password");
    expect(token.value).toBe("");
    expect(within(dialog).getByText("Not authorized")).toBeTruthy();
    expect(within(dialog).getByText(/No refresh token on file/)).toBeTruthy();

    // The bills: a run with differences, listed, and a matched one.
    const runs = await within(dialog).findByRole("table", { name: "Daily reconciliation" });
    const [, first, second] = within(runs).getAllByRole("row");
    expect(within(first as HTMLElement).getByText("2025-01-03")).toBeTruthy();
    expect(within(first as HTMLElement).getByText("Differences")).toBeTruthy();
    expect(within(first as HTMLElement).getByText("1 / 3")).toBeTruthy();
    expect(within(first as HTMLElement).getByText("¥158.00")).toBeTruthy();
    expect(within(first as HTMLElement).getByText("¥20.00")).toBeTruthy();
    const differences = within(first as HTMLElement).getByRole("list", { name: "Differences on 2025-01-03" });
    const [missing, mismatch] = within(differences).getAllByRole("listitem");
    expect(missing?.textContent).toContain("In the bill, not recorded here · Payment MW202501030001");
    expect(missing?.textContent).toContain("Here: none · WeChat bill: ¥12.00");
    expect(mismatch?.textContent).toContain("Amounts differ · Refund MWR202501030002");
    expect(mismatch?.textContent).toContain("Here: ¥25.00 · WeChat bill: ¥20.00");
    expect(within(second as HTMLElement).getByText("Matched")).toBeTruthy();
    expect(within(second as HTMLElement).getByText("2 / 2")).toBeTruthy();

    // Nothing changed yet: nothing to save.
    const save = within(dialog).getByRole("button", { name: "Save" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    fireEvent.change(mchid, { target: { value: " 1900000109 " } });
    fireEvent.change(within(dialog).getByLabelText(/Mini-program appid/), { target: { value: "wx0123456789abcdef" } });
    fireEvent.change(within(dialog).getByLabelText(/Onboarding status/), { target: { value: "active" } });
    fireEvent.change(within(dialog).getByLabelText(/^Note/), { target: { value: "  " } });
    fireEvent.click(save);
    await waitFor(() => expect(puts(sent)).toHaveLength(1));
    expect(sent.find((r) => r.method === "PUT")?.path).toBe(`/platform/v1/tenants/${uuid(1)}/wechat`);
    expect(puts(sent)[0]).toEqual({
      subMchid: "1900000109",
      subAppid: "wx0123456789abcdef",
      onboardingStatus: "active",
      onboardingNote: null,
    });
    // Saved: the form shows the saved state and there is nothing left to save.
    await waitFor(() => expect(save.disabled).toBe(true));
    expect(within(dialog).getAllByText("Active").length).toBeGreaterThan(0);

    // The refresh token is sent once typed, and never shown again.
    fireEvent.change(token, { target: { value: "  refresh@0123456789  " } });
    fireEvent.click(save);
    await waitFor(() => expect(puts(sent)).toHaveLength(2));
    expect(puts(sent)[1]).toEqual({
      subMchid: "1900000109",
      subAppid: "wx0123456789abcdef",
      onboardingStatus: "active",
      onboardingNote: null,
      authorizerRefreshToken: "refresh@0123456789",
    });
    await waitFor(() => expect(within(dialog).getByText("Authorized")).toBeTruthy());
    expect(token.value).toBe("");
    expect(within(dialog).getByText(/A refresh token is on file/)).toBeTruthy();

    const [, close] = within(dialog).getAllByRole("button", { name: "Close" }); // the × and the form's own
    fireEvent.click(close as HTMLElement);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("shows problems at their fields: its own checks, the API's 422 and a 409 for a taken appid", async () => {
    let answer: "422" | "409" = "422";
    const sent = serveApi({
      "GET /platform/v1/tenants": () => ZTenantPage.parse({ items: [tenant(1)], nextCursor: null }),
      "GET /platform/v1/wechat": () => platformStatus,
      "GET /platform/v1/tenants/:id/wechat": () => wechat({ subAppid: "wx1111111111111111", authorized: true }),
      "GET /platform/v1/tenants/:id/bills": () => ZBillRunList.parse({ items: [] }),
      "PUT /platform/v1/tenants/:id/wechat": () =>
        answer === "422"
          ? new Reply(422, {
              error: {
                code: "validation_failed",
                message: "invalid body: onboardingNote: Too big: expected string to have <=500 characters",
                requestId: "r",
                details: [
                  { path: "onboardingNote", message: "Too big: expected string to have <=500 characters", in: "body" },
                ],
              },
            })
          : new Reply(409, {
              error: {
                code: "conflict",
                message: "another store already uses this mini-program",
                requestId: "r",
                details: [{ path: "subAppid", message: "taken", in: "body" }],
              },
            }),
    });
    renderScreen(<AdminTenantsScreen />);
    const dialog = await openWechat();
    const appid = (await within(dialog).findByLabelText(/Mini-program appid/)) as HTMLInputElement;
    await waitFor(() => expect(appid.value).toBe("wx1111111111111111"));
    expect(await within(dialog).findByText(/No reconciliations yet/)).toBeTruthy();
    const save = within(dialog).getByRole("button", { name: "Save" });

    // Checked here first: formats, and active needs both numbers; nothing is sent.
    fireEvent.change(within(dialog).getByLabelText(/Sub-merchant number/), { target: { value: "19000x" } });
    fireEvent.change(appid, { target: { value: "wx0123" } });
    expect(within(dialog).getByText(/Changing the appid forgets/)).toBeTruthy();
    fireEvent.click(save);
    expect(await within(dialog).findByText("A sub-merchant number is 8–32 digits")).toBeTruthy();
    expect(within(dialog).getByText("An appid is wx followed by 16 hex characters (0–9, a–f)")).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/Sub-merchant number/), { target: { value: "" } });
    fireEvent.change(appid, { target: { value: "" } });
    fireEvent.change(within(dialog).getByLabelText(/Onboarding status/), { target: { value: "active" } });
    fireEvent.click(save);
    await waitFor(() =>
      expect(
        within(dialog).getAllByText("Active needs both the sub-merchant number and the mini-program appid"),
      ).toHaveLength(2),
    );
    expect(puts(sent)).toEqual([]);

    // The API's 422 at its field.
    fireEvent.change(within(dialog).getByLabelText(/Onboarding status/), { target: { value: "submitted" } });
    fireEvent.change(appid, { target: { value: "wx0123456789abcdef" } });
    fireEvent.change(within(dialog).getByLabelText(/^Note/), { target: { value: "x".repeat(501) } });
    fireEvent.click(save);
    expect(await within(dialog).findByText("Too big: expected string to have <=500 characters")).toBeTruthy();
    expect(puts(sent)).toHaveLength(1);

    // A 409: another store has this appid.
    answer = "409";
    fireEvent.change(within(dialog).getByLabelText(/^Note/), { target: { value: "已提交" } });
    fireEvent.click(save);
    expect(await within(dialog).findByText("Another store uses it already")).toBeTruthy();
    expect(appid.getAttribute("aria-invalid")).toBe("true");
    expect(puts(sent)[1]).toEqual({
      subMchid: null,
      subAppid: "wx0123456789abcdef",
      onboardingStatus: "submitted",
      onboardingNote: "已提交",
    });
  });
});
