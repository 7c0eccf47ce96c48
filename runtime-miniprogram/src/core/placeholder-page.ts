// Pages of issue 9 not built yet (category, cart, me, product, search, checkout, orders, order,
// address): each exists, so links and the tab bar already reach it, and says it is coming.
import type { TAB_KEYS } from "@mallwright/schema";
import { ROUTES } from "./links.ts";
import { getRuntime } from "./runtime.ts";

export function definePlaceholderPage(opts: { title: string; tab?: (typeof TAB_KEYS)[number] }): void {
  (Component as unknown as (o: Record<string, unknown>) => void)({
    data: { title: opts.title },
    methods: {
      onLoad() {
        getRuntime().wx.setNavigationBarTitle({ title: opts.title });
      },
      onShow(this: { getTabBar?: () => { select?: (tab: string) => void } | null }) {
        if (opts.tab) this.getTabBar?.()?.select?.(opts.tab);
      },
      onHome() {
        getRuntime().wx.switchTab({ url: ROUTES.home });
      },
    },
  });
}
