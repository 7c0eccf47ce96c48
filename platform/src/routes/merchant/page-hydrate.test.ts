// POST /merchant/v1/pages/hydrate: the designer's unsaved document, migrated and hydrated through the
// store read path's hydration (real products for bindings), scoped to the session's store; invalid
// documents are a 422 with paths, and nothing is stored.
import { CURRENT_SCHEMA_VERSION } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCategory, doc, grid, insertProducts } from "../../services/pages/page-fixtures.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;
let other: TenantFixture;

type Hydrated = {
  document: {
    schemaVersion: number;
    title: string;
    blocks: { id: string; type: string; props: Record<string, unknown> }[];
  };
  data: {
    products: Record<string, { id: string; title: string; priceMin: number; stockState: string }>;
    categories: Record<string, { id: string; name: string }>;
    bindings: Record<string, string[]>;
    pages: Record<string, unknown>;
  };
};

const hydrate = (token: string | undefined, document: unknown) =>
  h.call("POST", "/merchant/v1/pages/hydrate", { ...(token ? { token } : {}), body: { document } });

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
  other = await h.tenant();
});
afterAll(async () => h?.close());

describe("POST /merchant/v1/pages/hydrate", () => {
  it("shows a category binding's products, newest first, as the store would", async () => {
    const category = await createCategory(h, shop, "Tea");
    const ids = await insertProducts(h, shop, 3, { categoryId: category, title: (i) => `Tea ${i}` });
    await insertProducts(h, shop, 2, { title: (i) => `Elsewhere ${i}` });
    const [offShelf] = await insertProducts(h, shop, 1, { categoryId: category, status: "off_shelf" });
    const res = await hydrate(
      shop.tokens.staff,
      doc(
        [
          grid("g1", { source: "category", categoryId: category }, { limit: 10 }),
          { id: "nav", type: "category-nav", props: { categories: { source: "picked", categoryIds: [category] } } },
        ],
        "Draft",
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as unknown as Hydrated;
    expect(body.data.bindings.g1).toEqual([...ids].reverse());
    expect(Object.keys(body.data.products).sort()).toEqual([...ids].sort());
    expect(body.data.products[ids[0] ?? ""]).toMatchObject({ title: "Tea 0", priceMin: 1000, currency: "CNY" });
    expect(body.data.products[offShelf ?? ""]).toBeUndefined();
    expect(body.data.bindings.nav).toEqual([category]);
    expect(body.data.categories[category]?.name).toBe("Tea");
    // Defaults are filled in: the document comes back as it would be saved.
    expect(body.document.blocks[0]?.props).toMatchObject({ columns: 2, showPrice: true });
  });

  it("migrates an older document to the current schema version and cleans its rich text", async () => {
    const res = await hydrate(shop.tokens.owner, {
      schemaVersion: 1,
      title: "Old",
      blocks: [
        { id: "t1", type: "title", props: { text: "Hi" } },
        { id: "r1", type: "rich-text", props: { html: '<p onclick="x()">ok</p><script>alert(1)</script>' } },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as unknown as Hydrated;
    expect(body.document.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(body.document.blocks[0]?.props).toMatchObject({ title: "Hi" });
    const html = String(body.document.blocks[1]?.props.html);
    expect(html).toContain("ok");
    expect(html).not.toContain("script");
    expect(html).not.toContain("onclick");
  });

  it("resolves nothing of another store: its product and category ids yield no data", async () => {
    const theirCategory = await createCategory(h, other, "Secret shelf");
    const theirs = await insertProducts(h, other, 2, { categoryId: theirCategory, title: () => "Their secret" });
    const res = await hydrate(
      shop.tokens.owner,
      doc([
        grid("manual", { source: "manual", productIds: theirs }),
        grid("cat", { source: "category", categoryId: theirCategory }),
        { id: "img", type: "image", props: { link: { kind: "product", id: theirs[0] } } },
      ]),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as unknown as Hydrated;
    expect(body.data.products).toEqual({});
    expect(body.data.categories).toEqual({});
    expect(body.data.bindings).toEqual({ manual: [], cat: [] });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain("Their secret");
    expect(text).not.toContain("Secret shelf");
    // The other store, asking for the same document, sees its own products.
    const own = await hydrate(other.tokens.staff, doc([grid("manual", { source: "manual", productIds: theirs })]));
    expect((own.body as unknown as Hydrated).data.bindings.manual).toEqual(theirs);
  });

  it("answers an invalid document with a 422 naming each problem's path under `document`", async () => {
    const res = await hydrate(
      shop.tokens.owner,
      doc([
        { id: "c1", type: "container", props: { columns: 9 } },
        { id: "x1", type: "no-such-block", props: {} },
      ]),
    );
    expect(res.status).toBe(422);
    const paths = (res.body.error?.details ?? []).map((d) => d.path);
    expect(paths).toContain("document.blocks.0.props.columns");
    expect(paths).toContain("document.blocks.1.type");

    const newer = await hydrate(shop.tokens.owner, { ...doc([]), schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
    expect(newer.status).toBe(422);
    expect(newer.body.error?.details?.[0]?.path).toBe("document.schemaVersion");

    const missing = await h.call("POST", "/merchant/v1/pages/hydrate", { token: shop.tokens.owner, body: {} });
    expect(missing.status).toBe(422);
  });

  it("needs a merchant session: none is a 401, a platform admin's a 403", async () => {
    const none = await hydrate(undefined, doc([]));
    expect(none.status).toBe(401);
    expect(none.body.error?.code).toBe("unauthenticated");
    const admin = await h.platformAdmin();
    const wrong = await hydrate(admin.token, doc([]));
    expect(wrong.status).toBe(403);
    // Every store role may preview (pages:read).
    for (const role of ["owner", "admin", "staff"] as const) {
      expect((await hydrate(shop.tokens[role], doc([]))).status, role).toBe(200);
    }
  });
});
