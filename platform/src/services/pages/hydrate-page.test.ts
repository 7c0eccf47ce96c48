// Hydration: every source kind resolved as shoppers see it (category with subcategories, tag,
// hand-picked in order, newest, best selling, sold-out hiding), category navigation, links; the same
// statement count for 1 and 20 bound blocks; the same data over the store's postgres.js reader as inside
// a transaction; and the payload measured against the budget.
import type { TPageData } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantReader } from "../../db/read.ts";
import { readerOverTx } from "../../db/tx-reader.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { hydratePage } from "./hydrate-page.ts";
import { type Block, createCategory, createPageVia, doc, grid, image, insertProducts } from "./page-fixtures.ts";

let h: Harness;
let shop: TenantFixture;
let ids: {
  parent: string;
  child: string;
  other: string;
  inParent: string[];
  inChild: string[];
  soldOut: string;
  offShelf: string;
  binned: string;
  tagged: string[];
  published: string;
  unpublished: string;
};

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  const parent = await createCategory(h, shop, "Parent");
  const child = await createCategory(h, shop, "Child", parent);
  const other = await createCategory(h, shop, "Other");
  const inParent = await insertProducts(h, shop, 2, { categoryId: parent });
  const inChild = await insertProducts(h, shop, 2, { categoryId: child });
  const [soldOut] = await insertProducts(h, shop, 1, { categoryId: parent });
  const [offShelf] = await insertProducts(h, shop, 1, { categoryId: parent, status: "off_shelf" });
  const [binned] = await insertProducts(h, shop, 1, { categoryId: parent });
  const tagged = await insertProducts(h, shop, 2, { tags: ["summer"] });
  await h.db.withTenant(shop.id, async (tx) => {
    await tx.sku.updateMany({ where: { productId: soldOut }, data: { stock: 0 } });
    await tx.product.update({ where: { id: soldOut ?? "" }, data: { stockTotal: 0 } });
    await tx.product.update({ where: { id: binned ?? "" }, data: { deletedAt: new Date() } });
    // Best sellers: the tagged ones, second tagged first.
    await tx.product.update({ where: { id: tagged[0] ?? "" }, data: { salesCount: 500 } });
    await tx.product.update({ where: { id: tagged[1] ?? "" }, data: { salesCount: 900 } });
  });
  const published = await createPageVia(h, shop.tokens.staff, { title: "Published" });
  await h.call("POST", `/merchant/v1/pages/${published}/publish`, { token: shop.tokens.admin, body: {} });
  const unpublished = await createPageVia(h, shop.tokens.staff, { title: "Draft only" });
  ids = {
    parent,
    child,
    other,
    inParent,
    inChild,
    soldOut: soldOut ?? "",
    offShelf: offShelf ?? "",
    binned: binned ?? "",
    tagged,
    published,
    unpublished,
  };
});
afterAll(async () => h?.close());

/** A reader that counts the statements it is given. */
function counting(inner: TenantReader): TenantReader & { statements: number } {
  const r = {
    statements: 0,
    read: ((tenantId, queries) => {
      r.statements += queries.length;
      return inner.read(tenantId, queries);
    }) as TenantReader["read"],
    readGlobal: inner.readGlobal,
    write: inner.write,
    call: inner.call,
    close: inner.close,
  };
  return r;
}

async function hydrate(blocks: Block[]): Promise<{ data: TPageData; statements: number }> {
  return h.db.withTenant(shop.id, async (tx) => {
    const reader = counting(readerOverTx(tx, shop.id));
    const data = await hydratePage(reader, shop.id, { blocks }, { env: h.env });
    return { data, statements: reader.statements };
  });
}

/** One block of every binding kind, plus links of every kind. */
function everyKind(suffix = ""): Block[] {
  return [
    grid(`cat${suffix}`, { source: "category", categoryId: ids.parent }, { limit: 10 }),
    grid(`tag${suffix}`, { source: "tag", tag: "summer" }),
    grid(`man${suffix}`, { source: "manual", productIds: [ids.inChild[1], ids.offShelf, ids.inParent[0]] }),
    grid(`new${suffix}`, { source: "newest" }, { limit: 3 }),
    { id: `best${suffix}`, type: "product-scroll", props: { source: { source: "best_selling" }, limit: 2 } },
    { id: `nav${suffix}`, type: "category-nav", props: { categories: { source: "top_level" } } },
    image(`img${suffix}`, { link: { kind: "page", id: ids.published } }),
  ];
}

describe("hydratePage", () => {
  it("resolves every source kind as shoppers see it", async () => {
    const { data } = await hydrate([
      ...everyKind(),
      grid("instock", { source: "category", categoryId: ids.parent }, { limit: 10, hideSoldOut: true }),
      {
        id: "picked",
        type: "category-nav",
        props: { categories: { source: "picked", categoryIds: [ids.other, ids.child] } },
      },
      image("links", { link: { kind: "page", id: ids.unpublished } }),
      image("plink", { link: { kind: "product", id: ids.tagged[0] } }),
      image("clink", { link: { kind: "category", id: ids.child } }),
    ]);
    const newestFirst = (list: string[]) => [...list].reverse();
    // Category: the parent's and its subcategory's on-shelf products, newest first (ids are UUIDv7, in creation order).
    expect(data.bindings.cat).toEqual(newestFirst([...ids.inParent, ...ids.inChild, ids.soldOut]));
    expect(data.bindings.instock).toEqual(newestFirst([...ids.inParent, ...ids.inChild]));
    expect(data.bindings.tag).toEqual(newestFirst(ids.tagged));
    expect(data.bindings.man).toEqual([ids.inChild[1], ids.inParent[0]]);
    expect(data.bindings.new).toEqual(newestFirst(ids.tagged).concat(ids.soldOut).slice(0, 3));
    expect(data.bindings.best).toEqual([ids.tagged[1], ids.tagged[0]]);
    expect(data.bindings.nav).toEqual([ids.parent, ids.other]);
    expect(data.bindings.picked).toEqual([ids.other, ids.child]);
    expect(Object.keys(data.pages)).toEqual([ids.published]);
    expect(data.pages[ids.published]?.title).toBe("Published");
    expect(data.categories[ids.child]).toEqual({ id: ids.child, name: "Child", iconUrl: null });
    // One card per product, however many blocks show it; the binned and off-shelf ones never.
    for (const id of [...ids.inParent, ...ids.inChild, ids.soldOut, ...ids.tagged])
      expect(data.products[id]).toBeDefined();
    expect(data.products[ids.offShelf]).toBeUndefined();
    expect(data.products[ids.binned]).toBeUndefined();
    expect(data.products[ids.soldOut]?.stockState).toBe("out_of_stock");
    expect(data.products[ids.tagged[0] ?? ""]).toMatchObject({
      priceMin: 1000,
      priceMax: 1000,
      currency: "CNY",
      stockState: "low_stock",
      salesCount: 500,
      image: null,
    });
  });

  it("runs the same number of statements for 1 and for 20 bound blocks", async () => {
    const one = await hydrate(everyKind());
    const many: Block[] = [];
    for (let i = 0; i < 20; i++) {
      const kinds = [
        { source: "category", categoryId: i % 2 ? ids.parent : ids.child },
        { source: "tag", tag: `t${i}` },
        { source: "manual", productIds: [ids.inParent[i % 2], ids.tagged[i % 2]] },
        { source: "newest" },
        { source: "best_selling" },
      ];
      many.push(grid(`g${i}`, kinds[i % 5] as Record<string, unknown>, { limit: 1 + i }));
      many.push({ id: `s${i}`, type: "product-scroll", props: { source: kinds[(i + 2) % 5] } });
      many.push(image(`i${i}`, { link: { kind: i % 2 ? "page" : "category", id: i % 2 ? ids.published : ids.other } }));
    }
    for (let i = 0; i < 5; i++) many.push({ id: `n${i}`, type: "category-nav", props: {} });
    const twenty = await hydrate(many);
    expect(Object.keys(twenty.data.bindings)).toHaveLength(45);
    expect(one.statements).toBe(8); // 5 source kinds, categories, pages, cards
    expect(twenty.statements).toBe(one.statements);
    expect((await hydrate([])).statements).toBe(0);
  });

  it("gives the same data over the store's reader (postgres.js, its own transaction) as inside a transaction", async () => {
    const blocks = everyKind();
    const overReader = await hydratePage(h.reader, shop.id, { blocks }, { env: h.env });
    const { data } = await hydrate(blocks);
    expect(overReader).toEqual(data);
    // Another store's scope sees none of it.
    const other = await h.tenant();
    const empty = await hydratePage(h.reader, other.id, { blocks }, { env: h.env });
    expect(empty.products).toEqual({});
    expect(empty.bindings.man).toEqual([]);
    expect(empty.pages).toEqual({});
  });

  it("measures a page against the budget with the data it loads", async () => {
    const page = doc(everyKind(), "Budget");
    const { data } = await hydrate(page.blocks as Block[]);
    const bytes = Buffer.byteLength(JSON.stringify({ page, data }));
    expect(bytes).toBeLessThan(128 * 1024);
    expect(bytes).toBeGreaterThan(Buffer.byteLength(JSON.stringify(page)));
  });
});
