// A `url` link of an allowed business domain (ext config webViewDomains) in a web-view; any other
// address (a hand-made link) is refused here too.
import { isAllowedWebUrl } from "../../../core/links.ts";
import { getRuntime } from "../../../core/runtime.ts";

(Component as unknown as (o: Record<string, unknown>) => void)({
  data: { url: "" },
  methods: {
    onLoad(this: { setData(d: Record<string, unknown>): void }, query: { url?: string } = {}) {
      const url = decodeURIComponent(query.url ?? "");
      const runtime = getRuntime();
      if (isAllowedWebUrl(url, runtime.api.ext.webViewDomains)) this.setData({ url });
      else runtime.wx.showToast({ title: "无法打开此链接", icon: "none" });
    },
  },
});
