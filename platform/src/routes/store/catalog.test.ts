// Shopper catalog routes, happy paths and bad input: category tree, product list (filters, sorts,
// cursor pages), product page with the SKU matrix, search in Chinese and Latin, suggestions, hot words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { makeCategory, makeMedia, makeProduct } from "../../test/storefront-fixtures.ts";

let h: Harness;
let a: TenantFixture;
const ids: Record<string, string> = {};
const media: Record<string, string> = {};
const cats: Record<string, string> = {};

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

function get(path: string) {
  return h.call("GET", `/store/v1${path}`, { headers: { "x-mallwright-tenant": a.key } });
}

interface Card {
  id: string;
  title: string;
  image: string | null;
  stockState: string;
  compareAtPrice: number | null;
  priceMin: number;
  priceMax: number;
}

async function list(query: string): Promise<{ items: Card[]; nextCursor: string | null }> {
  const res = await get(`/products${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as { items: Card[]; nextCursor: string | null };
}

async function titles(query: string): Promise<string[]> {
  return (await list(query)).items.map((c) => c.title);
}

/** Every page of a query, following the cursor with the given page size. */
async function allPages(query: string, limit: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const sep = query ? "&" : "?";
    const page = await list(
      `${query}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`.replace(/^&/, "?"),
    );
    out.push(...page.items.map((c) => c.title));
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error("cursor never ended");
}

beforeAll(async () => {
  h = await startHarness();
  a = await h.tenant();
  media.img1 = await makeMedia(h, a.id, { thumb: true });
  media.img2 = await makeMedia(h, a.id);
  media.icon = await makeMedia(h, a.id, { thumb: true });
  media.video = await makeMedia(h, a.id, { kind: "video" });
  media.swatch = await makeMedia(h, a.id, { thumb: true });

  cats.women = await makeCategory(h, a.id, { name: "Women", position: 0, iconMediaId: media.icon });
  cats.men = await makeCategory(h, a.id, { name: "Men", position: 1 });
  cats.hidden = await makeCategory(h, a.id, { name: "Hidden", position: 2, visible: false });
  cats.dresses = await makeCategory(h, a.id, { name: "Dresses", parentId: cats.women, position: 1 });
  cats.tops = await makeCategory(h, a.id, { name: "Tops", parentId: cats.women, position: 0 });
  cats.clearance = await makeCategory(h, a.id, { name: "Clearance", parentId: cats.women, visible: false });
  cats.hiddenChild = await makeCategory(h, a.id, { name: "Under hidden", parentId: cats.hidden });

  ids.p1 = await makeProduct(h, a.id, {
    title: "夏季碎花连衣裙",
    subtitle: "法式复古",
    tags: ["连衣裙", "新品"],
    categoryId: cats.dresses,
    dimensions: [
      { name: "颜色", values: ["红", "蓝"] },
      { name: "尺码", values: ["S", "M", "L"] },
    ],
    skus: [
      { specValues: ["红", "S"], price: 19900, stock: 0, compareAtPrice: 25900, imageMediaId: media.swatch },
      { specValues: ["红", "M"], price: 19900, stock: 3 },
      { specValues: ["红", "L"], price: 19900, stock: 0 },
      { specValues: ["蓝", "S"], price: 21900, stock: 20 },
      { specValues: ["蓝", "M"], price: 21900, stock: 15, lowStockThreshold: 20 },
      { specValues: ["蓝", "L"], price: 21900, stock: 0 },
    ],
    imageIds: [media.img1 ?? "", media.img2 ?? ""],
    videoMediaId: media.video,
    salesCount: 50,
    createdAt: minutesAgo(50),
  });
  ids.p2 = await makeProduct(h, a.id, {
    title: "Red Summer Dress",
    subtitle: "cotton",
    tags: ["Dress"],
    categoryId: cats.women,
    skus: [{ price: 9900, stock: 100 }],
    salesCount: 10,
    createdAt: minutesAgo(40),
  });
  ids.p3 = await makeProduct(h, a.id, {
    title: "Linen shirt",
    subtitle: "with a red collar",
    categoryId: cats.men,
    skus: [{ price: 5000, stock: 5 }],
    salesCount: 30,
    createdAt: minutesAgo(30),
  });
  ids.p4 = await makeProduct(h, a.id, {
    title: "Wool scarf 100%_pure",
    tags: ["red"],
    skus: [{ price: 3000, stock: 0 }],
    createdAt: minutesAgo(20),
  });
  ids.p8 = await makeProduct(h, a.id, {
    title: "Beach hat",
    categoryId: cats.hiddenChild,
    dimensions: [{ name: "Size", values: ["S", "L"] }],
    skus: [
      { specValues: ["S"], price: 12000, stock: 40 },
      { specValues: ["L"], price: 15000, stock: 40 },
    ],
    createdAt: minutesAgo(10),
  });
  ids.draft = await makeProduct(h, a.id, { title: "连衣裙 red draft", status: "draft" });
  ids.off = await makeProduct(h, a.id, { title: "连衣裙 red off shelf", status: "off_shelf" });
  ids.deleted = await makeProduct(h, a.id, { title: "连衣裙 red binned", deletedAt: new Date() });
});

afterAll(async () => {
  await h?.close();
});

describe("GET /store/v1/categories", () => {
  it("gives the visible tree in order, with icon thumbnails", async () => {
    const res = await get("/categories");
    expect(res.status).toBe(200);
    const items = res.body.items as {
      id: string;
      name: string;
      iconUrl: string | null;
      children: { name: string }[];
    }[];
    expect(items.map((c) => c.name)).toEqual(["Women", "Men"]);
    expect(items[0]?.children.map((c) => c.name)).toEqual(["Tops", "Dresses"]);
    expect(items[0]?.iconUrl).toMatch(/^http:\/\/mallwright\.test\/files\/.+-thumb\.webp$/);
    expect(items[1]?.iconUrl).toBeNull();
    expect(items[1]?.children).toEqual([]);
  });
});

describe("GET /store/v1/products", () => {
  it("lists on-shelf products newest first; drafts, off-shelf and binned ones never", async () => {
    expect(await titles("")).toEqual([
      "Beach hat",
      "Wool scarf 100%_pure",
      "Linen shirt",
      "Red Summer Dress",
      "夏季碎花连衣裙",
    ]);
  });

  it("shows cards with price range, struck-through price, stock state and thumbnail", async () => {
    const cards = new Map((await list("")).items.map((c) => [c.id, c]));
    const p1 = cards.get(ids.p1 ?? "");
    expect(p1).toMatchObject({ priceMin: 19900, priceMax: 21900, compareAtPrice: 25900, stockState: "in_stock" });
    expect(p1?.image).toMatch(/-thumb\.webp$/);
    expect(cards.get(ids.p3 ?? "")?.stockState).toBe("low_stock"); // 5 <= default 10
    expect(cards.get(ids.p4 ?? "")?.stockState).toBe("out_of_stock");
    expect(cards.get(ids.p2 ?? "")).toMatchObject({ stockState: "in_stock", compareAtPrice: null, image: null });
  });

  it("filters by category; a top-level category includes its subcategories", async () => {
    expect(await titles(`?category=${cats.women}`)).toEqual(["Red Summer Dress", "夏季碎花连衣裙"]);
    expect(await titles(`?category=${cats.dresses}`)).toEqual(["夏季碎花连衣裙"]);
    expect(await titles(`?category=${cats.men}`)).toEqual(["Linen shirt"]);
    // Hidden categories only leave the navigation; their products stay reachable.
    expect(await titles(`?category=${cats.hidden}`)).toEqual(["Beach hat"]);
    expect(await titles("?category=0190d7c4-0000-7000-8000-000000000001")).toEqual([]);
  });

  it("filters by exact tag, price overlap and stock", async () => {
    expect(await titles(`?tag=${encodeURIComponent("连衣裙")}`)).toEqual(["夏季碎花连衣裙"]);
    expect(await titles("?tag=Dress")).toEqual(["Red Summer Dress"]);
    expect(await titles("?tag=dress")).toEqual([]);
    expect(await titles("?minPrice=20000")).toEqual(["夏季碎花连衣裙"]); // 19900-21900 overlaps
    expect(await titles("?minPrice=13000&maxPrice=14000")).toEqual(["Beach hat"]); // 12000-15000
    expect(await titles("?minPrice=5000&maxPrice=9900")).toEqual(["Linen shirt", "Red Summer Dress"]);
    expect(await titles("?inStock=true")).not.toContain("Wool scarf 100%_pure");
    expect(await titles("?inStock=false")).toContain("Wool scarf 100%_pure");
  });

  it("sorts by price both ways and by sales", async () => {
    expect(await titles("?sort=price")).toEqual([
      "Wool scarf 100%_pure",
      "Linen shirt",
      "Red Summer Dress",
      "Beach hat",
      "夏季碎花连衣裙",
    ]);
    expect(await titles("?sort=-price")).toEqual([
      "夏季碎花连衣裙",
      "Beach hat",
      "Red Summer Dress",
      "Linen shirt",
      "Wool scarf 100%_pure",
    ]);
    expect((await titles("?sort=sales")).slice(0, 3)).toEqual(["夏季碎花连衣裙", "Linen shirt", "Red Summer Dress"]);
  });

  it("pages with a cursor through every sort without gaps or repeats", async () => {
    for (const sort of ["newest", "price", "-price", "sales"]) {
      const whole = await titles(`?sort=${sort}`);
      for (const limit of [1, 2, 3]) expect(await allPages(`?sort=${sort}`, limit), `${sort}/${limit}`).toEqual(whole);
    }
    const searched = await titles("?q=red");
    expect(await allPages("?q=red", 1)).toEqual(searched);
    expect(await allPages(`?category=${cats.women}&inStock=true`, 1)).toEqual(["Red Summer Dress", "夏季碎花连衣裙"]);
  });

  it("refuses cursors it did not give out, or from another query (422)", async () => {
    const first = await list("?limit=1");
    expect(first.nextCursor).toBeTruthy();
    const cursor = encodeURIComponent(first.nextCursor ?? "");
    for (const bad of [
      "?cursor=nonsense",
      `?cursor=${Buffer.from('{"v":1}').toString("base64url")}`,
      `?sort=price&cursor=${cursor}`,
      `?tag=Dress&cursor=${cursor}`,
      `?cursor=${Buffer.from(JSON.stringify({ v: 1, s: "newest", f: "x", k: ["yesterday"], id: ids.p1 })).toString("base64url")}`,
    ]) {
      const res = await get(`/products${bad}`);
      expect(res.status, bad).toBe(422);
      expect(res.body.error?.details?.[0]?.path).toBe("cursor");
    }
    // The same query with another page size may continue.
    expect((await get(`/products?limit=3&cursor=${cursor}`)).status).toBe(200);
  });

  it("validates the query (422 with field paths)", async () => {
    for (const [query, path] of [
      ["?limit=0", "limit"],
      ["?limit=101", "limit"],
      ["?minPrice=-1", "minPrice"],
      ["?minPrice=500&maxPrice=100", "maxPrice"],
      ["?sort=relevance", "sort"],
      ["?sort=cheapest", "sort"],
      ["?category=not-a-uuid", "category"],
      ["?inStock=yes", "inStock"],
      ["?color=red", ""],
    ] as const) {
      const res = await get(`/products${query}`);
      expect(res.status, query).toBe(422);
      expect(
        res.body.error?.details?.map((d) => d.path),
        query,
      ).toContain(path);
    }
  });
});

describe("search", () => {
  it("finds 2-character Chinese queries (no trigram) and 3-character ones alike", async () => {
    expect(await titles(`?q=${encodeURIComponent("连衣")}`)).toEqual(["夏季碎花连衣裙"]);
    expect(await titles(`?q=${encodeURIComponent("连衣裙")}`)).toEqual(["夏季碎花连衣裙"]);
    expect(await titles(`?q=${encodeURIComponent("碎")}`)).toEqual(["夏季碎花连衣裙"]);
    expect(await titles(`?q=${encodeURIComponent("复古")}`)).toEqual(["夏季碎花连衣裙"]); // subtitle
    expect(await titles(`?q=${encodeURIComponent("新品")}`)).toEqual(["夏季碎花连衣裙"]); // tag
    expect(await titles(`?q=${encodeURIComponent("衬衫")}`)).toEqual([]);
  });

  it("ranks title over subtitle over tag, case-insensitively", async () => {
    expect(await titles("?q=red")).toEqual(["Red Summer Dress", "Linen shirt", "Wool scarf 100%_pure"]);
    expect(await titles("?q=RED")).toEqual(["Red Summer Dress", "Linen shirt", "Wool scarf 100%_pure"]);
    expect(await titles("?q=red&sort=price")).toEqual(["Wool scarf 100%_pure", "Linen shirt", "Red Summer Dress"]);
  });

  it("needs every word to match somewhere", async () => {
    expect(await titles(`?q=${encodeURIComponent("red  dress")}`)).toEqual(["Red Summer Dress"]);
    expect(await titles(`?q=${encodeURIComponent("连衣 复古")}`)).toEqual(["夏季碎花连衣裙"]);
    expect(await titles(`?q=${encodeURIComponent("连衣 red")}`)).toEqual([]);
  });

  it("matches LIKE wildcards literally", async () => {
    expect(await titles(`?q=${encodeURIComponent("%")}`)).toEqual(["Wool scarf 100%_pure"]);
    expect(await titles(`?q=${encodeURIComponent("0%_p")}`)).toEqual(["Wool scarf 100%_pure"]);
    expect(await titles(`?q=${encodeURIComponent("_")}`)).toEqual(["Wool scarf 100%_pure"]);
    expect(await titles(`?q=${encodeURIComponent("\\")}`)).toEqual([]);
  });

  it("logs each search once (first page), normalized, with its result count", async () => {
    const before = await h.admin.withAdmin((tx) => tx.searchLogEntry.count({ where: { tenantId: a.id } }));
    await list(`?q=${encodeURIComponent("  Summer   DRESS ")}`);
    const first = await list("?q=red&limit=1");
    await list(`?q=red&limit=1&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    await list("?q=nothing-like-this");
    await list("?q=%20%20"); // blank: no search at all
    const rows = await h.admin.withAdmin((tx) =>
      tx.searchLogEntry.findMany({
        where: { tenantId: a.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        skip: before,
      }),
    );
    expect(rows.map((r) => [r.query, r.results])).toEqual([
      ["summer dress", 1],
      ["red", 3],
      ["nothing-like-this", 0],
    ]);
  });
});

describe("GET /store/v1/search/suggest", () => {
  const suggest = async (q: string) => {
    const res = await get(`/search/suggest?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return res.body.suggestions as { text: string; productId: string | null }[];
  };

  it("suggests tags and titles that start with or contain what was typed, prefix first", async () => {
    expect(await suggest("连衣")).toEqual([
      { text: "连衣裙", productId: null },
      { text: "夏季碎花连衣裙", productId: ids.p1 },
    ]);
    expect(await suggest("RED")).toEqual([
      { text: "red", productId: null },
      { text: "Red Summer Dress", productId: ids.p2 },
    ]);
    expect(await suggest("dre")).toEqual([
      { text: "Dress", productId: null },
      { text: "Red Summer Dress", productId: ids.p2 },
    ]);
    expect(await suggest("zzz")).toEqual([]);
    expect(await suggest("  ")).toEqual([]);
    expect((await get("/search/suggest")).status).toBe(200);
  });

  it("gives at most 8", async () => {
    expect((await suggest("a")).length).toBeLessThanOrEqual(8);
    expect((await get(`/search/suggest?q=${"x".repeat(51)}`)).status).toBe(422);
  });
});

describe("GET /store/v1/search/hot", () => {
  it("counts normalized searches of the last 30 days that found something, top 10", async () => {
    const c = await h.tenant();
    const tenantId = c.id;
    const old = new Date(Date.now() - 31 * 86_400_000);
    await h.admin.withAdmin((tx) =>
      tx.searchLogEntry.createMany({
        data: [
          ...Array.from({ length: 5 }, () => ({ tenantId, query: "连衣裙", results: 2 })),
          ...Array.from({ length: 3 }, () => ({ tenantId, query: " Linen  Shirt ", results: 1 })),
          { tenantId, query: "linen shirt", results: 1 },
          ...Array.from({ length: 9 }, () => ({ tenantId, query: "spam word", results: 0 })),
          ...Array.from({ length: 9 }, () => ({ tenantId, query: "stale", results: 4, createdAt: old })),
          ...Array.from({ length: 12 }, (_, i) => ({
            tenantId,
            query: `word${String(i).padStart(2, "0")}`,
            results: 1,
          })),
        ],
      }),
    );
    const res = await h.call("GET", "/store/v1/search/hot", { headers: { "x-mallwright-tenant": c.key } });
    expect(res.status).toBe(200);
    expect(res.headers.get("vary")).toMatch(/X-Mallwright-Tenant/i);
    const words = res.body.words as { text: string; count: number }[];
    expect(words).toHaveLength(10);
    expect(words.slice(0, 3)).toEqual([
      { text: "连衣裙", count: 5 },
      { text: "linen shirt", count: 4 },
      { text: "word00", count: 1 },
    ]);
    const texts = words.map((w) => w.text);
    expect(texts).not.toContain("spam word");
    expect(texts).not.toContain("stale");
  });
});

describe("GET /store/v1/products/{id}", () => {
  it("gives gallery, video, SKUs with stock states and the SKU picker's matrix", async () => {
    const res = await get(`/products/${ids.p1}`);
    expect(res.status).toBe(200);
    const p = res.body as {
      images: string[];
      video: string | null;
      dimensions: { name: string; values: { value: string; available: boolean }[] }[];
      skus: { specValues: string[]; stockState: string; stockLeft: number | null; image: string | null }[];
    };
    expect(res.body).toMatchObject({
      title: "夏季碎花连衣裙",
      priceMin: 19900,
      priceMax: 21900,
      categoryId: cats.dresses,
    });
    expect(p.images).toHaveLength(2);
    expect(p.images[0]).toMatch(/\.png$/); // the original, not the thumbnail
    expect(p.video).toMatch(/\.mp4$/);
    expect(p.dimensions).toEqual([
      {
        name: "颜色",
        values: [
          { value: "红", available: true },
          { value: "蓝", available: true },
        ],
      },
      {
        name: "尺码",
        values: [
          { value: "S", available: true },
          { value: "M", available: true },
          { value: "L", available: false },
        ],
      },
    ]);
    const bySpec = new Map(p.skus.map((s) => [s.specValues.join("/"), s]));
    expect(bySpec.get("红/S")).toMatchObject({ stockState: "out_of_stock", stockLeft: null });
    expect(bySpec.get("红/S")?.image).toMatch(/-thumb\.webp$/);
    expect(bySpec.get("红/M")).toMatchObject({ stockState: "low_stock", stockLeft: 3 });
    expect(bySpec.get("蓝/S")).toMatchObject({ stockState: "in_stock", stockLeft: null });
    expect(bySpec.get("蓝/M")).toMatchObject({ stockState: "low_stock", stockLeft: 15 }); // own threshold 20
    expect(JSON.stringify(res.body)).not.toContain('"stock"');
  });

  it("is 404 for drafts, off-shelf, binned and unknown products; 422 for a malformed id", async () => {
    for (const id of [ids.draft, ids.off, ids.deleted, "0190d7c4-0000-7000-8000-000000000001"]) {
      const res = await get(`/products/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body.error?.code).toBe("not_found");
    }
    expect((await get("/products/nope")).status).toBe(422);
  });

  it("uses the store's low-stock default when it has one", async () => {
    await h.admin.withAdmin((tx) => tx.catalogSettings.create({ data: { tenantId: a.id, lowStockDefault: 2 } }));
    const detail = await get(`/products/${ids.p3}`);
    expect((detail.body.skus as { stockState: string }[])[0]?.stockState).toBe("in_stock"); // 5 > 2
    const cards = (await list("")).items;
    expect(cards.find((c) => c.id === ids.p3)?.stockState).toBe("in_stock");
    const p1 = await get(`/products/${ids.p1}`);
    const bySpec = new Map(
      (p1.body.skus as { specValues: string[]; stockState: string }[]).map((s) => [s.specValues.join("/"), s]),
    );
    expect(bySpec.get("红/M")?.stockState).toBe("in_stock"); // 3 > 2
    expect(bySpec.get("蓝/M")?.stockState).toBe("low_stock"); // its own threshold (20) still wins
  });
});
