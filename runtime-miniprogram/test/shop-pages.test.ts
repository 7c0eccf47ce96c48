// Product detail, cart and checkout, built, under miniprogram-simulate, against an in-memory store
// behind a fake wx (the real platform: buy.integration.test.ts).
import { beforeEach, describe, expect, it } from "vitest";
import { type FakeRequest, type FakeWx, json, settle } from "./fake-wx.ts";
import { loadComponent, measureTree, type SimulatedComponent, simulate, takeSetDataLog } from "./simulate.ts";
import { useFakeStore } from "./store-harness.ts";

const BASE = "https://api.mallwright.test";
const PRODUCT = "10000000-0000-4000-8000-000000000001";
const id = (n: number) => `20000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const ADDRESS = "40000000-0000-4000-8000-000000000001";
const ORDER = "50000000-0000-4000-8000-000000000001";
const PICKUP = "45000000-0000-4000-8000-000000000001";

const skuOf = (n: number, specValues: string[], price: number, stock: number) => ({
  id: id(n),
  specValues,
  price,
  compareAtPrice: null,
  image: null,
  stockState: stock === 0 ? "out_of_stock" : stock < 5 ? "low_stock" : "in_stock",
  stockLeft: stock > 0 && stock < 5 ? stock : null,
  stock,
});

// 颜色 × 尺码: 白/M sold out, 黑/L missing.
const SKUS = [skuOf(1, ["白", "M"], 9900, 0), skuOf(2, ["白", "L"], 10900, 3), skuOf(3, ["黑", "M"], 12900, 20)];
const PRODUCT_BODY = {
  id: PRODUCT,
  title: "亚麻衬衫",
  subtitle: "透气",
  detailHtml: "<p>细节</p>",
  images: ["https://cdn.test/a.jpg", "https://cdn.test/b.jpg"],
  video: null,
  currency: "CNY",
  priceMin: 9900,
  priceMax: 12900,
  salesCount: 12,
  categoryId: null,
  dimensions: [
    {
      name: "颜色",
      values: [
        { value: "白", available: true },
        { value: "黑", available: true },
      ],
    },
    {
      name: "尺码",
      values: [
        { value: "M", available: true },
        { value: "L", available: true },
      ],
    },
  ],
  skus: SKUS.map(({ stock: _s, ...s }) => s),
};

interface Line {
  id: string;
  skuId: string;
  quantity: number;
  selected: boolean;
}

/** A store with one product, a cart, addresses, checkout and the development payment. */
function shop() {
  const lines: Line[] = [];
  const addresses: Record<string, unknown>[] = [];
  const orders: Record<string, unknown>[] = [];
  const state = { priceChangedFor: "", pickupOnly: false };
  const cartBody = () => {
    const items = lines.map((l) => {
      const sku = SKUS.find((s) => s.id === l.skuId);
      const stock = sku?.stock ?? 0;
      return {
        id: l.id,
        skuId: l.skuId,
        productId: PRODUCT,
        title: PRODUCT_BODY.title,
        specValues: sku?.specValues ?? [],
        image: null,
        unitPrice: sku?.price ?? 0,
        currency: "CNY",
        quantity: l.quantity,
        selected: l.selected,
        available: stock,
        state: stock === 0 ? "sold_out" : l.quantity > stock ? "insufficient_stock" : "ok",
        priceChange: state.priceChangedFor === l.id ? { from: 9900, to: sku?.price ?? 0 } : null,
      };
    });
    const ok = items.filter((i) => i.state === "ok" && i.selected);
    return {
      items,
      totals: {
        quantity: ok.reduce((n, i) => n + i.quantity, 0),
        subtotal: ok.reduce((n, i) => n + i.quantity * i.unitPrice, 0),
        currency: "CNY",
      },
      notices: [
        ...items.filter((i) => i.state !== "ok").map((i) => ({ itemId: i.id, kind: i.state, message: i.state })),
        ...items.filter((i) => i.priceChange).map((i) => ({ itemId: i.id, kind: "price_changed", message: "" })),
      ],
    };
  };
  const preview = (body: { delivery?: string; addressId?: string; pickupPointId?: string }) => {
    const cart = cartBody();
    const chosen = addresses.find((a) => a.id === body.addressId) ?? addresses[0];
    const selected = cart.items.filter((i) => i.selected && i.state === "ok");
    return {
      delivery: body.delivery ?? "express",
      lines: selected.map((i) => ({
        itemId: i.id,
        skuId: i.skuId,
        productId: PRODUCT,
        title: i.title,
        specValues: i.specValues,
        image: null,
        unitPrice: i.unitPrice,
        quantity: i.quantity,
      })),
      itemsTotal: cart.totals.subtotal,
      shippingFee: 0,
      total: cart.totals.subtotal,
      currency: "CNY",
      freeShippingOver: null,
      deliveryOptions: { express: !state.pickupOnly, pickup: state.pickupOnly },
      address: chosen
        ? {
            id: chosen.id,
            recipient: chosen.recipient,
            phone: chosen.phone,
            region: "浙江省杭州市",
            detail: chosen.detail,
          }
        : null,
      pickupPoints: state.pickupOnly
        ? [{ id: PICKUP, name: "西湖店", address: "湖滨路 2 号", hours: "9:00-21:00" }]
        : [],
      problems: [
        ...(selected.length === 0 ? [{ code: "cart_empty", message: "empty" }] : []),
        ...(body.delivery === "pickup"
          ? body.pickupPointId === PICKUP
            ? []
            : [{ code: "pickup_point_required", message: "pickup" }]
          : state.pickupOnly
            ? [{ code: "delivery_unavailable", message: "express" }]
            : chosen
              ? []
              : [{ code: "address_required", message: "address" }]),
      ],
    };
  };
  const handler = (req: FakeRequest) => {
    const path = req.url.replace(BASE, "").split("?")[0] ?? "";
    const method = req.header["X-HTTP-Method-Override"] ?? req.method;
    const body = (req.data ?? {}) as Record<string, unknown>;
    if (path === "/store/v1/auth/wechat") return json(200, { token: "t", expiresAt: "2099-01-01T00:00:00Z" });
    if (path === "/store/v1/settings") return json(404, { error: { code: "not_found", message: "" } });
    if (path === `/store/v1/products/${PRODUCT}`) return json(200, PRODUCT_BODY);
    if (path === "/store/v1/cart" && method === "GET") return json(200, cartBody());
    if (path === "/store/v1/cart/items" && method === "POST") {
      const existing = lines.find((l) => l.skuId === body.skuId);
      if (existing) existing.quantity += Number(body.quantity);
      else
        lines.push({
          id: id(100 + lines.length),
          skuId: String(body.skuId),
          quantity: Number(body.quantity),
          selected: true,
        });
      return json(200, cartBody());
    }
    if (path === "/store/v1/cart/select") {
      const ids = body.itemIds as string[] | undefined;
      for (const l of lines) if (!ids || ids.includes(l.id)) l.selected = Boolean(body.selected);
      return json(200, cartBody());
    }
    const item = /^\/store\/v1\/cart\/items\/(.+)$/.exec(path);
    if (item) {
      const i = lines.findIndex((l) => l.id === item[1]);
      if (method === "DELETE") lines.splice(i, 1);
      else if (method === "PATCH") Object.assign(lines[i] as Line, body);
      return json(200, cartBody());
    }
    if (path === "/store/v1/addresses" && method === "GET") return json(200, { items: addresses });
    if (path === "/store/v1/addresses" && method === "POST") {
      const a = { id: ADDRESS, postalCode: null, label: null, ...body };
      addresses.push(a);
      return json(201, a);
    }
    if (path === "/store/v1/checkout/preview") return json(200, preview(body));
    if (path === "/store/v1/orders" && method === "POST") {
      const order = { id: ORDER, status: "pending_payment", key: req.header["Idempotency-Key"], body };
      orders.push(order);
      return json(201, order);
    }
    if (path === `/store/v1/orders/${ORDER}/pay`) {
      return json(200, { provider: "dev", order: { ...orders[0], status: "paid" }, requestPayment: null });
    }
    return json(404, { error: { code: "not_found", message: path } });
  };
  return { lines, addresses, orders, state, handler };
}

async function open(path: string, query: Record<string, string> = {}, show = false): Promise<SimulatedComponent> {
  const comp = simulate.render(loadComponent(path));
  comp.attach(document.createElement("parent-wrapper") as never);
  (comp.instance.onLoad as (q: Record<string, string>) => void)(query);
  if (show) (comp.instance.onShow as () => void)();
  await settle(12);
  return comp;
}

const tap = async (comp: SimulatedComponent, method: string, dataset: Record<string, string> = {}) => {
  (comp.instance[method] as (e: unknown) => unknown)({ currentTarget: { dataset }, detail: {} });
  await settle(12);
};

/** The rendered elements of a class, with their text. */
const texts = (comp: SimulatedComponent, cls: string) =>
  comp.querySelectorAll(`.${cls}`).map((el) => el.dom.textContent?.trim() ?? "");

/** Taps the rendered value of the SKU picker that reads `text`. */
const tapValue = async (comp: SimulatedComponent, text: string) => {
  const value = comp.querySelectorAll(".value").find((el) => el.dom.textContent?.trim() === text);
  if (!value) throw new Error(`no value ${text}`);
  value.dispatchEvent("tap");
  await settle(12);
};

let store: ReturnType<typeof shop>;
let fake: FakeWx;

beforeEach(() => {
  store = shop();
  fake = useFakeStore(store.handler);
});

describe("product detail", () => {
  it("shows the gallery, the price range and a picker that disables sold-out and missing combinations", async () => {
    takeSetDataLog();
    const comp = await open("pkg-shop/pages/product/index", { id: PRODUCT });
    expect(comp.data.status).toBe("ready");
    expect(comp.dom.textContent).toContain("亚麻衬衫");
    expect(comp.data.priceText).toBe("99.00-129.00");
    expect(comp.dom.querySelectorAll("wx-swiper-item")).toHaveLength(2);
    const log = takeSetDataLog();
    expect(Math.max(...log.map((l) => l.bytes))).toBeLessThan(128 * 1024);

    await tap(comp, "onOpenSheet", { mode: "cart" });
    await tapValue(comp, "白");
    // 白/M is sold out: M is off; L has 3 left.
    const offValues = () => texts(comp, "value-off");
    expect(offValues()).toEqual(["M"]);
    await tapValue(comp, "M");
    expect(comp.data.canConfirm).toBe(false);
    await tapValue(comp, "L");
    expect(comp.data.skuPrice).toBe("109.00");
    expect(comp.data.stockText).toBe("仅剩3件");
    expect(texts(comp, "sku-price")).toEqual(["109.00"]);
    // 黑/L does not exist: with L chosen, 黑 is off (and M still, beside 白).
    expect(offValues()).toEqual(["黑", "M"]);
    const { nodes, depth } = measureTree(comp.dom);
    expect(nodes).toBeLessThan(1000);
    expect(depth).toBeLessThan(30);

    await tap(comp, "onPlus");
    await tap(comp, "onConfirm");
    const add = fake.requests.find((r) => r.url.endsWith("/store/v1/cart/items"));
    expect(add?.data).toEqual({ skuId: id(2), quantity: 2 });
    expect(fake.toasts).toContain("已加入购物车");
    expect(comp.data.sheetOpen).toBe(false);
  });

  it("buy now adds the SKU, leaves only its line selected and opens the checkout", async () => {
    store.lines.push({ id: id(900), skuId: id(3), quantity: 1, selected: true });
    const comp = await open("pkg-shop/pages/product/index", { id: PRODUCT });
    await tap(comp, "onOpenSheet", { mode: "buy" });
    await tap(comp, "onPick", { dim: "0", value: "白" });
    await tap(comp, "onPick", { dim: "1", value: "L" });
    await tap(comp, "onConfirm");
    expect(store.lines.map((l) => [l.skuId, l.selected])).toEqual([
      [id(3), false],
      [id(2), true],
    ]);
    expect(fake.navigations.at(-1)).toEqual({ kind: "navigateTo", url: "/pkg-order/pages/checkout/index" });
  });

  it("says when the product is gone", async () => {
    const comp = await open("pkg-shop/pages/product/index", { id: "10000000-0000-4000-8000-00000000dead" });
    expect(comp.data.status).toBe("empty");
    expect(comp.dom.textContent).toContain("商品不存在或已下架");
  });
});

describe("cart", () => {
  it("lists lines with their notices, selects, changes quantity (PATCH override), removes and totals", async () => {
    store.lines.push(
      { id: id(101), skuId: id(2), quantity: 1, selected: true },
      { id: id(102), skuId: id(1), quantity: 1, selected: true },
      { id: id(103), skuId: id(3), quantity: 2, selected: true },
    );
    store.state.priceChangedFor = id(103);
    const comp = await open("pages/cart/index", {}, true);
    expect(comp.data.status).toBe("ready");
    expect(texts(comp, "title")).toHaveLength(3);
    const text = comp.dom.textContent ?? "";
    expect(text).toContain("该商品已售罄");
    expect(text).toContain("价格由 ¥99.00 变为 ¥129.00");
    expect(comp.data.totalText).toBe("367.00");
    expect(comp.data.count).toBe(3);

    await tap(comp, "onToggle", { id: id(103) });
    expect(comp.data.totalText).toBe("109.00");
    const select = fake.requests.find((r) => r.url.endsWith("/cart/select"));
    expect(select?.data).toEqual({ selected: false, itemIds: [id(103)] });

    await tap(comp, "onQuantity", { id: id(101), step: "1" });
    const patch = fake.requests.find((r) => r.url.endsWith(`/cart/items/${id(101)}`));
    expect(patch?.method).toBe("POST");
    expect(patch?.header["X-HTTP-Method-Override"]).toBe("PATCH");
    expect(patch?.data).toEqual({ quantity: 2 });
    expect(comp.data.totalText).toBe("218.00");

    await tap(comp, "onRemove", { id: id(102) });
    expect(fake.requests.at(-1)?.method).toBe("DELETE");
    expect(texts(comp, "title")).toHaveLength(2);

    await tap(comp, "onCheckout");
    expect(fake.navigations.at(-1)).toEqual({ kind: "navigateTo", url: "/pkg-order/pages/checkout/index" });
  });

  it("an empty cart says so", async () => {
    const comp = await open("pages/cart/index", {}, true);
    expect(comp.data.status).toBe("empty");
    expect(comp.dom.textContent).toContain("购物车还是空的");
  });
});

describe("checkout", () => {
  it("adds an address inline, submits with one Idempotency-Key, pays and opens the order", async () => {
    store.lines.push({ id: id(101), skuId: id(3), quantity: 1, selected: true });
    const comp = await open("pkg-order/pages/checkout/index");
    expect(comp.data.status).toBe("ready");
    expect(comp.dom.textContent).toContain("请选择收货地址");
    expect(comp.data.canSubmit).toBe(false);

    await tap(comp, "onPickAddress");
    expect(comp.data.adding).toBe(true);
    const form = {
      recipient: "张三",
      phone: "13800138000",
      province: "浙江省",
      city: "杭州市",
      district: "西湖区",
      detail: "文三路 1 号",
    };
    for (const [field, value] of Object.entries(form)) {
      (comp.instance.onInput as (e: unknown) => void)({ currentTarget: { dataset: { field } }, detail: { value } });
    }
    await tap(comp, "onSaveAddress");
    expect(store.addresses).toHaveLength(1);
    expect(comp.data.canSubmit).toBe(true);
    expect(comp.dom.textContent).toContain("张三 13800138000");
    expect(comp.data.total).toBe("129.00");

    await tap(comp, "onSubmit");
    const submit = fake.requests.find((r) => r.url.endsWith("/store/v1/orders"));
    expect(submit?.header["Idempotency-Key"]).toMatch(/^mp-[\x21-\x7e]+$/);
    expect(submit?.data).toEqual({ delivery: "express", addressId: ADDRESS });
    expect(fake.requests.some((r) => r.url.endsWith(`/orders/${ORDER}/pay`))).toBe(true);
    expect(fake.payments).toEqual([]);
    expect(fake.navigations.at(-1)).toEqual({ kind: "redirectTo", url: `/pkg-order/pages/order/index?id=${ORDER}` });
  });

  it("reuses the key when the same submission is retried after a lost answer", async () => {
    store.lines.push({ id: id(101), skuId: id(3), quantity: 1, selected: true });
    store.addresses.push({ id: ADDRESS, recipient: "李四", phone: "13900139000", detail: "x", isDefault: true });
    let lose = true;
    fake = useFakeStore((req) => {
      if (lose && req.url.endsWith("/store/v1/orders")) {
        lose = false;
        return { fail: "timeout" };
      }
      return store.handler(req);
    });
    const comp = await open("pkg-order/pages/checkout/index");
    await tap(comp, "onSubmit");
    expect(fake.toasts.length).toBeGreaterThan(0);
    await tap(comp, "onSubmit");
    const keys = fake.requests
      .filter((r) => r.url.endsWith("/store/v1/orders"))
      .map((r) => r.header["Idempotency-Key"]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it("a store offering self-pickup only: pickup and its one point are chosen, the order names them", async () => {
    store.lines.push({ id: id(101), skuId: id(3), quantity: 1, selected: true });
    store.state.pickupOnly = true;
    const comp = await open("pkg-order/pages/checkout/index");
    expect(comp.data.delivery).toBe("pickup");
    expect(comp.data.pickupPointId).toBe(PICKUP);
    expect(comp.dom.textContent).toContain("西湖店");
    expect(comp.data.canSubmit).toBe(true);
    await tap(comp, "onSubmit");
    const submit = fake.requests.find((r) => r.url.endsWith("/store/v1/orders"));
    expect(submit?.data).toEqual({ delivery: "pickup", pickupPointId: PICKUP });
  });

  it("WeChat Pay goes through wx.requestPayment with the pay route's parameters", async () => {
    store.lines.push({ id: id(101), skuId: id(3), quantity: 1, selected: true });
    store.addresses.push({ id: ADDRESS, recipient: "李四", phone: "13900139000", detail: "x", isDefault: true });
    const params = { timeStamp: "1", nonceStr: "n", package: "prepay_id=1", signType: "RSA", paySign: "s" };
    fake = useFakeStore((req) =>
      req.url.endsWith(`/orders/${ORDER}/pay`)
        ? json(200, { provider: "wechat", order: { id: ORDER }, requestPayment: params })
        : store.handler(req),
    );
    const comp = await open("pkg-order/pages/checkout/index");
    await tap(comp, "onSubmit");
    expect(fake.payments).toEqual([params]);
    expect(fake.navigations.at(-1)?.url).toBe(`/pkg-order/pages/order/index?id=${ORDER}`);
  });
});
