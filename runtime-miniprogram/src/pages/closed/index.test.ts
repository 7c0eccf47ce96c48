import { describe, expect, it } from "vitest";
import { json, settle } from "../../../test/fake-wx.ts";
import { renderComponent } from "../../../test/simulate.ts";
import { useFakeStore } from "../../../test/store-harness.ts";

describe("store closed page", () => {
  it("says why and offers to come back in", async () => {
    const fake = useFakeStore(() => json(404, {}));
    const comp = renderComponent("pages/closed/index");
    (comp.instance.onLoad as (q: Record<string, string>) => void)({ code: "billing_suspended" });
    await settle();
    expect(comp.dom.textContent).toContain("店铺暂时关闭");
    (comp.instance.onRetry as () => void)();
    await settle();
    expect(fake.navigations).toEqual([{ kind: "reLaunch", url: "/pages/home/index" }]);
  });
});
