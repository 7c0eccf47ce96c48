// Category, search, address book and me, built, under miniprogram-simulate, against a fake store.
import { describe, expect, it } from "vitest";
import type * as Links from "../src/core/links.ts";
import { type FakeRequest, json, settle } from "./fake-wx.ts";
import {
  distRequire,
  loadComponent,
  measureTree,
  type SimulatedComponent,
  simulate,
  takeSetDataLog,
} from "./simulate.ts";
import { useFakeStore } from "./store-harness.ts";

const cid = (n: number) => `80000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const pid = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const card = (n: number) => ({
  id: pid(n),
  title: `商品${n}`,
  subtitle: "",
  image: null,
  priceMin: 1000 + n,
  priceMax: 1000 + n,
  compareAtPrice: null,
  currency: "CNY",
  stockState: n % 7 === 0 ? "out_of_stock" : "in_stock",
  salesCount: 0,
});

const TREE = {
  items: [
    { id: cid(1), name: "女装", iconUrl: null, children: [{ id: cid(11), name: "连衣裙", iconUrl: null }] },
    { id: cid(2), name: "配饰", iconUrl: null, children: [] },
  ],
};

const auth = (req: FakeRequest) =>
  req.url.endsWith("/store/v1/auth/wechat") ? json(200, { token: "t", expiresAt: "2099-01-01T00:00:00Z" }) : null;

/** /products: 45 cards in pages of 20 (cursor = the next offset). */
function products(req: FakeRequest) {
  const url = new URL(req.url);
  const offset = Number(url.searchParams.get("cursor") ?? 0);
  const all = Array.from({ length: 45 }, (_, i) => card(i + 1));
  const items = all.slice(offset, offset + 20);
  return json(200, { items, nextCursor: offset + 20 < all.length ? String(offset + 20) : null });
}

async function open(path: string, query: Record<string, string> = {}, show = false): Promise<SimulatedComponent> {
  const comp = simulate.render(loadComponent(path));
  comp.attach(document.createElement("parent-wrapper") as never);
  (comp.instance.onLoad as (q: Record<string, string>) => void)(query);
  if (show) (comp.instance.onShow as () => void)();
  await settle(12);
  return comp;
}

const tap = async (comp: SimulatedComponent, method: string, dataset: Record<string, string> = {}, detail = {}) => {
  (comp.instance[method] as (e: unknown) => unknown)({ currentTarget: { dataset }, detail });
  await settle(12);
};

describe("category", () => {
  it("lists the categories, the first one's products, pages at the bottom, filters by subcategory and sort", async () => {
    const fake = useFakeStore((req) => {
      const path = new URL(req.url).pathname;
      if (path === "/store/v1/categories") return json(200, TREE);
      if (path === "/store/v1/products") return products(req);
      return json(404, { error: { code: "not_found", message: "" } });
    });
    takeSetDataLog();
    const comp = await open("pages/category/index", {}, true);
    expect(comp.data.status).toBe("ready");
    expect(comp.dom.textContent).toContain("女装");
    expect(comp.dom.textContent).toContain("连衣裙");
    expect(comp.data.products).toHaveLength(20);
    (comp.instance.onReachBottom as () => void)();
    await settle(12);
    (comp.instance.onReachBottom as () => void)();
    await settle(12);
    expect(comp.data.products).toHaveLength(45);
    expect(comp.dom.textContent).toContain("没有更多了");
    // Each page is appended by path: no setData carries the whole list again.
    expect(Math.max(...takeSetDataLog().map((l) => l.bytes))).toBeLessThan(16 * 1024);
    const { nodes, depth } = measureTree(comp.dom);
    expect(nodes).toBeLessThan(1000);
    expect(depth).toBeLessThan(30);

    await tap(comp, "onSub", { id: cid(11) });
    await tap(comp, "onSort", { sort: "-price" });
    await tap(comp, "onInStock");
    const last = new URL(fake.requests.at(-1)?.url ?? "");
    expect(last.searchParams.get("category")).toBe(cid(11));
    expect(last.searchParams.get("sort")).toBe("-price");
    expect(last.searchParams.get("limit")).toBe("20");
    expect(last.searchParams.get("inStock")).toBe("true");

    await tap(comp, "onProduct", { id: pid(3) });
    expect(fake.navigations.at(-1)).toEqual({ kind: "navigateTo", url: `/pkg-shop/pages/product/index?id=${pid(3)}` });
  });

  it("opens on the category a link asked for", async () => {
    const fake = useFakeStore((req) => {
      const path = new URL(req.url).pathname;
      if (path === "/store/v1/categories") return json(200, TREE);
      return products(req);
    });
    const links = distRequire<typeof Links>("core/links.js");
    links.openLink(fake.wx, { kind: "category", id: cid(2) }, []);
    const comp = await open("pages/category/index", {}, true);
    expect(comp.data.current).toBe(cid(2));
    expect(new URL(fake.requests.at(-1)?.url ?? "").searchParams.get("category")).toBe(cid(2));
  });
});

describe("search", () => {
  it("shows hot words, suggests while typing, and pages the results", async () => {
    const fake = useFakeStore((req) => {
      const url = new URL(req.url);
      if (url.pathname === "/store/v1/search/hot") return json(200, { words: [{ text: "连衣裙", count: 9 }] });
      if (url.pathname === "/store/v1/search/suggest") {
        return json(200, {
          suggestions: [
            { text: `${url.searchParams.get("q")}裙`, productId: null },
            { text: "碎花连衣裙", productId: pid(1) },
          ],
        });
      }
      if (url.pathname === "/store/v1/products") return products(req);
      return json(404, { error: { code: "not_found", message: "" } });
    });
    const comp = await open("pkg-shop/pages/search/index");
    expect(comp.dom.textContent).toContain("热门搜索");
    expect(comp.dom.textContent).toContain("连衣裙");
    await tap(comp, "onInput", {}, { value: "碎花" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await settle(12);
    expect(comp.data.mode).toBe("suggest");
    expect(comp.dom.textContent).toContain("碎花裙");
    await tap(comp, "onWord", { text: "碎花连衣裙", product: pid(1) });
    expect(fake.navigations.at(-1)?.url).toBe(`/pkg-shop/pages/product/index?id=${pid(1)}`);

    await tap(comp, "onConfirm", {}, { value: "碎花" });
    expect(comp.data.mode).toBe("results");
    expect(comp.data.products).toHaveLength(20);
    expect(new URL(fake.requests.at(-1)?.url ?? "").searchParams.get("q")).toBe("碎花");
    (comp.instance.onReachBottom as () => void)();
    await settle(12);
    expect(comp.data.products).toHaveLength(40);
    // Kept as a recent search.
    const again = await open("pkg-shop/pages/search/index");
    expect(again.dom.textContent).toContain("最近搜索");
    expect(again.dom.textContent).toContain("碎花");
  });
});

describe("address book", () => {
  it("lists, adds, edits (PATCH override), makes default and deletes", async () => {
    const aid = (n: number) => `40000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    let items: Record<string, unknown>[] = [];
    const fake = useFakeStore((req) => {
      const a = auth(req);
      if (a) return a;
      const path = new URL(req.url).pathname;
      const method = req.header["X-HTTP-Method-Override"] ?? req.method;
      if (path === "/store/v1/addresses" && method === "GET") return json(200, { items });
      if (path === "/store/v1/addresses" && method === "POST") {
        const row = { id: aid(items.length + 1), postalCode: null, label: null, ...(req.data as object) };
        items.push(row);
        return json(201, row);
      }
      const id = path.split("/").at(-1);
      if (method === "PATCH") {
        const patch = req.data as Record<string, unknown>;
        items = items.map((x) => (x.id === id ? { ...x, ...patch } : patch.isDefault ? { ...x, isDefault: false } : x));
        return json(
          200,
          items.find((x) => x.id === id),
        );
      }
      if (method === "DELETE") {
        items = items.filter((x) => x.id !== id);
        return { statusCode: 204 };
      }
      return json(404, { error: { code: "not_found", message: "" } });
    });
    const comp = await open("pkg-order/pages/address/index");
    expect(comp.dom.textContent).toContain("还没有收货地址");
    const fill = (form: Record<string, string>) => {
      for (const [field, value] of Object.entries(form)) {
        (comp.instance.onInput as (e: unknown) => void)({ currentTarget: { dataset: { field } }, detail: { value } });
      }
    };
    const form = {
      recipient: "张三",
      phone: "13800138000",
      province: "浙江省",
      city: "杭州市",
      district: "",
      detail: "文三路 1 号",
    };
    await tap(comp, "onAdd");
    fill(form);
    await tap(comp, "onSave");
    await tap(comp, "onAdd");
    fill({ ...form, recipient: "李四" });
    await tap(comp, "onSave");
    expect(items.map((x) => [x.recipient, x.isDefault])).toEqual([
      ["张三", true],
      ["李四", false],
    ]);
    expect(comp.dom.textContent).toContain("李四 13800138000");

    await tap(comp, "onEdit", { id: aid(2) });
    expect(comp.data.form).toMatchObject({ recipient: "李四" });
    fill({ detail: "文二路 2 号" });
    await tap(comp, "onSave");
    const patch = fake.requests.find((r) => r.header["X-HTTP-Method-Override"] === "PATCH");
    expect(patch?.method).toBe("POST");
    expect(comp.dom.textContent).toContain("文二路 2 号");

    await tap(comp, "onDefault", { id: aid(2) });
    expect(items.map((x) => x.isDefault)).toEqual([false, true]);
    await tap(comp, "onDelete", { id: aid(1) });
    expect(items).toHaveLength(1);
    expect(comp.dom.textContent).not.toContain("张三");
  });
});

describe("me", () => {
  it("shows the shopper and opens the orders page on a tab and the address book", async () => {
    const fake = useFakeStore(
      (req) => auth(req) ?? json(200, { id: pid(1), nickname: "小山", provider: "dev", createdAt: "" }),
    );
    const comp = await open("pages/me/index", {}, true);
    expect(comp.dom.textContent).toContain("小山");
    for (const text of ["待付款", "待发货", "待收货", "已完成", "售后"]) expect(comp.dom.textContent).toContain(text);
    await tap(comp, "onOrders", { tab: "shipped" });
    expect(fake.navigations.at(-1)?.url).toBe("/pkg-order/pages/orders/index?tab=shipped");
    await tap(comp, "onAddresses");
    expect(fake.navigations.at(-1)?.url).toBe("/pkg-order/pages/address/index");
  });
});
