// store-header: the store's own name and logo unless the merchant set others.
import { describe, expect, it } from "vitest";
import { EMPTY_PAGE_DATA } from "../data.ts";
import type { DisplayStore } from "../registry.ts";
import { DEFAULT_THEME } from "../theme.ts";
import { storeHeader } from "./store-header.ts";

const store: DisplayStore = { name: "山野小铺", logoUrl: "https://cdn.mallwright.test/logo.png" };
const show = (props: Record<string, unknown>, withStore: DisplayStore | null = store) =>
  storeHeader.display(storeHeader.props.parse(props), {
    blockId: "b",
    data: EMPTY_PAGE_DATA,
    theme: DEFAULT_THEME,
    ...(withStore ? { store: withStore } : {}),
  });

describe("store-header", () => {
  it("shows the store's name and logo by default, on the theme's primary colour", () => {
    expect(show({})).toMatchObject({
      name: "山野小铺",
      logo: store.logoUrl,
      backgroundColor: DEFAULT_THEME.colors.primary,
      search: { placeholder: "搜索本店商品", radius: 999 },
    });
  });

  it("uses the custom name and logo when set", () => {
    const logo = { url: "https://cdn.mallwright.test/own.png" };
    expect(show({ useStoreName: false, name: "夏日特卖", logo, showSearch: false })).toMatchObject({
      name: "夏日特卖",
      logo: logo.url,
      search: null,
    });
  });

  it("falls back to the custom name, then to nothing, when the store is not known", () => {
    expect(show({ name: "备用名" }, null).name).toBe("备用名");
    expect(show({}, null)).toMatchObject({ name: null, logo: null });
  });
});
