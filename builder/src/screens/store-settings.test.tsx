// Store settings against the API's JSON: store facts, catalog settings loaded and saved, a 422 shown at its field;
// WeChat Pay as the platform set it up (status explained, numbers, authorization, reconciliations), read-only.
import { ZCatalogSettings, ZMerchantWechat } from "@mallwright/schema";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n/index.ts";
import { ME, Reply, renderScreen, serveApi, uuid } from "./fake-api.tsx";
import { StoreSettingsScreen } from "./store-settings.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("StoreSettingsScreen", () => {
  it("shows the store and saves the catalog settings; the API's 422 appears at the field", async () => {
    let fail = false;
    const sent = serveApi({
      "GET /merchant/v1/catalog-settings": () => ZCatalogSettings.parse({ lowStockDefault: 5, replenishmentDays: 7 }),
      "GET /merchant/v1/wechat": () => merchantWechat(),
      "PATCH /merchant/v1/catalog-settings": (req) =>
        fail
          ? new Reply(422, {
              error: {
                code: "validation_failed",
                message: "invalid body: replenishmentDays: must be at most 365",
                requestId: "r",
                details: [{ path: "replenishmentDays", message: "must be at most 365", in: "body" }],
              },
            })
          : ZCatalogSettings.parse(req.body),
    });
    renderScreen(<StoreSettingsScreen />);
    expect(screen.getByText("演示小店")).toBeTruthy();
    expect(screen.getByText("demo")).toBeTruthy();
    expect(screen.getByText("Growth")).toBeTruthy();
    const low = (await screen.findByLabelText(/Default low-stock threshold/)) as HTMLInputElement;
    await waitFor(() => expect(low.value).toBe("5"));
    fireEvent.change(low, { target: { value: "8" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(sent.some((r) => r.method === "PATCH")).toBe(true));
    expect(sent.find((r) => r.method === "PATCH")?.body).toEqual({ lowStockDefault: 8, replenishmentDays: 7 });

    fail = true;
    fireEvent.change(screen.getByLabelText(/Replenishment days/), { target: { value: "900" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("must be at most 365")).toBeTruthy();
  });

  it("is read-only without catalog:manage, and shows a failed load", async () => {
    serveApi({
      "GET /merchant/v1/catalog-settings": () =>
        new Reply(503, { error: { code: "unavailable", message: "the database is not reachable", requestId: "r" } }),
    });
    renderScreen(<StoreSettingsScreen />, {
      me: { ...ME, role: "staff", permissions: ["store:read", "catalog:read"] },
    });
    expect(await screen.findByText("the database is not reachable")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Save" })).toBeNull();
    // WeChat Pay is read with orders:read, which this member does not have.
    expect(screen.queryByRole("region", { name: "WeChat Pay" })).toBeNull();
  });
});

const merchantWechat = (over: Record<string, unknown> = {}) =>
  ZMerchantWechat.parse({
    subMchid: null,
    subAppid: null,
    onboardingStatus: "not_started",
    onboardingNote: null,
    authorized: false,
    updatedAt: null,
    bills: [],
    ...over,
  });

const run = (n: number, over: Record<string, unknown>) => ({
  id: uuid(600 + n),
  tenantId: ME.tenant.id,
  billDate: `2025-01-0${n}`,
  status: "matched",
  billRows: 0,
  matched: 0,
  billTotal: 0,
  refundTotal: 0,
  differences: [],
  createdAt: `2025-01-0${n + 1}T02:30:00.000Z`,
  ...over,
});

describe("StoreSettingsScreen: WeChat Pay", () => {
  afterEach(() => act(() => void i18n.changeLanguage("en")));

  function serve(wechat: unknown) {
    return serveApi({
      "GET /merchant/v1/catalog-settings": () => ZCatalogSettings.parse({ lowStockDefault: 5, replenishmentDays: 7 }),
      "GET /merchant/v1/wechat": () => wechat,
    });
  }

  it("shows an active store's numbers, authorization and reconciliations with their differences, read-only", async () => {
    serve(
      merchantWechat({
        subMchid: "1900000109",
        subAppid: "wx0123456789abcdef",
        onboardingStatus: "active",
        onboardingNote: "1 月 2 日开通",
        authorized: true,
        updatedAt: "2025-01-02T00:00:00.000Z",
        bills: [
          run(4, {
            status: "differences",
            billRows: 2,
            matched: 1,
            billTotal: 8800,
            refundTotal: 0,
            differences: [
              { kind: "missing_in_bill", entry: "payment", ref: "MW202501040007", ours: 3900, theirs: null },
            ],
          }),
          run(3, { status: "matched", billRows: 4, matched: 4, billTotal: 25600, refundTotal: 1200 }),
          run(2, { status: "no_bill" }),
        ],
      }),
    );
    renderScreen(<StoreSettingsScreen />);
    const section = await screen.findByRole("region", { name: "WeChat Pay" });
    expect(await within(section).findByText(/^Active: shoppers pay with WeChat Pay/)).toBeTruthy();
    expect(within(section).getByText("1900000109")).toBeTruthy();
    expect(within(section).getByText("wx0123456789abcdef")).toBeTruthy();
    expect(within(section).getByText("Authorized")).toBeTruthy();
    expect(within(section).getByText("1 月 2 日开通")).toBeTruthy();

    const runs = within(section).getByRole("table", { name: "Daily reconciliation" });
    const [, differences, matched, noBill] = within(runs).getAllByRole("row") as HTMLElement[];
    expect(within(differences as HTMLElement).getByText("Differences")).toBeTruthy();
    expect(within(differences as HTMLElement).getByText("1 / 2")).toBeTruthy();
    expect(differences?.textContent).toContain("Recorded here, not in the bill · Payment MW202501040007");
    expect(differences?.textContent).toContain("Here: ¥39.00 · WeChat bill: none");
    expect(within(matched as HTMLElement).getByText("Matched")).toBeTruthy();
    expect(within(matched as HTMLElement).getByText("¥256.00")).toBeTruthy();
    expect(within(matched as HTMLElement).getByText("¥12.00")).toBeTruthy();
    expect(within(noBill as HTMLElement).getByText("No bill")).toBeTruthy();
    expect(within(noBill as HTMLElement).getByText("No transactions that day")).toBeTruthy();

    // Nothing to change here: no fields, no buttons.
    expect(within(section).queryAllByRole("textbox")).toEqual([]);
    expect(within(section).queryAllByRole("button")).toEqual([]);
    expect(within(section).getByText(/The platform sets these/)).toBeTruthy();
  });

  it("explains each status, in Chinese by default", async () => {
    serve(merchantWechat());
    renderScreen(<StoreSettingsScreen />);
    const section = await screen.findByRole("region", { name: "WeChat Pay" });
    expect(await within(section).findByText(/^Not set up yet: contact the platform/)).toBeTruthy();
    expect(within(section).getAllByText("Not set")).toHaveLength(2);
    expect(within(section).getByText("Not authorized")).toBeTruthy();
    expect(within(section).getByText(/^No reconciliations yet/)).toBeTruthy();

    await act(() => i18n.changeLanguage("zh-CN"));
    const zh = screen.getByRole("region", { name: "微信支付" });
    expect(within(zh).getByText(/^尚未开通：请联系平台开通微信支付特约商户/)).toBeTruthy();
    expect(within(zh).getByText("未授权")).toBeTruthy();
  });

  it.each([
    ["submitted", /^Under review: your application is with WeChat Pay/, "matched", "一致"],
    ["rejected", /^Rejected: read the platform's note below/, "differences", "有差异"],
    ["suspended", /^Suspended: shoppers cannot pay with WeChat Pay for now/, "no_bill", "无账单"],
  ])("explains %s, and names the reconciliation result in Chinese", async (status, explained, billStatus, zhLabel) => {
    serve(merchantWechat({ onboardingStatus: status, bills: [run(1, { status: billStatus })] }));
    renderScreen(<StoreSettingsScreen />);
    const section = await screen.findByRole("region", { name: "WeChat Pay" });
    expect(await within(section).findByText(explained)).toBeTruthy();
    await act(() => i18n.changeLanguage("zh-CN"));
    expect(within(screen.getByRole("table", { name: "每日对账" })).getByText(zhLabel)).toBeTruthy();
  });
});
