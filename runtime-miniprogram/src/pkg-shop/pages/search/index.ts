// 搜索 (/pkg-shop/pages/search/index?q=): hot words (GET /store/v1/search/hot), suggestions while
// typing (GET /store/v1/search/suggest?q=, debounced; a product suggestion opens it), results
// (GET /store/v1/products?q=, 20 a page, more on reaching the bottom); recent searches kept locally.
import { ROUTES } from "../../../core/links.ts";
import { createProductList } from "../../../core/product-list.ts";
import { getRuntime } from "../../../core/runtime.ts";
import { definePage, pageThemeStyle, STORE } from "../../../core/shop.ts";
import { readStorage, writeStorage } from "../../../core/wx-api.ts";

const RECENT_KEY = "mw:search:recent";
const RECENT_MAX = 10;
const SUGGEST_DELAY_MS = 250;

interface SearchInstance {
  data: { q: string; products: unknown[]; mode: string };
  setData(d: Record<string, unknown>): void;
  _list?: ReturnType<typeof createProductList>;
  _timer?: ReturnType<typeof setTimeout>;
  _typed?: number;
  search(q: string): void;
  suggest(q: string): Promise<void>;
}

type TapEvent = { currentTarget: { dataset: Record<string, string | undefined> }; detail: { value?: string } };

definePage({
  data: {
    pageStyle: "",
    q: "",
    mode: "start",
    hot: [],
    recent: [],
    suggestions: [],
    products: [],
    listStatus: "loading",
    more: false,
  },
  methods: {
    onLoad(this: SearchInstance, query: Record<string, string | undefined> = {}) {
      const runtime = getRuntime();
      this._list = createProductList(this, getRuntime);
      this.setData({ pageStyle: pageThemeStyle(runtime), recent: readStorage<string[]>(runtime.wx, RECENT_KEY) ?? [] });
      runtime.api
        .get<{ words: { text: string }[] }>(`${STORE}/search/hot`, { quiet: true })
        .then((r) => this.setData({ hot: r.words.slice(0, 12).map((w) => w.text) }))
        .catch(() => {});
      const q = (query.q ?? "").trim();
      if (q) this.search(q);
    },
    onUnload(this: SearchInstance) {
      if (this._timer) clearTimeout(this._timer);
    },
    onInput(this: SearchInstance, e: TapEvent) {
      const q = e.detail.value ?? "";
      this.setData({ q });
      if (this._timer) clearTimeout(this._timer);
      if (!q.trim()) {
        this.setData({ mode: "start", suggestions: [] });
        return;
      }
      this._timer = setTimeout(() => void this.suggest(q.trim()), SUGGEST_DELAY_MS);
    },
    async suggest(this: SearchInstance, q: string) {
      const typed = (this._typed ?? 0) + 1;
      this._typed = typed;
      try {
        const r = await getRuntime().api.get<{ suggestions: { text: string; productId: string | null }[] }>(
          `${STORE}/search/suggest`,
          { query: { q }, quiet: true },
        );
        if (typed !== this._typed || this.data.q.trim() !== q) return;
        this.setData({
          mode: "suggest",
          suggestions: r.suggestions.map((s, i) => ({ key: `${i}`, text: s.text, productId: s.productId ?? "" })),
        });
      } catch {
        // Suggestions are a help only.
      }
    },
    onConfirm(this: SearchInstance, e: TapEvent) {
      this.search((e.detail.value ?? this.data.q).trim());
    },
    onWord(this: SearchInstance, e: TapEvent) {
      const productId = e.currentTarget.dataset.product;
      if (productId) {
        getRuntime().wx.navigateTo({ url: `${ROUTES.product}?id=${productId}` });
        return;
      }
      this.search(e.currentTarget.dataset.text ?? "");
    },
    search(this: SearchInstance, q: string) {
      if (!q) return;
      const runtime = getRuntime();
      if (this._timer) clearTimeout(this._timer);
      this._typed = (this._typed ?? 0) + 1;
      const recent = [q, ...(readStorage<string[]>(runtime.wx, RECENT_KEY) ?? []).filter((w) => w !== q)].slice(
        0,
        RECENT_MAX,
      );
      writeStorage(runtime.wx, RECENT_KEY, recent);
      this.setData({ q, mode: "results", recent, suggestions: [] });
      void this._list?.reset({ q });
    },
    onClearRecent(this: SearchInstance) {
      writeStorage(getRuntime().wx, RECENT_KEY, []);
      this.setData({ recent: [] });
    },
    onReachBottom(this: SearchInstance) {
      if (this.data.mode === "results") void this._list?.more();
    },
    onProduct(e: TapEvent) {
      const id = e.currentTarget.dataset.id;
      if (id) getRuntime().wx.navigateTo({ url: `${ROUTES.product}?id=${id}` });
    },
  },
});
