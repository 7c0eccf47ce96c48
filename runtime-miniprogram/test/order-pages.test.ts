// Order detail and the orders list, built, under miniprogram-simulate, against a fake store.
import { describe, expect, it } from "vitest";
import { type FakeRequest, json, settle } from "./fake-wx.ts";
import { loadComponent, measureTree, type SimulatedComponent, simulate } from "./simulate.ts";
import { useFakeStore } from "./store-harness.ts";

const BASE = "https://api.mallwright.test";
const oid = (n: number) => `50000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const order = (n: number, status: string, extra: Record<string, unknown> = {}) => ({
  id: oid(n),
  number: `2026060100${n}`,
  status,
  delivery: "express",
  lines: [
    {
      id: `60000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
      skuId: null,
      productId: null,
      title: "亚麻衬衫",
      specValues: ["白", "L"],
      image: null,
      unitPrice: 10900,
      quantity: 2,
      refundedQuantity: 0,
      refundedAmount: 0,
    },
  ],
  itemsTotal: 21800,
  shippingFee: 1000,
  total: 22800,
  currency: "CNY",
  refundedTotal: 0,
  note: null,
  address: { recipient: "张三", phone: "138****8000", region: "浙江省 杭州市 西湖区", detail: "文三路 1 号" },
  pickup: null,
  payBy: "2026-06-01T10:30:00.000Z",
  paidAt: null,
  shippedAt: null,
  carrier: null,
  trackingNo: null,
  cancelledAt: null,
  cancelReason: null,
  createdAt: "2026-06-01T10:00:00.000Z",
  history: [{ from: null, to: "pending_payment", actor: "shopper", at: "2026-06-01T10:00:00.000Z", note: null }],
  ...extra,
});

async function open(path: string, query: Record<string, string> = {}): Promise<SimulatedComponent> {
  const comp = simulate.render(loadComponent(path));
  comp.attach(document.createElement("parent-wrapper") as never);
  (comp.instance.onLoad as (q: Record<string, string>) => void)(query);
  await settle(12);
  return comp;
}

const tap = async (comp: SimulatedComponent, method: string, dataset: Record<string, string> = {}) => {
  (comp.instance[method] as (e: unknown) => unknown)({ currentTarget: { dataset }, detail: {} });
  await settle(12);
};

const auth = (req: FakeRequest) =>
  req.url.endsWith("/store/v1/auth/wechat") ? json(200, { token: "t", expiresAt: "2099-01-01T00:00:00Z" }) : null;

describe("order detail", () => {
  it("shows a pending order with pay now and cancel; cancelling asks first and reloads", async () => {
    let current = order(1, "pending_payment");
    const fake = useFakeStore((req) => {
      const a = auth(req);
      if (a) return a;
      const path = req.url.replace(BASE, "");
      if (path === `/store/v1/orders/${oid(1)}/cancel`) {
        current = order(1, "cancelled", { cancelReason: "买家取消" });
        return json(200, current);
      }
      if (path === `/store/v1/orders/${oid(1)}/pay`) {
        current = order(1, "paid");
        return json(200, { provider: "dev", order: current, requestPayment: null });
      }
      if (path === `/store/v1/orders/${oid(1)}`) return json(200, current);
      return json(404, { error: { code: "not_found", message: "" } });
    });
    const comp = await open("pkg-order/pages/order/index", { id: oid(1) });
    expect(comp.data.status).toBe("ready");
    const text = comp.dom.textContent ?? "";
    expect(text).toContain("待付款");
    expect(text).toContain("张三 138****8000");
    expect(text).toContain("228.00");
    expect(text).toContain("立即支付");
    expect(text).toContain("取消订单");
    const { nodes, depth } = measureTree(comp.dom);
    expect(nodes).toBeLessThan(1000);
    expect(depth).toBeLessThan(30);

    await tap(comp, "onCancel");
    expect(fake.requests.some((r) => r.url.endsWith("/cancel") && r.method === "POST")).toBe(true);
    expect(comp.dom.textContent).toContain("已取消");
    expect(comp.dom.textContent).toContain("买家取消");
    expect(comp.dom.textContent).not.toContain("立即支付");
  });

  it("pays a pending order (development provider) and shows it paid", async () => {
    let current = order(2, "pending_payment");
    useFakeStore((req) => {
      const a = auth(req);
      if (a) return a;
      const path = req.url.replace(BASE, "");
      if (path.endsWith("/pay")) {
        current = order(2, "paid");
        return json(200, { provider: "dev", order: current, requestPayment: null });
      }
      return json(200, current);
    });
    const comp = await open("pkg-order/pages/order/index", { id: oid(2) });
    await tap(comp, "onPay");
    expect(comp.dom.textContent).toContain("待发货");
  });

  it("a shipped order shows tracking, and confirming receipt posts /confirm", async () => {
    let current = order(3, "shipped", { carrier: "顺丰", trackingNo: "SF123" });
    const fake = useFakeStore((req) => {
      const a = auth(req);
      if (a) return a;
      if (req.url.endsWith("/confirm")) {
        current = order(3, "completed");
        return json(200, current);
      }
      return json(200, current);
    });
    const comp = await open("pkg-order/pages/order/index", { id: oid(3) });
    expect(comp.dom.textContent).toContain("顺丰 SF123");
    await tap(comp, "onConfirmReceipt");
    expect(fake.requests.some((r) => r.url.endsWith(`/orders/${oid(3)}/confirm`))).toBe(true);
    expect(comp.dom.textContent).toContain("已完成");
  });

  it("a pickup order shows its pickup code", async () => {
    useFakeStore(
      (req) =>
        auth(req) ??
        json(
          200,
          order(4, "paid", {
            delivery: "pickup",
            address: null,
            pickup: { name: "西湖店", address: "湖滨路 2 号", code: "123456" },
          }),
        ),
    );
    const comp = await open("pkg-order/pages/order/index", { id: oid(4) });
    expect(comp.dom.textContent).toContain("123456");
    expect(comp.dom.textContent).toContain("西湖店");
  });
});

describe("after-sales request", () => {
  it("asks for a refund with a reason and uploaded photos", async () => {
    let afterSale: unknown = null;
    const fake = useFakeStore((req) => {
      const a = auth(req);
      if (a) return a;
      if (req.url.endsWith("/after-sales")) {
        afterSale = req.data;
        return json(201, { id: "70000000-0000-4000-8000-000000000001" });
      }
      return json(200, order(5, "shipped"));
    });
    const comp = await open("pkg-order/pages/order/index", { id: oid(5) });
    expect(comp.dom.textContent).toContain("申请售后");
    await tap(comp, "onAfterSale");
    await tap(comp, "onSubmitSale");
    expect(fake.toasts).toContain("请选择售后原因");
    await tap(comp, "onSaleKind", { kind: "return_refund" });
    await tap(comp, "onSaleReason", { reason: "质量问题" });
    (comp.instance.onSaleNote as (e: unknown) => void)({ detail: { value: "线头很多" } });
    await tap(comp, "onAddPhoto");
    expect(fake.uploads).toHaveLength(2);
    expect(fake.uploads[0]).toMatchObject({
      url: "https://api.mallwright.test/store/v1/media",
      name: "file",
      header: { "X-Mallwright-Tenant": "shanye", Authorization: "Bearer t" },
    });
    expect(comp.data.photos).toHaveLength(2);
    await tap(comp, "onSubmitSale");
    expect(afterSale).toEqual({
      kind: "return_refund",
      reason: "质量问题：线头很多",
      photoIds: ["90000000-0000-4000-8000-000000000001", "90000000-0000-4000-8000-000000000002"],
    });
    expect(comp.data.saleOpen).toBe(false);
    expect(fake.toasts).toContain("已提交，等待商家处理");
  });
});

describe("orders list", () => {
  it("maps the tabs to ?status= and /after-sales, and appends the next page at the bottom", async () => {
    const fake = useFakeStore((req) => {
      const a = auth(req);
      if (a) return a;
      const url = new URL(req.url);
      if (url.pathname === "/store/v1/after-sales") {
        return json(200, {
          items: [
            {
              id: "70000000-0000-4000-8000-000000000001",
              orderId: oid(9),
              orderNumber: "n9",
              kind: "refund",
              status: "refunding",
              reason: "不想要了",
              amount: 5000,
              lines: [{ lineId: oid(99), title: "帆布包", quantity: 1, amount: 5000 }],
              photos: [],
              decisionNote: null,
              restocked: false,
              createdAt: "2026-06-01T10:00:00.000Z",
              decidedAt: null,
            },
          ],
          nextCursor: null,
        });
      }
      const status = url.searchParams.get("status");
      const cursor = url.searchParams.get("cursor");
      if (status === "pending_payment" && !cursor) {
        return json(200, {
          items: Array.from({ length: 20 }, (_, i) => order(i + 1, "pending_payment")),
          nextCursor: oid(20),
        });
      }
      if (status === "pending_payment" && cursor === oid(20)) {
        return json(200, { items: [order(21, "pending_payment")], nextCursor: null });
      }
      return json(200, { items: [], nextCursor: null });
    });
    const comp = await open("pkg-order/pages/orders/index", { tab: "pending_payment" });
    expect(comp.data.status).toBe("ready");
    expect(comp.data.items).toHaveLength(20);
    expect(comp.dom.textContent).toContain("待付款");
    (comp.instance.onReachBottom as () => void)();
    await settle(12);
    expect(comp.data.items).toHaveLength(21);
    expect(comp.dom.textContent).toContain("没有更多了");
    const listCalls = fake.requests.filter((r) => r.url.includes("/store/v1/orders"));
    expect(listCalls.map((r) => new URL(r.url).search)).toEqual([
      "?status=pending_payment",
      `?status=pending_payment&cursor=${oid(20)}`,
    ]);

    await tap(comp, "onTab", { tab: "after_sales" });
    expect(comp.dom.textContent).toContain("退款中");
    expect(comp.dom.textContent).toContain("帆布包");
    await tap(comp, "onTab", { tab: "completed" });
    expect(comp.data.status).toBe("empty");
    expect(comp.dom.textContent).toContain("暂无相关订单");
    expect(fake.requests.at(-1)?.url).toContain("status=completed");

    await tap(comp, "onTab", { tab: "all" });
    expect(new URL(fake.requests.at(-1)?.url ?? "").search).toBe("");
  });
});
