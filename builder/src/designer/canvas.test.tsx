// The canvas renders every block of the document through the block views, selects on click, shows
// the selected block's toolbar (commands from COMMANDS) and the publish problems of blocks.
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import "../i18n/index.ts";
import { Canvas, DesignerDnd, heightOf } from "./canvas.tsx";
import { createDesignerStore } from "./store/index.ts";
import { DesignerProvider } from "./store/react.tsx";
import { block, sampleDocument } from "./store/test-document.ts";

afterEach(cleanup);

function renderCanvas() {
  const store = createDesignerStore(sampleDocument(), 1);
  render(
    <DesignerProvider store={store}>
      <DesignerDnd>
        <Canvas />
      </DesignerDnd>
    </DesignerProvider>,
  );
  return store;
}

describe("<Canvas>", () => {
  it("renders the page's blocks, containers' children inside their droppable lists", () => {
    renderCanvas();
    const page = screen.getByRole("region", { name: "页面画布" });
    expect(page.getAttribute("data-drop-list")).toBe("");
    const [container] = screen.getAllByRole("button", { name: "容器" });
    if (!container) throw new Error("no container");
    const inner = container.querySelector('[data-drop-list="c1"]');
    expect(inner?.getAttribute("data-drop-depth")).toBe("1");
    expect(inner?.getAttribute("data-drop-columns")).toBe("2");
    expect(Array.from(inner?.children ?? []).map((c) => c.getAttribute("data-drop-item"))).toEqual(["t2", "c2"]);
  });

  it("selects on click and offers the block's commands; a command changes the document", () => {
    const store = renderCanvas();
    const [title] = screen.getAllByRole("button", { name: "标题" });
    if (!title) throw new Error("no title block");
    fireEvent.click(title);
    expect(store.getState().selectedId).toBe("t1");
    const toolbar = title.querySelector(".dz-block-toolbar");
    if (!(toolbar instanceof HTMLElement)) throw new Error("no toolbar");
    fireEvent.click(within(toolbar).getByRole("button", { name: "下移" }));
    expect(store.getState().document.blocks.map((b) => b.id)).toEqual(["h", "c1", "t1", "g1"]);
    fireEvent.click(screen.getByRole("region", { name: "页面画布" }));
    expect(store.getState().selectedId).toBeNull();
  });

  it("marks blocks with publish problems", () => {
    const store = renderCanvas();
    act(() => store.getState().setProblems({ g1: ["category missing", "too big"] }));
    expect(screen.getByText("2 个问题")).toBeTruthy();
    expect(screen.getByRole("button", { name: "商品列表" }).className).toContain("has-problems");
  });

  it("shows an edit in place, keeping the other blocks' elements", () => {
    const store = renderCanvas();
    const before = screen.getByRole("button", { name: "商品列表" });
    const grid = screen.getByRole("button", { name: "商品列表" }).firstElementChild;
    act(() => {
      store.getState().dispatch({ type: "update-props", id: "t1", props: { title: "新标题" } });
    });
    expect(screen.getByText("新标题")).toBeTruthy();
    expect(screen.getByRole("button", { name: "商品列表" })).toBe(before);
    expect(screen.getByRole("button", { name: "商品列表" }).firstElementChild).toBe(grid);
  });
});

describe("heightOf", () => {
  it("counts container levels below a block", () => {
    expect(heightOf(block("a", "title"))).toBe(0);
    expect(heightOf(block("b", "container", {}, []))).toBe(1);
    expect(heightOf(sampleDocument().blocks[2] ?? block("x", "title"))).toBe(2);
  });
});
