// After-sales against PostgreSQL: whole-order and partial refunds up to what is refundable,
// one open request per order, approval refunding through the provider (lines and order record it;
// returned units back into stock on request), rejection with a reason, and the limits.
import type { TAfterSale, TOrder } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreatedProduct, createProductVia, productBody } from "../../services/catalog/catalog-fixtures.ts";
import { jpegWithGps, mp4, png, uploadFile } from "../../services/media/media-fixtures.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;
let tea: CreatedProduct;
let cup: CreatedProduct;
let keys = 0;

const store = (token: string, headers: Record<string, string> = {}) => ({
  token,
  headers: { "x-mallwright-tenant": shop.key, ...headers },
});
const address = {
  recipient: "王小明",
  phone: "13800138000",
  province: "浙江省",
  city: "杭州市",
  district: "西湖区",
  detail: "文三路 90 号",
};
const stockOf = async (p: CreatedProduct) =>
  (await h.admin.withAdmin((tx) => tx.sku.findUniqueOrThrow({ where: { id: p.skus[0]?.id } }))).stock;

/** A paid express order of 2 teas (25.00) and 1 cup (12.00), 8.00 shipping. */
async function paidOrder(pay = true): Promise<{ token: string; order: TOrder }> {
  const token = await h.shopperToken(shop);
  await h.call("POST", "/store/v1/cart/items", { ...store(token), body: { skuId: tea.skus[0]?.id, quantity: 2 } });
  await h.call("POST", "/store/v1/cart/items", { ...store(token), body: { skuId: cup.skus[0]?.id, quantity: 1 } });
  await h.call("POST", "/store/v1/addresses", { ...store(token), body: address });
  const res = await h.call("POST", "/store/v1/orders", {
    ...store(token, { "idempotency-key": `as${++keys}` }),
    body: { delivery: "express" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const order = res.body as unknown as TOrder;
  if (pay) expect((await h.call("POST", `/store/v1/orders/${order.id}/pay`, store(token))).status).toBe(200);
  return { token, order };
}

const ask = (token: string, orderId: string, body: Record<string, unknown>) =>
  h.call("POST", `/store/v1/orders/${orderId}/after-sales`, { ...store(token), body });

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  tea = await createProductVia(
    h,
    shop.tokens.owner,
    productBody({ title: "龙井", status: "on_shelf", skus: [{ specValues: [], price: 2500, stock: 100 }] }),
  );
  cup = await createProductVia(
    h,
    shop.tokens.owner,
    productBody({ title: "茶杯", status: "on_shelf", skus: [{ specValues: [], price: 1200, stock: 100 }] }),
  );
  await h.admin.withAdmin((tx) => tx.checkoutSettings.create({ data: { tenantId: shop.id, flatFee: 800 } }));
});
afterAll(async () => h?.close());

const photo = async (token: string, bytes: Uint8Array) =>
  uploadFile(h.app, token, bytes, { path: "/store/v1/media", headers: { "x-mallwright-tenant": shop.key } });

describe("after-sales photos", () => {
  it("carries the shopper's own uploaded photos, in order, to the staff; others' and non-photos are refused", async () => {
    const { token, order } = await paidOrder();
    const a = await photo(token, await jpegWithGps());
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ id: expect.any(String), url: expect.any(String), thumbUrl: expect.any(String) });
    const b = await photo(token, await png());
    expect((await photo(token, mp4())).status).toBe(415);
    expect((await photo(token, new TextEncoder().encode("<svg onload=alert(1)>"))).status).toBe(415);
    expect(
      (
        await uploadFile(h.app, "", await png(), {
          path: "/store/v1/media",
          headers: { "x-mallwright-tenant": shop.key },
        })
      ).status,
    ).toBe(401);
    // Another shopper's photo, and a photo of the store's own library: not this shopper's to attach.
    const stranger = await paidOrder();
    const theirs = await photo(stranger.token, await png());
    const library = await uploadFile(h.app, shop.tokens.owner, await png());
    for (const foreign of [theirs.body.id, library.body.id]) {
      const res = await ask(token, order.id, { kind: "refund", reason: "坏了", photoIds: [a.body.id, foreign] });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
    }
    const res = await ask(token, order.id, { kind: "refund", reason: "茶杯碎了", photoIds: [b.body.id, a.body.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((res.body as unknown as TAfterSale).photos.map((p) => p.id)).toEqual([b.body.id, a.body.id]);
    const staffView = await h.call("GET", `/merchant/v1/after-sales/${res.body.id}`, { token: shop.tokens.staff });
    expect((staffView.body as unknown as TAfterSale).photos.map((p) => p.id)).toEqual([b.body.id, a.body.id]);
    // Shoppers' photos stay out of the store's media library.
    const libraryList = await h.call("GET", "/merchant/v1/media?limit=100", { token: shop.tokens.owner });
    const listed = (libraryList.body.items as { id: string }[]).map((m) => m.id);
    expect(listed).toContain(library.body.id);
    expect(listed).not.toContain(a.body.id);
  });
});

describe("after-sales", () => {
  it("refunds a whole unshipped order, shipping included, once, closing it with its units back", async () => {
    const teaBefore = await stockOf(tea);
    const { token, order } = await paidOrder();
    expect(order.total).toBe(2 * 2500 + 1200 + 800);
    const req = await ask(token, order.id, { kind: "refund", reason: "拍错了" });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(req.body).toMatchObject({ status: "requested", amount: order.total, orderNumber: order.number });
    expect((await ask(token, order.id, { kind: "refund", reason: "again" })).status).toBe(409);

    const approved = await h.call("POST", `/merchant/v1/after-sales/${req.body.id}/approve`, {
      token: shop.tokens.staff,
      body: {},
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: "refunded", restocked: true });
    const after = (await h.call("GET", `/store/v1/orders/${order.id}`, store(token))).body as unknown as TOrder;
    expect(after.refundedTotal).toBe(order.total);
    expect(after.status).toBe("cancelled");
    expect(await stockOf(tea)).toBe(teaBefore);
    expect(Object.fromEntries(after.lines.map((l) => [l.title, l.refundedQuantity]))).toEqual({ 龙井: 2, 茶杯: 1 });
    expect(after.lines.reduce((s, l) => s + l.refundedAmount, 0)).toBe(order.total);
    expect(
      (await h.call("POST", `/merchant/v1/after-sales/${req.body.id}/approve`, { token: shop.tokens.staff, body: {} }))
        .status,
    ).toBe(409);
    expect((await ask(token, order.id, { kind: "refund", reason: "more" })).status).toBe(409);
  });

  it("refunds some lines of a return, restocking them when asked, and never more than was paid", async () => {
    const { token, order } = await paidOrder();
    const teaLine = order.lines.find((l) => l.title === "龙井")?.id ?? "";
    for (const [body, path] of [
      [{ kind: "return_refund", reason: "漏气", lines: [{ lineId: teaLine, quantity: 3 }] }, "lines.0.quantity"],
      [{ kind: "return_refund", reason: "漏气", lines: [{ lineId: teaLine, quantity: 1 }], amount: 2501 }, "amount"],
      [{ kind: "return_refund", reason: "漏气", lines: [{ lineId: cup.id, quantity: 1 }] }, "lines.0.lineId"],
      [{ kind: "return_refund", reason: "" }, "reason"],
      [
        {
          kind: "return_refund",
          reason: "x",
          lines: [
            { lineId: teaLine, quantity: 1 },
            { lineId: teaLine, quantity: 1 },
          ],
        },
        "lines",
      ],
    ] as const) {
      const res = await ask(token, order.id, body);
      expect(res.status, path).toBe(422);
      expect(res.body.error?.details?.[0]?.path).toBe(path);
    }
    const before = await stockOf(tea);
    const req = await ask(token, order.id, {
      kind: "return_refund",
      reason: "漏气",
      lines: [{ lineId: teaLine, quantity: 1 }],
    });
    expect(req.body).toMatchObject({ amount: 2500, lines: [{ lineId: teaLine, quantity: 1, amount: 2500 }] });
    const ok = await h.call("POST", `/merchant/v1/after-sales/${req.body.id}/approve`, {
      token: shop.tokens.staff,
      body: { restock: true },
    });
    expect(ok.body).toMatchObject({ status: "refunded", restocked: true });
    expect(await stockOf(tea)).toBe(before + 1);
    const ledger = await h.admin.withAdmin((tx) =>
      tx.inventoryLedgerEntry.findMany({ where: { ref: order.number, reason: "refund" } }),
    );
    expect(ledger.map((l) => l.delta)).toEqual([1]);

    // What is left of the unshipped order, shipping included: one tea and the cup.
    const rest = await ask(token, order.id, { kind: "refund", reason: "都退了" });
    expect(rest.body).toMatchObject({ amount: 2500 + 1200 + 800 });
    const list = await h.call("GET", "/merchant/v1/after-sales?status=requested", { token: shop.tokens.staff });
    expect((list.body.items as TAfterSale[]).map((a) => a.id)).toContain(rest.body.id);
  });

  it("rejects with a reason, after which a new request may be made; unpaid and others' orders are refused", async () => {
    const { token, order } = await paidOrder();
    const req = await ask(token, order.id, { kind: "refund", reason: "不想要了" });
    const rejected = await h.call("POST", `/merchant/v1/after-sales/${req.body.id}/reject`, {
      token: shop.tokens.staff,
      body: { reason: "已发货" },
    });
    expect(rejected.body).toMatchObject({ status: "rejected", decisionNote: "已发货" });
    const mine = await h.call("GET", "/store/v1/after-sales", store(token));
    expect((mine.body.items as TAfterSale[])[0]).toMatchObject({ status: "rejected", decisionNote: "已发货" });
    expect((await ask(token, order.id, { kind: "refund", reason: "再试一次" })).status).toBe(201);

    const unpaid = await paidOrder(false);
    expect((await ask(unpaid.token, unpaid.order.id, { kind: "refund", reason: "x" })).status).toBe(409);
    const stranger = await h.shopperToken(shop);
    expect((await ask(stranger, order.id, { kind: "refund", reason: "x" })).status).toBe(404);
  });
});
