// The catalog back office in Chromium against a real platform: a product with a 2x3 SKU matrix made in
// the product editor (spec dimensions 颜色 and 尺码, prices and stock batch-filled, one row filled on
// its own) and read back through the merchant API; an image uploaded in the media library through its
// file input, shown in the grid and listed by the API as an image.
import { ZCategoryTree, ZMediaPage, ZProduct } from "@mallwright/schema";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { type E2E, startE2E } from "./harness.ts";

let e: E2E;

beforeAll(async () => {
  e = await startE2E();
});

afterAll(async () => {
  await e?.close();
});

/** GET on the merchant API with the page's own session (the browser context shares its cookie). */
async function merchantGet<T>(page: Page, path: string, schema: z.ZodType<T>): Promise<T> {
  const res = await page.context().request.get(`${e.origin}/merchant/v1${path}`);
  expect(res.status(), `GET /merchant/v1${path}`).toBe(200);
  return schema.parse(await res.json());
}

describe("product editor", () => {
  it("creates a product with a 2x3 SKU matrix, batch-filled, and the API has every SKU", async () => {
    const page = await e.newPage();
    await e.login(page, e.owner.email, e.owner.password);
    const tree = await merchantGet(page, "/categories", ZCategoryTree);
    const category = tree.items.flatMap((c) => c.children).find((c) => c.name === "进口水果");
    expect(category, "the template's subcategory 进口水果").toBeDefined();
    const categoryId = category?.id ?? "";

    await page.goto("/products/new");
    const form = page.locator("#product-form");
    await form.getByLabel("商品标题").fill("E2E 测试卫衣");
    await form.getByLabel("副标题").fill("两色三码");
    await form.getByLabel("商品分类").selectOption(categoryId);

    // Two spec dimensions: 颜色 (红, 蓝) and 尺码 (S, M, L).
    const addDimension = form.getByRole("button", { name: "添加规格项" });
    const dims: [string, string[]][] = [
      ["颜色", ["红", "蓝"]],
      ["尺码", ["S", "M", "L"]],
    ];
    for (const [i, [name, values]] of dims.entries()) {
      await addDimension.click();
      await form.getByLabel(`规格项 ${i + 1} 名称`).fill(name);
      const add = form.getByLabel(`给「${name}」添加规格值`);
      for (const v of values) {
        await add.fill(v);
        await add.press("Enter");
      }
    }
    const rows = form.locator("table.sku-grid tbody tr");
    await expect.poll(() => rows.count()).toBe(6);
    const combos = await rows.evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll("td"))
          .filter((td) => !td.querySelector("input"))
          .map((td) => td.textContent ?? ""),
      ),
    );
    expect(combos).toEqual([
      ["红", "S"],
      ["红", "M"],
      ["红", "L"],
      ["蓝", "S"],
      ["蓝", "M"],
      ["蓝", "L"],
    ]);

    // Batch fill: price and stock for every row, then one row's price on its own.
    const fillField = form.getByLabel("填充哪一列");
    const fillValue = form.getByLabel("填充内容");
    await fillField.selectOption("price");
    await fillValue.fill("12.5");
    await form.getByRole("button", { name: "填充全部" }).click();
    await fillField.selectOption("stock");
    await fillValue.fill("30");
    await form.getByRole("button", { name: "填充全部" }).click();
    await form.getByLabel("选择「蓝 / L」").check();
    await fillField.selectOption("price");
    await fillValue.fill("15.8");
    await form.getByRole("button", { name: "填充所选（1）" }).click();
    expect(await form.getByLabel("红 / S 售价（元）").inputValue()).toBe("12.5");
    expect(await form.getByLabel("蓝 / L 售价（元）").inputValue()).toBe("15.8");
    expect(await form.getByLabel("蓝 / M 库存").inputValue()).toBe("30");

    await page.locator(".page-header .page-actions").getByRole("button", { name: "保存", exact: true }).click();
    await page.waitForURL(/\/products\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const id = new URL(page.url()).pathname.split("/")[2] ?? "";
    await page.locator("[data-sonner-toast]", { hasText: "已保存" }).first().waitFor({ timeout: 15_000 });

    const product = await merchantGet(page, `/products/${id}`, ZProduct);
    expect(product.title).toBe("E2E 测试卫衣");
    expect(product.subtitle).toBe("两色三码");
    expect(product.categoryId).toBe(categoryId);
    expect(product.dimensions).toEqual([
      { name: "颜色", values: ["红", "蓝"] },
      { name: "尺码", values: ["S", "M", "L"] },
    ]);
    expect(product.skus).toHaveLength(6);
    const byCombo = new Map(product.skus.map((s) => [s.specValues.join("/"), s]));
    for (const color of ["红", "蓝"]) {
      for (const size of ["S", "M", "L"]) {
        const sku = byCombo.get(`${color}/${size}`);
        expect(sku, `SKU ${color}/${size}`).toBeDefined();
        expect(sku?.price).toBe(color === "蓝" && size === "L" ? 1580 : 1250);
        expect(sku?.stock).toBe(30);
        expect(sku?.compareAtPrice).toBeNull();
      }
    }
    expect(product.priceMin).toBe(1250);
    expect(product.priceMax).toBe(1580);
    expect(product.stockTotal).toBe(180);

    // The saved product is shown again from the server: the same matrix.
    await expect.poll(() => rows.count()).toBe(6);
    expect(await form.getByLabel("蓝 / L 售价（元）").inputValue()).toBe("15.80");
    await page.locator("table.sku-grid").scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator("[data-sonner-toast]").count(), { timeout: 15_000 }).toBe(0);
    await e.screenshot(page, "product-editor");
    expect(e.errorsOf(page).filter((x) => x !== "http 401 GET /merchant/v1/me")).toEqual([]);
  });
});

describe("media library", () => {
  it("uploads a PNG through the file input: it shows in the grid and the API lists it as an image", async () => {
    const png = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 47, g: 158, b: 68 } },
    })
      .png()
      .toBuffer();
    const page = await e.newPage();
    await e.login(page, e.owner.email, e.owner.password);
    await page.goto("/media");
    await page.locator("main h1").waitFor();
    const name = "e2e-swatch.png";
    await page.locator('input[type="file"][aria-label="选择文件"]').setInputFiles({
      name,
      mimeType: "image/png",
      buffer: png,
    });
    const tile = page.locator(".media-grid .media-tile", { hasText: name });
    await tile.waitFor({ timeout: 20_000 });
    expect(await tile.locator(".media-meta").textContent()).toContain("64×64");
    await expect
      .poll(() => tile.locator("img").evaluate((img) => img instanceof HTMLImageElement && img.naturalWidth > 0))
      .toBe(true);

    const list = await merchantGet(page, "/media?kind=image&limit=100", ZMediaPage);
    const media = list.items.find((m) => m.name === name);
    expect(media, "the upload in GET /merchant/v1/media").toBeDefined();
    expect(media?.kind).toBe("image");
    expect(media?.mime).toBe("image/png");
    expect(media?.width).toBe(64);
    expect(media?.height).toBe(64);
    // The server re-encodes uploads (metadata stripped): the stored original is still a 64x64 PNG.
    expect(media?.bytes).toBeGreaterThan(0);
    const stored = await page.context().request.get(new URL(media?.url ?? "", e.origin).href);
    expect(stored.status()).toBe(200);
    const meta = await sharp(await stored.body()).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 64, 64]);
    await e.screenshot(page, "media-library");
    expect(e.errorsOf(page).filter((x) => x !== "http 401 GET /merchant/v1/me")).toEqual([]);
  });
});
