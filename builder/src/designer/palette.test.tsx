// The palette: every registry block grouped, searchable by its Chinese or English label; a click adds
// the block after the selection (or at the end of the page).
import { DndContext } from "@dnd-kit/core";
import { BLOCKS } from "@mallwright/schema";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import i18n from "../i18n/index.ts";
import { appendBlock, Palette, searchBlocks } from "./palette.tsx";
import { createDesignerStore } from "./store/index.ts";
import { DesignerProvider } from "./store/react.tsx";
import { sampleDocument } from "./store/test-document.ts";

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage("zh-CN");
});

describe("searchBlocks", () => {
  it("matches Chinese labels", () => {
    expect(searchBlocks(BLOCKS, "轮播").map((b) => b.type)).toEqual(["carousel"]);
    expect(searchBlocks(BLOCKS, "商品").map((b) => b.type)).toEqual(["product-grid", "product-scroll"]);
  });

  it("matches English labels, case-insensitively", () => {
    // "Product carousel" is the product scroll's English label.
    expect(searchBlocks(BLOCKS, "CAROUSEL").map((b) => b.type)).toEqual(["carousel", "product-scroll"]);
    expect(searchBlocks(BLOCKS, "product").map((b) => b.type)).toEqual(["product-grid", "product-scroll"]);
  });

  it("gives every block for an empty search and none for nonsense", () => {
    expect(searchBlocks(BLOCKS, "  ")).toHaveLength(BLOCKS.length);
    expect(searchBlocks(BLOCKS, "zzzz")).toEqual([]);
  });
});

function renderPalette(store = createDesignerStore(sampleDocument(), 1)) {
  render(
    <DesignerProvider store={store}>
      <DndContext>
        <Palette />
      </DndContext>
    </DesignerProvider>,
  );
  return store;
}

describe("<Palette>", () => {
  it("lists every block under its group and filters as one types (zh)", () => {
    renderPalette();
    expect(screen.getAllByRole("button", { name: /^添加/ })).toHaveLength(BLOCKS.length);
    fireEvent.change(screen.getByRole("searchbox", { name: "搜索组件" }), { target: { value: "视频" } });
    const group = screen.getByRole("region", { name: "图片视频" });
    expect(
      within(group)
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["视频"]);
    expect(screen.queryByRole("region", { name: "布局" })).toBeNull();
  });

  it("searches English labels in English, and says when nothing matches", async () => {
    await act(() => i18n.changeLanguage("en"));
    renderPalette();
    fireEvent.change(screen.getByRole("searchbox", { name: "Search blocks" }), { target: { value: "divid" } });
    expect(screen.getByRole("button", { name: "Add Divider" })).toBeTruthy();
    fireEvent.change(screen.getByRole("searchbox", { name: "Search blocks" }), { target: { value: "qqq" } });
    expect(screen.getByText("No block matches “qqq”")).toBeTruthy();
  });

  it("adds a clicked block right after the selected one, and selects it", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    store.getState().select("t1");
    renderPalette(store);
    fireEvent.click(screen.getByRole("button", { name: "添加分割线" }));
    const { document, selectedId } = store.getState();
    expect(document.blocks.map((b) => b.type)).toEqual([
      "store-header",
      "title",
      "divider",
      "container",
      "product-grid",
    ]);
    expect(selectedId).toBe(document.blocks[2]?.id);
  });
});

describe("appendBlock", () => {
  it("puts a block the selection's parent cannot hold at the end of the page", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    store.getState().select("t2");
    const id = appendBlock(store, "search-bar");
    expect(store.getState().document.blocks.at(-1)?.id).toBe(id);
    expect(store.getState().selectedId).toBe(id);
    // Inside the container a title is allowed: it goes right after t2.
    store.getState().select("t2");
    const inner = appendBlock(store, "title") ?? "";
    expect(store.getState().parentOf.get(inner)).toBe("c1");
    expect(
      store
        .getState()
        .nodesById.get("c1")
        ?.children?.map((c) => c.id),
    ).toEqual(["t2", inner, "c2"]);
  });
});
