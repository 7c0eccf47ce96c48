// The order list against the API's JSON: tabs with their counts, the status, search words and
// dates it asks for, rows (first line + count, total, delivery, status, masked recipient),
// "load more", and the empty state.
import { ZMerchantOrderList, ZOrderExport } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderScreen, serveApi, uuid } from "./fake-api.tsx";
import { order } from "./orders-fixtures.ts";
import { OrdersScreen } from "./orders-list.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const counts = { all: 9, pending_payment: 1, paid: 3, shipped: 2, delivered: 0, completed: 2, cancelled: 1 };
const lastQuery = (sent: { path: string; query: URLSearchParams }[]) =>
  sent.filter((r) => r.path === "/merchant/v1/orders").at(-1)?.query;

describe("OrdersScreen", () => {
  it("shows the empty state when the store has no orders", async () => {
    serveApi({
      "GET /merchant/v1/orders": () =>
        ZMerchantOrderList.parse({
          items: [],
          nextCursor: null,
          counts: { all: 0, pending_payment: 0, paid: 0, shipped: 0, delivered: 0, completed: 0, cancelled: 0 },
        }),
    });
    renderScreen(<OrdersScreen />);
    expect(await screen.findByText(/No orders yet/)).toBeTruthy();
  });

  it("lists orders with the tab counts and loads more", async () => {
    const sent = serveApi({
      "GET /merchant/v1/orders": (req) =>
        ZMerchantOrderList.parse(
          req.query.get("cursor") === uuid(2)
            ? { items: [order(3, { status: "cancelled" })], nextCursor: null, counts }
            : {
                items: [
                  order(1),
                  order(2, {
                    status: "shipped",
                    delivery: "pickup",
                    address: null,
                    pickup: { name: "西湖店", address: "南山路 1 号", code: "******" },
                  }),
                ],
                nextCursor: uuid(2),
                counts,
              },
        ),
    });
    renderScreen(<OrdersScreen />);
    expect(await screen.findByText("202501010001")).toBeTruthy();
    expect(within(screen.getByRole("tab", { name: /To ship/ })).getByText("3")).toBeTruthy();
    expect(within(screen.getByRole("tab", { name: /^All/ })).getByText("9")).toBeTruthy();
    expect(within(screen.getByRole("tab", { name: /Cancelled/ })).getByText("1")).toBeTruthy();

    const first = screen.getByText("202501010001").closest("tr") as HTMLElement;
    expect(within(first).getByText("明前龙井")).toBeTruthy();
    expect(within(first).getByText("3 item(s)")).toBeTruthy();
    expect(within(first).getByText("¥76.00")).toBeTruthy();
    expect(within(first).getByText("Express")).toBeTruthy();
    expect(within(first).getByText("To ship")).toBeTruthy();
    expect(within(first).getByText("王*明")).toBeTruthy();
    expect(within(first).getByText("138****8000")).toBeTruthy();
    const second = screen.getByText("202501010002").closest("tr") as HTMLElement;
    expect(within(second).getByText("Ready for pickup")).toBeTruthy();
    expect(within(second).getByText("西湖店")).toBeTruthy();
    expect(first.querySelector(`a[href="/orders/${uuid(1)}"]`)).toBeTruthy();

    fireEvent.click(screen.getByText("Load more"));
    expect(await screen.findByText("202501010003")).toBeTruthy();
    expect(lastQuery(sent)?.get("cursor")).toBe(uuid(2));
    expect(screen.queryByText("Load more")).toBeNull();
  });

  it("asks for the chosen tab, search words and dates", async () => {
    const sent = serveApi({
      "GET /merchant/v1/orders": () => ZMerchantOrderList.parse({ items: [], nextCursor: null, counts }),
    });
    renderScreen(<OrdersScreen />);
    fireEvent.click(await screen.findByRole("tab", { name: /To ship/ }));
    expect(await screen.findByText("No orders match these filters")).toBeTruthy();
    expect(lastQuery(sent)?.get("status")).toBe("paid");

    fireEvent.change(screen.getByLabelText("Search"), { target: { value: " 8000 " } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    await waitFor(() => expect(lastQuery(sent)?.get("q")).toBe("8000"));
    expect(lastQuery(sent)?.get("status")).toBe("paid");

    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2025-01-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2025-01-31" } });
    await waitFor(() => expect(lastQuery(sent)?.get("to")).toBe("2025-01-31"));
    expect(Object.fromEntries(lastQuery(sent) ?? [])).toEqual({
      limit: "20",
      status: "paid",
      q: "8000",
      from: "2025-01-01",
      to: "2025-01-31",
    });

    fireEvent.click(screen.getByRole("tab", { name: /^All/ }));
    await waitFor(() => expect(lastQuery(sent)?.has("status")).toBe(false));
    fireEvent.click(screen.getByText("Clear dates"));
    await waitFor(() => expect(lastQuery(sent)?.has("from")).toBe(false));
    expect(lastQuery(sent)?.get("q")).toBe("8000");
  });
});

describe("OrdersScreen export", () => {
  it("exports what the filters show, follows the progress and offers the file", async () => {
    const base = {
      id: uuid(9),
      filters: { status: "paid" as const },
      masked: false,
      rowCount: 0,
      error: null,
      createdAt: "2026-12-02T08:00:00.000Z",
      finishedAt: null,
      downloadPath: null,
    };
    let polls = 0;
    const sent = serveApi({
      "GET /merchant/v1/orders": () =>
        ZMerchantOrderList.parse({ items: [order(1, { status: "paid" })], nextCursor: null, counts }),
      "POST /merchant/v1/orders/exports": () =>
        ZOrderExport.parse({ ...base, status: "queued", totalOrders: 0, processedOrders: 0, progress: 0 }),
      "GET /merchant/v1/orders/exports/:id": () =>
        ZOrderExport.parse(
          ++polls === 1
            ? { ...base, status: "running", totalOrders: 200, processedOrders: 84, progress: 0.42 }
            : {
                ...base,
                status: "done",
                totalOrders: 200,
                processedOrders: 200,
                progress: 1,
                rowCount: 230,
                finishedAt: "2026-12-02T08:00:03.000Z",
                downloadPath: `/merchant/v1/orders/exports/${uuid(9)}/download`,
              },
        ),
    });
    renderScreen(<OrdersScreen />);
    fireEvent.click(await screen.findByRole("tab", { name: /To ship/ }));
    fireEvent.click(screen.getByRole("button", { name: "Export orders" }));
    await waitFor(() =>
      expect(sent.find((r) => r.method === "POST" && r.path === "/merchant/v1/orders/exports")?.body).toEqual({
        status: "paid",
      }),
    );
    expect(await screen.findByText("Exporting 42% (84/200)", {}, { timeout: 3_000 })).toBeTruthy();
    const link = await screen.findByRole("link", { name: "Download CSV (230 rows)" }, { timeout: 3_000 });
    expect(link.getAttribute("href")).toBe(`/merchant/v1/orders/exports/${uuid(9)}/download`);
  });
});
