// Publish checks through POST /pages/{id}/publish: every problem listed with its block (missing,
// binned and off-shelf products, deleted categories and pages, missing media), warnings that do not
// refuse (heavy images as shoppers download them, hidden categories, unpublished pages), the
// hydrated-size budget and the published-page node limit.
import { PAGE_LIMITS } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { checkPage, IMAGE_WARNING_BYTES } from "./check-page.ts";
import {
  type Block,
  createCategory,
  createPageVia,
  doc,
  grid,
  image,
  imageRef,
  insertImage,
  insertProducts,
  saveDraftVia,
} from "./page-fixtures.ts";

let h: Harness;
let shop: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  await createPageVia(h, shop.tokens.staff, { title: "Home" }); // the first page is home; the tests delete others
});
afterAll(async () => h?.close());

const P = "/merchant/v1/pages";
const MISSING = "0190d7c4-0000-7000-8000-00000000dead";

type Detail = { path: string; message: string };

async function pageWith(blocks: Block[], title = "Checked"): Promise<string> {
  const id = await createPageVia(h, shop.tokens.staff, { title });
  await saveDraftVia(h, shop.tokens.staff, id, doc(blocks, title));
  return id;
}

const publish = (id: string) => h.call("POST", `${P}/${id}/publish`, { token: shop.tokens.admin, body: {} });

describe("refusals", () => {
  it("lists every broken reference with the path and id of its block, and publishes nothing", async () => {
    const [ok, binned] = await insertProducts(h, shop, 2);
    const [offShelf] = await insertProducts(h, shop, 1, { status: "off_shelf" });
    await h.db.withTenant(shop.id, (tx) =>
      tx.product.update({ where: { id: binned ?? "" }, data: { deletedAt: new Date() } }),
    );
    const goneCategory = await createCategory(h, shop, "Gone");
    expect(
      (await h.call("DELETE", `/merchant/v1/categories/${goneCategory}`, { token: shop.tokens.admin })).status,
    ).toBe(200);
    const gonePage = await createPageVia(h, shop.tokens.staff, { title: "Gone page" });
    expect((await h.call("DELETE", `${P}/${gonePage}`, { token: shop.tokens.admin })).status).toBe(200);
    const picture = await insertImage(h, shop, 20_000);

    const id = await pageWith([
      grid("b_list", { source: "manual", productIds: [MISSING, binned, offShelf, ok] }),
      { id: "b_nav", type: "category-nav", props: { categories: { source: "picked", categoryIds: [goneCategory] } } },
      image("b_pic", { image: imageRef(picture), link: { kind: "page", id: gonePage } }),
      image("b_nomedia", { image: imageRef(MISSING) }),
      {
        id: "b_box",
        type: "container",
        props: {},
        children: [image("b_inner", { image: imageRef(picture), link: { kind: "product", id: binned } })],
      },
    ]);
    const res = await publish(id);
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe("validation_failed");
    const details = res.body.error?.details as Detail[];
    const summary = details.map((d) => `${d.path} ${d.message}`);
    expect(summary).toEqual([
      `blocks.0 product-grid block b_list: product ${MISSING} does not exist`,
      `blocks.0 product-grid block b_list: product ${binned} is in the recycle bin`,
      `blocks.0 product-grid block b_list: product ${offShelf} is not on the shelf (off shelf)`,
      `blocks.1 category-nav block b_nav: category ${goneCategory} does not exist`,
      `blocks.2 image block b_pic: page ${gonePage} does not exist`,
      `blocks.3 image block b_nomedia: media ${MISSING} does not exist (deleted from the media library?)`,
      `blocks.4.children.0 image block b_inner: product ${binned} is in the recycle bin`,
    ]);
    expect(res.body.error?.message).toMatch(/7 problems/);
    const page = await h.call("GET", `${P}/${id}`, { token: shop.tokens.staff });
    expect(page.body.published).toBeNull();
  });

  it("refuses a page whose hydrated payload is over 128 KB, naming the heaviest blocks", async () => {
    const longTitle = (i: number) => `${"夏季新款真丝连衣裙".repeat(11)}${i}`.slice(0, 100);
    const ids = await insertProducts(h, shop, 160, { title: longTitle, subtitle: "轻薄透气".repeat(50) });
    const blocks = [0, 1, 2, 3].map((g) =>
      grid(`g${g}`, { source: "manual", productIds: ids.slice(g * 40, g * 40 + 40) }, { limit: 40 }),
    );
    const id = await pageWith(blocks, "Heavy");
    const res = await publish(id);
    expect(res.status).toBe(422);
    const details = res.body.error?.details as Detail[];
    expect(details).toHaveLength(1);
    expect(details[0]?.path).toBe("");
    expect(details[0]?.message).toMatch(/^the page with its data is \d+ KB, over the 128 KB/);
    expect(details[0]?.message).toMatch(/blocks\.\d \(product-grid g\d, about \d+ KB\)/);

    const check = await h.db.withTenant(shop.id, async (tx) => {
      const page = await tx.page.findUniqueOrThrow({ where: { id } });
      return checkPage(tx, h.env, shop.id, page.draft);
    });
    expect(check.hydratedBytes).toBeGreaterThan(PAGE_LIMITS.hydratedBytes);

    // One of those blocks alone fits.
    const light = await pageWith([blocks[0] as Block], "Light");
    expect((await publish(light)).status).toBe(201);
  });

  it("refuses more blocks than a published page may hold (the draft may hold them)", async () => {
    const spacers = Array.from({ length: PAGE_LIMITS.publishedBlocks + 1 }, (_, i) => ({
      id: `s${i}`,
      type: "spacer",
      props: {},
    }));
    const id = await pageWith(spacers, "Long");
    const res = await publish(id);
    expect(res.status).toBe(422);
    expect(res.body.error?.details).toEqual([
      {
        path: "blocks",
        message: `a published page holds at most ${PAGE_LIMITS.publishedBlocks} blocks (this one has 301)`,
      },
    ]);
  });
});

describe("warnings", () => {
  it("warns about heavy images as shoppers download them, hidden categories and unpublished pages, and publishes", async () => {
    const heavyOriginal = await insertImage(h, shop, 300_000);
    const lightMedium = await insertImage(h, shop, 2_000_000, 80_000);
    const heavyMedium = await insertImage(h, shop, 2_000_000, 250_000);
    const hidden = await createCategory(h, shop, "Hidden");
    await h.call("PATCH", `/merchant/v1/categories/${hidden}`, { token: shop.tokens.admin, body: { visible: false } });
    const draftPage = await createPageVia(h, shop.tokens.staff, { title: "Not yet" });

    const id = await pageWith([
      image("a", { image: imageRef(heavyOriginal) }),
      image("b", { image: imageRef(lightMedium), link: { kind: "category", id: hidden } }),
      image("c", { image: imageRef(heavyMedium), link: { kind: "page", id: draftPage } }),
    ]);
    const res = await publish(id);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(IMAGE_WARNING_BYTES).toBe(200 * 1024);
    expect(res.body.warnings).toEqual([
      {
        path: "blocks.0",
        message: `image block a: image ${heavyOriginal} is 293 KB as shoppers download it; images over 200 KB slow the page down`,
      },
      { path: "blocks.1", message: `image block b: category ${hidden} is hidden from shoppers` },
      {
        path: "blocks.2",
        message: `image block c: page ${draftPage} is not published yet; shoppers cannot open it until it is`,
      },
      {
        path: "blocks.2",
        message: `image block c: image ${heavyMedium} is 245 KB as shoppers download it (its 750 px version); images over 200 KB slow the page down`,
      },
    ]);
  });
});
