// A rich props object per block type, plus the data map and store they render against. The
// mini-program's component tests and the builder's previews render these; the registry tests
// check that they validate. Not exported from the package index, so runtimes never bundle it.
import type { z } from "zod";
import type { TPageData } from "../data.ts";
import type { DisplayStore } from "../registry.ts";
import type { carousel } from "./carousel.ts";
import type { categoryNav } from "./category-nav.ts";
import type { container } from "./container.ts";
import type { divider } from "./divider.ts";
import type { hotzone } from "./hotzone.ts";
import type { image } from "./image.ts";
import type { imageCube } from "./image-cube.ts";
import type { imageNav } from "./image-nav.ts";
import type { notice } from "./notice.ts";
import type { productGrid } from "./product-grid.ts";
import type { productScroll } from "./product-scroll.ts";
import type { richText } from "./rich-text.ts";
import type { searchBar } from "./search-bar.ts";
import type { spacer } from "./spacer.ts";
import type { storeHeader } from "./store-header.ts";
import type { title } from "./title.ts";
import type { video } from "./video.ts";

type In<B extends { props: z.ZodType }> = z.input<B["props"]>;

const id = (kind: number, n: number) => `${kind}0000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export const FIXTURE_IDS = {
  products: [id(1, 1), id(1, 2), id(1, 3), id(1, 4)],
  categories: [id(2, 1), id(2, 2), id(2, 3)],
  pages: [id(3, 1)],
} as const;
const [P1, P2, P3, P4] = FIXTURE_IDS.products;
const [C1, C2, C3] = FIXTURE_IDS.categories;
const [PAGE1] = FIXTURE_IDS.pages;

/** An image ref with media id 4…n and a CDN URL. */
const img = (n: number, width: number | null = 750, height: number | null = 375) => ({
  mediaId: id(4, n),
  url: `https://cdn.mallwright.test/m/${n}.jpg`,
  width,
  height,
});

/** The block id each fixture is rendered under (FIXTURE_DATA.bindings is keyed by it). */
export function fixtureBlockId(type: string): string {
  return `fx-${type}`;
}

export const BLOCK_FIXTURES: Readonly<Record<string, Record<string, unknown>>> = {
  container: { columns: 2, gap: 12, padding: 16, background: "#fff7e6" } satisfies In<typeof container>,
  "store-header": {
    useStoreName: false,
    name: "山野旗舰店",
    logo: img(1, 200, 200),
    backgroundImage: img(2),
    backgroundColor: "#1a1a2e",
    textColor: "#ffffff",
    showSearch: true,
    searchPlaceholder: "搜索好物",
  } satisfies In<typeof storeHeader>,
  "search-bar": {
    placeholder: "搜索夏季新品",
    shape: "square",
    sticky: true,
    showHotWords: true,
    background: "#f2f3f5",
  } satisfies In<typeof searchBar>,
  notice: {
    text: "全场满 99 元包邮，新用户首单立减 10 元",
    link: { kind: "page", id: PAGE1 },
    textColor: "#1989fa",
    background: "#ecf9ff",
    speed: 80,
    showIcon: true,
  } satisfies In<typeof notice>,
  carousel: {
    slides: [
      { image: img(3), link: { kind: "product", id: P1 } },
      { image: img(4), link: { kind: "category", id: C1 } },
      { image: img(5), link: { kind: "url", url: "https://mallwright.test/sale" } },
    ],
    autoplay: true,
    interval: 5,
    indicator: "line",
    heightPercent: 45,
    rounded: true,
    padding: 8,
  } satisfies In<typeof carousel>,
  "image-nav": {
    items: [
      { icon: img(6, 96, 96), text: "新品", link: { kind: "category", id: C2 } },
      { icon: img(7, 96, 96), text: "热卖", link: { kind: "page", id: PAGE1 } },
      { icon: img(8, 96, 96), text: "好物", link: { kind: "product", id: P2 } },
      { icon: img(9, 96, 96), text: "购物车", link: { kind: "tab", tab: "cart" } },
      { icon: null, text: "会员", link: { kind: "url", url: "https://mallwright.test/vip" } },
    ],
    perRow: 4,
    scroll: true,
    iconShape: "square",
    textColor: "#333333",
    background: "#ffffff",
  } satisfies In<typeof imageNav>,
  title: {
    title: "今日推荐",
    subtitle: "每天 10 点上新",
    align: "center",
    moreText: "更多",
    moreLink: { kind: "category", id: C1 },
  } satisfies In<typeof title>,
  "rich-text": {
    html: '<h2>品牌故事</h2><p>我们只做<strong>当季</strong>的东西。</p><p><a href="https://mallwright.test/about">了解更多</a></p>',
    background: "#fafafa",
    padding: 16,
  } satisfies In<typeof richText>,
  image: {
    image: img(10, 750, 500),
    link: { kind: "product", id: P3 },
    padding: 8,
    rounded: true,
    alt: "夏季新品",
  } satisfies In<typeof image>,
  "image-cube": {
    layout: "1+3",
    cells: [
      { image: img(11, 375, 375), link: { kind: "category", id: C3 } },
      { image: img(12, 375, 188), link: { kind: "product", id: P4 } },
      { image: img(13, 188, 188), link: { kind: "page", id: PAGE1 } },
      { image: img(14, 188, 188), link: null },
    ],
    gap: 4,
    rounded: true,
  } satisfies In<typeof imageCube>,
  hotzone: {
    image: img(15, 750, 1000),
    areas: [
      { x: 0, y: 0, w: 0.5, h: 0.5, link: { kind: "product", id: P1 } },
      { x: 0.5, y: 0.5, w: 0.5, h: 0.5, link: { kind: "page", id: PAGE1 } },
      { x: 0.1, y: 0.6, w: 0.3, h: 0.3, link: null },
    ],
  } satisfies In<typeof hotzone>,
  video: {
    video: { mediaId: id(4, 16), url: "https://cdn.mallwright.test/m/16.mp4", width: 1280, height: 720 },
    poster: img(17, 1280, 720),
    autoplay: true,
    muted: true,
    loop: true,
  } satisfies In<typeof video>,
  "category-nav": {
    categories: { source: "picked", categoryIds: [C1, C2, C3] },
    limit: 8,
    style: "tabs",
    perRow: 4,
  } satisfies In<typeof categoryNav>,
  "product-grid": {
    source: { source: "manual", productIds: [P1, P2, P3] },
    limit: 4,
    columns: 3,
    showPrice: true,
    showCompareAt: true,
    showBuyButton: false,
    hideSoldOut: false,
  } satisfies In<typeof productGrid>,
  "product-scroll": {
    source: { source: "category", categoryId: C2 },
    limit: 8,
    cardWidth: 140,
    showPrice: true,
    showCompareAt: true,
    hideSoldOut: true,
  } satisfies In<typeof productScroll>,
  spacer: { height: 32, background: "#f7f8fa" } satisfies In<typeof spacer>,
  divider: { style: "dashed", color: "#dcdee0", margin: 16, inset: 16 } satisfies In<typeof divider>,
};

const card = (
  cardId: string,
  title: string,
  priceMin: number,
  priceMax: number,
  extra: Partial<TPageData["products"][string]> = {},
) => ({
  id: cardId,
  title,
  subtitle: "",
  image: `https://cdn.mallwright.test/p/${cardId.slice(-2)}.jpg`,
  priceMin,
  priceMax,
  compareAtPrice: null,
  currency: "CNY",
  stockState: "in_stock" as const,
  salesCount: 0,
  ...extra,
});

/** What the read path would resolve the fixtures' bindings and links to. */
export const FIXTURE_DATA: TPageData = {
  products: {
    [P1]: card(P1, "亚麻衬衫", 19_900, 19_900, { compareAtPrice: 29_900, salesCount: 120 }),
    [P2]: card(P2, "棉麻长裤", 15_900, 18_900, { stockState: "low_stock" }),
    [P3]: card(P3, "草编帽", 5_900, 5_900, { stockState: "out_of_stock" }),
    [P4]: card(P4, "帆布包", 8_900, 8_900),
  },
  categories: {
    [C1]: { id: C1, name: "上衣", iconUrl: "https://cdn.mallwright.test/c/1.png" },
    [C2]: { id: C2, name: "裤装", iconUrl: null },
    [C3]: { id: C3, name: "配饰", iconUrl: "https://cdn.mallwright.test/c/3.png" },
  },
  bindings: {
    [fixtureBlockId("product-grid")]: [P1, P2, P3],
    [fixtureBlockId("product-scroll")]: [P2, P3, P4],
    [fixtureBlockId("category-nav")]: [C1, C2, C3],
  },
  pages: { [PAGE1]: { id: PAGE1, title: "夏季专题" } },
};

export const FIXTURE_STORE: DisplayStore = { name: "山野小铺", logoUrl: "https://cdn.mallwright.test/m/logo.png" };

/** Ids of LIST_EDGE_DATA's products P1..P5. */
export const LIST_EDGE_IDS = [1, 2, 3, 4, 5].map((n) => id(5, n));

/**
 * The awkward cases of a product binding, resolved under block id "b1": products P1..P5 exist
 * (P3 sold out, P1 with a compare-at price, P2 a price range); the binding lists P5, a product
 * deleted since, P3, P1, P2, P4.
 */
export const LIST_EDGE_DATA: TPageData = {
  products: Object.fromEntries(
    LIST_EDGE_IDS.map((pid, i) => {
      const n = i + 1;
      const extra =
        n === 1
          ? { compareAtPrice: 1500 }
          : n === 2
            ? { priceMax: 2500 }
            : n === 3
              ? { stockState: "out_of_stock" as const }
              : {};
      return [pid, { ...card(pid, `P${n}`, 1000 * n, 1000 * n), image: null, ...extra }];
    }),
  ),
  categories: {},
  bindings: { b1: [id(5, 5), id(5, 9), id(5, 3), id(5, 1), id(5, 2), id(5, 4)] },
  pages: {},
};
