// The product list against the API's JSON: empty, loaded with tab counts, bulk actions, export
// link with the filters, and a failed CSV import showing the rows' errors.
import { ZCatalogImport, ZCategoryTree, ZProductPage } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderScreen, serveApi, uuid } from "./fake-api.tsx";
import { exportUrl, ProductsScreen } from "./products-list.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const counts = { all: 2, draft: 0, on_shelf: 1, off_shelf: 1, deleted: 4, lowStock: 1 };
const item = (n: number, over: Record<string, unknown> = {}) => ({
  id: uuid(n),
  title: `商品 ${n}`,
  status: "on_shelf",
  categoryId: uuid(50),
  tags: [],
  image: null,
  priceMin: 6800,
  priceMax: 12800,
  stockTotal: 30,
  salesCount: 4,
  skuCount: 2,
  lowStock: false,
  deletedAt: null,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-02T00:00:00.000Z",
  ...over,
});
const categories = ZCategoryTree.parse({
  items: [
    {
      id: uuid(50),
      parentId: null,
      name: "茶叶",
      iconMediaId: null,
      iconUrl: null,
      visible: true,
      position: 0,
      productCount: 2,
      children: [],
    },
  ],
});

describe("exportUrl", () => {
  it("carries the filters the export accepts", () => {
    expect(exportUrl({ tab: "all", categoryId: "", q: "" })).toBe("/merchant/v1/products/export.csv");
    expect(exportUrl({ tab: "on_shelf", categoryId: uuid(50), q: "龙井" })).toBe(
      `/merchant/v1/products/export.csv?status=on_shelf&categoryId=${uuid(50)}&q=%E9%BE%99%E4%BA%95`,
    );
    expect(exportUrl({ tab: "deleted", categoryId: "", q: "" })).toBe("/merchant/v1/products/export.csv");
  });
});

describe("ProductsScreen", () => {
  it("shows the empty state", async () => {
    serveApi({
      "GET /merchant/v1/categories": () => ZCategoryTree.parse({ items: [] }),
      "GET /merchant/v1/products": () =>
        ZProductPage.parse({
          items: [],
          nextCursor: null,
          counts: { all: 0, draft: 0, on_shelf: 0, off_shelf: 0, deleted: 0, lowStock: 0 },
        }),
    });
    renderScreen(<ProductsScreen />);
    expect(await screen.findByText(/No products yet/)).toBeTruthy();
  });

  it("lists products with counts, loads more, and applies a bulk action", async () => {
    const sent = serveApi({
      "GET /merchant/v1/categories": () => categories,
      "GET /merchant/v1/products": (req) =>
        ZProductPage.parse(
          req.query.get("cursor") === "c2"
            ? { items: [item(3, { status: "off_shelf", stockTotal: 0, lowStock: true })], nextCursor: null, counts }
            : { items: [item(1), item(2, { skuCount: 1 })], nextCursor: "c2", counts },
        ),
      "POST /merchant/v1/products/bulk": () => ({ updated: 2 }),
    });
    renderScreen(<ProductsScreen />);
    expect(await screen.findByText("商品 1")).toBeTruthy();
    expect(within(screen.getByRole("tab", { name: /Recycle bin/ })).getByText("4")).toBeTruthy();
    expect(screen.getAllByText("¥68.00 – ¥128.00").length).toBe(2);
    expect(screen.getAllByText(/茶叶/).length).toBeGreaterThan(0);
    expect((screen.getByText("Export CSV") as HTMLAnchorElement).getAttribute("href")).toBe(
      "/merchant/v1/products/export.csv",
    );

    fireEvent.click(screen.getByText("Load more"));
    expect(await screen.findByText("商品 3")).toBeTruthy();
    expect(screen.getByText("Sold out")).toBeTruthy();

    fireEvent.click(screen.getByLabelText("Select “商品 1”"));
    fireEvent.click(screen.getByLabelText("Select “商品 2”"));
    const bar = screen.getByRole("toolbar", { name: "Bulk actions" });
    fireEvent.click(within(bar).getByText("Take off shelf"));
    await waitFor(() => expect(sent.some((r) => r.path === "/merchant/v1/products/bulk")).toBe(true));
    expect(sent.find((r) => r.path === "/merchant/v1/products/bulk")?.body).toEqual({
      action: "off_shelf",
      ids: [uuid(1), uuid(2)],
    });
  });

  it("switching tabs asks for that status", async () => {
    const sent = serveApi({
      "GET /merchant/v1/categories": () => categories,
      "GET /merchant/v1/products": () => ZProductPage.parse({ items: [], nextCursor: null, counts }),
    });
    renderScreen(<ProductsScreen />);
    fireEvent.click(await screen.findByRole("tab", { name: /Recycle bin/ }));
    expect(await screen.findByText("The recycle bin is empty")).toBeTruthy();
    expect(
      sent
        .filter((r) => r.path === "/merchant/v1/products")
        .at(-1)
        ?.query.get("status"),
    ).toBe("deleted");
  });

  it("imports a CSV, follows its progress and lists the rows' errors when it fails", async () => {
    const job = (over: Record<string, unknown>) =>
      ZCatalogImport.parse({
        id: uuid(70),
        status: "queued",
        filename: "products.csv",
        totalRows: 0,
        processedRows: 0,
        createdCount: 0,
        updatedCount: 0,
        errorCount: 0,
        createdAt: "2025-01-01T00:00:00.000Z",
        finishedAt: null,
        ...over,
      });
    const sent = serveApi({
      "GET /merchant/v1/categories": () => categories,
      "GET /merchant/v1/products": () => ZProductPage.parse({ items: [], nextCursor: null, counts }),
      "POST /merchant/v1/products/import": () => job({}),
      "GET /merchant/v1/products/imports/:id": () =>
        job({
          status: "failed",
          totalRows: 3,
          processedRows: 3,
          errorCount: 1,
          finishedAt: "2025-01-01T00:00:01.000Z",
        }),
    });
    // errors.csv is text, not JSON: answer it beside the JSON routes.
    const jsonFetch = globalThis.fetch;
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith("/errors.csv")) {
        return new Response('\uFEFFrow,field,message\r\n3,price,"must be yuan, e.g. 259.90"\r\n', { status: 200 });
      }
      return jsonFetch(input, init);
    });
    renderScreen(<ProductsScreen />);
    fireEvent.click(await screen.findByText("Import CSV"));
    const dialog = screen.getByRole("dialog");
    const file = new File(["sku_code,price\nA,1x\n"], "products.csv", { type: "text/csv" });
    fireEvent.change(within(dialog).getByLabelText("CSV file"), { target: { files: [file] } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Start import" }));
    expect(await within(dialog).findByText("must be yuan, e.g. 259.90", {}, { timeout: 5000 })).toBeTruthy();
    expect(within(dialog).getByText(/Import failed with 1 problem/)).toBeTruthy();
    expect(within(dialog).getByText("Download the error report (CSV)").getAttribute("href")).toBe(
      `/merchant/v1/products/imports/${uuid(70)}/errors.csv`,
    );
    const upload = sent.find((r) => r.path === "/merchant/v1/products/import");
    expect(upload?.body).toBeInstanceOf(FormData);
  });
});
