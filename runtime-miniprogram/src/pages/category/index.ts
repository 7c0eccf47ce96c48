// 分类 (tab): the store's categories (GET /store/v1/categories) on the left, the products of the one
// chosen on the right (GET /store/v1/products?category=, sorted, optionally in stock only; 20 a
// page, more on reaching the bottom). A category link opens this tab on its category
// (links.ts takePendingCategory).
import type { TStoreCategory } from "@mallwright/schema";
import { ROUTES, takePendingCategory } from "../../core/links.ts";
import { createProductList } from "../../core/product-list.ts";
import { getRuntime } from "../../core/runtime.ts";
import { definePage, pageThemeStyle, STORE } from "../../core/shop.ts";

export const SORTS = [
  { key: "newest", text: "最新" },
  { key: "sales", text: "销量" },
  { key: "price", text: "价格↑" },
  { key: "-price", text: "价格↓" },
] as const;

interface CategoryInstance {
  data: { products: unknown[]; current: string; sub: string; sort: string; inStock: boolean; status: string };
  setData(d: Record<string, unknown>): void;
  getTabBar?: () => { select?: (tab: string) => void } | null;
  _tree?: TStoreCategory[];
  _list?: ReturnType<typeof createProductList>;
  load(): Promise<void>;
  choose(id: string): void;
  reload(): void;
}

type TapEvent = { currentTarget: { dataset: Record<string, string | undefined> } };

definePage({
  data: {
    status: "loading",
    pageStyle: "",
    categories: [],
    children: [],
    current: "",
    sub: "",
    sorts: SORTS,
    sort: "newest",
    inStock: false,
    products: [],
    listStatus: "loading",
    more: false,
  },
  methods: {
    onLoad(this: CategoryInstance) {
      this._list = createProductList(this, getRuntime);
      this.setData({ pageStyle: pageThemeStyle(getRuntime()) });
    },
    onShow(this: CategoryInstance) {
      this.getTabBar?.()?.select?.("category");
      const wanted = takePendingCategory();
      if (!this._tree) void this.load().then(() => this.choose(wanted ?? this._tree?.[0]?.id ?? ""));
      else if (wanted) this.choose(wanted);
    },
    async load(this: CategoryInstance) {
      try {
        const { items } = await getRuntime().api.get<{ items: TStoreCategory[] }>(`${STORE}/categories`);
        this._tree = items;
        this.setData({
          status: items.length > 0 ? "ready" : "empty",
          categories: items.map((c) => ({ id: c.id, name: c.name })),
        });
      } catch {
        this.setData({ status: "error" });
      }
    },
    choose(this: CategoryInstance, id: string) {
      const tree = this._tree ?? [];
      // A subcategory's id opens its parent with it chosen.
      const parent = tree.find((c) => c.id === id) ?? tree.find((c) => c.children.some((s) => s.id === id));
      if (!parent) return;
      this.setData({
        current: parent.id,
        sub: parent.id === id ? "" : id,
        children: parent.children.map((s) => ({ id: s.id, name: s.name, iconUrl: s.iconUrl ?? "" })),
      });
      this.reload();
    },
    reload(this: CategoryInstance) {
      void this._list?.reset({
        category: this.data.sub || this.data.current,
        sort: this.data.sort,
        inStock: this.data.inStock ? "true" : undefined,
      });
    },
    onCategory(this: CategoryInstance, e: TapEvent) {
      const id = e.currentTarget.dataset.id;
      if (id && id !== this.data.current) this.choose(id);
    },
    onSub(this: CategoryInstance, e: TapEvent) {
      const id = e.currentTarget.dataset.id ?? "";
      this.setData({ sub: id === this.data.sub ? "" : id });
      this.reload();
    },
    onSort(this: CategoryInstance, e: TapEvent) {
      const sort = e.currentTarget.dataset.sort ?? "newest";
      if (sort === this.data.sort) return;
      this.setData({ sort });
      this.reload();
    },
    onInStock(this: CategoryInstance) {
      this.setData({ inStock: !this.data.inStock });
      this.reload();
    },
    onMore(this: CategoryInstance) {
      void this._list?.more();
    },
    onReachBottom(this: CategoryInstance) {
      void this._list?.more();
    },
    onProduct(e: TapEvent) {
      const id = e.currentTarget.dataset.id;
      if (id) getRuntime().wx.navigateTo({ url: `${ROUTES.product}?id=${id}` });
    },
    onSearch() {
      getRuntime().wx.navigateTo({ url: ROUTES.search });
    },
    onRetry(this: CategoryInstance) {
      this.setData({ status: "loading" });
      void this.load().then(() => this.choose(this._tree?.[0]?.id ?? ""));
    },
  },
});
