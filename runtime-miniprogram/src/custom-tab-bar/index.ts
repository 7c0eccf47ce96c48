// The store's own tab bar (app.json tabBar.custom): the items, texts and icons the merchant published
// (GET /store/v1/settings), in the theme's colours. Tab pages mark their item on show (select).
import type { TStoreTheme, TTabBar } from "@mallwright/schema";
import { ROUTES } from "../core/links.ts";
import { getRuntime } from "../core/runtime.ts";
import { currentSettings, onSettingsChange, type StoreSettings } from "../core/store-settings.ts";
import { iconSrc } from "../shared/icons.ts";
import { styleOf } from "../shared/style.ts";

interface TabBarInstance {
  data: { selected: string };
  setData(d: Record<string, unknown>): void;
  _off?: () => void;
  render(settings: StoreSettings): void;
}

export function presentTabBar(tabBar: TTabBar, theme: TStoreTheme) {
  return {
    items: tabBar.items.map((item) => ({
      tab: item.tab,
      text: item.text,
      icon: iconSrc(item.icon, theme.colors.muted),
      activeIcon: iconSrc(item.icon, theme.colors.primary),
    })),
    barStyle: styleOf({ background: theme.colors.surface, color: theme.colors.muted }),
    activeStyle: styleOf({ color: theme.colors.primary }),
  };
}

(Component as unknown as (o: Record<string, unknown>) => void)({
  data: { items: [], selected: "", barStyle: "", activeStyle: "" },
  lifetimes: {
    attached(this: TabBarInstance) {
      this.render(currentSettings(getRuntime()));
      this._off = onSettingsChange((s) => this.render(s));
    },
    detached(this: TabBarInstance) {
      this._off?.();
    },
  },
  methods: {
    render(this: TabBarInstance, settings: StoreSettings) {
      this.setData(presentTabBar(settings.tabBar, settings.theme));
    },
    select(this: TabBarInstance, tab: string) {
      if (this.data.selected !== tab) this.setData({ selected: tab });
    },
    onTap(e: { currentTarget: { dataset: { tab?: keyof typeof ROUTES } } }) {
      const tab = e.currentTarget.dataset.tab;
      if (tab && tab in ROUTES) getRuntime().wx.switchTab({ url: ROUTES[tab] });
    },
  },
});
