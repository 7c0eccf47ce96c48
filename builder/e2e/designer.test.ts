// The page designer in Chromium against a real platform: the store owner opens the home page from the
// pages list, drags a container from the palette onto the canvas and a product grid into it (real
// mouse drags, the insertion line shown), binds the grid to a category in the inspector (the canvas
// shows that category's products, hydrated by the server), undoes and redoes with the keyboard and the
// toolbar, publishes with a note (the storefront serves the grid and its products), rolls back to
// version 1 (the grid is gone from the store), and switches the designer to English.
import { type TBlockNode, ZPageData, ZPageDocument } from "@mallwright/schema";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type E2E, startE2E } from "./harness.ts";

let e: E2E;

beforeAll(async () => {
  e = await startE2E();
});

afterAll(async () => {
  await e?.close();
});

/** The fresh-food template's subcategory the grid is bound to. */
const CATEGORY = "进口水果";

const ZStoreCategories = z.object({
  items: z.array(
    z.object({ id: z.string(), name: z.string(), children: z.array(z.object({ id: z.string(), name: z.string() })) }),
  ),
});
const ZStoreProducts = z.object({ items: z.array(z.object({ id: z.string(), title: z.string() })) });
const ZStorePage = z.object({
  page: z.object({ id: z.string(), version: z.number().int(), document: ZPageDocument }),
  data: ZPageData,
});

/** GET on the storefront API as a shopper's app calls it: no sign-in, the store named by header. */
async function storeGet<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const res = await fetch(`${e.origin}/store/v1${path}`, { headers: { "x-mallwright-tenant": e.tenant.key } });
  expect(res.status, `GET /store/v1${path}`).toBe(200);
  return schema.parse(await res.json());
}

/** Every block of a tree, depth first. */
function* walk(blocks: readonly TBlockNode[]): Generator<TBlockNode> {
  for (const b of blocks) {
    yield b;
    if (b.children) yield* walk(b.children);
  }
}

/** The centre of an element, scrolled into view first. */
async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error("element has no box");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * A real mouse drag as dnd-kit's PointerSensor sees it: press on the source, move past the 4 px
 * activation distance, glide to the target in steps, then `beforeDrop` (to look at the insertion
 * line while the block is held) and release.
 */
async function drag(
  page: Page,
  source: Locator,
  target: () => Promise<{ x: number; y: number }>,
  beforeDrop?: () => Promise<void>,
): Promise<void> {
  const from = await centre(source);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 2, { steps: 2 });
  await page.mouse.move(from.x + 40, from.y + 10, { steps: 4 });
  const to = await target();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.move(to.x + 1, to.y, { steps: 1 });
  await beforeDrop?.();
  await page.mouse.up();
}

/** Ids of the items directly in a drop list. */
function itemIds(list: Locator): Promise<string[]> {
  return list.evaluate((el) =>
    Array.from(el.children)
      .map((c) => c.getAttribute("data-drop-item"))
      .filter((id): id is string => id !== null),
  );
}

describe("page designer", () => {
  it("builds the home page by dragging, binds a grid to a category, undoes, publishes and rolls back", async () => {
    // The category and its products, as the storefront knows them.
    const tree = await storeGet("/categories", ZStoreCategories);
    const category = tree.items.flatMap((c) => [c, ...c.children]).find((c) => c.name === CATEGORY);
    expect(category, `the template's category ${CATEGORY}`).toBeDefined();
    const categoryId = category?.id ?? "";
    const inCategory = await storeGet(`/products?category=${categoryId}&limit=50`, ZStoreProducts);
    const categoryTitles = inCategory.items.map((p) => p.title).sort();
    expect(categoryTitles.length).toBeGreaterThan(0);

    // 1. The owner opens the home page from the pages list.
    const page = await e.newPage();
    await e.login(page, e.owner.email, e.owner.password);
    await page.locator("main").getByRole("link", { name: "首页", exact: true }).click();
    await page.waitForURL(/\/pages\/[0-9a-f-]+\/design$/);
    const pageId = new URL(page.url()).pathname.split("/")[2] ?? "";
    const root = page.locator('[data-drop-area="canvas"]');
    await root.locator("[data-drop-item]").first().waitFor({ timeout: 30_000 });
    const save = page.locator(".dz-save");
    await expect.poll(() => save.textContent()).toBe("已是最新");

    // 2a. A container from the palette onto the page, between the second and third blocks.
    const before = await itemIds(root);
    expect(before.length).toBeGreaterThan(3);
    const third = root.locator(`[data-drop-item="${before[2]}"]`);
    const line = page.locator(".dz-insertion-line");
    await drag(
      page,
      page.locator('[data-drag-id="palette:container"]'),
      async () => {
        const box = await third.boundingBox();
        if (!box) throw new Error("third block has no box");
        return { x: box.x + box.width / 2, y: box.y + Math.min(12, box.height / 4) };
      },
      async () => {
        // The insertion line is shown across the page list, between the second and third blocks.
        await expect.poll(() => line.evaluate((el) => getComputedStyle(el).display)).toBe("block");
        const lineBox = await line.boundingBox();
        const rootBox = await root.boundingBox();
        const thirdBox = await third.boundingBox();
        if (!lineBox || !rootBox || !thirdBox) throw new Error("no line, list or block box");
        expect(Math.abs(lineBox.width - rootBox.width)).toBeLessThan(3);
        expect(Math.abs(lineBox.y - thirdBox.y)).toBeLessThan(8);
        // The drag overlay names the block being placed.
        expect(await page.locator(".dz-overlay").textContent()).toContain("容器");
      },
    );
    await expect.poll(() => line.evaluate((el) => getComputedStyle(el).display)).toBe("none");
    await expect.poll(() => itemIds(root).then((ids) => ids.length)).toBe(before.length + 1);
    const afterContainer = await itemIds(root);
    const containerId = afterContainer[2] ?? "";
    expect(before).not.toContain(containerId);
    expect(afterContainer.filter((id) => id !== containerId)).toEqual(before);
    const container = root.locator(`[data-drop-item="${containerId}"]`);
    // The new block is selected, and the inspector edits it.
    await expect.poll(() => container.getAttribute("aria-current")).toBe("true");
    await expect.poll(() => page.locator(".dz-inspector h2").textContent()).toBe("容器");
    const containerList = page.locator(`[data-drop-list="${containerId}"]`);
    expect(await containerList.locator(".dz-empty-container").textContent()).toBe("拖入组件");

    // 2b. A product grid from the palette into that container.
    await drag(
      page,
      page.locator('[data-drag-id="palette:product-grid"]'),
      () => centre(containerList),
      async () => {
        await expect.poll(() => line.evaluate((el) => getComputedStyle(el).display)).toBe("block");
        const lineBox = await line.boundingBox();
        const listBox = await containerList.boundingBox();
        if (!lineBox || !listBox) throw new Error("no line or list box");
        // Inside the empty container's list, not across the page.
        expect(lineBox.x).toBeGreaterThanOrEqual(listBox.x - 1);
        expect(lineBox.x + lineBox.width).toBeLessThanOrEqual(listBox.x + listBox.width + 1);
        expect(lineBox.y).toBeGreaterThanOrEqual(listBox.y - 1);
        expect(lineBox.y).toBeLessThanOrEqual(listBox.y + listBox.height);
      },
    );
    await expect.poll(() => itemIds(containerList).then((ids) => ids.length)).toBe(1);
    const gridId = (await itemIds(containerList))[0] ?? "";
    expect(await itemIds(root)).toEqual(afterContainer);
    const grid = containerList.locator(`[data-drop-item="${gridId}"]`);
    await expect.poll(() => grid.getAttribute("aria-current")).toBe("true");
    await expect.poll(() => page.locator(".dz-inspector h2").textContent()).toBe("商品列表");
    const cardTitles = async () => (await grid.locator(".mw-card-title").allTextContents()).sort();
    // Unbound, a new grid shows the newest products (hydrated like the rest of the page).
    await expect.poll(() => cardTitles().then((t) => t.length), { timeout: 15_000 }).toBeGreaterThan(0);
    const newestTitles = await cardTitles();
    expect(newestTitles).not.toEqual(categoryTitles);

    // 3. Bind it to the category in the inspector: the canvas shows that category's products.
    const inspector = page.locator(".dz-inspector");
    const hydrated = page.waitForResponse(
      (r) => r.url().endsWith("/merchant/v1/pages/hydrate") && r.request().method() === "POST",
    );
    await inspector.locator('select[aria-label="商品来源"]').selectOption("category");
    await inspector.locator('select[aria-label="选择分类"]').selectOption(categoryId);
    expect((await hydrated).status()).toBe(200);
    await expect.poll(cardTitles, { timeout: 15_000 }).toEqual(categoryTitles);
    await e.screenshot(page, "designer-bound");

    // 4. Undo and redo, by keyboard (from the block, not from a field) and by the toolbar.
    await grid.focus();
    await page.keyboard.press("Control+z");
    await expect.poll(cardTitles, { timeout: 15_000 }).toEqual(newestTitles);
    await expect.poll(() => inspector.locator('select[aria-label="商品来源"]').inputValue()).toBe("newest");
    await page.keyboard.press("Control+z");
    await expect.poll(() => itemIds(containerList)).toEqual([]);
    await expect.poll(() => containerList.locator(".dz-empty-container").count()).toBe(1);
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => itemIds(containerList)).toEqual([gridId]);
    await expect.poll(cardTitles, { timeout: 15_000 }).toEqual(newestTitles);
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(cardTitles, { timeout: 15_000 }).toEqual(categoryTitles);

    const undo = page.locator(".dz-history button[aria-label='撤销']");
    const redo = page.locator(".dz-history button[aria-label='重做']");
    expect(await redo.isDisabled()).toBe(true);
    await undo.click();
    await expect.poll(cardTitles, { timeout: 15_000 }).toEqual(newestTitles);
    expect(await redo.isEnabled()).toBe(true);
    await redo.click();
    await expect.poll(cardTitles, { timeout: 15_000 }).toEqual(categoryTitles);
    await expect.poll(() => redo.isDisabled()).toBe(true);

    // 5. Autosaved, then published with a note.
    await expect.poll(() => save.textContent(), { timeout: 20_000 }).toBe("已保存");
    await page.locator(".dz-topbar").getByRole("button", { name: "发布", exact: true }).click();
    const publish = page.locator('dialog[aria-label="发布页面"]');
    await publish.locator("textarea").fill("首页加上进口水果专区");
    await publish.getByRole("button", { name: "立即发布" }).click();
    await expect
      .poll(() => publish.locator('[role="status"]').textContent(), { timeout: 20_000 })
      .toContain("已发布为版本 2");
    await publish.locator(".modal-foot button").click();
    await publish.waitFor({ state: "detached" });

    const live = await storeGet("/pages/home", ZStorePage);
    expect(live.page.id).toBe(pageId);
    expect(live.page.version).toBe(2);
    const liveContainer = live.page.document.blocks.find((b) => b.id === containerId);
    expect(liveContainer?.type).toBe("container");
    expect(live.page.document.blocks.map((b) => b.id)).toEqual(afterContainer);
    const liveGrid = liveContainer?.children?.find((b) => b.id === gridId);
    expect(liveGrid?.type).toBe("product-grid");
    expect(liveGrid?.props.source).toEqual({ source: "category", categoryId });
    const bound = live.data.bindings[gridId] ?? [];
    expect([...bound].sort()).toEqual(inCategory.items.map((p) => p.id).sort());
    expect(bound.map((id) => live.data.products[id]?.title).sort()).toEqual(categoryTitles);

    // 6. Roll back to version 1 from the versions dialog: the store's home page has no grid again.
    await page.locator(".dz-topbar").getByRole("button", { name: "版本记录", exact: true }).click();
    const versions = page.locator('dialog[aria-label="版本记录"]');
    const v2 = versions.locator(".dz-version-list button", { hasText: "版本 2" });
    await v2.waitFor({ timeout: 15_000 });
    expect(await v2.textContent()).toContain("首页加上进口水果专区");
    expect(await v2.textContent()).toContain("线上版本");
    await versions.locator(".dz-version-list button", { has: page.locator("strong", { hasText: /^版本 1$/ }) }).click();
    await versions.getByRole("button", { name: "回滚到这个版本" }).click();
    await page.locator("[data-sonner-toast]", { hasText: "已重新发布版本 1，成为版本 3" }).waitFor({ timeout: 15_000 });
    const rolledBack = await storeGet("/pages/home", ZStorePage);
    expect(rolledBack.page.version).toBe(3);
    const ids = [...walk(rolledBack.page.document.blocks)].map((b) => b.id);
    expect(ids).not.toContain(gridId);
    expect(ids).not.toContain(containerId);
    expect(rolledBack.page.document.blocks.map((b) => b.id)).toEqual(before);
    expect(rolledBack.data.bindings[gridId]).toBeUndefined();
    await versions.locator(".modal-close").click();
    await versions.waitFor({ state: "detached" });
    // The draft keeps the merchant's work.
    expect(await itemIds(containerList)).toEqual([gridId]);

    // 7. English: the designer's own labels, the palette and the inspector change language.
    await grid.click();
    await expect.poll(() => grid.getAttribute("aria-current")).toBe("true");
    const topbar = page.locator(".dz-topbar");
    await topbar.locator("select.language-switch").selectOption("en");
    await expect.poll(() => topbar.getByRole("button", { name: "Publish", exact: true }).count()).toBe(1);
    expect(await topbar.getByRole("button", { name: "Versions", exact: true }).count()).toBe(1);
    expect(await page.locator(".dz-tabs").getByRole("tab").allTextContents()).toEqual(["Blocks", "Outline"]);
    expect(await page.locator('[data-drag-id="palette:container"]').textContent()).toBe("Container");
    expect(await inspector.locator("h2").textContent()).toBe("Product grid");
    expect(await inspector.locator('select[aria-label="Products from"]').inputValue()).toBe("category");
    expect(await save.textContent()).toBe("Saved");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    // The rollback's toast has gone by itself before the picture is taken.
    await expect.poll(() => page.locator("[data-sonner-toast]").count(), { timeout: 15_000 }).toBe(0);
    const shot = await e.screenshot(page, "designer");
    expect(shot).toMatch(/designer\.png$/);

    // No script error, CSP violation or failed request, but the signed-out probe before signing in.
    expect(e.errorsOf(page).filter((x) => x !== "http 401 GET /merchant/v1/me")).toEqual([]);
  });

  it("moves a block by keyboard, shows the tab bar, puts a template page in place of a page, previews it on a phone, undoes", async () => {
    const page = await e.newPage();
    await e.login(page, e.owner.email, e.owner.password);
    await page.locator("main").getByRole("link", { name: "今日特价", exact: true }).click();
    await page.waitForURL(/\/pages\/[0-9a-f-]+\/design$/);
    const root = page.locator('[data-drop-area="canvas"]');
    await root.locator("[data-drop-item]").first().waitFor({ timeout: 30_000 });
    const save = page.locator(".dz-save");
    await expect.poll(() => save.textContent()).toBe("已是最新");

    // The store's tab bar (the template's, as drafted) under the page, this page's tab not current.
    const tabs = page.locator(".dz-phone .mw-tab-bar .mw-tab-text");
    expect(await tabs.allTextContents()).toEqual(["首页", "分类", "菜篮子", "我的"]);
    expect(await page.locator(".dz-phone .mw-tab.is-current").count()).toBe(0);

    // Keyboard dragging: Space picks the first block up, arrows move it, Space drops it lower down.
    const before = await itemIds(root);
    expect(before.length).toBeGreaterThan(2);
    const first = root.locator(`[data-drop-item="${before[0]}"]`);
    await first.focus();
    await page.keyboard.press("Space");
    await expect.poll(() => first.getAttribute("class")).toContain("is-dragging");
    for (let i = 0; i < 24; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Space");
    await expect.poll(() => itemIds(root).then((ids) => ids.indexOf(before[0] ?? ""))).toBeGreaterThan(0);
    const moved = await itemIds(root);
    expect([...moved].sort()).toEqual([...before].sort());
    expect(await first.getAttribute("class")).not.toContain("is-dragging");
    await page.keyboard.press("Control+z");
    await expect.poll(() => itemIds(root)).toEqual(before);

    // A template page in place of this one's blocks: the page keeps its title; undo brings it back.
    await page.locator(".dz-topbar").getByRole("button", { name: "模板", exact: true }).click();
    const dialog = page.locator('dialog[aria-label="页面模板"]');
    const beauty = dialog.locator(".dz-template", { hasText: "美妆" });
    await beauty.getByRole("button", { name: "替换当前页面" }).click();
    await dialog.waitFor({ state: "detached", timeout: 20_000 });
    await expect.poll(() => itemIds(root)).not.toEqual(before);
    const replaced = await itemIds(root);
    await e.screenshot(page, "designer-template");

    // The phone preview of the draft (the link behind the QR code), in a phone-sized window: the
    // template's blocks, the store's tab bar.
    await expect.poll(() => save.textContent(), { timeout: 20_000 }).toBe("已保存");
    await page.locator(".dz-topbar").getByRole("button", { name: "手机预览", exact: true }).click();
    const previewDialog = page.locator('dialog[aria-label="手机预览"]');
    const link = previewDialog.locator("input[readonly]");
    await expect.poll(() => link.inputValue(), { timeout: 15_000 }).toMatch(/\/preview\/[\w.-]+$/);
    const url = await link.inputValue();
    expect(await previewDialog.locator("img").getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    const phone = await e.newPage();
    await phone.setViewportSize({ width: 375, height: 812 });
    await phone.goto(url);
    await phone.locator(".mw-page").waitFor({ timeout: 20_000 });
    expect(await phone.locator(".pv-title").textContent()).toBe("今日特价");
    expect(await phone.locator(".mw-tab-text").allTextContents()).toEqual(["首页", "分类", "菜篮子", "我的"]);
    expect(await phone.locator(".mw-page > *").count()).toBe(replaced.length);
    await e.screenshot(phone, "preview-phone");
    expect(e.errorsOf(phone)).toEqual([]);
    await previewDialog.locator(".modal-close").click();

    await root.locator(`[data-drop-item="${replaced[0]}"]`).focus();
    await page.keyboard.press("Control+z");
    await expect.poll(() => itemIds(root)).toEqual(before);
    expect(e.errorsOf(page).filter((x) => x !== "http 401 GET /merchant/v1/me")).toEqual([]);
  });
});
