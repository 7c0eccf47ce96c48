// The home page and a custom page, built, under miniprogram-simulate, against a fake store.
import { DEFAULT_TAB_BAR, DEFAULT_THEME } from "@mallwright/schema";
import { BLOCK_FIXTURES, FIXTURE_DATA, fixtureBlockId } from "@mallwright/schema/page/blocks/fixtures";
import { describe, expect, it } from "vitest";
import { apiError, type FakeRequest, json, settle } from "../../test/fake-wx.ts";
import { loadComponent, type SimulatedComponent, simulate } from "../../test/simulate.ts";
import { useFakeStore } from "../../test/store-harness.ts";

const PAGE_ID = "30000000-0000-4000-8000-000000000001";

const pageDocument = (title: string, types: string[]) => ({
  schemaVersion: 3,
  title,
  theme: { colors: { primary: "#123456" } },
  blocks: types.map((type) => ({ id: fixtureBlockId(type), type, props: BLOCK_FIXTURES[type], name: "designer only" })),
});

const body = (version: number, title = "首页", types = ["title", "product-grid"]) => ({
  page: { id: PAGE_ID, title, version, publishedAt: "2026-06-01T00:00:00.000Z", document: pageDocument(title, types) },
  data: FIXTURE_DATA,
});

const SETTINGS = {
  name: "山野小铺",
  logoUrl: null,
  theme: { ...DEFAULT_THEME, colors: { ...DEFAULT_THEME.colors, surface: "#222222" } },
  tabBar: DEFAULT_TAB_BAR,
  version: 3,
};

/** A store serving the home page (version `v.current`) with ETags, and the settings. */
function store(v = { current: 1 }, extra?: (req: FakeRequest) => ReturnType<typeof json> | undefined) {
  return useFakeStore((req) => {
    const answer = extra?.(req);
    if (answer) return answer;
    const path = req.url.replace("https://api.mallwright.test", "");
    if (path === "/store/v1/settings") return json(200, SETTINGS, { ETag: '"s.1"' });
    if (path === "/store/v1/pages/home" || path === `/store/v1/pages/${PAGE_ID}`) {
      const etag = `"p.${v.current}"`;
      if (req.header["If-None-Match"] === etag) return { statusCode: 304, header: { ETag: etag } };
      return json(200, body(v.current, path.endsWith("home") ? "首页" : "夏季专题"), { ETag: etag });
    }
    return json(200, { words: [] });
  });
}

async function openPage(path: string, query: Record<string, string> = {}) {
  const comp: SimulatedComponent = simulate.render(loadComponent(path));
  comp.attach(document.createElement("parent-wrapper") as never);
  (comp.instance.onLoad as (q: Record<string, string>) => void)(query);
  await settle(10);
  return comp;
}

describe("home page", () => {
  it("renders the published home page through block-renderer under the store's theme", async () => {
    const fake = store();
    const comp = await openPage("pages/home/index");
    expect(comp.data.status).toBe("ready");
    const text = comp.dom.textContent ?? "";
    expect(text).toContain("今日推荐");
    expect(text).toContain("亚麻衬衫");
    // The page's own override (primary) over the store's theme.
    expect(comp.data.pageStyle).toContain("--mw-primary:#123456");
    expect(comp.data.pageStyle).toContain("--mw-surface:#222222");
    // Designer-only outline names stay out of setData.
    expect(JSON.stringify(comp.data.blocks)).not.toContain("designer only");
    const home = fake.requests.find((r) => r.url.endsWith("/store/v1/pages/home"));
    expect(home?.header["X-Mallwright-Tenant"]).toBe("shanye");
  });

  it("revalidates with If-None-Match, keeps its copy on a 304 and opens from the kept copy", async () => {
    const fake = store();
    await openPage("pages/home/index");
    const second = await openPage("pages/home/index");
    const pageCalls = fake.requests.filter((r) => r.url.endsWith("/pages/home"));
    expect(pageCalls.map((r) => r.header["If-None-Match"])).toEqual([undefined, '"p.1"']);
    expect(second.data.status).toBe("ready");
    expect(second.dom.textContent).toContain("亚麻衬衫");
    // The body is kept in storage too: a relaunch paints before the network answers.
    expect([...fake.storage.keys()]).toContain("mw:cache:shanye:page:home");
  });

  it("shows a new version on pull-down refresh", async () => {
    const v = { current: 1 };
    const fake = store(v);
    const comp = await openPage("pages/home/index");
    const before = comp.data.ctx;
    v.current = 2;
    let stopped = 0;
    (fake.wx as Record<string, unknown>).stopPullDownRefresh = () => {
      stopped += 1;
    };
    (comp.instance.onPullDownRefresh as () => void)();
    await settle(10);
    expect(comp.data.ctx).not.toBe(before);
    expect(stopped).toBe(1);
    const etags = fake.requests.filter((r) => r.url.endsWith("/pages/home")).map((r) => r.header["If-None-Match"]);
    expect(etags).toEqual([undefined, '"p.1"']);
  });

  it("says the store is being set up when nothing is published (404), without a toast", async () => {
    const fake = store({ current: 1 }, (req) =>
      req.url.endsWith("/pages/home")
        ? apiError(404, "not_found", "this store has no published home page yet")
        : undefined,
    );
    const comp = await openPage("pages/home/index");
    expect(comp.data.status).toBe("empty");
    expect(comp.dom.textContent).toContain("店铺正在装修中");
    expect(fake.toasts).toEqual([]);
  });

  it("offers a retry after a failure, with one toast", async () => {
    let fail = true;
    const fake = store({ current: 1 }, (req) =>
      fail && req.url.endsWith("/pages/home") ? apiError(500, "internal", "boom") : undefined,
    );
    const comp = await openPage("pages/home/index");
    expect(comp.data.status).toBe("error");
    expect(fake.toasts).toEqual(["服务开小差了，请稍后重试"]);
    fail = false;
    (comp.instance.onRetry as () => void)();
    await settle(10);
    expect(comp.data.status).toBe("ready");
  });

  it("goes to the store-closed page on a 423", async () => {
    const fake = store({ current: 1 }, (req) =>
      req.url.endsWith("/pages/home") ? apiError(423, "tenant_suspended", "suspended") : undefined,
    );
    await openPage("pages/home/index");
    expect(fake.navigations).toContainEqual({ kind: "reLaunch", url: "/pages/closed/index?code=tenant_suspended" });
  });
});

describe("custom page", () => {
  it("renders the page its id names, titled by the page", async () => {
    const fake = store();
    let title = "";
    (fake.wx as Record<string, unknown>).setNavigationBarTitle = (o: { title: string }) => {
      title = o.title;
    };
    const comp = await openPage("pkg-shop/pages/page/index", { id: PAGE_ID });
    expect(comp.data.status).toBe("ready");
    expect(title).toBe("夏季专题");
    expect(fake.requests.some((r) => r.url.endsWith(`/store/v1/pages/${PAGE_ID}`))).toBe(true);
  });

  it("shows 'not found' for a link without an id", async () => {
    store();
    const comp = await openPage("pkg-shop/pages/page/index", {});
    expect(comp.data.status).toBe("empty");
  });
});
