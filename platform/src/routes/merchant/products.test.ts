// Products: create and read, the SKU matrix (3 dimensions, edits keeping survivors), bad money and
// stock input, SKU codes, the recycle bin and the plan quota, the list, and ids of another store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CreatedProduct,
  createProductVia,
  makeMedia,
  matrixSkus,
  productBody,
} from "../../services/catalog/catalog-fixtures.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  other = await h.tenant();
});
afterAll(async () => h?.close());

const P = "/merchant/v1/products";

async function get(id: string, t = shop) {
  const res = await h.call("GET", `${P}/${id}`, { token: t.tokens.staff });
  expect(res.status).toBe(200);
  return res.body as unknown as CreatedProduct & Record<string, unknown>;
}

async function patch(id: string, body: Record<string, unknown>, t = shop) {
  return h.call("PATCH", `${P}/${id}`, { token: t.tokens.admin, body });
}

function paths(res: { body: { error?: { details?: { path: string }[] } } }): string[] {
  return res.body.error?.details?.map((d) => d.path) ?? [];
}

describe("create and read", () => {
  it("stores a product with gallery, video, category, tags and SKUs, and keeps the totals", async () => {
    const [img1, img2, skuImg] = [await makeMedia(h, shop), await makeMedia(h, shop), await makeMedia(h, shop)];
    const video = await makeMedia(h, shop, "video");
    const cat = await h.call("POST", "/merchant/v1/categories", { token: shop.tokens.admin, body: { name: "Tea" } });
    const res = await h.call("POST", P, {
      token: shop.tokens.staff,
      body: {
        title: "  龙井  ",
        subtitle: "新茶",
        detailHtml: '<p onclick="x()">好茶<script>alert(1)</script></p><img src="https://cdn.test/a.png" onerror="x">',
        categoryId: cat.body.id,
        tags: ["绿茶", "春季"],
        imageIds: [img2, img1],
        videoMediaId: video,
        status: "on_shelf",
        dimensions: [{ name: "规格", values: ["50g", "100g"] }],
        skus: [
          { specValues: ["50g"], price: 6800, stock: 3, code: "LJ-50", imageMediaId: skuImg, weightGrams: 60 },
          { specValues: ["100g"], price: 12800, compareAtPrice: 15800, stock: 7, code: "LJ-100", lowStockThreshold: 2 },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const p = res.body.product as Record<string, unknown> & CreatedProduct;
    expect(res.body.removedSkus).toEqual([]);
    expect(p).toMatchObject({
      title: "龙井",
      detailHtml: '<p>好茶</p><img src="https://cdn.test/a.png" />',
      categoryId: cat.body.id,
      tags: ["绿茶", "春季"],
      status: "on_shelf",
      priceMin: 6800,
      priceMax: 12800,
      stockTotal: 10,
      deletedAt: null,
    });
    expect(p.onShelfAt).toEqual(expect.any(String));
    expect((p.images as { id: string; url: string }[]).map((i) => i.id)).toEqual([img2, img1]);
    expect((p.images as { url: string }[])[0]?.url).toMatch(/^http/);
    expect((p.video as { id: string }).id).toBe(video);
    expect(p.skus.map((s) => [s.specValues, s.stock, s.code])).toEqual([
      [["50g"], 3, "LJ-50"],
      [["100g"], 7, "LJ-100"],
    ]);
    expect(p.skus[0]).toMatchObject({
      imageMediaId: skuImg,
      weightGrams: 60,
      stockState: "low_stock",
      effectiveLowStock: 10,
    });
    expect(p.skus[1]).toMatchObject({ compareAtPrice: 15800, stockState: "in_stock", effectiveLowStock: 2 });
    expect(await get(p.id)).toEqual(p);

    const draft = await createProductVia(h, shop.tokens.staff, productBody());
    expect(draft).toMatchObject({ status: "draft", onShelfAt: null });
    const listed = await patch(draft.id, { status: "on_shelf" });
    expect(listed.body.product).toMatchObject({ status: "on_shelf", onShelfAt: expect.any(String) });
  });

  it("refuses ids of another store, or of the wrong kind, naming the field and nothing else", async () => {
    const theirCat = (
      await h.call("POST", "/merchant/v1/categories", { token: other.tokens.admin, body: { name: "Secret" } })
    ).body.id as string;
    const theirImage = await makeMedia(h, other);
    const myImage = await makeMedia(h, shop);
    const myVideo = await makeMedia(h, shop, "video");
    const missing = "0190d7c4-0000-7000-8000-00000000abcd";
    const res = await h.call("POST", P, {
      token: shop.tokens.staff,
      body: productBody({
        categoryId: theirCat,
        imageIds: [myVideo, theirImage, missing, myImage],
        videoMediaId: myImage,
        skus: [{ specValues: [], price: 1, stock: 1, imageMediaId: theirImage }],
      }),
    });
    expect(res.status).toBe(422);
    expect(paths(res).sort()).toEqual(
      ["categoryId", "imageIds.0", "imageIds.1", "imageIds.2", "skus.0.imageMediaId", "videoMediaId"].sort(),
    );
    const text = JSON.stringify(res.body);
    for (const secret of [theirCat, theirImage, "Secret", other.id]) expect(text).not.toContain(secret);
    // The same for an edit, and repeated images.
    const mine = await createProductVia(h, shop.tokens.staff, productBody());
    const edit = await patch(mine.id, { categoryId: theirCat, imageIds: [myImage, myImage] });
    expect(edit.status).toBe(422);
    expect(paths(edit)).toEqual(["imageIds.1"]);
    const edit2 = await patch(mine.id, { categoryId: theirCat });
    expect(paths(edit2)).toEqual(["categoryId"]);
    expect((await get(mine.id)).categoryId).toBeNull();
  });

  it("another store's product is a 404 for every verb and absent from lists", async () => {
    const theirs = await createProductVia(h, other.tokens.staff, productBody({ title: "Their secret" }));
    for (const [method, path, body] of [
      ["GET", `${P}/${theirs.id}`],
      ["PATCH", `${P}/${theirs.id}`, { title: "Hijacked" }],
      ["DELETE", `${P}/${theirs.id}`],
      ["POST", `${P}/${theirs.id}/restore`],
      ["DELETE", `${P}/${theirs.id}/forever`],
      ["GET", `${P}/${theirs.id}/inventory`],
    ] as const) {
      const res = await h.call(method, path, { token: shop.tokens.owner, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = await h.call("GET", `${P}?q=secret`, { token: shop.tokens.owner });
    expect(list.body.items).toEqual([]);
    expect((await get(theirs.id, other)).title).toBe("Their secret");
  });
});

describe("SKU matrix", () => {
  const dims = [
    { name: "颜色", values: ["红", "蓝"] },
    { name: "尺码", values: ["S", "M", "L"] },
    { name: "材质", values: ["棉", "麻"] },
  ];

  it("creates 3 dimensions, then an edit keeps surviving combinations (ids and stock) and reports the rest", async () => {
    const p = await createProductVia(h, shop.tokens.staff, productBody({ dimensions: dims, skus: matrixSkus(dims) }));
    expect(p.skus).toHaveLength(12);
    expect(p.stockTotal).toBe(66); // 0 + 1 + ... + 11
    const byKey = new Map(p.skus.map((s) => [s.specValues.join("/"), s]));

    // Rename a dimension (values unchanged), drop the value L, add XL.
    const next = [
      { name: "颜色", values: ["红", "蓝"] },
      { name: "Size", values: ["S", "M", "XL"] },
      { name: "材质", values: ["棉", "麻"] },
    ];
    const skus = matrixSkus(next, (values) => {
      const old = byKey.get(values.join("/"));
      return { stock: old ? old.stock : 100, price: 2000 };
    });
    const res = await patch(p.id, { dimensions: next, skus });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const saved = res.body.product as CreatedProduct & Record<string, unknown>;
    expect(saved.dimensions).toEqual(next);
    expect(saved.skus).toHaveLength(12);
    let survivors = 0;
    for (const s of saved.skus) {
      const old = byKey.get(s.specValues.join("/"));
      if (old) {
        survivors++;
        expect(s.id).toBe(old.id);
        expect(s.stock).toBe(old.stock);
      } else {
        expect(s.specValues[1]).toBe("XL");
        expect(s.stock).toBe(100);
      }
      expect(s.price).toBe(2000);
    }
    expect(survivors).toBe(8);
    const removed = res.body.removedSkus as { id: string; specValues: string[] }[];
    expect(removed.map((r) => r.specValues[1])).toEqual(["L", "L", "L", "L"]);
    expect(removed.map((r) => r.id).sort()).toEqual(
      p.skus
        .filter((s) => s.specValues[1] === "L")
        .map((s) => s.id)
        .sort(),
    );
    expect(saved).toMatchObject({ priceMin: 2000, priceMax: 2000 });
    expect(saved.stockTotal).toBe(saved.skus.reduce((n, s) => n + s.stock, 0));

    // SKUs alone (dimensions kept): change one stock, which the ledger records as manual.
    const again = saved.skus.map((s, i) => ({
      specValues: s.specValues,
      price: s.price,
      stock: i === 0 ? 42 : s.stock,
    }));
    const res2 = await patch(p.id, { skus: again });
    expect(res2.status).toBe(200);
    expect(res2.body.removedSkus).toEqual([]);
    const first = (res2.body.product as CreatedProduct).skus[0];
    expect(first).toMatchObject({ id: saved.skus[0]?.id, stock: 42 });
    const ledger = await h.call("GET", `${P}/${p.id}/inventory?skuId=${first?.id}`, { token: shop.tokens.staff });
    expect((ledger.body.items as { reason: string; delta: number }[])[0]).toMatchObject({
      reason: "manual",
      delta: 42 - (saved.skus[0]?.stock ?? 0),
    });
  });

  it("adding a dimension replaces every SKU (documented: combinations match by all values in order)", async () => {
    const one = [{ name: "颜色", values: ["红"] }];
    const p = await createProductVia(h, shop.tokens.staff, productBody({ dimensions: one, skus: matrixSkus(one) }));
    const two = [...one, { name: "尺码", values: ["S"] }];
    const res = await patch(p.id, { dimensions: two, skus: matrixSkus(two) });
    expect(res.status).toBe(200);
    expect(res.body.removedSkus).toEqual([{ id: p.skus[0]?.id, specValues: ["红"], code: null }]);
  });

  it("refuses combinations that do not fit, repeat, or leave gaps, with the field path", async () => {
    const all = matrixSkus(dims);
    const wrongValue = all.map((s, i) => (i === 3 ? { ...s, specValues: ["红", "XL", "棉"] } : s));
    const wrongArity = all.map((s, i) => (i === 3 ? { ...s, specValues: ["红", "S"] } : s));
    const repeated = all.map((s, i) => (i === 3 ? { ...s, specValues: all[0]?.specValues } : s));
    const cases: [unknown[], string][] = [
      [wrongValue, "skus.3.specValues"],
      [wrongArity, "skus.3.specValues"],
      [repeated, "skus.3.specValues"],
      [all.slice(1), "skus"],
      [[...all, all[0]], "skus.12.specValues"],
    ];
    for (const [skus, path] of cases) {
      const res = await h.call("POST", P, {
        token: shop.tokens.staff,
        body: productBody({ dimensions: dims, skus: skus as never }),
      });
      expect(res.status).toBe(422);
      expect(paths(res)).toContain(path);
    }
    const none = await h.call("POST", P, {
      token: shop.tokens.staff,
      body: productBody({
        skus: [
          { specValues: [], price: 1, stock: 1 },
          { specValues: [], price: 2, stock: 1 },
        ],
      }),
    });
    expect(paths(none)).toEqual(["skus.1.specValues"]);
    const empty = await h.call("POST", P, { token: shop.tokens.staff, body: productBody({ skus: [] }) });
    expect(paths(empty)).toEqual(["skus"]);

    // An edit is checked against the stored dimensions when only skus come.
    const p = await createProductVia(h, shop.tokens.staff, productBody({ dimensions: dims, skus: all }));
    const bad = await patch(p.id, { skus: all.slice(0, 11) });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(["skus"]);
    const dimsOnly = await patch(p.id, { dimensions: [] });
    expect(dimsOnly.status).toBe(422);
    expect(paths(dimsOnly)).toEqual(["skus"]);
    expect((await get(p.id)).skus).toHaveLength(12);
  });

  it("limits: 3 dimensions, 30 values each; 30 x 30 SKUs save", async () => {
    const four = [0, 1, 2, 3].map((d) => ({ name: `d${d}`, values: ["a"] }));
    const r4 = await h.call("POST", P, {
      token: shop.tokens.staff,
      body: productBody({ dimensions: four, skus: matrixSkus(four) }),
    });
    expect(r4.status).toBe(422);
    expect(paths(r4)).toContain("dimensions");
    const thirtyOne = [{ name: "d", values: Array.from({ length: 31 }, (_, i) => `v${i}`) }];
    const r31 = await h.call("POST", P, {
      token: shop.tokens.staff,
      body: productBody({ dimensions: thirtyOne, skus: matrixSkus(thirtyOne) }),
    });
    expect(r31.status).toBe(422);
    expect(paths(r31)).toContain("dimensions.0.values");

    const big = [
      { name: "a", values: Array.from({ length: 30 }, (_, i) => `a${i}`) },
      { name: "b", values: Array.from({ length: 30 }, (_, i) => `b${i}`) },
      { name: "c", values: ["c"] },
    ];
    const p = await createProductVia(h, shop.tokens.staff, productBody({ dimensions: big, skus: matrixSkus(big) }));
    expect(p.skus).toHaveLength(900);
    expect(p.stockTotal).toBe((899 * 900) / 2);
  });
});

describe("bad money and stock", () => {
  it("refuses negative, fractional, huge or non-numeric values with a 422 at the field (never a 500)", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ price: -1 }, "skus.0.price"],
      [{ price: 1.5 }, "skus.0.price"],
      [{ price: "100" }, "skus.0.price"],
      [{ price: null }, "skus.0.price"],
      [{ price: 2_000_000_001 }, "skus.0.price"],
      [{ price: 1e20 }, "skus.0.price"],
      [{ compareAtPrice: -5 }, "skus.0.compareAtPrice"],
      [{ compareAtPrice: 3_000_000_000 }, "skus.0.compareAtPrice"],
      [{ stock: -1 }, "skus.0.stock"],
      [{ stock: 0.5 }, "skus.0.stock"],
      [{ stock: 10_000_001 }, "skus.0.stock"],
      [{ stock: "5" }, "skus.0.stock"],
      [{ weightGrams: -1 }, "skus.0.weightGrams"],
      [{ lowStockThreshold: -1 }, "skus.0.lowStockThreshold"],
    ];
    for (const [bad, path] of cases) {
      const res = await h.call("POST", P, {
        token: shop.tokens.staff,
        body: productBody({ skus: [{ specValues: [], price: 100, stock: 1, ...bad }] }),
      });
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(paths(res)).toContain(path);
    }
    const biggest = await createProductVia(
      h,
      shop.tokens.staff,
      productBody({
        skus: [{ specValues: [], price: 2_000_000_000, compareAtPrice: 2_000_000_000, stock: 10_000_000 }],
      }),
    );
    expect(biggest).toMatchObject({ priceMax: 2_000_000_000, stockTotal: 10_000_000 });
  });
});

describe("SKU codes", () => {
  it("are unique per store: repeated in the request (422) or taken by another product (409)", async () => {
    const dup = await h.call("POST", P, {
      token: shop.tokens.staff,
      body: productBody({
        dimensions: [{ name: "c", values: ["a", "b"] }],
        skus: [
          { specValues: ["a"], price: 1, stock: 1, code: "DUP-1" },
          { specValues: ["b"], price: 1, stock: 1, code: "DUP-1" },
        ],
      }),
    });
    expect(dup.status).toBe(422);
    expect(paths(dup)).toEqual(["skus.1.code"]);

    const first = await createProductVia(
      h,
      shop.tokens.staff,
      productBody({ skus: [{ specValues: [], price: 1, stock: 1, code: "TAKEN-1" }] }),
    );
    const taken = await h.call("POST", P, {
      token: shop.tokens.staff,
      body: productBody({ skus: [{ specValues: [], price: 1, stock: 1, code: "TAKEN-1" }] }),
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: "sku_code_taken", message: expect.stringContaining("TAKEN-1") });
    expect(paths(taken)).toEqual(["skus.0.code"]);
    const second = await createProductVia(
      h,
      shop.tokens.staff,
      productBody({ skus: [{ specValues: [], price: 1, stock: 1, code: "FREE-1" }] }),
    );
    const viaEdit = await patch(second.id, { skus: [{ specValues: [], price: 1, stock: 1, code: "TAKEN-1" }] });
    expect(viaEdit.status).toBe(409);
    // Another store may use the same code; a product keeps its own code on edit.
    await createProductVia(
      h,
      other.tokens.staff,
      productBody({ skus: [{ specValues: [], price: 1, stock: 1, code: "TAKEN-1" }] }),
    );
    const keep = await patch(first.id, { skus: [{ specValues: [], price: 2, stock: 1, code: "TAKEN-1" }] });
    expect(keep.status).toBe(200);
  });

  it("two concurrent creates claiming one new code: one wins, the other gets 409", async () => {
    const body = productBody({ skus: [{ specValues: [], price: 1, stock: 1, code: "RACE-1" }] });
    const results = await Promise.all([0, 1, 2].map(() => h.call("POST", P, { token: shop.tokens.staff, body })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error?.code).toBe("sku_code_taken");
  });

  it("two SKUs of one product may swap codes in one edit", async () => {
    const dims = [{ name: "c", values: ["a", "b"] }];
    const p = await createProductVia(
      h,
      shop.tokens.staff,
      productBody({
        dimensions: dims,
        skus: [
          { specValues: ["a"], price: 1, stock: 1, code: "SWAP-A" },
          { specValues: ["b"], price: 1, stock: 1, code: "SWAP-B" },
        ],
      }),
    );
    const res = await patch(p.id, {
      skus: [
        { specValues: ["a"], price: 1, stock: 1, code: "SWAP-B" },
        { specValues: ["b"], price: 1, stock: 1, code: "SWAP-A" },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body.product as CreatedProduct).skus.map((s) => s.code)).toEqual(["SWAP-B", "SWAP-A"]);
  });

  it("refuses codes outside the allowed characters", async () => {
    const res = await h.call("POST", P, {
      token: shop.tokens.staff,
      body: productBody({ skus: [{ specValues: [], price: 1, stock: 1, code: "has space" }] }),
    });
    expect(paths(res)).toEqual(["skus.0.code"]);
  });
});

describe("recycle bin and quota", () => {
  it("deletes to the bin (off the shelf), restores, and deletes forever only from the bin", async () => {
    const t = await h.tenant();
    const p = await createProductVia(h, t.tokens.staff, productBody({ status: "on_shelf" }));
    const early = await h.call("DELETE", `${P}/${p.id}/forever`, { token: t.tokens.staff });
    expect(early.status).toBe(409);
    expect((await h.call("DELETE", `${P}/${p.id}`, { token: t.tokens.staff })).status).toBe(200);
    expect((await h.call("DELETE", `${P}/${p.id}`, { token: t.tokens.staff })).status).toBe(200);
    const binned = await get(p.id, t);
    expect(binned).toMatchObject({ status: "off_shelf", deletedAt: expect.any(String) });
    const bin = await h.call("GET", `${P}?status=deleted`, { token: t.tokens.staff });
    expect((bin.body.items as { id: string }[]).map((i) => i.id)).toEqual([p.id]);
    expect(bin.body.counts).toMatchObject({ all: 0, deleted: 1 });
    const edit = await patch(p.id, { title: "x" }, t);
    expect(edit.status).toBe(409);

    const restored = await h.call("POST", `${P}/${p.id}/restore`, { token: t.tokens.staff });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: p.id, deletedAt: null, status: "off_shelf" });

    await h.call("DELETE", `${P}/${p.id}`, { token: t.tokens.staff });
    expect((await h.call("DELETE", `${P}/${p.id}/forever`, { token: t.tokens.staff })).status).toBe(200);
    expect((await h.call("GET", `${P}/${p.id}`, { token: t.tokens.staff })).status).toBe(404);
    const skusLeft = await h.admin.withAdmin((tx) => tx.sku.count({ where: { productId: p.id } }));
    expect(skusLeft).toBe(0);
  });

  it("stops at the plan's product quota on create and restore (402); the bin does not count", async () => {
    const t = await h.tenant(undefined, { plan: "free" }); // 100 products
    await h.admin.withAdmin((tx) =>
      tx.product.createMany({ data: Array.from({ length: 99 }, (_, i) => ({ tenantId: t.id, title: `Filler ${i}` })) }),
    );
    const last = await createProductVia(h, t.tokens.staff, productBody());
    const over = await h.call("POST", P, { token: t.tokens.staff, body: productBody() });
    expect(over.status).toBe(402);
    expect(over.body.error).toMatchObject({ code: "plan_limit", message: expect.stringContaining("100") });

    await h.call("DELETE", `${P}/${last.id}`, { token: t.tokens.staff });
    const refill = await createProductVia(h, t.tokens.staff, productBody());
    const restore = await h.call("POST", `${P}/${last.id}/restore`, { token: t.tokens.staff });
    expect(restore.status).toBe(402);
    const bulkRestore = await h.call("POST", `${P}/bulk`, {
      token: t.tokens.staff,
      body: { action: "restore", ids: [last.id] },
    });
    expect(bulkRestore.status).toBe(402);
    await h.call("DELETE", `${P}/${refill.id}`, { token: t.tokens.staff });
    expect((await h.call("POST", `${P}/${last.id}/restore`, { token: t.tokens.staff })).status).toBe(200);
  });
});

describe("list", () => {
  let t: TenantFixture;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await h.tenant();
    const parent = await h.call("POST", "/merchant/v1/categories", { token: t.tokens.admin, body: { name: "P" } });
    const child = await h.call("POST", "/merchant/v1/categories", {
      token: t.tokens.admin,
      body: { name: "C", parentId: parent.body.id },
    });
    ids.parent = String(parent.body.id);
    ids.child = String(child.body.id);
    const image = await makeMedia(h, t);
    const make = async (key: string, over: Record<string, unknown>) => {
      ids[key] = (await createProductVia(h, t.tokens.staff, productBody(over))).id;
    };
    await make("apple", {
      title: "Apple",
      status: "on_shelf",
      tags: ["fruit"],
      categoryId: ids.parent,
      imageIds: [image],
      skus: [{ specValues: [], price: 300, stock: 50, code: "APL-1" }],
    });
    await make("banana", {
      title: "Banana",
      status: "on_shelf",
      tags: ["fruit"],
      categoryId: ids.child,
      skus: [{ specValues: [], price: 100, stock: 3 }],
    });
    await make("cherry", { title: "Cherry 100%", status: "draft", skus: [{ specValues: [], price: 900, stock: 0 }] });
    await make("date", {
      title: "Date",
      status: "off_shelf",
      tags: ["dry"],
      skus: [{ specValues: [], price: 500, stock: 100, lowStockThreshold: 200 }],
    });
    await make("elder", { title: "Elderberry", status: "on_shelf", skus: [{ specValues: [], price: 200, stock: 11 }] });
    await make("fig", { title: "Fig", status: "on_shelf", skus: [{ specValues: [], price: 700, stock: 30 }] });
    await h.call("DELETE", `${P}/${ids.fig}`, { token: t.tokens.staff });
  });

  async function list(query: string) {
    const res = await h.call("GET", `${P}${query}`, { token: t.tokens.staff });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as {
      items: { id: string; title: string; lowStock: boolean; skuCount: number; image: unknown }[];
      nextCursor: string | null;
      counts: Record<string, number>;
    };
  }
  const titles = (page: { items: { title: string }[] }) => page.items.map((i) => i.title);

  it("has tabs with counts, the bin apart", async () => {
    const all = await list("");
    expect(titles(all)).toEqual(["Elderberry", "Date", "Cherry 100%", "Banana", "Apple"]);
    expect(all.counts).toEqual({ all: 5, draft: 1, on_shelf: 3, off_shelf: 1, deleted: 1, lowStock: 3 });
    expect(titles(await list("?status=on_shelf"))).toEqual(["Elderberry", "Banana", "Apple"]);
    expect(titles(await list("?status=deleted"))).toEqual(["Fig"]);
    const apple = all.items.find((i) => i.title === "Apple");
    expect(apple).toMatchObject({ skuCount: 1, lowStock: false, image: { url: expect.stringMatching(/^http/) } });
  });

  it("filters by category (with subcategories), tag, text and SKU code, and low stock", async () => {
    expect(titles(await list(`?categoryId=${ids.parent}`))).toEqual(["Banana", "Apple"]);
    expect(titles(await list(`?categoryId=${ids.child}`))).toEqual(["Banana"]);
    const fruit = await list("?tag=fruit");
    expect(titles(fruit)).toEqual(["Banana", "Apple"]);
    expect(fruit.counts).toMatchObject({ all: 2, on_shelf: 2, lowStock: 1 });
    expect(titles(await list("?q=berry"))).toEqual(["Elderberry"]);
    expect(titles(await list("?q=apl-1"))).toEqual(["Apple"]);
    expect(titles(await list("?q=100%25"))).toEqual(["Cherry 100%"]);
    expect(titles(await list("?q=_"))).toEqual([]);
    // Banana: 3 <= 10; Cherry: out of stock; Date: 100 <= its own 200. Elderberry: 11 > 10.
    expect(titles(await list("?lowStock=true"))).toEqual(["Date", "Cherry 100%", "Banana"]);
    expect(titles(await list("?lowStock=false"))).toEqual(["Elderberry", "Apple"]);
    expect(titles(await list("?lowStock=true&status=on_shelf"))).toEqual(["Banana"]);
  });

  it("sorts by whitelisted fields and pages with a cursor, without gaps or repeats", async () => {
    for (const [sort, expected] of [
      ["price", ["Banana", "Elderberry", "Apple", "Date", "Cherry 100%"]],
      ["-price", ["Cherry 100%", "Date", "Apple", "Elderberry", "Banana"]],
      ["stock", ["Cherry 100%", "Banana", "Elderberry", "Apple", "Date"]],
      ["title", ["Apple", "Banana", "Cherry 100%", "Date", "Elderberry"]],
      ["createdAt", ["Apple", "Banana", "Cherry 100%", "Date", "Elderberry"]],
      ["-createdAt", ["Elderberry", "Date", "Cherry 100%", "Banana", "Apple"]],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...titles(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(expected);
    }
  });

  it("refuses unknown parameters, sorts and forged cursors with 422", async () => {
    for (const q of ["?sort=secret", "?color=red", "?limit=101", "?status=gone", "?cursor=nonsense"]) {
      const res = await h.call("GET", `${P}${q}`, { token: t.tokens.staff });
      expect(res.status, q).toBe(422);
    }
    const titleCursor = (await list("?sort=title&limit=1")).nextCursor;
    const res = await h.call("GET", `${P}?sort=price&cursor=${titleCursor}`, { token: t.tokens.staff });
    expect(res.status).toBe(422);
    expect(res.body.error?.details?.[0]?.path).toBe("cursor");
  });
});

describe("bulk", () => {
  async function fixture() {
    const t = await h.tenant();
    const a = await createProductVia(
      h,
      t.tokens.staff,
      productBody({ title: "A", skus: [{ specValues: [], price: 1000, stock: 5 }] }),
    );
    const dims = [{ name: "s", values: ["x", "y"] }];
    const b = await createProductVia(
      h,
      t.tokens.staff,
      productBody({
        title: "B",
        dimensions: dims,
        skus: [
          { specValues: ["x"], price: 100, stock: 1 },
          { specValues: ["y"], price: 300, stock: 9 },
        ],
      }),
    );
    return { t, a, b };
  }
  const snapshot = (tenantId: string) =>
    h.admin.withAdmin(async (tx) => ({
      products: await tx.product.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
      skus: await tx.sku.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
      ledger: await tx.inventoryLedgerEntry.count({ where: { tenantId } }),
    }));
  const bulk = (t: TenantFixture, body: Record<string, unknown>) =>
    h.call("POST", `${P}/bulk`, { token: t.tokens.staff, body });

  it("shelves, moves, bins and restores many products at once", async () => {
    const { t, a, b } = await fixture();
    expect((await bulk(t, { action: "on_shelf", ids: [a.id, b.id, a.id] })).body).toEqual({ updated: 2 });
    expect((await get(a.id, t)).status).toBe("on_shelf");
    expect((await bulk(t, { action: "off_shelf", ids: [a.id] })).body).toEqual({ updated: 1 });
    const cat = await h.call("POST", "/merchant/v1/categories", { token: t.tokens.admin, body: { name: "K" } });
    expect((await bulk(t, { action: "move_category", ids: [a.id, b.id], categoryId: cat.body.id })).status).toBe(200);
    expect((await get(b.id, t)).categoryId).toBe(cat.body.id);
    const theirCat = await h.call("POST", "/merchant/v1/categories", {
      token: other.tokens.admin,
      body: { name: "T" },
    });
    const foreign = await bulk(t, { action: "move_category", ids: [a.id], categoryId: theirCat.body.id });
    expect(foreign.status).toBe(422);
    expect(paths(foreign)).toEqual(["categoryId"]);
    expect((await bulk(t, { action: "delete", ids: [a.id, b.id] })).body).toEqual({ updated: 2 });
    const onBinned = await bulk(t, { action: "on_shelf", ids: [a.id] });
    expect(onBinned.status).toBe(409);
    expect((await bulk(t, { action: "restore", ids: [a.id, b.id] })).body).toEqual({ updated: 2 });
    expect((await get(a.id, t)).deletedAt).toBeNull();
  });

  it("adjusts prices by delta, percent or set, and refuses the whole batch if any SKU would go below 0", async () => {
    const { t, a, b } = await fixture();
    expect((await bulk(t, { action: "adjust_price", ids: [a.id, b.id], mode: "percent", value: -15 })).status).toBe(
      200,
    );
    expect((await get(a.id, t)).skus.map((s) => s.price)).toEqual([850]);
    expect((await get(b.id, t)).skus.map((s) => s.price)).toEqual([85, 255]);
    expect((await get(b.id, t)).priceMin).toBe(85);

    const before = await snapshot(t.id);
    const res = await bulk(t, { action: "adjust_price", ids: [a.id, b.id], mode: "delta", value: -100 });
    expect(res.status).toBe(422);
    expect(res.body.error?.message).toContain("below 0");
    expect(res.body.error?.details).toEqual([
      expect.objectContaining({ path: "ids.1", message: expect.stringContaining("-15") }),
    ]);
    expect(await snapshot(t.id)).toEqual(before);
    expect((await bulk(t, { action: "adjust_price", ids: [a.id, b.id], mode: "percent", value: -101 })).status).toBe(
      422,
    );
    expect((await bulk(t, { action: "adjust_price", ids: [a.id], mode: "delta", value: 1_999_999_999 })).status).toBe(
      422,
    );
    expect(await snapshot(t.id)).toEqual(before);

    expect((await bulk(t, { action: "adjust_price", ids: [b.id], mode: "set", value: 499 })).status).toBe(200);
    expect(await get(b.id, t)).toMatchObject({ priceMin: 499, priceMax: 499 });
  });

  it("adjusts stock through the ledger, all or nothing", async () => {
    const { t, a, b } = await fixture();
    const before = await snapshot(t.id);
    const res = await bulk(t, { action: "adjust_stock", ids: [a.id, b.id], mode: "delta", value: -2 });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(["ids.1"]);
    expect(await snapshot(t.id)).toEqual(before);

    expect((await bulk(t, { action: "adjust_stock", ids: [a.id, b.id], mode: "delta", value: 3 })).status).toBe(200);
    expect((await get(b.id, t)).skus.map((s) => s.stock)).toEqual([4, 12]);
    expect((await bulk(t, { action: "adjust_stock", ids: [b.id], mode: "set", value: 7 })).status).toBe(200);
    const after = await get(b.id, t);
    expect(after.skus.map((s) => s.stock)).toEqual([7, 7]);
    expect(after.stockTotal).toBe(14);
    const ledger = await h.call("GET", `${P}/${b.id}/inventory`, { token: t.tokens.staff });
    expect((ledger.body.items as { reason: string; delta: number }[]).map((e) => [e.reason, e.delta])).toEqual(
      expect.arrayContaining([
        ["bulk", 3],
        ["bulk", 3],
        ["bulk", 3],
        ["bulk", -5],
      ]),
    );
  });

  it("one id of another store (or none at all) fails the whole batch with 404, nothing written", async () => {
    const { t, a, b } = await fixture();
    const theirs = await createProductVia(h, other.tokens.staff, productBody());
    const mine = await snapshot(t.id);
    const theirsBefore = await snapshot(other.id);
    for (const body of [
      { action: "on_shelf", ids: [a.id, theirs.id, b.id] },
      { action: "delete", ids: [a.id, theirs.id] },
      { action: "adjust_price", ids: [theirs.id, a.id], mode: "set", value: 1 },
      { action: "adjust_stock", ids: [a.id, "0190d7c4-0000-7000-8000-00000000dead"], mode: "delta", value: 1 },
    ]) {
      const res = await bulk(t, body);
      expect(res.status, JSON.stringify(body)).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(other.id);
    }
    expect(await snapshot(t.id)).toEqual(mine);
    expect(await snapshot(other.id)).toEqual(theirsBefore);
  });
});
