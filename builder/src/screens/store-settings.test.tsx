// Store settings against the API's JSON: store facts, catalog settings loaded and saved, a 422 shown at its field.
import { ZCatalogSettings } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ME, Reply, renderScreen, serveApi } from "./fake-api.tsx";
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
  });
});
