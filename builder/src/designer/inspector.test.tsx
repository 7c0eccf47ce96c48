// The inspector builds its fields from the registry's hints (one widget per kind) and turns every edit
// into update-props with the value parsed by the prop's schema, against a real designer store.
import { DEFAULT_THEME, type TPageDocument } from "@mallwright/schema";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import "../i18n/index.ts";
import { Inspector } from "./inspector/inspector.tsx";
import { createDesignerStore, type DesignerStore } from "./store/index.ts";
import { DesignerProvider } from "./store/react.tsx";
import { block } from "./store/test-document.ts";

const IMAGE = {
  mediaId: "40000000-0000-4000-8000-000000000001",
  url: "https://cdn.test/a.jpg",
  width: 800,
  height: 400,
};

function page(): TPageDocument {
  return {
    schemaVersion: 3,
    title: "首页",
    blocks: [
      block("t1", "title", { title: "今日推荐" }),
      block("sp", "spacer"),
      block("cr", "carousel"),
      block("c1", "container"),
      block("rt", "rich-text", { html: "<p>你好</p>" }),
      block("hz", "hotzone"),
      block("hz2", "hotzone", { image: IMAGE, areas: [{ x: 0.1, y: 0.1, w: 0.2, h: 0.2 }] }),
      block("pg", "product-grid"),
      block("cn", "category-nav"),
      block("vd", "video"),
      block("nt", "notice"),
      block("nav", "image-nav"),
      block("cube", "image-cube"),
    ],
  };
}

let store: DesignerStore;
let clock = 0;

beforeEach(() => {
  clock = 0;
  store = createDesignerStore(page(), 1, { now: () => clock });
  // The catalog pickers read categories and pages; an empty store answers.
  vi.stubGlobal(
    "fetch",
    vi.fn(
      async () =>
        new Response(JSON.stringify({ items: [], nextCursor: null }), {
          headers: { "content-type": "application/json" },
        }),
    ),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function inspect(id: string | null) {
  act(() => store.getState().select(id));
  render(
    <DesignerProvider store={store}>
      <Inspector storeTheme={DEFAULT_THEME} />
    </DesignerProvider>,
  );
}

const props = (id: string) => store.getState().nodesById.get(id)?.props ?? {};

describe("fields from hints", () => {
  it("text, select and link hints (a title)", () => {
    inspect("t1");
    expect((screen.getByLabelText("标题") as HTMLInputElement).value).toBe("今日推荐");
    expect(screen.getByLabelText("副标题").tagName).toBe("INPUT");
    expect(screen.getByLabelText("对齐").tagName).toBe("SELECT");
    const more = screen.getByRole("group", { name: "“更多”链接" });
    expect(within(more).getByRole("combobox", { name: "跳转到" })).toBeTruthy();
  });

  it("number and colour hints (a spacer)", () => {
    inspect("sp");
    const height = screen.getByLabelText("高度") as HTMLInputElement;
    expect(height.type).toBe("number");
    expect(height.min).toBe("4");
    expect(height.max).toBe("120");
    expect(screen.getByText("px")).toBeTruthy();
    expect((screen.getByLabelText("背景色") as HTMLInputElement).type).toBe("text");
  });

  it("switch, list and select hints (a carousel)", () => {
    inspect("cr");
    expect(screen.getByRole("switch", { name: "自动播放" })).toBeTruthy();
    const slides = screen.getByRole("group", { name: "图片" });
    expect(within(slides).getByRole("button", { name: "+ 添加图片" })).toBeTruthy();
    expect(screen.getByLabelText("指示器").tagName).toBe("SELECT");
  });

  it("textarea, richtext, image, video, products and categories hints", () => {
    inspect("nt");
    expect(screen.getByLabelText("公告内容").tagName).toBe("TEXTAREA");
    cleanup();
    inspect("rt");
    expect(screen.getByRole("group", { name: "内容" }).querySelector("[contenteditable]")).toBeTruthy();
    cleanup();
    inspect("vd");
    expect(screen.getByRole("button", { name: "选择视频" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "选择图片" })).toBeTruthy();
    cleanup();
    inspect("pg");
    expect((screen.getByRole("combobox", { name: "商品来源" }) as HTMLSelectElement).value).toBe("newest");
    cleanup();
    inspect("cn");
    const cats = screen.getByRole("group", { name: "分类" });
    expect((within(cats).getAllByRole("combobox")[0] as HTMLSelectElement).value).toBe("top_level");
  });

  it("hotzones: asks for a picture first, then draws the areas over it", () => {
    inspect("hz");
    expect(screen.getByText("先选择一张图片")).toBeTruthy();
    cleanup();
    inspect("hz2");
    const zones = screen.getByRole("group", { name: "热区" });
    expect(within(zones).getByRole("button", { name: "1" })).toBeTruthy();
    expect(within(zones).getByRole("button", { name: "区域 1" })).toBeTruthy();
  });

  it("the page panel when nothing is selected", () => {
    inspect(null);
    expect((screen.getByLabelText("页面标题") as HTMLInputElement).value).toBe("首页");
    expect(screen.getByRole("group", { name: "页面主题（覆盖店铺主题）" })).toBeTruthy();
  });
});

describe("edits dispatch update-props with parsed values", () => {
  it("typing a title: the stored value is the parsed (trimmed) text, one undo step", () => {
    inspect("t1");
    const input = screen.getByLabelText("标题") as HTMLInputElement;
    for (const text of ["夏", "夏季", "夏季 ", "夏季 新品"]) {
      clock += 100;
      fireEvent.change(input, { target: { value: text } });
    }
    expect(props("t1").title).toBe("夏季 新品");
    // The trailing space typed in between was kept in the field while the store held the trimmed text.
    expect(input.value).toBe("夏季 新品");
    act(() => store.getState().undo());
    expect(props("t1").title).toBe("今日推荐");
    expect(input.value).toBe("今日推荐");
  });

  it("numbers are numbers; out of range is refused with the schema's reason", () => {
    inspect("sp");
    const height = screen.getByLabelText("高度");
    fireEvent.change(height, { target: { value: "40" } });
    expect(props("sp").height).toBe(40);
    fireEvent.change(height, { target: { value: "500" } });
    expect(props("sp").height).toBe(40);
    expect(screen.getByRole("alert").textContent).toMatch(/输入有误/);
  });

  it("select options keep their type (container columns are numbers)", () => {
    inspect("c1");
    fireEvent.change(screen.getByLabelText("列数"), { target: { value: "1" } });
    expect(props("c1").columns).toBe(2);
  });

  it("switches, colours and links", () => {
    inspect("cr");
    fireEvent.click(screen.getByRole("switch", { name: "自动播放" }));
    expect(props("cr").autoplay).toBe(false);
    cleanup();
    inspect("sp");
    const hex = screen.getByLabelText("背景色");
    fireEvent.change(hex, { target: { value: "#12" } });
    expect(props("sp").background).not.toBe("#12");
    fireEvent.change(hex, { target: { value: "#12AB34" } });
    expect(props("sp").background).toBe("#12ab34");
    cleanup();
    inspect("t1");
    fireEvent.change(screen.getByRole("combobox", { name: "跳转到" }), { target: { value: "tab" } });
    expect(props("t1").moreLink).toEqual({ kind: "tab", tab: "home" });
    fireEvent.change(screen.getByRole("combobox", { name: "底部导航" }), { target: { value: "cart" } });
    expect(props("t1").moreLink).toEqual({ kind: "tab", tab: "cart" });
  });

  it("lists: add an item with its defaults, edit its fields, remove it", () => {
    inspect("nav");
    fireEvent.click(screen.getByRole("button", { name: "+ 添加导航" }));
    expect(props("nav").items).toEqual([{ icon: null, text: "导航", link: null }]);
    fireEvent.change(screen.getByLabelText("文字"), { target: { value: "新品" } });
    expect(props("nav").items).toEqual([{ icon: null, text: "新品", link: null }]);
    fireEvent.click(screen.getByRole("button", { name: "删除" }));
    expect(props("nav").items).toEqual([]);
  });

  it("an image cube's cells follow its layout, and its cell count cannot be changed by hand", () => {
    inspect("cube");
    expect(screen.getByRole("button", { name: "+ 添加图片" })).toHaveProperty("disabled", true);
    const layout = screen.getByLabelText("布局") as HTMLSelectElement;
    const fourCells = Array.from(layout.options).findIndex((o) => o.text === "四宫格");
    fireEvent.change(layout, { target: { value: String(fourCells) } });
    expect(props("cube").layout).toBe("2x2");
    expect(props("cube").cells).toHaveLength(4);
  });

  it("page title and theme overrides", () => {
    inspect(null);
    fireEvent.change(screen.getByLabelText("页面标题"), { target: { value: "活动页" } });
    expect(store.getState().document.title).toBe("活动页");
    const primary = screen.getByRole("checkbox", { name: "主色" });
    fireEvent.click(primary);
    expect(store.getState().document.theme).toEqual({ colors: { primary: DEFAULT_THEME.colors.primary } });
    fireEvent.click(primary);
    expect(store.getState().document.theme).toBeUndefined();
  });
});

describe("problems", () => {
  it("lists the selected block's publish problems on top", () => {
    act(() => store.getState().setProblems({ pg: ["category 123 does not exist"] }));
    inspect("pg");
    expect(screen.getByRole("alert").textContent).toContain("category 123 does not exist");
  });
});
