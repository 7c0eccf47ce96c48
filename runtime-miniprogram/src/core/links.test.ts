import { describe, expect, it } from "vitest";
import { createFakeWx } from "../../test/fake-wx.ts";
import { isAllowedWebUrl, openLink, ROUTES, resolveLink, takePendingCategory } from "./links.ts";

const ID = "10000000-0000-4000-8000-000000000001";

describe("links", () => {
  it("resolve by kind", () => {
    expect(resolveLink({ kind: "product", id: ID }, [])).toEqual({
      kind: "navigate",
      url: `${ROUTES.product}?id=${ID}`,
    });
    expect(resolveLink({ kind: "page", id: ID }, [])).toEqual({ kind: "navigate", url: `${ROUTES.page}?id=${ID}` });
    expect(resolveLink({ kind: "category", id: ID }, [])).toEqual({ kind: "tab", url: ROUTES.category, category: ID });
    expect(resolveLink({ kind: "tab", tab: "me" }, [])).toEqual({ kind: "tab", url: "/pages/me/index" });
  });

  it("open a URL in a web-view only on an allowed domain (or its subdomains), else copy it", () => {
    const domains = ["mallwright.test"];
    expect(resolveLink({ kind: "url", url: "https://shop.mallwright.test/a?b=1" }, domains)).toEqual({
      kind: "navigate",
      url: `${ROUTES.web}?url=${encodeURIComponent("https://shop.mallwright.test/a?b=1")}`,
    });
    expect(resolveLink({ kind: "url", url: "https://evil.test/mallwright.test" }, domains)).toEqual({
      kind: "copy",
      text: "https://evil.test/mallwright.test",
    });
    expect(isAllowedWebUrl("https://mallwright.test", domains)).toBe(true);
    expect(isAllowedWebUrl("https://notmallwright.test", domains)).toBe(false);
    expect(isAllowedWebUrl("http://mallwright.test", domains)).toBe(false);
    expect(isAllowedWebUrl("https://mallwright.test.evil.test", domains)).toBe(false);
  });

  it("navigate, switch tabs (the category tab learns which category) and replace the top page on a full stack", () => {
    const fake = createFakeWx();
    openLink(fake.wx, { kind: "category", id: ID }, [], () => 1);
    expect(takePendingCategory()).toBe(ID);
    expect(takePendingCategory()).toBeNull();
    openLink(fake.wx, { kind: "product", id: ID }, [], () => 3);
    openLink(fake.wx, { kind: "product", id: ID }, [], () => 10);
    expect(fake.navigations).toEqual([
      { kind: "switchTab", url: ROUTES.category },
      { kind: "navigateTo", url: `${ROUTES.product}?id=${ID}` },
      { kind: "redirectTo", url: `${ROUTES.product}?id=${ID}` },
    ]);
    openLink(fake.wx, { kind: "url", url: "https://elsewhere.test/x" }, [], () => 1);
    expect(fake.clipboard).toEqual(["https://elsewhere.test/x"]);
  });
});
