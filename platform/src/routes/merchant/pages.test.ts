// Pages: create (first is home), drafts under If-Match (428, 412, one winner of two), migration and
// validation on save, rich text cleaned, publish -> edit -> publish -> rollback with immutable
// versions, delete and set-home rules, duplicate, staff without pages:publish, scheduled publishing
// through the outbox, and the store's theme and tab bar.
import { CURRENT_SCHEMA_VERSION } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger.ts";
import { createProductVia, makeMedia, productBody } from "../../services/catalog/catalog-fixtures.ts";
import { createPageVia, doc, grid, saveDraftVia } from "../../services/pages/page-fixtures.ts";
import { runScheduledPublish } from "../../services/pages/run-scheduled-publish.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
});
afterAll(async () => h?.close());

const P = "/merchant/v1/pages";
type Detail = {
  id: string;
  title: string;
  isHome: boolean;
  revision: number;
  draft: {
    schemaVersion: number;
    title: string;
    blocks: { id: string; type: string; props: Record<string, unknown> }[];
  };
  published: { version: number; note: string; restoredFrom: number | null; author: { email: string | null } } | null;
  scheduled: { at: string; note: string } | null;
  hasUnpublishedChanges: boolean;
};

async function get(id: string, t = shop): Promise<Detail & { etag: string | null }> {
  const res = await h.call("GET", `${P}/${id}`, { token: t.tokens.staff });
  expect(res.status).toBe(200);
  return { ...(res.body as unknown as Detail), etag: res.headers.get("etag") };
}

function put(id: string, body: unknown, ifMatch?: string, token = shop.tokens.staff) {
  return h.call("PUT", `${P}/${id}/draft`, { token, body, headers: ifMatch ? { "if-match": ifMatch } : {} });
}

const publish = (id: string, body: Record<string, unknown> = {}, token = shop.tokens.admin) =>
  h.call("POST", `${P}/${id}/publish`, { token, body });

function paths(res: { body: { error?: { details?: { path: string }[] } } }): string[] {
  return res.body.error?.details?.map((d) => d.path) ?? [];
}

/** A store of its own, so "first page" and home rules start clean. */
async function freshShop() {
  return h.tenant();
}

describe("create, read, list", () => {
  it("gives a new page an empty document; the store's first page is home, the next is not", async () => {
    const t = await freshShop();
    const first = await h.call("POST", P, { token: t.tokens.staff, body: { title: "  首页 " } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers.get("etag")).toBe('"r1"');
    expect(first.body).toMatchObject({
      title: "首页",
      isHome: true,
      revision: 1,
      draft: { schemaVersion: CURRENT_SCHEMA_VERSION, title: "首页", blocks: [] },
      published: null,
      scheduled: null,
      hasUnpublishedChanges: true,
    });
    const second = await createPageVia(h, t.tokens.staff, {
      title: "活动页",
      document: { schemaVersion: 1, title: "ignored", blocks: [{ id: "t1", type: "title", props: { text: "Hi" } }] },
    });
    const read = await get(second, t);
    expect(read.isHome).toBe(false);
    expect(read.etag).toBe('"r1"');
    expect(read.draft.title).toBe("活动页");
    expect(read.draft.blocks[0]?.props.title).toBe("Hi");

    const list = await h.call("GET", `${P}?limit=1`, { token: t.tokens.staff });
    expect(list.status).toBe(200);
    const items = list.body.items as { id: string }[];
    expect(items.map((i) => i.id)).toEqual([second]);
    const next = await h.call("GET", `${P}?limit=1&cursor=${list.body.nextCursor}`, { token: t.tokens.staff });
    expect((next.body.items as { id: string }[]).map((i) => i.id)).toEqual([first.body.id]);
    expect(next.body.nextCursor).toBeNull();
  });

  it("refuses a bad starting document at document.<path>", async () => {
    const res = await h.call("POST", P, {
      token: shop.tokens.staff,
      body: { title: "x", document: { schemaVersion: 2, blocks: [{ id: "a", type: "nope", props: {} }] } },
    });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(["document.blocks.0.type"]);
  });
});

describe("saving drafts", () => {
  it("needs If-Match (428), refuses a stale revision (412 naming the current one), saves the current one", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Draft" });
    const body = doc([{ id: "s1", type: "spacer", props: { height: 20 } }], "Renamed");

    const missing = await put(id, body);
    expect(missing.status).toBe(428);
    expect(missing.body.error?.code).toBe("precondition_required");
    const garbage = await put(id, body, "*");
    expect(garbage.status).toBe(428);

    const ok = await put(id, body, '"r1"');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.headers.get("etag")).toBe('"r2"');
    expect(ok.body).toMatchObject({ revision: 2, title: "Renamed" });
    expect((ok.body.draft as Detail["draft"]).blocks[0]?.props).toEqual({ height: 20, background: "transparent" });

    const stale = await put(id, body, '"r1"');
    expect(stale.status).toBe(412);
    expect(stale.body.error?.code).toBe("precondition_failed");
    expect(stale.body.error?.details).toEqual([
      { path: "If-Match", in: "header", message: 'the current revision is "r2"' },
    ]);
    expect(stale.headers.get("etag")).toBe('"r2"');

    const list = await h.call("GET", P, { token: shop.tokens.staff });
    expect((list.body.items as { id: string; title: string }[]).find((p) => p.id === id)?.title).toBe("Renamed");
  });

  it("lets exactly one of two saves from the same revision win", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Race" });
    const [a, b] = await Promise.all([
      put(id, doc([], "From A"), '"r1"'),
      put(id, doc([], "From B"), '"r1"', shop.tokens.admin),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? "From A" : "From B";
    const page = await get(id);
    expect(page).toMatchObject({ revision: 2, title: winner });
  });

  it("stores an older schema version migrated, and refuses a newer one and bad blocks with paths", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Versions" });
    const v1 = {
      schemaVersion: 1,
      title: "Old",
      blocks: [{ id: "t1", type: "title", props: { text: "旧标题", align: "left" } }],
    };
    const saved = await put(id, v1, '"r1"');
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const stored = await h.db.withTenant(shop.id, (tx) => tx.page.findUniqueOrThrow({ where: { id } }));
    const draft = stored.draft as Detail["draft"];
    expect(draft.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(draft.blocks[0]?.props).toMatchObject({ title: "旧标题", align: "left" });
    expect(draft.blocks[0]?.props).not.toHaveProperty("text");

    const newer = await put(id, { ...v1, schemaVersion: 99 }, '"r2"');
    expect(newer.status).toBe(422);
    expect(paths(newer)).toEqual(["schemaVersion"]);
    expect(newer.body.error?.details?.[0]?.message).toMatch(/newer Mallwright/);

    const bad = await put(
      id,
      doc([
        { id: "ok", type: "spacer", props: {} },
        { id: "b2", type: "product-grid", props: { columns: 7 } },
        { id: "b3", type: "no-such-block", props: {} },
        { id: "b4", type: "container", props: {}, children: [{ id: "b5", type: "image", props: { padding: -1 } }] },
      ]),
      '"r2"',
    );
    expect(bad.status).toBe(422);
    expect(paths(bad).sort()).toEqual(
      ["blocks.1.props.columns", "blocks.2.type", "blocks.3.children.0.props.padding"].sort(),
    );
    expect(bad.body.error?.details?.find((d) => d.path === "blocks.1.props.columns")?.message).toMatch(/block b2/);
    expect((await get(id)).revision).toBe(2);
  });

  it("keeps blocks' outline names through save and read, trimmed, and refuses a blank one", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Names" });
    const named = doc([
      {
        id: "row",
        type: "container",
        name: " 两栏 ",
        props: {},
        children: [{ id: "s", type: "spacer", name: "留白", props: {} }],
      },
    ]);
    const saved = await put(id, named, '"r1"');
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const draft = (await get(id)).draft as unknown as { blocks: { name?: string; children?: { name?: string }[] }[] };
    expect(draft.blocks[0]?.name).toBe("两栏");
    expect(draft.blocks[0]?.children?.[0]?.name).toBe("留白");
    const blank = await put(id, doc([{ id: "s", type: "spacer", name: "  ", props: {} }] as never), '"r2"');
    expect(blank.status).toBe(422);
    expect(paths(blank)).toEqual(["blocks.0.name"]);
  });

  it("cleans rich-text HTML on save", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Rich" });
    const res = await put(
      id,
      doc([
        {
          id: "r1",
          type: "rich-text",
          props: {
            html: '<p onclick="steal()">你好<script>alert(1)</script></p><a href="javascript:x()">x</a><img src="https://cdn.test/a.png" onerror="x">',
          },
        },
      ]),
      '"r1"',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body.draft as Detail["draft"]).blocks[0]?.props.html).toBe(
      '<p>你好</p><a>x</a><img src="https://cdn.test/a.png" />',
    );
  });
});

describe("publishing, versions, rollback", () => {
  it("publishes, edits, publishes again and rolls back; versions are listed newest first and never change", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Launch" });
    await saveDraftVia(h, shop.tokens.staff, id, doc([{ id: "t", type: "title", props: { title: "One" } }], "Launch"));
    const v1 = await publish(id, { note: "first" });
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, warnings: [] });
    expect((await get(id)).hasUnpublishedChanges).toBe(false);

    await saveDraftVia(h, shop.tokens.staff, id, doc([{ id: "t", type: "title", props: { title: "Two" } }], "Launch"));
    const edited = await get(id);
    expect(edited.hasUnpublishedChanges).toBe(true);
    expect(edited.published).toMatchObject({ version: 1, note: "first", author: { email: shop.emails.admin } });
    const v2 = await publish(id, { note: "second" }, shop.tokens.owner);
    expect(v2.body).toMatchObject({ version: 2 });

    const rb = await h.call("POST", `${P}/${id}/rollback`, { token: shop.tokens.admin, body: { version: 1 } });
    expect(rb.status, JSON.stringify(rb.body)).toBe(201);
    expect(rb.body).toMatchObject({ version: 3, warnings: [] });
    const after = await get(id);
    expect(after.published).toMatchObject({ version: 3, restoredFrom: 1, note: "Restored version 1" });
    // The draft is left alone: it is still "Two", now unpublished again.
    expect(after.draft.blocks[0]?.props.title).toBe("Two");
    expect(after.hasUnpublishedChanges).toBe(true);

    const list = await h.call("GET", `${P}/${id}/versions?limit=2`, { token: shop.tokens.staff });
    expect(list.status).toBe(200);
    const first = list.body.items as { version: number; note: string; restoredFrom: number | null; author: unknown }[];
    expect(first.map((v) => [v.version, v.note, v.restoredFrom])).toEqual([
      [3, "Restored version 1", 1],
      [2, "second", null],
    ]);
    expect(first[1]?.author).toEqual({ memberId: shop.members.owner, email: shop.emails.owner, name: null });
    const rest = await h.call("GET", `${P}/${id}/versions?limit=2&cursor=${list.body.nextCursor}`, {
      token: shop.tokens.staff,
    });
    expect((rest.body.items as { version: number }[]).map((v) => v.version)).toEqual([1]);
    expect(rest.body.nextCursor).toBeNull();

    const one = await h.call("GET", `${P}/${id}/versions/1`, { token: shop.tokens.staff });
    expect(one.status).toBe(200);
    expect((one.body.document as Detail["draft"]).blocks[0]?.props.title).toBe("One");
    const three = await h.call("GET", `${P}/${id}/versions/3`, { token: shop.tokens.staff });
    expect(three.body.document).toEqual(one.body.document);
    expect((await h.call("GET", `${P}/${id}/versions/9`, { token: shop.tokens.staff })).status).toBe(404);
    expect(
      (await h.call("POST", `${P}/${id}/rollback`, { token: shop.tokens.admin, body: { version: 9 } })).status,
    ).toBe(404);

    // Immutable for the app role: no UPDATE, no DELETE, even inside the store's own scope.
    await expect(
      h.db.withTenant(
        shop.id,
        (tx) => tx.$executeRaw`UPDATE page_versions SET note = 'rewritten' WHERE page_id = ${id}::uuid`,
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      h.db.withTenant(shop.id, (tx) => tx.$executeRaw`DELETE FROM page_versions WHERE page_id = ${id}::uuid`),
    ).rejects.toThrow(/permission denied/);
    const again = await h.call("GET", `${P}/${id}/versions/1`, { token: shop.tokens.staff });
    expect(again.body).toEqual(one.body);
  });

  it("migrates an older version's document when rolling back to it", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Old one" });
    // A version written when documents were at schema version 1 (made directly: the API only writes current ones).
    await h.admin.withAdmin((tx) =>
      tx.pageVersion.create({
        data: {
          tenantId: shop.id,
          pageId: id,
          version: 1,
          document: { schemaVersion: 1, title: "Old one", blocks: [{ id: "t", type: "title", props: { text: "v1" } }] },
        },
      }),
    );
    const shown = await h.call("GET", `${P}/${id}/versions/1`, { token: shop.tokens.staff });
    expect(shown.body.document).toMatchObject({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      blocks: [{ props: { title: "v1" } }],
    });
    const rb = await h.call("POST", `${P}/${id}/rollback`, {
      token: shop.tokens.admin,
      body: { version: 1, note: "back" },
    });
    expect(rb.status, JSON.stringify(rb.body)).toBe(201);
    const stored = await h.db.withTenant(shop.id, (tx) =>
      tx.pageVersion.findFirstOrThrow({ where: { pageId: id, version: 2 } }),
    );
    expect(stored).toMatchObject({ restoredFrom: 1, note: "back", publishedBy: shop.members.admin });
    expect(stored.document).toMatchObject({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      blocks: [{ props: { title: "v1" } }],
    });
  });
});

describe("home, delete, duplicate", () => {
  it("never deletes the home page; set-home needs a published page and swaps", async () => {
    const t = await freshShop();
    const home = await createPageVia(h, t.tokens.staff, { title: "Home" });
    const other = await createPageVia(h, t.tokens.staff, { title: "Other" });
    const del = await h.call("DELETE", `${P}/${home}`, { token: t.tokens.owner });
    expect(del.status).toBe(409);
    expect(del.body.error?.code).toBe("page_is_home");

    const unpublished = await h.call("POST", `${P}/${other}/set-home`, { token: t.tokens.admin });
    expect(unpublished.status).toBe(409);
    expect(unpublished.body.error?.code).toBe("page_not_published");

    expect((await publish(other, {}, t.tokens.admin)).status).toBe(201);
    const swapped = await h.call("POST", `${P}/${other}/set-home`, { token: t.tokens.admin });
    expect(swapped.status).toBe(200);
    expect(swapped.body.isHome).toBe(true);
    expect((await get(home, t)).isHome).toBe(false);
    expect((await h.call("POST", `${P}/${other}/set-home`, { token: t.tokens.admin })).status).toBe(200);

    const gone = await h.call("DELETE", `${P}/${home}`, { token: t.tokens.staff });
    expect(gone.status).toBe(200);
    expect((await h.call("GET", `${P}/${home}`, { token: t.tokens.staff })).status).toBe(404);
    // The new home page cannot go either.
    const published = await h.call("DELETE", `${P}/${other}`, { token: t.tokens.owner });
    expect(published.status).toBe(409);
  });

  it("deletes a published page with its versions (owner/admin), not as staff", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Short-lived" });
    expect((await publish(id)).status).toBe(201);
    const asStaff = await h.call("DELETE", `${P}/${id}`, { token: shop.tokens.staff });
    expect(asStaff.status).toBe(403);
    const ok = await h.call("DELETE", `${P}/${id}`, { token: shop.tokens.admin });
    expect(ok.status).toBe(200);
    const left = await h.admin.withAdmin((tx) => tx.pageVersion.count({ where: { pageId: id } }));
    expect(left).toBe(0);
  });

  it("duplicates a draft into a new unpublished page", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "A rather long page title for copying!" });
    await saveDraftVia(
      h,
      shop.tokens.staff,
      id,
      doc([{ id: "t", type: "title", props: { title: "Copy me" } }], "A rather long page title for copying!"),
    );
    await publish(id);
    const res = await h.call("POST", `${P}/${id}/duplicate`, { token: shop.tokens.staff });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const copy = res.body as unknown as Detail;
    expect(copy.id).not.toBe(id);
    expect(copy.title).toBe("A rather long page title for copy (copy)");
    expect(copy.title.length).toBeLessThanOrEqual(40);
    expect(copy).toMatchObject({ isHome: false, published: null, revision: 1 });
    expect(copy.draft.title).toBe(copy.title);
    expect(copy.draft.blocks).toEqual((await get(id)).draft.blocks);
  });
});

describe("roles", () => {
  it("staff save drafts but cannot publish, roll back, schedule, set home or publish the theme", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Staff page" });
    expect((await put(id, doc([], "Staff edit"), '"r1"')).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", `${P}/${id}/publish`, {}],
      ["POST", `${P}/${id}/rollback`, { version: 1 }],
      ["DELETE", `${P}/${id}/schedule`, undefined],
      ["POST", `${P}/${id}/set-home`, undefined],
      ["POST", "/merchant/v1/store-settings/publish", undefined],
    ] as const) {
      const res = await h.call(method, path, { token: shop.tokens.staff, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await get(id)).published).toBeNull();
  });
});

describe("scheduled publish", () => {
  async function makeDue(pageId: string) {
    await h.admin.withAdmin(
      (tx) => tx.$executeRaw`UPDATE outbox SET available_at = now() - interval '1 second'
        WHERE job = 'pages.publish' AND payload->>'pageId' = ${pageId} AND status = 'pending'`,
    );
  }
  const versions = (pageId: string) => h.admin.withAdmin((tx) => tx.pageVersion.count({ where: { pageId } }));

  it("publishes at the time, once, through the outbox", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Later" });
    await saveDraftVia(
      h,
      shop.tokens.staff,
      id,
      doc([{ id: "t", type: "title", props: { title: "At noon" } }], "Later"),
    );
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const res = await publish(id, { at, note: "noon" });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual({ scheduled: { at, note: "noon" }, warnings: [] });
    expect((await get(id)).scheduled).toEqual({ at, note: "noon" });

    await h.flushJobs(); // not due yet
    expect(await versions(id)).toBe(0);
    await makeDue(id);
    await h.flushJobs();
    const page = await get(id);
    expect(page.published).toMatchObject({ version: 1, note: "noon", author: { email: shop.emails.admin } });
    expect(page.scheduled).toBeNull();

    // The same job again (at-least-once delivery) finds nothing to do.
    const job = { pageId: id, at, memberId: shop.members.admin };
    const again = await runScheduledPublish(h.db, h.env, createLogger("silent"), shop.id, job);
    expect(again).toEqual({ outcome: "skipped", reason: "not_scheduled_for_this_time" });
    expect(await versions(id)).toBe(1);
  });

  it("does not publish a cancelled or rescheduled time, and refuses a time in the past", async () => {
    const id = await createPageVia(h, shop.tokens.staff, { title: "Cancelled" });
    const at = new Date(Date.now() + 3_600_000).toISOString();
    expect((await publish(id, { at })).status).toBe(202);
    const cancel = await h.call("DELETE", `${P}/${id}/schedule`, { token: shop.tokens.admin });
    expect(cancel.status).toBe(200);
    expect((await get(id)).scheduled).toBeNull();
    await makeDue(id);
    await h.flushJobs();
    expect(await versions(id)).toBe(0);

    const first = new Date(Date.now() + 3_600_000).toISOString();
    const second = new Date(Date.now() + 7_200_000).toISOString();
    expect((await publish(id, { at: first })).status).toBe(202);
    expect((await publish(id, { at: second })).status).toBe(202);
    const run = (when: string) =>
      runScheduledPublish(h.db, h.env, createLogger("silent"), shop.id, { pageId: id, at: when, memberId: null });
    expect(await run(first)).toEqual({ outcome: "skipped", reason: "not_scheduled_for_this_time" });
    expect(await run(second)).toEqual({ outcome: "published", version: 1 });

    const past = await publish(id, { at: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(422);
    expect(paths(past)).toEqual(["at"]);
  });

  it("refuses at the time when the page broke meanwhile, clears the schedule and emails who scheduled it", async () => {
    const product = await createProductVia(h, shop.tokens.admin, productBody({ status: "on_shelf" }));
    const id = await createPageVia(h, shop.tokens.staff, { title: "Breaks" });
    await saveDraftVia(
      h,
      shop.tokens.staff,
      id,
      doc([grid("g", { source: "manual", productIds: [product.id] })], "Breaks"),
    );
    const at = new Date(Date.now() + 3_600_000).toISOString();
    expect((await publish(id, { at })).status).toBe(202);
    expect((await h.call("DELETE", `/merchant/v1/products/${product.id}`, { token: shop.tokens.admin })).status).toBe(
      200,
    );
    const sentBefore = h.mailer.sent.length;
    await makeDue(id);
    await h.flushJobs();
    await h.flushJobs(); // the email the job enqueued
    const page = await get(id);
    expect(page.published).toBeNull();
    expect(page.scheduled).toBeNull();
    const mail = h.mailer.sent.slice(sentBefore).find((m) => m.to === shop.emails.admin);
    expect(mail?.subject).toMatch(/Breaks/);
    expect(mail?.text).toMatch(/recycle bin/);
  });
});

describe("store settings", () => {
  it("shows the defaults at r0, saves under If-Match and publishes", async () => {
    const t = await freshShop();
    const S = "/merchant/v1/store-settings";
    const start = await h.call("GET", S, { token: t.tokens.staff });
    expect(start.status).toBe(200);
    expect(start.headers.get("etag")).toBe('"r0"');
    expect(start.body).toMatchObject({ revision: 0, published: null, hasUnpublishedChanges: false });
    expect((start.body.draft as { theme: { colors: { primary: string } } }).theme.colors.primary).toBe("#ee0a24");

    const settings = {
      theme: { colors: { primary: "#ff5000" } },
      tabBar: {
        items: [
          { tab: "home", text: "首页", icon: "home" },
          { tab: "me", text: "我的", icon: "user" },
        ],
      },
    };
    expect((await h.call("PUT", `${S}/draft`, { token: t.tokens.staff, body: settings })).status).toBe(428);
    const saved = await h.call("PUT", `${S}/draft`, {
      token: t.tokens.staff,
      body: settings,
      headers: { "if-match": '"r0"' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.headers.get("etag")).toBe('"r1"');
    expect(saved.body).toMatchObject({ revision: 1, hasUnpublishedChanges: true });
    expect(saved.body.draft).toMatchObject({ theme: { colors: { primary: "#ff5000", price: "#ee0a24" }, radius: 8 } });
    const stale = await h.call("PUT", `${S}/draft`, {
      token: t.tokens.staff,
      body: settings,
      headers: { "if-match": '"r0"' },
    });
    expect(stale.status).toBe(412);

    const badTabs = await h.call("PUT", `${S}/draft`, {
      token: t.tokens.staff,
      body: { ...settings, tabBar: { items: [{ tab: "cart", text: "购物车", icon: "cart" }] } },
      headers: { "if-match": '"r1"' },
    });
    expect(badTabs.status).toBe(422);

    const pub = await h.call("POST", `${S}/publish`, { token: t.tokens.admin });
    expect(pub.status).toBe(201);
    expect(pub.body.version).toBe(1);
    const after = await h.call("GET", S, { token: t.tokens.staff });
    expect(after.body).toMatchObject({ revision: 1, hasUnpublishedChanges: false, published: { version: 1 } });
    expect((after.body.published as { document: unknown }).document).toEqual(after.body.draft);
  });

  it("keeps the store's logo: an image of its own library (422 otherwise), shown to shoppers once published", async () => {
    const t = await freshShop();
    const other = await freshShop();
    const S = "/merchant/v1/store-settings";
    const current = await h.call("GET", S, { token: t.tokens.staff });
    const draft = current.body.draft as Record<string, unknown>;
    expect(draft.logo).toBeNull();
    const logo = (mediaId: string) => ({ mediaId, url: `https://cdn.test/${mediaId}.png`, width: 10, height: 10 });
    const put = (body: unknown, etag: string) =>
      h.call("PUT", `${S}/draft`, { token: t.tokens.staff, body, headers: { "if-match": etag } });

    for (const foreign of [await makeMedia(h, other), await makeMedia(h, t, "video")]) {
      const refused = await put({ ...draft, logo: logo(foreign) }, '"r0"');
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ error: { details: [{ path: "logo.mediaId" }] } });
    }
    const image = await makeMedia(h, t);
    const saved = await put({ ...draft, logo: logo(image) }, '"r0"');
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const store = () => h.call("GET", "/store/v1/settings", { headers: { "x-mallwright-tenant": t.key } });
    expect((await store()).body.logoUrl).toBeNull();
    expect((await h.call("POST", `${S}/publish`, { token: t.tokens.admin })).status).toBe(201);
    expect((await store()).body.logoUrl).toBe(`https://cdn.test/${image}.png`);

    // While the logo uses it, the image cannot be deleted; the refusal says where it is used.
    const del = await h.call("DELETE", `/merchant/v1/media/${image}`, { token: t.tokens.owner });
    expect(del.status).toBe(409);
    expect(del.body).toMatchObject({
      error: { code: "media_in_use", details: [{ path: expect.stringMatching(/^store:/) }] },
    });
  });

  it("refuses to delete an image a page's draft or published version uses", async () => {
    const t = await freshShop();
    const image = await makeMedia(h, t);
    const ref = { mediaId: image, url: `https://cdn.test/${image}.png`, width: 10, height: 10 };
    const id = await createPageVia(h, t.tokens.staff, {
      title: "Banner",
      document: doc([{ id: "i1", type: "image", props: { image: ref } }], "Banner"),
    });
    const del = await h.call("DELETE", `/merchant/v1/media/${image}`, { token: t.tokens.owner });
    expect(del.status).toBe(409);
    expect(del.body).toMatchObject({ error: { details: [{ path: `page:${id}`, message: "Banner" }] } });
    const usage = await h.call("GET", `/merchant/v1/media/${image}/usage`, { token: t.tokens.staff });
    expect(usage.body).toMatchObject({ usedBy: [{ kind: "page", id, label: "Banner" }] });
  });
});
