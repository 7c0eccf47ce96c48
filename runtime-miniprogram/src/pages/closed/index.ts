// "Store closed": where every store request answering 423 sends the shopper (request.ts). The
// platform suspends a store (tenant_suspended) or its plan lapsed (billing_suspended).
import { ROUTES } from "../../core/links.ts";
import { getRuntime } from "../../core/runtime.ts";

const REASONS: Record<string, string> = {
  tenant_suspended: "店铺暂停营业，请稍后再来",
  billing_suspended: "店铺暂时关闭，请稍后再来",
};

(Component as unknown as (o: Record<string, unknown>) => void)({
  data: { reason: REASONS.tenant_suspended },
  methods: {
    onLoad(this: { setData(d: Record<string, unknown>): void }, query: { code?: string } = {}) {
      this.setData({ reason: REASONS[query.code ?? ""] ?? "店铺暂时无法访问，请稍后再来" });
    },
    onRetry() {
      getRuntime().wx.reLaunch({ url: ROUTES.home });
    },
  },
});
