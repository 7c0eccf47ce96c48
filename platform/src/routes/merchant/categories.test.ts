// Categories: the tree with counts, the two-level rule, drag order, delete with and without a
// target for the products, and ids of another store (refused without saying whether they exist).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProductVia, makeMedia, productBody } from "../../services/catalog/catalog-fixtures.ts";
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

interface Cat {
  id: string;
  parentId: string | null;
  name: string;
  position: number;
  productCount: number;
  iconUrl: string | null;
  visible: boolean;
  children?: Cat[];
}

async function create(t: TenantFixture, body: Record<string, unknown>): Promise<Cat> {
  const res = await h.call("POST", "/merchant/v1/categories", { token: t.tokens.admin, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as unknown as Cat;
}

async function tree(t: TenantFixture): Promise<Cat[]> {
  const res = await h.call("GET", "/merchant/v1/categories", { token: t.tokens.staff });
  expect(res.status).toBe(200);
  return res.body.items as Cat[];
}

describe("tree", () => {
  it("creates two levels in order, with icons and product counts", async () => {
    const t = await h.tenant();
    const icon = await makeMedia(h, t);
    const tea = await create(t, { name: "茶", iconMediaId: icon });
    const cups = await create(t, { name: "茶具", visible: false });
    const green = await create(t, { name: "绿茶", parentId: tea.id });
    const black = await create(t, { name: "红茶", parentId: tea.id });
    expect([tea.position, cups.position, green.position, black.position]).toEqual([0, 1, 0, 1]);
    expect(tea.iconUrl).toMatch(/^http/);
    await createProductVia(h, t.tokens.staff, productBody({ categoryId: green.id }));
    await createProductVia(h, t.tokens.staff, productBody({ categoryId: green.id }));
    await createProductVia(h, t.tokens.staff, productBody({ categoryId: tea.id }));
    const binned = await createProductVia(h, t.tokens.staff, productBody({ categoryId: green.id }));
    await h.call("DELETE", `/merchant/v1/products/${binned.id}`, { token: t.tokens.staff });

    const items = await tree(t);
    expect(items.map((c) => [c.name, c.productCount, c.visible])).toEqual([
      ["茶", 1, true],
      ["茶具", 0, false],
    ]);
    expect(items[0]?.children?.map((c) => [c.name, c.productCount])).toEqual([
      ["绿茶", 2],
      ["红茶", 0],
    ]);
    const one = await h.call("GET", `/merchant/v1/categories/${green.id}`, { token: t.tokens.staff });
    expect(one.body).toMatchObject({ name: "绿茶", parentId: tea.id, productCount: 2 });
  });

  it("keeps categories at most two levels deep", async () => {
    const t = await h.tenant();
    const top = await create(t, { name: "Top" });
    const child = await create(t, { name: "Child", parentId: top.id });
    const deep = await h.call("POST", "/merchant/v1/categories", {
      token: t.tokens.admin,
      body: { name: "Grandchild", parentId: child.id },
    });
    expect(deep.status).toBe(422);
    expect(deep.body.error?.details?.[0]).toMatchObject({
      path: "parentId",
      message: expect.stringContaining("two levels"),
    });

    // A category with children cannot go under another one.
    const other = await create(t, { name: "Other" });
    const move = await h.call("PATCH", `/merchant/v1/categories/${top.id}`, {
      token: t.tokens.admin,
      body: { parentId: other.id },
    });
    expect(move.status).toBe(422);
    expect(move.body.error?.details?.[0]?.path).toBe("parentId");
    // Nor under a child, nor under itself.
    const underChild = await h.call("PATCH", `/merchant/v1/categories/${other.id}`, {
      token: t.tokens.admin,
      body: { parentId: child.id },
    });
    expect(underChild.status).toBe(422);
    const self = await h.call("PATCH", `/merchant/v1/categories/${other.id}`, {
      token: t.tokens.admin,
      body: { parentId: other.id },
    });
    expect(self.status).toBe(422);

    // A leaf may move, and lands at the end of its new level; back to top level too.
    const moved = await h.call("PATCH", `/merchant/v1/categories/${other.id}`, {
      token: t.tokens.admin,
      body: { parentId: top.id, name: "Moved" },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: top.id, position: 1, name: "Moved" });
    const back = await h.call("PATCH", `/merchant/v1/categories/${child.id}`, {
      token: t.tokens.admin,
      body: { parentId: null },
    });
    expect(back.body).toMatchObject({ parentId: null, position: 1 });
  });
});

describe("reorder", () => {
  it("persists the order of one level and needs every sibling exactly once", async () => {
    const t = await h.tenant();
    const a = await create(t, { name: "A" });
    const b = await create(t, { name: "B" });
    const c = await create(t, { name: "C" });
    const a1 = await create(t, { name: "A1", parentId: a.id });
    const a2 = await create(t, { name: "A2", parentId: a.id });
    const res = await h.call("POST", "/merchant/v1/categories/reorder", {
      token: t.tokens.staff,
      body: { parentId: null, ids: [c.id, a.id, b.id] },
    });
    expect(res.status).toBe(200);
    expect((res.body.items as Cat[]).map((x) => x.name)).toEqual(["C", "A", "B"]);
    const kids = await h.call("POST", "/merchant/v1/categories/reorder", {
      token: t.tokens.staff,
      body: { parentId: a.id, ids: [a2.id, a1.id] },
    });
    expect((kids.body.items as Cat[])[1]?.children?.map((x) => x.name)).toEqual(["A2", "A1"]);
    expect((await tree(t)).map((x) => x.name)).toEqual(["C", "A", "B"]);

    for (const [ids, path] of [
      [[c.id, a.id], "ids"],
      [[c.id, a.id, b.id, a1.id], "ids.3"],
      [[c.id, a.id, a.id, b.id], "ids.2"],
    ] as const) {
      const bad = await h.call("POST", "/merchant/v1/categories/reorder", {
        token: t.tokens.staff,
        body: { parentId: null, ids },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.error?.details?.map((d) => d.path)).toContain(path);
    }
    expect((await tree(t)).map((x) => x.name)).toEqual(["C", "A", "B"]);
  });
});

describe("delete", () => {
  it("refuses a category with products unless they get a target, then moves them", async () => {
    const t = await h.tenant();
    const from = await create(t, { name: "From" });
    const to = await create(t, { name: "To" });
    const live = await createProductVia(h, t.tokens.staff, productBody({ categoryId: from.id }));
    const binned = await createProductVia(h, t.tokens.staff, productBody({ categoryId: from.id }));
    await h.call("DELETE", `/merchant/v1/products/${binned.id}`, { token: t.tokens.staff });

    const refused = await h.call("DELETE", `/merchant/v1/categories/${from.id}`, { token: t.tokens.admin });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe("category_in_use");
    expect(refused.body.error?.message).toContain("moveTo");

    const toSelf = await h.call("DELETE", `/merchant/v1/categories/${from.id}?moveTo=${from.id}`, {
      token: t.tokens.admin,
    });
    expect(toSelf.status).toBe(422);
    const ok = await h.call("DELETE", `/merchant/v1/categories/${from.id}?moveTo=${to.id}`, { token: t.tokens.admin });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, movedProducts: 2 });
    for (const p of [live, binned]) {
      const got = await h.call("GET", `/merchant/v1/products/${p.id}`, { token: t.tokens.staff });
      expect(got.body.categoryId).toBe(to.id);
    }
    expect((await h.call("GET", `/merchant/v1/categories/${from.id}`, { token: t.tokens.admin })).status).toBe(404);
  });

  it("deletes an empty category; products in the bin lose it; a parent with children is refused", async () => {
    const t = await h.tenant();
    const parent = await create(t, { name: "Parent" });
    const child = await create(t, { name: "Child", parentId: parent.id });
    const withChildren = await h.call("DELETE", `/merchant/v1/categories/${parent.id}`, { token: t.tokens.admin });
    expect(withChildren.status).toBe(409);
    expect(withChildren.body.error).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("subcategories"),
    });

    const binned = await createProductVia(h, t.tokens.staff, productBody({ categoryId: child.id }));
    await h.call("DELETE", `/merchant/v1/products/${binned.id}`, { token: t.tokens.staff });
    const ok = await h.call("DELETE", `/merchant/v1/categories/${child.id}`, { token: t.tokens.admin });
    expect(ok.body).toEqual({ ok: true, movedProducts: 0 });
    const got = await h.call("GET", `/merchant/v1/products/${binned.id}`, { token: t.tokens.staff });
    expect(got.body.categoryId).toBeNull();
    expect((await h.call("DELETE", `/merchant/v1/categories/${parent.id}`, { token: t.tokens.admin })).status).toBe(
      200,
    );
    expect(await tree(t)).toEqual([]);
  });
});

describe("ids of another store", () => {
  it("are refused as parent, icon, move target or sibling with a 422 that names the field only", async () => {
    const mine = await create(shop, { name: "Mine" });
    const theirs = await create(other, { name: "Theirs" });
    const theirIcon = await makeMedia(h, other);
    const video = await makeMedia(h, shop, "video");
    const probes: [string, string, Record<string, unknown> | undefined, string][] = [
      ["POST", "/merchant/v1/categories", { name: "x", parentId: theirs.id }, "parentId"],
      ["POST", "/merchant/v1/categories", { name: "x", iconMediaId: theirIcon }, "iconMediaId"],
      ["POST", "/merchant/v1/categories", { name: "x", iconMediaId: video }, "iconMediaId"],
      ["PATCH", `/merchant/v1/categories/${mine.id}`, { iconMediaId: theirIcon }, "iconMediaId"],
      ["PATCH", `/merchant/v1/categories/${mine.id}`, { parentId: theirs.id }, "parentId"],
      ["DELETE", `/merchant/v1/categories/${mine.id}?moveTo=${theirs.id}`, undefined, "moveTo"],
      ["POST", "/merchant/v1/categories/reorder", { parentId: theirs.id, ids: [mine.id] }, "parentId"],
      ["POST", "/merchant/v1/categories/reorder", { parentId: null, ids: [mine.id, theirs.id] }, "ids.1"],
    ];
    for (const [method, path, body, field] of probes) {
      const res = await h.call(method, path, { token: shop.tokens.owner, body });
      expect(res.status, `${method} ${path}`).toBe(422);
      expect(res.body.error?.details?.map((d) => d.path)).toContain(field);
      expect(JSON.stringify(res.body)).not.toContain("Theirs");
    }
    // Nothing of theirs changed; mine still there.
    const theirTree = await tree(other);
    expect(theirTree.map((c) => c.name)).toEqual(["Theirs"]);
    expect((await h.call("GET", `/merchant/v1/categories/${mine.id}`, { token: shop.tokens.owner })).status).toBe(200);
  });

  it("validates names and unknown fields", async () => {
    for (const body of [{ name: "" }, { name: "x".repeat(41) }, { name: "ok", color: "red" }, {}]) {
      const res = await h.call("POST", "/merchant/v1/categories", { token: shop.tokens.owner, body });
      expect(res.status).toBe(422);
    }
  });
});
