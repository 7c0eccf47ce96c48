// One order against the API's JSON: lines, totals, delivery and timeline; each action by state
// (ship with carrier + tracking number, ready for pickup, hand-over by code, cancel with a reason
// after confirming) sends its body, reads the order again and shows the new status; the API's
// errors (409 state, 422 code) are shown in its own words; the remark; no actions without orders:manage;
// the payment (WeChat transaction, refunds, a late payment refunded automatically) and the WeChat
// shipping-info upload, uploaded again after a failure.
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiFailure, messageOf } from "../api/client.ts";
import { notify } from "../shell/toast.ts";
import { ME, Reply, renderScreen, type Sent, serveApi, uuid } from "./fake-api.tsx";
import { OrderDetailScreen } from "./orders-detail.tsx";
import { type MerchantOrder, order } from "./orders-fixtures.ts";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const at = "2025-01-02T08:00:00.000Z";
const path = `/orders/${uuid(1)}`;

/** Serves one order that the handlers may change; returns what was sent. */
function serveOrder(start: MerchantOrder, routes: Record<string, (req: Sent, o: MerchantOrder) => unknown> = {}) {
  let current = start;
  const wrapped = Object.fromEntries(
    Object.entries(routes).map(([key, handler]) => [
      key,
      (req: Sent) => {
        const out = handler(req, current);
        if (out instanceof Reply) return out;
        current = out as MerchantOrder;
        return current;
      },
    ]),
  );
  return serveApi({ "GET /merchant/v1/orders/:id": () => current, ...wrapped });
}
const posted = (sent: Sent[], suffix: string) => sent.find((r) => r.method !== "GET" && r.path.endsWith(suffix));
const gets = (sent: Sent[]) => sent.filter((r) => r.method === "GET").length;

describe("OrderDetailScreen", () => {
  it("shows the lines, totals, delivery, timeline and remark", async () => {
    serveOrder(order(1, { merchantRemark: "老客户" }));
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    expect(await screen.findByText("Order 202501010001")).toBeTruthy();
    expect(screen.getByText("明前龙井")).toBeTruthy();
    expect(screen.getByText("250g")).toBeTruthy();
    expect(screen.getByText("¥50.00")).toBeTruthy(); // 2 x 25.00
    expect(screen.getByText("¥68.00")).toBeTruthy();
    expect(screen.getByText("¥8.00")).toBeTruthy();
    expect(screen.getByText("¥76.00")).toBeTruthy();
    expect(screen.getByText("王*明")).toBeTruthy();
    expect(screen.getByText("浙江省 杭州市 西湖区 文三路***")).toBeTruthy();
    expect(screen.getByText("请尽快发货")).toBeTruthy();
    const timeline = screen.getByRole("list", { name: "History" });
    expect(within(timeline).getAllByRole("listitem")).toHaveLength(2);
    expect(within(timeline).getByText("Awaiting payment → To ship")).toBeTruthy();
    expect((screen.getByLabelText("Merchant remark") as HTMLTextAreaElement).value).toBe("老客户");
  });

  it("ships a paid express order with carrier and tracking number and shows it shipped", async () => {
    const ok = vi.spyOn(notify, "ok");
    const sent = serveOrder(order(1), {
      "POST /merchant/v1/orders/:id/ship": (req, o) => ({
        ...o,
        status: "shipped",
        shippedAt: at,
        carrier: (req.body as { carrier: string }).carrier,
        trackingNo: (req.body as { trackingNo: string }).trackingNo,
        history: [...o.history, { from: "paid", to: "shipped", actor: "merchant", at, note: "京东物流 JD0001" }],
      }),
    });
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    fireEvent.change(await screen.findByLabelText(/^Carrier$/), { target: { value: "京东物流" } });
    fireEvent.click(screen.getByRole("button", { name: "Ship" }));
    expect(await screen.findByText("4–60 letters, digits or dashes")).toBeTruthy();
    expect(posted(sent, "/ship")).toBeUndefined();

    fireEvent.change(screen.getByLabelText(/^Tracking number/), { target: { value: " JD0001 " } });
    const before = gets(sent);
    fireEvent.click(screen.getByRole("button", { name: "Ship" }));
    await waitFor(() => expect(posted(sent, "/ship")?.body).toEqual({ carrier: "京东物流", trackingNo: "JD0001" }));
    expect(posted(sent, "/ship")?.path).toBe(`/merchant/v1/orders/${uuid(1)}/ship`);
    await waitFor(() => expect(screen.getAllByText("Shipped").length).toBeGreaterThan(0));
    expect(gets(sent)).toBe(before + 1); // read again after the action
    expect(screen.getByText("JD0001")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Ship" })).toBeNull();
    expect(ok).toHaveBeenCalledWith("Order 202501010001 shipped");
  });

  it("ships with a carrier typed in, and shows the API's 409 in its words and the order as it is now", async () => {
    const failed = vi.spyOn(notify, "error");
    let cancelledMeanwhile = false;
    const sent = serveApi({
      "GET /merchant/v1/orders/:id": () =>
        cancelledMeanwhile ? order(1, { status: "cancelled", cancelledAt: at }) : order(1),
      "POST /merchant/v1/orders/:id/ship": () => {
        cancelledMeanwhile = true;
        return new Reply(409, {
          error: { code: "conflict", message: "the order is cancelled, not paid", requestId: "r1" },
        });
      },
    });
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    fireEvent.change(await screen.findByLabelText(/^Carrier$/), { target: { value: "__other__" } });
    fireEvent.change(screen.getByLabelText("Carrier name"), { target: { value: "安能物流" } });
    fireEvent.change(screen.getByLabelText(/^Tracking number/), { target: { value: "AN-778899" } });
    fireEvent.click(screen.getByRole("button", { name: "Ship" }));
    await waitFor(() => expect(failed).toHaveBeenCalled());
    expect(posted(sent, "/ship")?.body).toEqual({ carrier: "安能物流", trackingNo: "AN-778899" });
    const err = failed.mock.calls[0]?.[0];
    expect(err).toBeInstanceOf(ApiFailure);
    expect(messageOf(err)).toBe("the order is cancelled, not paid");
    await waitFor(() => expect(screen.getAllByText("Cancelled").length).toBeGreaterThan(0));
    expect(screen.queryByRole("button", { name: "Ship" })).toBeNull();
  });

  it("marks a paid pickup order ready, then hands it over with the shopper's code", async () => {
    const pickupOrder = order(1, {
      delivery: "pickup",
      address: null,
      shippingFee: 0,
      total: 6800,
      pickup: { name: "西湖店", address: "南山路 1 号", code: "******" },
    });
    const sent = serveOrder(pickupOrder, {
      "POST /merchant/v1/orders/:id/ship": (_req, o) => ({ ...o, status: "shipped", shippedAt: at }),
      "POST /merchant/v1/orders/:id/pickup": (req, o) =>
        (req.body as { code: string }).code === "123456"
          ? { ...o, status: "completed" }
          : new Reply(422, {
              error: {
                code: "validation_failed",
                message: "the pickup code does not match this order",
                requestId: "r2",
                details: [{ path: "code", message: "wrong code", in: "body" }],
              },
            }),
    });
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    expect(await screen.findByText("西湖店")).toBeTruthy();
    expect(screen.getByText("南山路 1 号")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Ready for pickup" }));
    await waitFor(() => expect(posted(sent, "/ship")?.body).toEqual({}));

    const code = await screen.findByLabelText("Pickup code");
    expect(screen.getAllByText("Ready for pickup").length).toBeGreaterThan(0);
    fireEvent.change(code, { target: { value: "12345" } });
    fireEvent.click(screen.getByRole("button", { name: "Hand over" }));
    expect(await screen.findByText("Enter the 6-digit pickup code")).toBeTruthy();
    expect(posted(sent, "/pickup")).toBeUndefined();

    const failed = vi.spyOn(notify, "error");
    fireEvent.change(code, { target: { value: "654321" } });
    fireEvent.click(screen.getByRole("button", { name: "Hand over" }));
    expect(await screen.findByText("wrong code")).toBeTruthy();
    expect(messageOf(failed.mock.calls[0]?.[0])).toBe("the pickup code does not match this order");

    fireEvent.change(code, { target: { value: "123456" } });
    fireEvent.click(screen.getByRole("button", { name: "Hand over" }));
    await waitFor(() => expect(screen.getAllByText("Completed").length).toBeGreaterThan(0));
    expect(sent.filter((r) => r.path.endsWith("/pickup")).map((r) => r.body)).toEqual([
      { code: "654321" },
      { code: "123456" },
    ]);
    expect(screen.queryByLabelText("Pickup code")).toBeNull();
  });

  it("cancels an unpaid order with a reason after confirming", async () => {
    const ok = vi.spyOn(notify, "ok");
    const sent = serveOrder(order(1, { status: "pending_payment", paidAt: null, history: [] }), {
      "POST /merchant/v1/orders/:id/cancel": (req, o) => ({
        ...o,
        status: "cancelled",
        cancelledAt: at,
        cancelReason: (req.body as { reason?: string }).reason ?? null,
      }),
    });
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    expect(await screen.findByText("Pay by")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Cancel order" }));
    const dialog = screen.getByRole("dialog");
    expect(posted(sent, "/cancel")).toBeUndefined();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: "缺货" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel order" }));
    await waitFor(() => expect(posted(sent, "/cancel")?.body).toEqual({ reason: "缺货" }));
    await waitFor(() => expect(screen.getAllByText("Cancelled").length).toBeGreaterThan(0));
    expect(screen.getByText("缺货")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByRole("button", { name: "Cancel order" })).toBeNull();
    expect(ok).toHaveBeenCalledWith("Order 202501010001 cancelled");
  });

  it("saves the merchant's remark", async () => {
    const sent = serveOrder(order(1), {
      "PATCH /merchant/v1/orders/:id": (req, o) => ({ ...o, merchantRemark: (req.body as { remark: string }).remark }),
    });
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    fireEvent.change(await screen.findByLabelText("Merchant remark"), { target: { value: " 周末送达 " } });
    fireEvent.click(screen.getByRole("button", { name: "Save remark" }));
    await waitFor(() => expect(posted(sent, `/orders/${uuid(1)}`)?.body).toEqual({ remark: "周末送达" }));
    await waitFor(() =>
      expect((screen.getByRole("button", { name: "Save remark" }) as HTMLButtonElement).disabled).toBe(true),
    );
  });

  it("offers no actions without orders:manage", async () => {
    serveOrder(order(1, { merchantRemark: "老客户" }));
    renderScreen(<OrderDetailScreen />, {
      path,
      route: "/orders/:id",
      me: { ...ME, role: "staff", permissions: ["orders:read", "catalog:read"] },
    });
    expect(await screen.findByText("Order 202501010001")).toBeTruthy();
    expect(screen.getByText("老客户")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Ship" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Save remark" })).toBeNull();
  });

  const wechatPayment = (over: Partial<NonNullable<MerchantOrder["payment"]>> = {}) => ({
    provider: "wechat" as const,
    status: "paid",
    transactionId: "4200002025010112345678",
    late: false,
    refunds: [],
    ...over,
  });

  it("warns of a payment that arrived after cancellation and shows its automatic refund", async () => {
    serveOrder(
      order(1, {
        status: "cancelled",
        paidAt: null,
        cancelledAt: at,
        cancelReason: "超时未支付",
        payment: wechatPayment({
          status: "refunded_late",
          late: true,
          refunds: [
            { amount: 7600, status: "processing", error: null, createdAt: "2025-01-02T08:01:00.000Z" },
            { amount: 7600, status: "failed", error: "NOT_ENOUGH: 余额不足", createdAt: "2025-01-02T08:00:30.000Z" },
          ],
        }),
      }),
    );
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    const banner = await screen.findByText(
      "The payment arrived after the order was cancelled and has been refunded in full automatically.",
    );
    expect(banner.closest(".notice")?.getAttribute("role")).toBe("alert");
    expect(screen.getByText("WeChat Pay")).toBeTruthy();
    expect(screen.getByText("4200002025010112345678")).toBeTruthy();
    expect(screen.getByText("Refunded (arrived after cancellation)")).toBeTruthy();
    const refunds = screen.getByRole("list", { name: "Refunds" });
    const [processing, failed] = within(refunds).getAllByRole("listitem");
    expect(within(processing as HTMLElement).getByText("¥76.00")).toBeTruthy();
    expect(within(processing as HTMLElement).getByText("Processing")).toBeTruthy();
    expect(within(failed as HTMLElement).getByText("Failed")).toBeTruthy();
    expect(within(failed as HTMLElement).getByText("NOT_ENOUGH: 余额不足")).toBeTruthy();
    // Cancelled before shipping: no shipping info to send.
    expect(screen.queryByText("WeChat shipping info")).toBeNull();
  });

  it("shows a failed shipping-info upload and uploads it again", async () => {
    const ok = vi.spyOn(notify, "ok");
    const shipped = {
      status: "shipped" as const,
      shippedAt: at,
      carrier: "顺丰速运",
      trackingNo: "SF1234567890",
      payment: wechatPayment(),
    };
    const sent = serveOrder(
      order(1, {
        ...shipped,
        shippingUpload: { status: "failed", error: "10060001: 物流公司编码错误", uploadedAt: null },
      }),
      {
        "POST /merchant/v1/orders/:id/shipping-upload": (_req, o) => ({
          ...o,
          shippingUpload: { status: "pending", error: null, uploadedAt: null },
        }),
      },
    );
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    expect(
      await screen.findByText("Sending the shipping info to WeChat failed: 10060001: 物流公司编码错误"),
    ).toBeTruthy();
    expect(screen.getByText("Upload failed")).toBeTruthy();
    expect(screen.getAllByText(/物流公司编码错误/)).toHaveLength(1);
    expect(screen.getByText("4200002025010112345678")).toBeTruthy();
    expect(screen.queryByText(/refunded in full automatically/)).toBeNull();

    const before = gets(sent);
    fireEvent.click(screen.getByRole("button", { name: "Upload again" }));
    await waitFor(() => expect(posted(sent, "/shipping-upload")).toBeDefined());
    expect(posted(sent, "/shipping-upload")?.path).toBe(`/merchant/v1/orders/${uuid(1)}/shipping-upload`);
    expect(await screen.findByText("Waiting to upload")).toBeTruthy();
    expect(gets(sent)).toBe(before + 1);
    expect(screen.queryByRole("button", { name: "Upload again" })).toBeNull();
    expect(screen.queryByText(/Sending the shipping info to WeChat failed/)).toBeNull();
    expect(ok).toHaveBeenCalledWith("Shipping info of order 202501010001 queued again");
  });

  it("shows an uploaded shipment, one to ship, the development provider without WeChat details, and no retry without orders:manage", async () => {
    serveOrder(
      order(1, {
        status: "shipped",
        shippedAt: at,
        payment: wechatPayment(),
        shippingUpload: { status: "uploaded", error: null, uploadedAt: "2025-01-02T08:05:00.000Z" },
      }),
    );
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    expect(await screen.findByText("Uploaded")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Upload again" })).toBeNull();
    cleanup();

    serveOrder(
      order(1, {
        status: "shipped",
        shippedAt: at,
        payment: wechatPayment(),
        shippingUpload: { status: "failed", error: "system error", uploadedAt: null },
      }),
    );
    renderScreen(<OrderDetailScreen />, {
      path,
      route: "/orders/:id",
      me: { ...ME, role: "staff", permissions: ["orders:read"] },
    });
    expect(await screen.findByText("Sending the shipping info to WeChat failed: system error")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Upload again" })).toBeNull();
    cleanup();

    serveOrder(order(1, { payment: wechatPayment() }));
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    expect(await screen.findByText("Sent automatically once shipped")).toBeTruthy();
    cleanup();

    serveOrder(
      order(1, { payment: { provider: "dev", status: "paid", transactionId: "dev-1", late: false, refunds: [] } }),
    );
    renderScreen(<OrderDetailScreen />, { path, route: "/orders/:id" });
    expect(await screen.findByText("Simulated (development)")).toBeTruthy();
    expect(screen.getByText("Paid", { selector: ".badge" })).toBeTruthy();
    expect(screen.queryByText("WeChat shipping info")).toBeNull();
    expect(screen.queryByText("WeChat Pay transaction")).toBeNull();
  });
});
