// 购物车 (tab): GET /store/v1/cart, re-validated by the platform on every read; each line says what
// changed (sold out, short, off the shelf, price moved); select (POST /cart/select), quantity
// (PATCH /cart/items/{id}, sent as POST with X-HTTP-Method-Override), remove (DELETE), totals, and
// on to the checkout with the selected lines.
import type { TCart, TCartItem } from "@mallwright/schema";
import { ROUTES } from "../../core/links.ts";
import { getRuntime } from "../../core/runtime.ts";
import { definePage, pageThemeStyle, STORE } from "../../core/shop.ts";
import { yuan } from "../../shared/sku-picker.ts";

interface CartInstance {
  data: { status: string };
  setData(d: Record<string, unknown>): void;
  getTabBar?: () => { select?: (tab: string) => void } | null;
  _cart?: TCart;
  _busy?: boolean;
  load(): Promise<void>;
  show(cart: TCart): void;
  change(work: () => Promise<TCart>): Promise<void>;
}

type TapEvent = { currentTarget: { dataset: Record<string, string | undefined> } };

const STATE_TEXT: Record<string, string> = {
  insufficient_stock: "库存不足",
  sold_out: "已售罄",
  off_shelf: "已下架",
  removed: "已失效",
};

/** What the page shows of a cart. */
export function presentCart(cart: TCart) {
  const noticeOf = new Map<string, string[]>();
  for (const n of cart.notices) {
    const list = noticeOf.get(n.itemId) ?? [];
    list.push(
      noticeText(
        n.kind,
        cart.items.find((i) => i.id === n.itemId),
      ),
    );
    noticeOf.set(n.itemId, list);
  }
  const usable = cart.items.filter((i) => i.state === "ok");
  return {
    lines: cart.items.map((i) => ({
      id: i.id,
      title: i.title,
      spec: i.specValues.join(" "),
      image: i.image ?? "",
      price: yuan(i.unitPrice),
      quantity: i.quantity,
      selected: i.selected,
      ok: i.state === "ok",
      badge: STATE_TEXT[i.state] ?? "",
      notice: (noticeOf.get(i.id) ?? []).join("；"),
      canPlus: i.state === "ok" && i.quantity < i.available,
    })),
    allSelected: usable.length > 0 && usable.every((i) => i.selected),
    totalText: yuan(cart.totals.subtotal),
    count: cart.totals.quantity,
  };
}

function noticeText(kind: string, item: TCartItem | undefined): string {
  switch (kind) {
    case "price_changed":
      return item?.priceChange
        ? `价格由 ¥${yuan(item.priceChange.from)} 变为 ¥${yuan(item.priceChange.to)}`
        : "价格有变动";
    case "insufficient_stock":
      return `库存不足，仅剩${item?.available ?? 0}件`;
    case "sold_out":
      return "该商品已售罄";
    case "off_shelf":
      return "该商品已下架";
    default:
      return "该商品已失效";
  }
}

definePage({
  data: { status: "loading", pageStyle: "", lines: [], allSelected: false, totalText: "0.00", count: 0 },
  methods: {
    onLoad(this: CartInstance) {
      this.setData({ pageStyle: pageThemeStyle(getRuntime()) });
    },
    onShow(this: CartInstance) {
      this.getTabBar?.()?.select?.("cart");
      void this.load();
    },
    async load(this: CartInstance) {
      try {
        this.show(await getRuntime().api.get<TCart>(`${STORE}/cart`, { auth: "required" }));
      } catch {
        if (!this._cart) this.setData({ status: "error" });
      }
    },
    show(this: CartInstance, cart: TCart) {
      this._cart = cart;
      this.setData({ status: cart.items.length > 0 ? "ready" : "empty", ...presentCart(cart) });
    },
    async change(this: CartInstance, work: () => Promise<TCart>) {
      if (this._busy) return;
      this._busy = true;
      try {
        this.show(await work());
      } catch {
        // The request layer showed why; the cart as the server has it now.
        void this.load();
      } finally {
        this._busy = false;
      }
    },
    onToggle(this: CartInstance, e: TapEvent) {
      const id = e.currentTarget.dataset.id ?? "";
      const line = this._cart?.items.find((i) => i.id === id);
      if (!line) return;
      const api = getRuntime().api;
      void this.change(() =>
        api.post<TCart>(`${STORE}/cart/select`, { selected: !line.selected, itemIds: [id] }, { auth: "required" }),
      );
    },
    onToggleAll(this: CartInstance) {
      const api = getRuntime().api;
      const selected = !presentCart(this._cart as TCart).allSelected;
      void this.change(() => api.post<TCart>(`${STORE}/cart/select`, { selected }, { auth: "required" }));
    },
    onQuantity(this: CartInstance, e: TapEvent) {
      const id = e.currentTarget.dataset.id ?? "";
      const step = Number(e.currentTarget.dataset.step);
      const line = this._cart?.items.find((i) => i.id === id);
      if (!line) return;
      const quantity = line.quantity + step;
      if (quantity < 1) return;
      const api = getRuntime().api;
      void this.change(async () => {
        const res = await api.request<TCart>(`${STORE}/cart/items/${id}`, {
          method: "PATCH",
          body: { quantity },
          auth: "required",
        });
        return res.data;
      });
    },
    onRemove(this: CartInstance, e: TapEvent) {
      const id = e.currentTarget.dataset.id ?? "";
      const api = getRuntime().api;
      void this.change(
        async () =>
          (await api.request<TCart>(`${STORE}/cart/items/${id}`, { method: "DELETE", auth: "required" })).data,
      );
    },
    onCheckout(this: CartInstance) {
      const runtime = getRuntime();
      if (!this._cart || this._cart.totals.quantity === 0) {
        runtime.wx.showToast({ title: "请选择要结算的商品", icon: "none" });
        return;
      }
      runtime.wx.navigateTo({ url: ROUTES.checkout });
    },
    onRetry(this: CartInstance) {
      this.setData({ status: "loading" });
      void this.load();
    },
    onHome() {
      getRuntime().wx.switchTab({ url: ROUTES.home });
    },
  },
});
