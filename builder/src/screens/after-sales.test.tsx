// The after-sales queue against the API's JSON: each tab asks for its status; a request shows its
// order (linked), kind, amount, reason and lines; approving a return sends restock when ticked,
// rejecting sends the reason (required), each after confirming, then the list is read again and the
// result toasted; the API's errors in its words; no actions without orders:manage.
import { type TAfterSale, ZAfterSale, ZAfterSaleList } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { messageOf } from "../api/client.ts";
import { notify } from "../shell/toast.ts";
import { AfterSalesScreen } from "./after-sales.tsx";
import { ME, Reply, renderScreen, type Sent, serveApi, uuid } from "./fake-api.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function afterSale(n: number, over: Partial<TAfterSale> = {}): TAfterSale {
  return ZAfterSale.parse({
    id: uuid(500 + n),
    orderId: uuid(n),
    orderNumber: `2025010100${String(n).padStart(2, "0")}`,
    kind: "return_refund",
    status: "requested",
    reason: "茶叶受潮",
    amount: 2500,
    lines: [{ lineId: uuid(100 + n), title: "明前龙井", quantity: 1, amount: 2500 }],
    photos: [{ id: uuid(700 + n), url: `https://media.test/${n}.jpg`, thumbUrl: `https://media.test/${n}-thumb.webp` }],
    decisionNote: null,
    restocked: false,
    createdAt: "2025-01-02T08:00:00.000Z",
    decidedAt: null,
    ...over,
  });
}

const lists = (sent: Sent[]) => sent.filter((r) => r.method === "GET" && r.path === "/merchant/v1/after-sales");
const posted = (sent: Sent[], suffix: string) => sent.find((r) => r.method === "POST" && r.path.endsWith(suffix));

function serveQueue(routes: Record<string, (req: Sent) => unknown> = {}) {
  return serveApi({
    "GET /merchant/v1/after-sales": (req) =>
      ZAfterSaleList.parse({
        items:
          req.query.get("status") === "refunded"
            ? [
                afterSale(2, {
                  status: "refunded",
                  kind: "refund",
                  restocked: false,
                  decidedAt: "2025-01-03T08:00:00.000Z",
                }),
              ]
            : [afterSale(1)],
        nextCursor: null,
      }),
    ...routes,
  });
}

describe("AfterSalesScreen", () => {
  it("lists the requests of each tab with the status it asks for", async () => {
    const sent = serveQueue();
    renderScreen(<AfterSalesScreen />);
    const link = await screen.findByRole("link", { name: "202501010001" });
    expect(link.getAttribute("href")).toBe(`/orders/${uuid(1)}`);
    expect(screen.getByText("Return and refund")).toBeTruthy();
    expect(screen.getByText("茶叶受潮")).toBeTruthy();
    expect(screen.getAllByText("¥25.00").length).toBeGreaterThan(0);
    expect(screen.getByText(/明前龙井 × 1/)).toBeTruthy();
    const shot = screen.getByRole("img", { name: "Photo 1" });
    expect(shot.getAttribute("src")).toBe("https://media.test/1-thumb.webp");
    expect(shot.closest("a")?.getAttribute("href")).toBe("https://media.test/1.jpg");
    expect(lists(sent).at(-1)?.query.get("status")).toBe("requested");

    fireEvent.click(screen.getByRole("tab", { name: "Refunded" }));
    expect(await screen.findByRole("link", { name: "202501010002" })).toBeTruthy();
    expect(lists(sent).at(-1)?.query.get("status")).toBe("refunded");
    expect(screen.getByText("Refund only")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Approve refund" })).toBeNull();

    fireEvent.click(screen.getByRole("tab", { name: "Rejected" }));
    await waitFor(() => expect(lists(sent).at(-1)?.query.get("status")).toBe("rejected"));
  });

  it("approves a return with restock after confirming, reloads and toasts", async () => {
    const ok = vi.spyOn(notify, "ok");
    const sent = serveQueue({
      "POST /merchant/v1/after-sales/:id/approve": () =>
        afterSale(1, { status: "refunded", restocked: true, decidedAt: "2025-01-03T08:00:00.000Z" }),
    });
    renderScreen(<AfterSalesScreen />);
    fireEvent.click(await screen.findByRole("button", { name: "Approve refund" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.click(within(dialog).getByLabelText("Return units to stock"));
    const before = lists(sent).length;
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve refund" }));
    await waitFor(() => expect(posted(sent, "/approve")?.body).toEqual({ restock: true }));
    expect(posted(sent, "/approve")?.path).toBe(`/merchant/v1/after-sales/${uuid(501)}/approve`);
    await waitFor(() => expect(lists(sent).length).toBe(before + 1));
    expect(ok).toHaveBeenCalledWith("Order 202501010001 refunded ¥25.00");
  });

  it("shows no restock choice for a refund-only request and sends the note", async () => {
    const sent = serveApi({
      "GET /merchant/v1/after-sales": () =>
        ZAfterSaleList.parse({ items: [afterSale(1, { kind: "refund" })], nextCursor: null }),
      "POST /merchant/v1/after-sales/:id/approve": () => afterSale(1, { kind: "refund", status: "refunded" }),
    });
    renderScreen(<AfterSalesScreen />);
    fireEvent.click(await screen.findByRole("button", { name: "Approve refund" }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).queryByLabelText("Return units to stock")).toBeNull();
    fireEvent.change(within(dialog).getByLabelText("Note (optional)"), { target: { value: " 已联系顾客 " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve refund" }));
    await waitFor(() => expect(posted(sent, "/approve")?.body).toEqual({ restock: false, note: "已联系顾客" }));
  });

  it("rejects with the reason it requires, and shows the API's error in its words", async () => {
    const failed = vi.spyOn(notify, "error");
    const sent = serveQueue({
      "POST /merchant/v1/after-sales/:id/reject": () =>
        new Reply(409, { error: { code: "conflict", message: "the request is already decided", requestId: "r1" } }),
    });
    renderScreen(<AfterSalesScreen />);
    fireEvent.click(await screen.findByRole("button", { name: "Reject" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Reject" }));
    expect(await within(dialog).findByText("Enter a reason")).toBeTruthy();
    expect(posted(sent, "/reject")).toBeUndefined();

    fireEvent.change(within(dialog).getByLabelText(/^Reason \(the shopper sees it\)/), {
      target: { value: " 商品已使用 " },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Reject" }));
    await waitFor(() => expect(posted(sent, "/reject")?.body).toEqual({ reason: "商品已使用" }));
    await waitFor(() => expect(failed).toHaveBeenCalled());
    expect(messageOf(failed.mock.calls[0]?.[0])).toBe("the request is already decided");
  });

  it("offers no actions without orders:manage", async () => {
    serveQueue();
    renderScreen(<AfterSalesScreen />, {
      me: { ...ME, role: "staff", permissions: ME.permissions.filter((p) => p !== "orders:manage") },
    });
    expect(await screen.findByRole("link", { name: "202501010001" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Approve refund" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Reject" })).toBeNull();
  });
});
