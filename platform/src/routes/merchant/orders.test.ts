// The back office's orders against PostgreSQL: tabs and counts, search (number, phone tail, product
// words), contact details masked for staff, shipping (express needs tracking; the auto-confirm is
// scheduled), pickup hand-over by code, the shopper's confirmation, cancelling unpaid orders,
// remarks, and the auto-confirm of an old shipment (once).
import type { TOrder } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreatedProduct, createProductVia, productBody } from "../../services/catalog/catalog-fixtures.ts";
import { autoConfirmOrder } from "../../services/orders/fulfil-order.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;
let kettle: CreatedProduct;
let pointId: string;

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
let keys = 0;

/** A shopper's order for `quantity` kettles, paid unless told otherwise. */
async function order(opts: { delivery?: "express" | "pickup"; pay?: boolean; quantity?: number } = {}) {
  const token = await h.shopperToken(shop);
  await h.call("POST", "/store/v1/cart/items", {
    ...store(token),
    body: { skuId: kettle.skus[0]?.id, quantity: opts.quantity ?? 1 },
  });
  await h.call("POST", "/store/v1/addresses", { ...store(token), body: address });
  const delivery = opts.delivery ?? "express";
  const res = await h.call("POST", "/store/v1/orders", {
    ...store(token, { "idempotency-key": `k${++keys}` }),
    body: delivery === "pickup" ? { delivery, pickupPointId: pointId } : { delivery },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const o = res.body as unknown as TOrder;
  if (opts.pay !== false) expect((await h.call("POST", `/store/v1/orders/${o.id}/pay`, store(token))).status).toBe(200);
  return { token, order: o };
}

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  kettle = await createProductVia(
    h,
    shop.tokens.owner,
    productBody({ title: "铸铁茶壶", status: "on_shelf", skus: [{ specValues: [], price: 19_900, stock: 100 }] }),
  );
  await h.admin.withAdmin((tx) =>
    tx.checkoutSettings.create({ data: { tenantId: shop.id, pickupEnabled: true, autoConfirmDays: 7 } }),
  );
  pointId = (
    await h.admin.withAdmin((tx) =>
      tx.pickupPoint.create({ data: { tenantId: shop.id, name: "西湖店", address: "南山路 1 号" } }),
    )
  ).id;
});
afterAll(async () => h?.close());

describe("merchant orders", () => {
  it("lists by tab with counts, searches, and masks contact details for staff", async () => {
    const paid = await order();
    const unpaid = await order({ pay: false });
    const list = async (query: string, token = shop.tokens.owner) =>
      (await h.call("GET", `/merchant/v1/orders${query}`, { token })).body as unknown as {
        items: (TOrder & { merchantRemark: string | null })[];
        counts: Record<string, number>;
        nextCursor: string | null;
      };
    const all = await list("");
    expect(all.items.map((o) => o.id).slice(0, 2)).toEqual([unpaid.order.id, paid.order.id]);
    expect(all.counts).toMatchObject({ all: 2, paid: 1, pending_payment: 1, shipped: 0 });
    expect((await list("?status=paid")).items.map((o) => o.id)).toEqual([paid.order.id]);
    expect((await list(`?q=${paid.order.number.slice(0, 10)}`)).items.length).toBe(2);
    expect((await list(`?q=${paid.order.number}`)).items.map((o) => o.id)).toEqual([paid.order.id]);
    expect((await list("?q=8000")).items.length).toBe(2);
    expect((await list(`?q=${encodeURIComponent("茶壶")}`)).items.length).toBe(2);
    expect((await list(`?q=${encodeURIComponent("咖啡")}`)).items.length).toBe(0);
    expect((await list("?q=50%25")).items.length).toBe(0);
    const page = await list("?limit=1");
    expect(page.nextCursor).toBe(unpaid.order.id);
    expect((await list(`?limit=1&cursor=${page.nextCursor}`)).items.map((o) => o.id)).toEqual([paid.order.id]);

    expect(all.items[0]?.address).toMatchObject({ recipient: "王小明", phone: "13800138000" });
    const asStaff = (await list("", shop.tokens.staff)).items[0];
    expect(asStaff?.address).toMatchObject({ recipient: "王*明", phone: "138****8000", detail: "文三路 ***" });
    const one = await h.call("GET", `/merchant/v1/orders/${paid.order.id}`, { token: shop.tokens.staff });
    expect(JSON.stringify(one.body)).not.toContain("13800138000");
  });

  it("ships an express order (tracking required), schedules its confirmation, and the shopper confirms", async () => {
    const { token, order: o } = await order();
    const ship = (body: unknown) =>
      h.call("POST", `/merchant/v1/orders/${o.id}/ship`, { token: shop.tokens.staff, body });
    const missing = await ship({ carrier: "顺丰速运" });
    expect(missing.status).toBe(422);
    expect(missing.body.error?.details?.map((d) => d.path)).toEqual(["trackingNo"]);
    const shipped = await ship({ carrier: "顺丰速运", trackingNo: "SF1234567890" });
    expect(shipped.body).toMatchObject({ status: "shipped", carrier: "顺丰速运", trackingNo: "SF1234567890" });
    expect((await ship({ carrier: "顺丰速运", trackingNo: "SF1" })).status).toBe(422);
    expect((await ship({ carrier: "顺丰速运", trackingNo: "SF1234567890" })).status).toBe(409);
    const job = await h.admin.withAdmin((tx) =>
      tx.outboxEntry.findFirst({ where: { job: "orders.auto-confirm", payload: { equals: { orderId: o.id } } } }),
    );
    expect((job?.availableAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const confirmed = await h.call("POST", `/store/v1/orders/${o.id}/confirm`, store(token));
    expect(confirmed.body).toMatchObject({ status: "completed" });
    expect((confirmed.body as unknown as TOrder).history.map((e) => [e.to, e.actor])).toEqual([
      ["pending_payment", "shopper"],
      ["paid", "shopper"],
      ["shipped", "merchant"],
      ["completed", "shopper"],
    ]);
    expect((await h.call("POST", `/store/v1/orders/${o.id}/confirm`, store(token))).status).toBe(409);
  });

  it("hands a pickup order over only against the shopper's code", async () => {
    const { token, order: o } = await order({ delivery: "pickup" });
    expect(
      (await h.call("POST", `/merchant/v1/orders/${o.id}/ship`, { token: shop.tokens.staff, body: {} })).body,
    ).toMatchObject({
      status: "shipped",
      pickup: { name: "西湖店", code: "******" },
    });
    expect((await h.call("POST", `/store/v1/orders/${o.id}/confirm`, store(token))).status).toBe(409);
    const code =
      ((await h.call("GET", `/store/v1/orders/${o.id}`, store(token))).body as unknown as TOrder).pickup?.code ?? "";
    expect(code).toMatch(/^\d{6}$/);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(
      (await h.call("POST", `/merchant/v1/orders/${o.id}/pickup`, { token: shop.tokens.staff, body: { code: wrong } }))
        .status,
    ).toBe(422);
    const done = await h.call("POST", `/merchant/v1/orders/${o.id}/pickup`, {
      token: shop.tokens.staff,
      body: { code },
    });
    expect(done.body).toMatchObject({ status: "completed" });
  });

  it("cancels unpaid orders only, refuses to ship them, and keeps remarks to the store", async () => {
    const { token, order: o } = await order({ pay: false, quantity: 3 });
    const stock = async () =>
      (await h.admin.withAdmin((tx) => tx.sku.findUniqueOrThrow({ where: { id: kettle.skus[0]?.id } }))).stock;
    const before = await stock();
    expect(
      (
        await h.call("POST", `/merchant/v1/orders/${o.id}/ship`, {
          token: shop.tokens.staff,
          body: { carrier: "EMS", trackingNo: "E1234" },
        })
      ).status,
    ).toBe(409);
    const remark = await h.call("PATCH", `/merchant/v1/orders/${o.id}`, {
      token: shop.tokens.staff,
      body: { remark: "客户来电改地址" },
    });
    expect(remark.body).toMatchObject({ merchantRemark: "客户来电改地址" });
    expect(JSON.stringify((await h.call("GET", `/store/v1/orders/${o.id}`, store(token))).body)).not.toContain(
      "客户来电",
    );
    const cancelled = await h.call("POST", `/merchant/v1/orders/${o.id}/cancel`, {
      token: shop.tokens.staff,
      body: { reason: "缺货" },
    });
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelReason: "缺货" });
    expect(await stock()).toBe(before + 3);
    const paid = await order();
    expect(
      (await h.call("POST", `/merchant/v1/orders/${paid.order.id}/cancel`, { token: shop.tokens.staff, body: {} }))
        .status,
    ).toBe(409);
  });

  it("auto-confirms a shipment once its days have passed, once", async () => {
    const { order: o } = await order();
    await h.call("POST", `/merchant/v1/orders/${o.id}/ship`, {
      token: shop.tokens.staff,
      body: { carrier: "EMS", trackingNo: "E99887766" },
    });
    expect((await autoConfirmOrder(h.db, shop.id, o.id)).dueAt?.getTime()).toBeGreaterThan(
      Date.now() + 6.9 * 86_400_000,
    );
    await h.admin.withAdmin((tx) =>
      tx.order.update({ where: { id: o.id }, data: { shippedAt: new Date(Date.now() - 8 * 86_400_000) } }),
    );
    expect(await autoConfirmOrder(h.db, shop.id, o.id)).toEqual({ completed: true, dueAt: null });
    expect(await autoConfirmOrder(h.db, shop.id, o.id)).toEqual({ completed: false, dueAt: null });
    const after = await h.call("GET", `/merchant/v1/orders/${o.id}`, { token: shop.tokens.owner });
    expect((after.body as unknown as TOrder).history.at(-1)).toMatchObject({ to: "completed", actor: "system" });
  });

  it("ships many orders from a CSV, reporting every row and shipping nothing twice", async () => {
    const a = await order();
    const b = await order();
    const unpaid = await order({ pay: false });
    const pickup = await order({ delivery: "pickup" });
    const csv = [
      "\uFEFF订单号,快递公司,运单号",
      `${a.order.number},顺丰速运,SF1000000001`,
      `${b.order.number},中通快递,ZT2000000002`,
      `${a.order.number},顺丰速运,SF1000000001`,
      `${unpaid.order.number},EMS,E3000000003`,
      `${pickup.order.number},EMS,E4000000004`,
      "999999999999,EMS,E5000000005",
      `${b.order.number.slice(0, -1)}0,EMS,bad no!`,
    ].join("\n");
    const res = await h.call("POST", "/merchant/v1/orders/ship-batch", { token: shop.tokens.staff, body: { csv } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const out = res.body as unknown as {
      shipped: number;
      failed: number;
      rows: { line: number; ok: boolean; message: string | null }[];
    };
    expect(out.shipped).toBe(2);
    expect(out.rows.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, true],
      [4, false],
      [5, false],
      [6, false],
      [7, false],
      [8, false],
    ]);
    expect(out.rows[3]?.message).toBe("the order is pending_payment");
    const shipped = await h.call("GET", `/merchant/v1/orders/${b.order.id}`, { token: shop.tokens.owner });
    expect(shipped.body).toMatchObject({ status: "shipped", carrier: "中通快递", trackingNo: "ZT2000000002" });
    // Sent again: already shipped, nothing changes.
    const again = await h.call("POST", "/merchant/v1/orders/ship-batch", { token: shop.tokens.staff, body: { csv } });
    expect((again.body as unknown as { shipped: number }).shipped).toBe(0);
    const noHeader = await h.call("POST", "/merchant/v1/orders/ship-batch", {
      token: shop.tokens.staff,
      body: { csv: "a,b,c\n1,2,3" },
    });
    expect(noHeader.status).toBe(422);
  });
});

describe("order exports", () => {
  it("exports the filtered orders as CSV through a job with progress, masked for staff", async () => {
    const a = await order({ quantity: 2 });
    const b = await order({ pay: false });
    const ask = async (token: string, body: Record<string, unknown>) => {
      const res = await h.call("POST", "/merchant/v1/orders/exports", { token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      return String(res.body.id);
    };
    const paidOnly = await ask(shop.tokens.owner, { status: "paid" });
    const queued = await h.call("GET", `/merchant/v1/orders/exports/${paidOnly}`, { token: shop.tokens.owner });
    expect(queued.body).toMatchObject({ status: "queued", progress: 0, downloadPath: null, masked: false });
    expect(
      (await h.call("GET", `/merchant/v1/orders/exports/${paidOnly}/download`, { token: shop.tokens.owner })).status,
    ).toBe(409);
    const byStaff = await ask(shop.tokens.staff, {});

    await h.flushJobs();
    const done = await h.call("GET", `/merchant/v1/orders/exports/${paidOnly}`, { token: shop.tokens.owner });
    expect(done.body).toMatchObject({ status: "done", progress: 1, filters: { status: "paid" } });
    const paidCount = Number(done.body.totalOrders);
    expect(done.body.rowCount).toBe(paidCount);
    const file = await h.app.request(String(done.body.downloadPath), {
      headers: { authorization: `Bearer ${shop.tokens.owner}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/csv");
    expect(file.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for Chinese text
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith("订单号,下单时间,状态,")).toBe(true);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(paidCount + 1);
    const row = lines.find((l) => l.startsWith(a.order.number)) ?? "";
    expect(row).toContain("待发货");
    expect(row).toContain("13800138000");
    expect(row).toContain("铸铁茶壶,,199.00,2,398.00");
    expect(csv).not.toContain(b.order.number);

    const staffFile = await h.call("GET", `/merchant/v1/orders/exports/${byStaff}`, { token: shop.tokens.staff });
    expect(staffFile.body).toMatchObject({ status: "done", masked: true });
    const staffCsv = await (
      await h.app.request(`/merchant/v1/orders/exports/${byStaff}/download`, {
        headers: { authorization: `Bearer ${shop.tokens.staff}` },
      })
    ).text();
    expect(staffCsv).toContain(b.order.number);
    expect(staffCsv).toContain("138****8000");
    expect(staffCsv).not.toContain("13800138000");

    const list = await h.call("GET", "/merchant/v1/orders/exports", { token: shop.tokens.owner });
    expect((list.body.items as { id: string }[]).map((e) => e.id).slice(0, 2)).toEqual([byStaff, paidOnly]);
    // A second run of a finished export changes nothing.
    await h.admin.withAdmin((tx) =>
      tx.outboxEntry.updateMany({
        where: { job: "orders.export", tenantId: shop.id },
        data: { status: "pending", attempts: 0 },
      }),
    );
    await h.flushJobs();
    expect((await h.call("GET", `/merchant/v1/orders/exports/${paidOnly}`, { token: shop.tokens.owner })).body).toEqual(
      done.body,
    );
    const bad = await h.call("POST", "/merchant/v1/orders/exports", {
      token: shop.tokens.owner,
      body: { from: "yesterday" },
    });
    expect(bad.status).toBe(422);
  });
});
