// The block views against the registry's fixtures: every block type has a view that renders its
// display() output (titles, ¥ prices from fen, badges, columns, links that go nowhere), a block that
// cannot be shown becomes a placeholder, and BlockView is memoised on its node.
import { BLOCKS, DEFAULT_THEME, EMPTY_PAGE_DATA, type TBlockNode, type TPageData } from "@mallwright/schema";
import {
  BLOCK_FIXTURES,
  FIXTURE_DATA,
  FIXTURE_IDS,
  FIXTURE_STORE,
  fixtureBlockId,
} from "@mallwright/schema/page/blocks/fixtures";
import { act, cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n/index.ts";
import { BLOCK_VIEW_TYPES, type BlockContext, BlockView, hasBlockView, PageView, themeStyle } from "./index.tsx";

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage("zh-CN");
});

const ctx: BlockContext = { data: FIXTURE_DATA, theme: DEFAULT_THEME, store: FIXTURE_STORE };

function fixtureNode(type: string, children?: TBlockNode[]): TBlockNode {
  const props = BLOCK_FIXTURES[type];
  if (!props) throw new Error(`no fixture for ${type}`);
  return { id: fixtureBlockId(type), type, props, ...(children ? { children } : {}) };
}

function show(node: TBlockNode, opts: { ctx?: BlockContext; editing?: boolean } = {}) {
  return render(<BlockView node={node} ctx={opts.ctx ?? ctx} editing={opts.editing ?? false} />);
}

/** The product cards of a rendered list, by title. */
function cards(root: HTMLElement) {
  return [...root.querySelectorAll<HTMLElement>(".mw-product-card")].map((card) => ({
    title: card.querySelector(".mw-card-title")?.textContent,
    price: card.querySelector(".mw-price")?.textContent ?? null,
    compareAt: card.querySelector("s.mw-compare-at")?.textContent ?? null,
    badge: card.querySelector(".mw-badge")?.textContent ?? null,
    link: card.dataset.link,
  }));
}

describe("every block type", () => {
  it("has a view, registered under its registry type", () => {
    for (const def of BLOCKS)
      expect(hasBlockView(def.type), `${def.type} has no view in builder/src/blocks`).toBe(true);
    expect([...BLOCK_VIEW_TYPES].sort()).toEqual(BLOCKS.map((b) => b.type).sort());
  });

  it("renders its fixture without a problem placeholder, in the designer and in the preview", () => {
    for (const def of BLOCKS) {
      for (const editing of [false, true]) {
        const { container, unmount } = show(fixtureNode(def.type), { editing });
        expect(container.querySelector("[data-block-problem]"), `${def.type} (editing: ${editing})`).toBeNull();
        expect(container.querySelector(".mw-block"), def.type).not.toBeNull();
        unmount();
      }
    }
  });

  it("renders its defaults (props {}) in the designer without throwing", () => {
    for (const def of BLOCKS) {
      const { container, unmount } = show(
        { id: "fresh", type: def.type, props: {} },
        { ctx: { data: EMPTY_PAGE_DATA, theme: DEFAULT_THEME }, editing: true },
      );
      expect(container.querySelector("[data-block-problem]"), def.type).toBeNull();
      unmount();
    }
  });
});

describe("product lists", () => {
  it("product-grid: titles, ¥ prices from fen, compare-at struck through, badges, 3 columns", () => {
    const { container } = show(fixtureNode("product-grid"));
    const grid = container.querySelector<HTMLElement>(".mw-product-grid");
    expect(grid?.dataset.columns).toBe("3");
    expect(grid?.style.gridTemplateColumns).toBe("repeat(3, minmax(0, 1fr))");
    expect(cards(container)).toEqual([
      { title: "亚麻衬衫", price: "¥199.00", compareAt: "¥299.00", badge: null, link: "product" },
      { title: "棉麻长裤", price: "¥159.00 起", compareAt: null, badge: "库存紧张", link: "product" },
      { title: "草编帽", price: "¥59.00", compareAt: null, badge: "已售罄", link: "product" },
    ]);
    // showBuyButton is off in the fixture.
    expect(container.querySelector(".mw-buy")).toBeNull();
  });

  it("formats fen exactly (1280 fen is ¥12.80) and shows a buy button on one column", () => {
    const [p1] = FIXTURE_IDS.products;
    const base = FIXTURE_DATA.products[p1];
    if (!base) throw new Error("fixture product missing");
    const data: TPageData = {
      ...EMPTY_PAGE_DATA,
      products: { [p1]: { ...base, priceMin: 1280, priceMax: 1280, compareAtPrice: 1999 } },
      bindings: { g: [p1] },
    };
    const { container } = show(
      { id: "g", type: "product-grid", props: { columns: 1, showBuyButton: true } },
      { ctx: { data, theme: DEFAULT_THEME } },
    );
    expect(container.querySelector(".mw-product-grid")?.getAttribute("data-columns")).toBe("1");
    expect(container.querySelector(".mw-card-horizontal")).not.toBeNull();
    expect(cards(container)).toEqual([
      { title: "亚麻衬衫", price: "¥12.80", compareAt: "¥19.99", badge: null, link: "product" },
    ]);
    expect(container.querySelector(".mw-buy")?.textContent).toBe("购买");
  });

  it("product-scroll: one sideways row of cards of the set width, sold out hidden as asked", () => {
    const { container } = show(fixtureNode("product-scroll"));
    expect(container.querySelector(".mw-product-scroll")?.classList.contains("mw-scroll-x")).toBe(true);
    expect(cards(container).map((c) => c.title)).toEqual(["棉麻长裤", "帆布包"]);
    for (const card of container.querySelectorAll<HTMLElement>(".mw-product-card"))
      expect(card.style.width).toBe("140px");
  });

  it("an empty binding shows a hint in the designer and nothing in the preview", () => {
    const node = { id: "none", type: "product-grid", props: {} };
    const empty = { data: EMPTY_PAGE_DATA, theme: DEFAULT_THEME };
    expect(show(node, { ctx: empty, editing: true }).container.textContent).toContain("暂无商品");
    cleanup();
    expect(show(node, { ctx: empty }).container.textContent).toBe("");
  });

  it("speaks English when the builder does", async () => {
    await act(() => i18n.changeLanguage("en"));
    const { container } = show(fixtureNode("product-grid"));
    expect(cards(container).map((c) => c.badge)).toEqual([null, "Low stock", "Sold out"]);
  });
});

describe("each view shows what display() returns", () => {
  it("store-header: the custom name, logo and search box; the store's own name when asked", () => {
    const { container } = show(fixtureNode("store-header"));
    expect(container.querySelector(".mw-store-name")?.textContent).toBe("山野旗舰店");
    expect(container.querySelector<HTMLImageElement>("img.mw-store-logo")?.src).toBe(
      "https://cdn.mallwright.test/m/1.jpg",
    );
    expect(container.querySelector(".mw-store-search")?.textContent).toBe("搜索好物");
    cleanup();
    const own = show({ id: "h", type: "store-header", props: {} });
    expect(own.container.querySelector(".mw-store-name")?.textContent).toBe("山野小铺");
    expect(own.container.querySelector<HTMLElement>(".mw-store-header")?.style.backgroundColor).toBe(
      "rgb(238, 10, 36)",
    );
  });

  it("search-bar, notice, title", () => {
    const search = show(fixtureNode("search-bar"));
    expect(search.container.textContent).toContain("搜索夏季新品");
    expect(search.container.querySelector("[data-sticky]")).not.toBeNull();
    cleanup();
    const notice = show(fixtureNode("notice"));
    expect(notice.container.querySelector(".mw-notice-text")?.textContent).toBe(
      "全场满 99 元包邮，新用户首单立减 10 元",
    );
    expect(notice.container.querySelector(".mw-notice-scroll")).not.toBeNull();
    expect(notice.container.querySelector<HTMLElement>(".mw-notice")?.dataset.link).toBe("page");
    cleanup();
    // The designer keeps the text still.
    expect(show(fixtureNode("notice"), { editing: true }).container.querySelector(".mw-notice-scroll")).toBeNull();
    cleanup();
    const title = show(fixtureNode("title"));
    expect(title.container.querySelector("h3")?.textContent).toBe("今日推荐");
    expect(title.container.querySelector(".mw-title-sub")?.textContent).toBe("每天 10 点上新");
    expect(title.container.querySelector(".mw-title-more")?.textContent).toBe("更多");
    expect(title.container.querySelector(".mw-align-center")).not.toBeNull();
  });

  it("carousel: the first slide, one indicator mark per slide, images loaded lazily", () => {
    const { container } = show(fixtureNode("carousel"));
    const slides = container.querySelectorAll<HTMLImageElement>(".mw-carousel-slide img");
    expect(slides).toHaveLength(3);
    expect(slides[0]?.getAttribute("loading")).toBe("lazy");
    expect(container.querySelector<HTMLElement>(".mw-carousel-track")?.style.transform).toBe("translateX(-0%)");
    const marks = container.querySelectorAll(".mw-carousel-mark");
    expect(marks).toHaveLength(3);
    expect(marks[0]?.classList.contains("mw-active")).toBe(true);
  });

  it("carousel: advances by itself in the preview, never in the designer", () => {
    vi.useFakeTimers();
    try {
      const preview = show(fixtureNode("carousel"));
      act(() => vi.advanceTimersByTime(5000));
      expect(preview.container.querySelector<HTMLElement>(".mw-carousel-track")?.style.transform).toBe(
        "translateX(-100%)",
      );
      cleanup();
      const designer = show(fixtureNode("carousel"), { editing: true });
      act(() => vi.advanceTimersByTime(15_000));
      expect(designer.container.querySelector<HTMLElement>(".mw-carousel-track")?.style.transform).toBe(
        "translateX(-0%)",
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it("image-nav and category-nav", () => {
    const nav = show(fixtureNode("image-nav"));
    expect([...nav.container.querySelectorAll(".mw-nav-text")].map((e) => e.textContent)).toEqual([
      "新品",
      "热卖",
      "好物",
      "购物车",
      "会员",
    ]);
    expect(nav.container.querySelector<HTMLElement>(".mw-nav-item")?.style.width).toBe("25%");
    cleanup();
    const tabs = show(fixtureNode("category-nav"));
    const names = [...tabs.container.querySelectorAll(".mw-category-tab")];
    expect(names.map((e) => e.textContent)).toEqual(["上衣", "裤装", "配饰"]);
    expect(names[0]?.classList.contains("mw-active")).toBe(true);
    expect(names.every((e) => (e as HTMLElement).dataset.link === "category")).toBe(true);
  });

  it("rich-text renders its html, and a tap on a link inside stays on the page", () => {
    const { container } = show(fixtureNode("rich-text"));
    expect(container.querySelector("h2")?.textContent).toBe("品牌故事");
    expect(container.querySelector("strong")?.textContent).toBe("当季");
    const link = container.querySelector("a");
    if (!link) throw new Error("no link");
    // fireEvent returns false when the default action was prevented.
    expect(fireEvent.click(link)).toBe(false);
  });

  it("image and image-cube", () => {
    const image = show(fixtureNode("image"));
    const img = image.container.querySelector("img");
    expect(img?.getAttribute("alt")).toBe("夏季新品");
    expect(img?.getAttribute("loading")).toBe("lazy");
    expect(image.container.querySelector<HTMLElement>(".mw-image")?.dataset.link).toBe("product");
    cleanup();
    const cube = show(fixtureNode("image-cube"));
    const cells = [...cube.container.querySelectorAll<HTMLElement>(".mw-cube-cell")];
    expect(cells.map((c) => [c.style.left, c.style.top, c.style.width, c.style.height])).toEqual([
      ["0%", "0%", "50%", "100%"],
      ["50%", "0%", "50%", "50%"],
      ["50%", "50%", "25%", "50%"],
      ["75%", "50%", "25%", "50%"],
    ]);
    expect(cells.map((c) => c.dataset.link ?? null)).toEqual(["category", "product", "page", null]);
  });

  it("hotzone: linked areas placed on the picture, outlined and numbered only in the designer", () => {
    const preview = show(fixtureNode("hotzone"));
    const areas = [...preview.container.querySelectorAll<HTMLElement>(".mw-hot-area")];
    expect(areas.map((a) => [a.style.left, a.style.top, a.style.width, a.style.height])).toEqual([
      ["0%", "0%", "50%", "50%"],
      ["50%", "50%", "50%", "50%"],
    ]);
    expect(preview.container.querySelector(".mw-hotzone-editing")).toBeNull();
    expect(preview.container.querySelector(".mw-hot-area-number")).toBeNull();
    cleanup();
    const designer = show(fixtureNode("hotzone"), { editing: true });
    expect(designer.container.querySelector(".mw-hotzone-editing")).not.toBeNull();
    expect([...designer.container.querySelectorAll(".mw-hot-area-number")].map((e) => e.textContent)).toEqual([
      "1",
      "2",
    ]);
  });

  it("video: the poster and a play mark, never a playing video until the shopper taps it", () => {
    const designer = show(fixtureNode("video"), { editing: true });
    expect(designer.container.querySelector("video")).toBeNull();
    const play = designer.container.querySelector("button.mw-play");
    if (!play) throw new Error("no play mark");
    fireEvent.click(play);
    expect(designer.container.querySelector("video")).toBeNull();
    cleanup();
    const preview = show(fixtureNode("video"));
    expect(preview.container.querySelector("video")).toBeNull();
    expect(preview.container.querySelector<HTMLImageElement>(".mw-video-poster img")?.src).toBe(
      "https://cdn.mallwright.test/m/17.jpg",
    );
    const button = preview.container.querySelector("button.mw-play");
    if (!button) throw new Error("no play mark");
    fireEvent.click(button);
    const video = preview.container.querySelector("video");
    expect(video?.getAttribute("src")).toBe("https://cdn.mallwright.test/m/16.mp4");
    expect(video?.hasAttribute("controls")).toBe(true);
  });

  it("spacer and divider", () => {
    const spacer = show(fixtureNode("spacer"));
    const box = spacer.container.querySelector<HTMLElement>(".mw-spacer");
    expect(box?.style.height).toBe("32px");
    cleanup();
    const divider = show(fixtureNode("divider"));
    expect(divider.container.querySelector<HTMLElement>(".mw-divider-line")?.style.borderTopStyle).toBe("dashed");
    expect(divider.container.querySelector<HTMLElement>(".mw-divider")?.style.padding).toBe("16px");
  });
});

describe("containers", () => {
  const children: TBlockNode[] = [
    { id: "t1", type: "title", props: { title: "左" } },
    { id: "t2", type: "title", props: { title: "右" } },
  ];

  it("render their children in a grid of their columns by default", () => {
    const { container } = show(fixtureNode("container", children));
    const box = container.querySelector<HTMLElement>(".mw-container");
    expect(box?.dataset.columns).toBe("2");
    expect(box?.style.getPropertyValue("--mw-columns")).toBe("2");
    expect(box?.style.padding).toBe("16px");
    const grid = box?.querySelector(".mw-container-grid");
    expect([...(grid?.querySelectorAll("h3") ?? [])].map((h) => h.textContent)).toEqual(["左", "右"]);
  });

  it("hand their children to renderChildren when given (the designer's droppables)", () => {
    const node = fixtureNode("container", children);
    const renderChildren = vi.fn((kids: TBlockNode[]) => (
      <ul className="custom">
        {kids.map((k) => (
          <li key={k.id}>{k.id}</li>
        ))}
      </ul>
    ));
    const { container } = render(<BlockView node={node} ctx={ctx} renderChildren={renderChildren} editing />);
    expect(renderChildren).toHaveBeenCalledWith(children, node);
    expect(container.querySelector(".mw-container .custom")?.textContent).toBe("t1t2");
    expect(container.querySelector(".mw-container-grid")).toBeNull();
  });

  it("are memoised: the same node object does not render again, a new one does", () => {
    const node = fixtureNode("container", children);
    const renderChildren = vi.fn(() => null);
    const { rerender } = render(<BlockView node={node} ctx={ctx} renderChildren={renderChildren} />);
    rerender(<BlockView node={node} ctx={ctx} renderChildren={renderChildren} />);
    expect(renderChildren).toHaveBeenCalledTimes(1);
    rerender(
      <BlockView node={{ ...node, props: { ...node.props, columns: 3 } }} ctx={ctx} renderChildren={renderChildren} />,
    );
    expect(renderChildren).toHaveBeenCalledTimes(2);
  });
});

describe("blocks that cannot be shown", () => {
  it("invalid props become a placeholder naming the block and the problem", () => {
    const { container } = show({ id: "bad", type: "product-grid", props: { columns: 9 } });
    const problem = container.querySelector<HTMLElement>("[data-block-problem]");
    expect(problem?.dataset.blockProblem).toBe("invalid");
    expect(problem?.textContent).toContain("商品列表的设置有误");
    expect(problem?.textContent).toContain("props.columns");
    expect(container.querySelector(".mw-product-grid")).toBeNull();
  });

  it("an unknown type becomes a placeholder naming the type", () => {
    const { container } = show({ id: "x", type: "lottery-wheel", props: {} });
    const problem = container.querySelector<HTMLElement>("[data-block-problem]");
    expect(problem?.dataset.blockProblem).toBe("unknown");
    expect(problem?.textContent).toContain("未知模块：lottery-wheel");
  });

  it("a bad child does not take its container or the page down", () => {
    const node = fixtureNode("container", [
      { id: "ok", type: "title", props: { title: "好的" } },
      { id: "bad", type: "spacer", props: { height: "tall" } },
    ]);
    const { container } = show(node);
    expect(container.querySelector("h3")?.textContent).toBe("好的");
    expect(container.querySelectorAll("[data-block-problem]")).toHaveLength(1);
  });
});

describe("PageView and themeStyle", () => {
  it("renders the page's blocks under the store theme merged with the page's overrides", () => {
    const { container } = render(
      <PageView
        document={{
          theme: { colors: { primary: "#00aa00" }, radius: 2 },
          blocks: [fixtureNode("title"), fixtureNode("product-grid")],
        }}
        data={FIXTURE_DATA}
        theme={DEFAULT_THEME}
        store={FIXTURE_STORE}
      />,
    );
    const page = container.querySelector<HTMLElement>(".mw-page");
    expect(page?.style.getPropertyValue("--mw-primary")).toBe("#00aa00");
    expect(page?.style.getPropertyValue("--mw-price")).toBe(DEFAULT_THEME.colors.price);
    expect(page?.style.getPropertyValue("--mw-radius")).toBe("2px");
    expect(container.querySelector("h3")?.textContent).toBe("今日推荐");
    // display() got the merged theme: the cards are rounded by the page's radius.
    expect(container.querySelector<HTMLElement>(".mw-product-card")?.style.borderRadius).toBe("2px");
  });

  it("themeStyle names every theme colour, the radius and the button shape", () => {
    expect(themeStyle({ ...DEFAULT_THEME, buttonStyle: "square" })).toEqual({
      "--mw-primary": "#ee0a24",
      "--mw-secondary": "#ff976a",
      "--mw-bg": "#f7f8fa",
      "--mw-surface": "#ffffff",
      "--mw-text": "#323233",
      "--mw-muted": "#969799",
      "--mw-price": "#ee0a24",
      "--mw-radius": "8px",
      "--mw-button-radius": "0",
    });
  });
});
