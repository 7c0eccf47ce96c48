// The category tree against the API's JSON: empty, loaded, reordering with the buttons, and a
// refused delete showing the API's message.
import { ZCategoryTree } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CategoriesScreen, reorderIds } from "./categories.tsx";
import { Reply, renderScreen, serveApi, uuid } from "./fake-api.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const cat = (n: number, name: string, parentId: string | null, productCount = 0) => ({
  id: uuid(n),
  parentId,
  name,
  iconMediaId: null,
  iconUrl: null,
  visible: true,
  position: n,
  productCount,
});

describe("reorderIds", () => {
  it("puts the moved id where the target was", () => {
    expect(reorderIds(["a", "b", "c", "d"], "a", "c")).toEqual(["b", "c", "a", "d"]);
    expect(reorderIds(["a", "b", "c", "d"], "d", "b")).toEqual(["a", "d", "b", "c"]);
  });
});

describe("CategoriesScreen", () => {
  it("shows the empty state", async () => {
    serveApi({ "GET /merchant/v1/categories": () => ZCategoryTree.parse({ items: [] }) });
    renderScreen(<CategoriesScreen />);
    expect(await screen.findByText(/No categories yet/)).toBeTruthy();
  });

  it("shows the tree, saves a new order, and shows why a delete is refused", async () => {
    const tree = ZCategoryTree.parse({
      items: [
        { ...cat(1, "女装", null, 3), children: [cat(11, "连衣裙", uuid(1), 5), cat(12, "T恤", uuid(1))] },
        { ...cat(2, "男装", null), children: [] },
      ],
    });
    const sent = serveApi({
      "GET /merchant/v1/categories": () => tree,
      "POST /merchant/v1/categories/reorder": () => tree,
      "DELETE /merchant/v1/categories/:id": () =>
        new Reply(409, {
          error: {
            code: "category_in_use",
            message: "5 products are in this category: choose a category to move them to (?moveTo=<category id>)",
            requestId: "r1",
          },
        }),
    });
    renderScreen(<CategoriesScreen />);
    expect(await screen.findByText("连衣裙")).toBeTruthy();
    expect(screen.getByText("Products: 5")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Move “T恤” up" }));
    await waitFor(() => expect(sent.some((r) => r.path === "/merchant/v1/categories/reorder")).toBe(true));
    expect(sent.find((r) => r.path === "/merchant/v1/categories/reorder")?.body).toEqual({
      parentId: uuid(1),
      ids: [uuid(12), uuid(11)],
    });

    const row = screen.getByTestId(`category-${uuid(11)}`);
    fireEvent.click(within(row).getByText("Delete"));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByText("Move its products to")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    expect(await within(dialog).findByText(/5 products are in this category/)).toBeTruthy();
  });
});
