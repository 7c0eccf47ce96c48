// Shopper sign-in (development login) and the cart against PostgreSQL: lines merge per SKU, totals
// count the selected lines that can be bought, every read says what changed in the catalog since
// (price, stock, shelf, a removed SKU), bad quantities and other stores' or shoppers' ids are
// refused with nothing changed, and concurrent adds add up.
import type { TCart } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreatedProduct, createProductVia, productBody } from "../../services/catalog/catalog-fixtures.ts";
import { logInShopper } from "../../services/shoppers/log-in-shopper.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;
let other: TenantFixture;
let tea: CreatedProduct;
let cup: CreatedProduct;

const as = (token: string, t: TenantFixture = shop) => ({ token, headers: { "x-mallwright-tenant": t.key } });
const cartOf = (res: { body: unknown }) => res.body as TCart;

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  other = await h.tenant();
  tea = await createProductVia(
    h,
    shop.tokens.owner,
    productBody({ title: "龙井", status: "on_shelf", skus: [{ specValues: [], price: 2500, stock: 20 }] }),
  );
  cup = await createProductVia(
    h,
    shop.tokens.owner,
    productBody({ title: "茶杯", status: "on_shelf", skus: [{ specValues: [], price: 1200, stock: 5 }] }),
  );
});
afterAll(async () => h?.close());

function skuOf(p: CreatedProduct): string {
  const id = p.skus[0]?.id;
  if (!id) throw new Error("product without a SKU");
  return id;
}

describe("shopper sign-in", () => {
  it("creates the store's shopper once, signs in again as the same one, and signs out", async () => {
    const first = await h.call("POST", "/store/v1/auth/wechat", { ...as(""), body: { code: "dev:阿明" } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      shopper: { nickname: "阿明", isNew: true },
      token: expect.stringMatching(/^mws_/),
    });
    const again = await h.call("POST", "/store/v1/auth/wechat", { ...as(""), body: { code: "dev:阿明" } });
    expect(again.body).toMatchObject({ shopper: { id: (first.body.shopper as { id: string }).id, isNew: false } });
    // The same name in another store is another shopper.
    const elsewhere = await h.call("POST", "/store/v1/auth/wechat", { ...as("", other), body: { code: "dev:阿明" } });
    expect((elsewhere.body.shopper as { id: string }).id).not.toBe((first.body.shopper as { id: string }).id);

    const token = String(first.body.token);
    const me = await h.call("GET", "/store/v1/me", as(token));
    expect(me.body).toMatchObject({ nickname: "阿明", provider: "dev" });
    expect((await h.call("POST", "/store/v1/auth/logout", as(token))).status).toBe(204);
    expect((await h.call("GET", "/store/v1/me", as(token))).status).toBe(401);
    expect((await h.call("GET", "/store/v1/me", as(String(again.body.token)))).status).toBe(200);
  });

  it("forgets a session signed out by another process once its NOTIFY arrives", async () => {
    const login = await h.call("POST", "/store/v1/auth/wechat", { ...as(""), body: { code: "dev:远方" } });
    const token = String(login.body.token);
    expect((await h.call("GET", "/store/v1/me", as(token))).status).toBe(200);
    const shopperId = (login.body.shopper as { id: string }).id;
    // Revoked behind this process's back (as another instance's sign-out writes it) ...
    const [session] = await h.admin.withAdmin(
      (tx) =>
        tx.$queryRaw<{ id: string }[]>`
        UPDATE shopper_sessions SET revoked_at = now() WHERE shopper_id = ${shopperId}::uuid RETURNING id::text AS id`,
    );
    // ... and announced the way that sign-out announces it.
    await h.admin.withAdmin((tx) => tx.$executeRaw`SELECT pg_notify('mallwright_cache', ${`session:${session?.id}`})`);
    const deadline = Date.now() + 5_000;
    let status = 200;
    while (status !== 401 && Date.now() < deadline) {
      status = (await h.call("GET", "/store/v1/me", as(token))).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(401);
  });

  it("refuses other codes until WeChat is configured, and the development login in production", async () => {
    const wx = await h.call("POST", "/store/v1/auth/wechat", { ...as(""), body: { code: "081xYz0w3abc" } });
    expect(wx.status).toBe(503);
    expect(wx.body.error?.code).toBe("unavailable");
    expect((await h.call("POST", "/store/v1/auth/wechat", { ...as(""), body: { code: "dev:" } })).status).toBe(503);
    await expect(logInShopper(h.db, { ...h.env, NODE_ENV: "production" }, shop.id, "dev:x")).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("cart", () => {
  it("merges lines per SKU, totals the selected lines, selects and removes", async () => {
    const token = await h.shopperToken(shop);
    const add = (skuId: string, quantity: number) =>
      h.call("POST", "/store/v1/cart/items", { ...as(token), body: { skuId, quantity } });
    expect(cartOf(await h.call("GET", "/store/v1/cart", as(token)))).toEqual({
      items: [],
      totals: { quantity: 0, subtotal: 0, currency: "CNY" },
      notices: [],
    });
    await add(skuOf(tea), 2);
    const merged = cartOf(await add(skuOf(tea), 1));
    expect(merged.items).toHaveLength(1);
    expect(merged.items[0]).toMatchObject({ title: "龙井", quantity: 3, unitPrice: 2500, state: "ok", available: 20 });
    const both = cartOf(await add(skuOf(cup), 1));
    expect(both.items.map((i) => i.title)).toEqual(["茶杯", "龙井"]);
    expect(both.totals).toEqual({ quantity: 4, subtotal: 3 * 2500 + 1200, currency: "CNY" });

    const cupLine = both.items[0]?.id ?? "";
    const unselected = cartOf(
      await h.call("PATCH", `/store/v1/cart/items/${cupLine}`, { ...as(token), body: { selected: false } }),
    );
    expect(unselected.totals).toMatchObject({ quantity: 3, subtotal: 7500 });
    const none = cartOf(await h.call("POST", "/store/v1/cart/select", { ...as(token), body: { selected: false } }));
    expect(none.totals).toMatchObject({ quantity: 0, subtotal: 0 });
    const all = cartOf(await h.call("POST", "/store/v1/cart/select", { ...as(token), body: { selected: true } }));
    expect(all.totals).toMatchObject({ quantity: 4 });
    const fewer = cartOf(
      await h.call("PATCH", `/store/v1/cart/items/${cupLine}`, { ...as(token), body: { quantity: 2 } }),
    );
    expect(fewer.totals.subtotal).toBe(7500 + 2400);
    // The mini-program's wx.request has no PATCH: POST with X-HTTP-Method-Override does the same.
    const viaPost = await h.call("POST", `/store/v1/cart/items/${cupLine}`, {
      ...as(token),
      headers: { ...as(token).headers, "x-http-method-override": "PATCH" },
      body: { quantity: 1 },
    });
    expect(viaPost.status, JSON.stringify(viaPost.body)).toBe(200);
    expect(cartOf(viaPost).totals.subtotal).toBe(7500 + 1200);
    const removed = cartOf(await h.call("DELETE", `/store/v1/cart/items/${cupLine}`, as(token)));
    expect(removed.items.map((i) => i.title)).toEqual(["龙井"]);
  });

  it("refuses bad quantities, stock it does not have, off-shelf products and other stores' SKUs, changing nothing", async () => {
    const token = await h.shopperToken(shop);
    const add = (body: unknown, t = shop) => h.call("POST", "/store/v1/cart/items", { ...as(token, t), body });
    for (const quantity of [0, -1, 1.5, 1000]) {
      const res = await add({ skuId: skuOf(cup), quantity });
      expect(res.status, String(quantity)).toBe(422);
      expect(res.body.error?.details?.[0]?.path).toBe("quantity");
    }
    const over = await add({ skuId: skuOf(cup), quantity: 6 });
    expect(over.status).toBe(422);
    expect(over.body.error?.message).toBe("only 5 left");
    await add({ skuId: skuOf(cup), quantity: 4 });
    expect((await add({ skuId: skuOf(cup), quantity: 2 })).body.error?.message).toBe("only 1 left");

    const draft = await createProductVia(h, shop.tokens.owner, productBody({ title: "未上架", status: "draft" }));
    expect((await add({ skuId: skuOf(draft) })).status).toBe(422);
    const theirs = await createProductVia(h, other.tokens.owner, productBody({ status: "on_shelf" }));
    expect((await add({ skuId: skuOf(theirs) })).status).toBe(404);

    // Another shopper's line is as missing as an unknown one.
    const line = cartOf(await h.call("GET", "/store/v1/cart", as(token))).items[0]?.id ?? "";
    const stranger = await h.shopperToken(shop);
    for (const [method, body] of [
      ["PATCH", { quantity: 1 }],
      ["DELETE", undefined],
    ] as const) {
      const res = await h.call(method, `/store/v1/cart/items/${line}`, { ...as(stranger), body });
      expect(res.status).toBe(404);
    }
    const picked = await h.call("POST", "/store/v1/cart/select", {
      ...as(stranger),
      body: { selected: false, itemIds: [line] },
    });
    expect(picked.status).toBe(404);
    const mine = cartOf(await h.call("GET", "/store/v1/cart", as(token)));
    expect(mine.items).toEqual([expect.objectContaining({ id: line, quantity: 4, selected: true })]);
  });

  it("says on every read what changed: price, stock, shelf and removed options", async () => {
    const token = await h.shopperToken(shop);
    const p = await createProductVia(
      h,
      shop.tokens.owner,
      productBody({
        title: "白茶",
        status: "on_shelf",
        dimensions: [{ name: "规格", values: ["50g", "100g"] }],
        skus: [
          { specValues: ["50g"], price: 3000, stock: 10 },
          { specValues: ["100g"], price: 5600, stock: 10 },
        ],
      }),
    );
    const [small, large] = p.skus;
    if (!small || !large) throw new Error("two SKUs expected");
    for (const sku of [small, large]) {
      await h.call("POST", "/store/v1/cart/items", { ...as(token), body: { skuId: sku.id, quantity: 3 } });
    }
    const read = async () => cartOf(await h.call("GET", "/store/v1/cart", as(token)));
    const line = async (skuId: string) => (await read()).items.find((i) => i.skuId === skuId);

    await h.admin.withAdmin((tx) => tx.sku.update({ where: { id: small.id }, data: { price: 2800 } }));
    expect(await line(small.id)).toMatchObject({ unitPrice: 2800, priceChange: { from: 3000, to: 2800 }, state: "ok" });
    expect((await read()).notices).toContainEqual(
      expect.objectContaining({ kind: "price_changed", message: "the price of 白茶 changed from 30.00 to 28.00" }),
    );
    const seen = cartOf(
      await h.call("PATCH", `/store/v1/cart/items/${(await line(small.id))?.id}`, {
        ...as(token),
        body: { selected: true },
      }),
    );
    expect(seen.items.find((i) => i.skuId === small.id)?.priceChange).toBeNull();

    await h.admin.withAdmin((tx) => tx.sku.update({ where: { id: large.id }, data: { stock: 2 } }));
    expect(await line(large.id)).toMatchObject({ state: "insufficient_stock", available: 2 });
    expect((await read()).totals).toMatchObject({ quantity: 3, subtotal: 3 * 2800 });
    await h.admin.withAdmin((tx) => tx.sku.update({ where: { id: large.id }, data: { stock: 0 } }));
    expect(await line(large.id)).toMatchObject({ state: "sold_out", available: 0 });

    await h.admin.withAdmin((tx) => tx.product.update({ where: { id: p.id }, data: { status: "off_shelf" } }));
    expect((await read()).items.map((i) => i.state)).toEqual(["off_shelf", "off_shelf"]);
    expect((await read()).totals.quantity).toBe(0);

    // The option goes from the product: the line stays, saying so, with what the shopper saw.
    await h.admin.withAdmin((tx) => tx.sku.delete({ where: { id: large.id } }));
    const gone = (await read()).items.find((i) => i.skuId === null);
    expect(gone).toMatchObject({ title: "白茶", state: "removed", unitPrice: 5600, available: 0 });
    expect((await read()).notices.map((n) => n.kind)).toEqual(expect.arrayContaining(["off_shelf", "removed"]));
  });

  it("adds up concurrent adds of the same SKU", async () => {
    const token = await h.shopperToken(shop);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        h.call("POST", "/store/v1/cart/items", { ...as(token), body: { skuId: skuOf(tea), quantity: 1 } }),
      ),
    );
    const cart = cartOf(await h.call("GET", "/store/v1/cart", as(token)));
    expect(cart.items).toEqual([expect.objectContaining({ skuId: skuOf(tea), quantity: 10 })]);
  });
});
