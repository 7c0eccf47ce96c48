// The page behind the home tab and every custom page: opens at once from the kept copy when there is
// one, revalidates it (ETag), renders through block-renderer under the store's theme, refreshes on
// pull-down, follows theme changes from the published settings. Built with Component() (WeChat's
// pages may be), which also lets miniprogram-simulate render it in tests.
import type { TAB_KEYS } from "@mallwright/schema";
import { frontColorOn } from "../shared/theme-style.ts";
import { closePageContext } from "./page-context.ts";
import type { ApiError } from "./request.ts";
import { getRuntime } from "./runtime.ts";
import { fetchStorePage, keptPage, presentStorePage, type StorePageBody, type WhichPage } from "./store-page.ts";
import { currentSettings, loadSettings, onSettingsChange, type StoreSettings } from "./store-settings.ts";

export interface StorePageOptions {
  /** Which page a visit shows, from the page's query. Null: the query names none (a broken link). */
  which: (query: Record<string, string | undefined>) => WhichPage | null;
  /** The tab this page is (its tab bar item is marked). */
  tab?: (typeof TAB_KEYS)[number];
  /** The navigation bar shows the page's title (custom pages) or the store's name (home). */
  titleFrom: "page" | "store";
}

export type PageStatus = "loading" | "ready" | "empty" | "error";

interface StorePageInstance {
  data: { status: PageStatus; ctx: string; title: string };
  setData(data: Record<string, unknown>): void;
  getTabBar?: () => { select?: (tab: string) => void } | null;
  _which?: WhichPage | null;
  _body?: StorePageBody | null;
  _settings?: StoreSettings;
  _offSettings?: () => void;
  show(body: StorePageBody): void;
  refresh(): Promise<void>;
}

type ComponentFn = (options: Record<string, unknown>) => void;

export function defineStorePage(opts: StorePageOptions): void {
  (Component as unknown as ComponentFn)({
    data: { status: "loading" as PageStatus, blocks: [], ctx: "", pageStyle: "", title: "", errorText: "" },
    methods: {
      onLoad(this: StorePageInstance, query: Record<string, string | undefined> = {}) {
        const runtime = getRuntime();
        this._which = opts.which(query);
        this._settings = currentSettings(runtime);
        if (!this._which) {
          this.setData({ status: "empty" });
          return;
        }
        const kept = keptPage(runtime, this._which);
        if (kept) this.show(kept);
        this._offSettings = onSettingsChange((settings) => {
          this._settings = settings;
          if (this._body) this.show(this._body);
        });
        void loadSettings(runtime);
        void this.refresh();
      },
      onShow(this: StorePageInstance) {
        if (opts.tab) this.getTabBar?.()?.select?.(opts.tab);
      },
      onUnload(this: StorePageInstance) {
        this._offSettings?.();
        if (this.data.ctx) closePageContext(this.data.ctx);
      },
      onPullDownRefresh(this: StorePageInstance) {
        const runtime = getRuntime();
        void Promise.all([this.refresh(), loadSettings(runtime)]).finally(() => runtime.wx.stopPullDownRefresh());
      },
      onRetry(this: StorePageInstance) {
        this.setData({ status: "loading" });
        void this.refresh();
      },
      onShareAppMessage(this: StorePageInstance) {
        const which = this._which;
        return {
          title: this.data.title,
          path: which && which !== "home" ? `/pkg-shop/pages/page/index?id=${which.id}` : "/pages/home/index",
        };
      },
      async refresh(this: StorePageInstance) {
        const which = this._which;
        if (!which) return;
        try {
          const { body, changed } = await fetchStorePage(getRuntime(), which);
          if (changed || !this._body) this.show(body);
        } catch (err) {
          // A copy on screen stays (the request layer said what went wrong).
          if (this._body) return;
          const status = (err as ApiError).status;
          this.setData({ status: status === 404 ? "empty" : "error" });
        }
      },
      show(this: StorePageInstance, body: StorePageBody) {
        const runtime = getRuntime();
        const settings = this._settings ?? currentSettings(runtime);
        const previous = this.data.ctx;
        const view = presentStorePage(body, settings, pixelRatio(runtime));
        this._body = body;
        this.setData({ status: "ready", ...view });
        if (previous) closePageContext(previous);
        const title = opts.titleFrom === "store" ? settings.name || view.title : view.title;
        runtime.wx.setNavigationBarTitle({ title });
        const bar = settings.theme.colors.surface;
        runtime.wx.setNavigationBarColor({ frontColor: frontColorOn(bar), backgroundColor: bar });
      },
    },
  });
}

function pixelRatio(runtime: ReturnType<typeof getRuntime>): number {
  try {
    return runtime.wx.getWindowInfo?.().pixelRatio || 2;
  } catch {
    return 2;
  }
}
