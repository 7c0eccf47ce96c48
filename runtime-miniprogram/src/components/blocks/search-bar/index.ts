// search-bar: a tap target that opens the search page, optionally sticky and with the store's most
// searched words (GET /store/v1/search/hot, fetched once when the block asks for them).
import { type BlockInstance, defineBlockComponent } from "../../../core/define-block.ts";
import { ROUTES } from "../../../core/links.ts";
import { getRuntime } from "../../../core/runtime.ts";
import { presentSearchBar } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

/** How many hot words fit under the bar. */
const HOT_WORDS = 6;

defineBlockComponent({
  type,
  properties,
  propNames,
  observed,
  present: presentSearchBar,
  data: { hotWords: [] },
  rendered() {
    const view = this.data.view as { showHotWords?: boolean } | null;
    const self = this as BlockInstance & { _hotWords?: boolean };
    if (!view?.showHotWords || self._hotWords) return;
    self._hotWords = true;
    getRuntime()
      .api.get<{ words: { text: string }[] }>("/store/v1/search/hot", { quiet: true })
      .then((res) => {
        const words = Array.isArray(res?.words) ? res.words.slice(0, HOT_WORDS).map((w) => w.text) : [];
        this.setData({ hotWords: words });
      })
      .catch(() => {
        // No hot words: the bar works without them.
      });
  },
  methods: {
    onSearchTap() {
      getRuntime().wx.navigateTo({ url: ROUTES.search });
    },
    onWordTap(e: { currentTarget: { dataset: { word?: string } } }) {
      const word = e.currentTarget.dataset.word ?? "";
      getRuntime().wx.navigateTo({ url: `${ROUTES.search}?q=${encodeURIComponent(word)}` });
    },
  },
});
