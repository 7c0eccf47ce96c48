// 我的订单 (/pkg-order/pages/orders/index?tab=<key>): tabs 全部 / 待付款 / 待发货 / 待收货 / 已完成
// over GET /store/v1/orders?status= (20 a page, nextCursor), and 售后 over GET /store/v1/after-sales.
// Pages load on reaching the bottom and are appended by path (each setData carries one page only).
import type { TAfterSale, TOrder } from "@mallwright/schema";
import { ROUTES } from "../../../core/links.ts";
import { getRuntime } from "../../../core/runtime.ts";
import { definePage, ORDER_STATUS_TEXT, pageThemeStyle, STORE } from "../../../core/shop.ts";
import { yuan } from "../../../shared/sku-picker.ts";

export const ORDER_TABS = [
  { key: "all", text: "全部", status: "" },
  { key: "pending_payment", text: "待付款", status: "pending_payment" },
  { key: "paid", text: "待发货", status: "paid" },
  { key: "shipped", text: "待收货", status: "shipped" },
  { key: "completed", text: "已完成", status: "completed" },
  { key: "after_sales", text: "售后", status: "" },
] as const;

const AFTER_SALE_TEXT: Record<string, string> = {
  requested: "待处理",
  rejected: "已拒绝",
  refunding: "退款中",
  refunded: "已退款",
  refund_failed: "退款失败",
};

interface OrdersInstance {
  data: { tab: string; items: unknown[]; status: string };
  setData(d: Record<string, unknown>): void;
  _cursor?: string | null;
  _loading?: boolean;
  _seq?: number;
  loadMore(reset: boolean): Promise<void>;
}

type TapEvent = { currentTarget: { dataset: Record<string, string | undefined> } };

export function presentOrderCard(o: TOrder) {
  const first = o.lines[0];
  return {
    id: o.id,
    kind: "order",
    title: first ? first.title + (o.lines.length > 1 ? ` 等${o.lines.length}件` : "") : o.number,
    image: first?.image ?? "",
    statusText: ORDER_STATUS_TEXT[o.status] ?? o.status,
    total: yuan(o.total),
    count: o.lines.reduce((n, l) => n + l.quantity, 0),
  };
}

export function presentAfterSaleCard(a: TAfterSale) {
  return {
    id: a.orderId,
    kind: "after_sale",
    title: a.lines[0] ? a.lines[0].title + (a.lines.length > 1 ? ` 等${a.lines.length}件` : "") : a.orderNumber,
    image: "",
    statusText: AFTER_SALE_TEXT[a.status] ?? a.status,
    total: yuan(a.amount),
    count: a.lines.reduce((n, l) => n + l.quantity, 0),
  };
}

definePage({
  data: {
    tabs: ORDER_TABS.map((t) => ({ key: t.key, text: t.text })),
    tab: "all",
    items: [],
    status: "loading",
    more: false,
    pageStyle: "",
  },
  methods: {
    onLoad(this: OrdersInstance, query: Record<string, string | undefined> = {}) {
      const tab = ORDER_TABS.find((t) => t.key === query.tab)?.key ?? "all";
      this.setData({ tab, pageStyle: pageThemeStyle(getRuntime()) });
      void this.loadMore(true);
    },
    onTab(this: OrdersInstance, e: TapEvent) {
      const tab = ORDER_TABS.find((t) => t.key === e.currentTarget.dataset.tab)?.key;
      if (!tab || tab === this.data.tab) return;
      this.setData({ tab, items: [], status: "loading", more: false });
      void this.loadMore(true);
    },
    onReachBottom(this: OrdersInstance) {
      if (this._cursor) void this.loadMore(false);
    },
    onPullDownRefresh(this: OrdersInstance) {
      void this.loadMore(true).finally(() => getRuntime().wx.stopPullDownRefresh());
    },
    async loadMore(this: OrdersInstance, reset: boolean) {
      if (this._loading && !reset) return;
      this._loading = true;
      const seq = (this._seq ?? 0) + 1;
      this._seq = seq;
      const tab = ORDER_TABS.find((t) => t.key === this.data.tab) ?? ORDER_TABS[0];
      const cursor = reset ? undefined : (this._cursor ?? undefined);
      const api = getRuntime().api;
      try {
        const cards =
          tab.key === "after_sales"
            ? await api
                .get<{ items: TAfterSale[]; nextCursor: string | null }>(`${STORE}/after-sales`, {
                  auth: "required",
                  query: { cursor },
                })
                .then((p) => ({ items: p.items.map(presentAfterSaleCard), next: p.nextCursor }))
            : await api
                .get<{ items: TOrder[]; nextCursor: string | null }>(`${STORE}/orders`, {
                  auth: "required",
                  query: { status: tab.status, cursor },
                })
                .then((p) => ({ items: p.items.map(presentOrderCard), next: p.nextCursor }));
        if (seq !== this._seq) return;
        this._cursor = cards.next;
        const start = reset ? 0 : this.data.items.length;
        const patch: Record<string, unknown> = reset ? { items: cards.items } : {};
        if (!reset) {
          for (const [i, c] of cards.items.entries()) patch[`items[${start + i}]`] = c;
        }
        const total = start + cards.items.length;
        this.setData({ ...patch, status: total > 0 ? "ready" : "empty", more: Boolean(cards.next) });
      } catch {
        if (seq === this._seq && this.data.items.length === 0) this.setData({ status: "error" });
      } finally {
        if (seq === this._seq) this._loading = false;
      }
    },
    onOpen(this: OrdersInstance, e: TapEvent) {
      const id = e.currentTarget.dataset.id;
      if (id) getRuntime().wx.navigateTo({ url: `${ROUTES.order}?id=${id}` });
    },
    onRetry(this: OrdersInstance) {
      this.setData({ status: "loading" });
      void this.loadMore(true);
    },
    onHome() {
      getRuntime().wx.switchTab({ url: ROUTES.home });
    },
  },
});
