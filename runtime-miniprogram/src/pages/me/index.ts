// 我的 (tab): the signed-in shopper (GET /store/v1/me), the order tabs (待付款 / 待发货 / 待收货 /
// 已完成 / 售后 open the orders page on that tab), all orders and the address book.
import { ROUTES } from "../../core/links.ts";
import { getRuntime } from "../../core/runtime.ts";
import { definePage, pageThemeStyle, STORE } from "../../core/shop.ts";

export const ME_ORDER_LINKS = [
  { tab: "pending_payment", text: "待付款" },
  { tab: "paid", text: "待发货" },
  { tab: "shipped", text: "待收货" },
  { tab: "completed", text: "已完成" },
  { tab: "after_sales", text: "售后" },
] as const;

interface MeInstance {
  setData(d: Record<string, unknown>): void;
  getTabBar?: () => { select?: (tab: string) => void } | null;
}

type TapEvent = { currentTarget: { dataset: Record<string, string | undefined> } };

definePage({
  data: { pageStyle: "", nickname: "", links: ME_ORDER_LINKS },
  methods: {
    onLoad(this: MeInstance) {
      this.setData({ pageStyle: pageThemeStyle(getRuntime()) });
    },
    onShow(this: MeInstance) {
      this.getTabBar?.()?.select?.("me");
      getRuntime()
        .api.get<{ nickname: string | null }>(`${STORE}/me`, { auth: "required", quiet: true })
        .then((me) => this.setData({ nickname: me.nickname || "微信用户" }))
        .catch(() => this.setData({ nickname: "" }));
    },
    onOrders(e: TapEvent) {
      const tab = e.currentTarget.dataset.tab;
      getRuntime().wx.navigateTo({ url: tab ? `${ROUTES.orders}?tab=${tab}` : ROUTES.orders });
    },
    onAddresses() {
      getRuntime().wx.navigateTo({ url: ROUTES.address });
    },
  },
});
