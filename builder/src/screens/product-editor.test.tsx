// The product editor against the API's JSON: a new product (one SKU), an existing 2x3 product
// (matrix, batch fill, saving fen), the API's 422 at the cells, and a product in the recycle bin.
import { type TProduct, ZCategoryTree, ZProduct, ZSaveProductResponse } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Reply, renderScreen, serveApi, uuid } from "./fake-api.tsx";
import { ProductEditorScreen } from "./product-editor.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const tree = ZCategoryTree.parse({ items: [] });
const colours = ["红", "蓝"];
const sizes = ["S", "M", "L"];

function product(over: Partial<TProduct> = {}): TProduct {
  return ZProduct.parse({
    id: uuid(1),
    title: "纯棉T恤",
    subtitle: "",
    detailHtml: "<p>100% 棉</p>",
    categoryId: null,
    status: "on_shelf",
    tags: ["夏季"],
    images: [{ id: uuid(80), url: "/files/a.webp", thumbUrl: "/files/a-thumb.webp" }],
    video: null,
    dimensions: [
      { name: "颜色", values: colours },
      { name: "尺码", values: sizes },
    ],
    currency: "CNY",
    priceMin: 9900,
    priceMax: 9900,
    stockTotal: 60,
    salesCount: 0,
    skus: colours.flatMap((c, i) =>
      sizes.map((s, j) => ({
        id: uuid(10 + i * 3 + j),
        specValues: [c, s],
        price: 9900,
        compareAtPrice: null,
        stock: 10,
        code: `T-${i}${j}`,
        imageMediaId: null,
        weightGrams: null,
        lowStockThreshold: null,
        effectiveLowStock: 5,
        stockState: "in_stock",
      })),
    ),
    onShelfAt: null,
    deletedAt: null,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    ...over,
  });
}

describe("ProductEditorScreen", () => {
  it("starts a new product with one empty SKU and refuses an unpriced save at the cell", async () => {
    const sent = serveApi({ "GET /merchant/v1/categories": () => tree });
    renderScreen(<ProductEditorScreen />, { path: "/products/new", route: "/products/new" });
    expect(await screen.findByText("Add product", { selector: "h1 *, h1" })).toBeTruthy();
    expect(screen.getAllByLabelText(/^Default /).length).toBe(4);
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "明前龙井" } });
    fireEvent.click(screen.getAllByRole("button", { name: "Save" })[0] as HTMLElement);
    expect(await screen.findAllByText("Required")).toHaveLength(2);
    expect(sent.some((r) => r.method === "POST")).toBe(false);
  });

  it("shows the 2x3 matrix, batch-fills the price and saves it in fen", async () => {
    const sent = serveApi({
      "GET /merchant/v1/categories": () => tree,
      "GET /merchant/v1/products/:id": () => product(),
      "PATCH /merchant/v1/products/:id": () => ZSaveProductResponse.parse({ product: product(), removedSkus: [] }),
    });
    renderScreen(<ProductEditorScreen />, { path: `/products/${uuid(1)}`, route: "/products/:id" });
    expect(await screen.findByDisplayValue("纯棉T恤")).toBeTruthy();
    const grid = document.querySelector("table.sku-grid") as HTMLTableElement;
    expect(grid.tBodies[0]?.rows.length).toBe(6);
    expect((screen.getByLabelText("蓝 / L Price (yuan)") as HTMLInputElement).value).toBe("99.00");

    fireEvent.change(screen.getByLabelText("Value to fill"), { target: { value: "0.29" } });
    fireEvent.click(screen.getByText("Fill all"));
    expect((screen.getByLabelText("红 / M Price (yuan)") as HTMLInputElement).value).toBe("0.29");
    fireEvent.click(screen.getAllByRole("button", { name: "Save" })[0] as HTMLElement);
    await waitFor(() => expect(sent.some((r) => r.method === "PATCH")).toBe(true));
    const body = sent.find((r) => r.method === "PATCH")?.body as { skus: { price: number; code: string }[] };
    expect(body.skus.map((s) => s.price)).toEqual([29, 29, 29, 29, 29, 29]);
    expect(body.skus[5]?.code).toBe("T-12");
    expect(body).toMatchObject({
      imageIds: [uuid(80)],
      tags: ["夏季"],
      dimensions: [{ name: "颜色" }, { name: "尺码" }],
    });
  });

  it("adds a size and keeps the existing rows' values", async () => {
    serveApi({ "GET /merchant/v1/categories": () => tree, "GET /merchant/v1/products/:id": () => product() });
    renderScreen(<ProductEditorScreen />, { path: `/products/${uuid(1)}`, route: "/products/:id" });
    const add = await screen.findByLabelText("Add a value to “尺码”");
    fireEvent.change(add, { target: { value: "XL" } });
    fireEvent.keyDown(add, { key: "Enter" });
    expect((document.querySelector("table.sku-grid") as HTMLTableElement).tBodies[0]?.rows.length).toBe(8);
    expect((screen.getByLabelText("蓝 / L SKU code") as HTMLInputElement).value).toBe("T-12");
    expect((screen.getByLabelText("蓝 / XL Price (yuan)") as HTMLInputElement).value).toBe("");
  });

  it("shows the API's 422 details at their cells", async () => {
    serveApi({
      "GET /merchant/v1/categories": () => tree,
      "GET /merchant/v1/products/:id": () => product(),
      "PATCH /merchant/v1/products/:id": () =>
        new Reply(422, {
          error: {
            code: "validation_failed",
            message: "invalid body: skus.2.code: letters, digits and . _ - / only",
            requestId: "r",
            details: [{ path: "skus.2.code", message: "letters, digits and . _ - / only", in: "body" }],
          },
        }),
    });
    renderScreen(<ProductEditorScreen />, { path: `/products/${uuid(1)}`, route: "/products/:id" });
    fireEvent.change(await screen.findByLabelText("红 / L SKU code"), { target: { value: "红-L" } });
    fireEvent.click(screen.getAllByRole("button", { name: "Save" })[0] as HTMLElement);
    const cell = (screen.getByLabelText("红 / L SKU code") as HTMLElement).closest("td") as HTMLElement;
    expect(await within(cell).findByText("letters, digits and . _ - / only")).toBeTruthy();
  });

  it("offers restore and delete forever for a product in the recycle bin", async () => {
    const sent = serveApi({
      "GET /merchant/v1/categories": () => tree,
      "GET /merchant/v1/products/:id": () => product({ deletedAt: "2025-01-03T00:00:00.000Z" }),
      "POST /merchant/v1/products/:id/restore": () => product({ status: "off_shelf" }),
    });
    renderScreen(<ProductEditorScreen />, { path: `/products/${uuid(1)}`, route: "/products/:id" });
    expect(await screen.findByText(/in the recycle bin/)).toBeTruthy();
    expect(screen.getByText("Delete forever")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Save" })).toBeNull();
    fireEvent.click(screen.getByText("Restore"));
    await waitFor(() => expect(screen.queryByText(/in the recycle bin/)).toBeNull());
    expect(sent.some((r) => r.path.endsWith("/restore"))).toBe(true);
    expect(screen.getAllByRole("button", { name: "Save" }).length).toBeGreaterThan(0);
  });
});
