// The store's tab bar follows the published settings (items, texts, icons, theme colours).
import { DEFAULT_THEME } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { json, settle } from "../../test/fake-wx.ts";
import { distRequire, renderComponent } from "../../test/simulate.ts";
import { useFakeStore } from "../../test/store-harness.ts";
import type * as RuntimeModule from "../core/runtime.ts";
import type * as StoreSettingsModule from "../core/store-settings.ts";

const tabBar = {
  items: [
    { tab: "home", text: "逛逛", icon: "home" },
    { tab: "cart", text: "购物袋", icon: "cart" },
    { tab: "me", text: "我", icon: "user" },
  ],
};

describe("custom tab bar", () => {
  it("shows the store's published items in its theme and switches tabs", async () => {
    const fake = useFakeStore((req) =>
      req.url.endsWith("/store/v1/settings")
        ? json(
            200,
            {
              name: "店",
              logoUrl: null,
              theme: { ...DEFAULT_THEME, colors: { ...DEFAULT_THEME.colors, primary: "#00aa55" } },
              tabBar,
              version: 2,
            },
            { ETag: '"s.2"' },
          )
        : json(404, {}),
    );
    const comp = renderComponent("custom-tab-bar/index");
    // Defaults until the settings arrive.
    expect(comp.dom.textContent).toContain("分类");
    const settings = distRequire<typeof StoreSettingsModule>("core/store-settings.js");
    const runtime = distRequire<typeof RuntimeModule>("core/runtime.js");
    await settings.loadSettings(runtime.getRuntime());
    await settle();
    const text = comp.dom.textContent ?? "";
    expect(text).toContain("逛逛");
    expect(text).toContain("购物袋");
    expect(text).not.toContain("分类");
    (comp.instance.select as (tab: string) => void)("cart");
    expect(comp.data.selected).toBe("cart");
    expect(comp.data.activeStyle).toBe("color:#00aa55;");
    for (const item of comp.querySelectorAll(".mw-tab")) item.dispatchEvent("tap");
    await settle();
    expect(fake.navigations.map((n) => n.url)).toEqual(["/pages/home/index", "/pages/cart/index", "/pages/me/index"]);
  });
});
