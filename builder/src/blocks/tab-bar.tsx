// The store's tab bar as shoppers see it at the bottom of the mini-program: the designer's canvas
// shows the draft (edits in the theme dialog appear at once) and the phone preview shows it too.
// Colours come from the theme's CSS variables (themeStyle), the icons from the designer's icon set.
import type { TAB_KEYS, TTabBar } from "@mallwright/schema";
import { BlockIcon } from "../designer/block-icon.tsx";

export function TabBarView({ tabBar, current }: { tabBar: TTabBar; current?: (typeof TAB_KEYS)[number] }) {
  return (
    <nav className="mw-tab-bar" aria-hidden>
      {tabBar.items.map((item) => (
        <span key={item.tab} className={item.tab === current ? "mw-tab is-current" : "mw-tab"}>
          <BlockIcon icon={item.icon} size={22} />
          <span className="mw-tab-text">{item.text}</span>
        </span>
      ))}
    </nav>
  );
}
