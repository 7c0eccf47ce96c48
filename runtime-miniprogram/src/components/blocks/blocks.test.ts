// Every block component renders its registry fixture (schema/src/page/blocks/fixtures.ts) under
// miniprogram-simulate, from the built JavaScript, and shows what display() says.

import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BLOCK_TYPES, DEFAULT_THEME, findBlock } from "@mallwright/schema";
import {
  BLOCK_FIXTURES,
  FIXTURE_DATA,
  FIXTURE_IDS,
  FIXTURE_STORE,
  fixtureBlockId,
} from "@mallwright/schema/page/blocks/fixtures";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { distRequire, renderComponent, type SimulatedComponent } from "../../../test/simulate.ts";
import type * as PageContextModule from "../../core/page-context.ts";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../../../..");

let ctx = "";
beforeAll(() => {
  const contexts = distRequire<typeof PageContextModule>("core/page-context.js");
  ctx = contexts.openPageContext({ data: FIXTURE_DATA, theme: DEFAULT_THEME, store: FIXTURE_STORE, pixelRatio: 2 });
});

/** The generated properties of a block (property name -> registry prop), from the source. */
async function propNamesOf(type: string): Promise<Record<string, string>> {
  return (await import(`./${type}/properties.ts`)).propNames;
}

/** Renders block `type` with `props` (parsed by the registry, as a page would hand them). */
async function renderBlock(type: string, props: unknown = BLOCK_FIXTURES[type]): Promise<SimulatedComponent> {
  const def = findBlock(type);
  if (!def) throw new Error(`no block ${type}`);
  const parsed = def.props.parse(props) as Record<string, unknown>;
  const properties: Record<string, unknown> = { blockId: fixtureBlockId(type), ctx };
  for (const [property, prop] of Object.entries(await propNamesOf(type))) properties[property] = parsed[prop];
  return renderComponent(`components/blocks/${type}/index`, properties);
}

const text = (comp: SimulatedComponent) => comp.dom.textContent ?? "";
const view = (comp: SimulatedComponent) => comp.data.view as Record<string, unknown> & { [k: string]: unknown };

/** What each fixture must show. */
const EXPECT: Record<string, (comp: SimulatedComponent) => void> = {
  container: (c) => {
    expect(view(c).gridStyle).toContain("repeat(2, minmax(0, 1fr))");
    expect(c.dom.innerHTML).toContain("background:#fff7e6");
  },
  "store-header": (c) => {
    expect(text(c)).toContain("山野旗舰店");
    expect(text(c)).toContain("搜索好物");
    expect(view(c).logo).toBe("https://cdn.mallwright.test/m/1.jpg");
  },
  "search-bar": (c) => {
    expect(text(c)).toContain("搜索夏季新品");
    expect(view(c).frameStyle).toContain("position:sticky");
  },
  notice: (c) => {
    expect(text(c)).toContain("全场满 99 元包邮");
    expect(view(c).link).toEqual({ kind: "page", id: FIXTURE_IDS.pages[0] });
    expect(String(view(c).icon)).toMatch(/^data:image\/svg\+xml;base64,/);
  },
  carousel: (c) => {
    expect(view(c).count).toBe(3);
    expect(c.dom.querySelectorAll("wx-swiper-item")).toHaveLength(3);
    expect(view(c).bars).toBe(true);
    expect(view(c).swiperStyle).toContain("height:");
  },
  "image-nav": (c) => {
    for (const word of ["新品", "热卖", "好物", "购物车", "会员"]) expect(text(c)).toContain(word);
    expect(view(c).scroll).toBe(true);
  },
  title: (c) => {
    expect(text(c)).toContain("今日推荐");
    expect(text(c)).toContain("每天 10 点上新");
    expect(text(c)).toContain("更多");
  },
  "rich-text": (c) => {
    expect(view(c).html).toContain("<h2>品牌故事</h2>");
  },
  image: (c) => {
    expect(view(c).src).toBe("https://cdn.mallwright.test/m/10.jpg");
    expect(view(c).boxStyle).toContain("padding-top:66.667%");
  },
  "image-cube": (c) => {
    expect(view(c).cells).toHaveLength(4);
    expect(c.dom.querySelectorAll("wx-image")).toHaveLength(4);
  },
  hotzone: (c) => {
    // The area without a link is not drawn.
    expect(view(c).areas).toHaveLength(2);
  },
  video: (c) => {
    expect(view(c)).toMatchObject({
      src: "https://cdn.mallwright.test/m/16.mp4",
      autoplay: true,
      muted: true,
      loop: true,
    });
  },
  "category-nav": (c) => {
    for (const name of ["上衣", "裤装", "配饰"]) expect(text(c)).toContain(name);
    expect(view(c).tabs).toBe(true);
  },
  "product-grid": (c) => {
    for (const title of ["亚麻衬衫", "棉麻长裤", "草编帽"]) expect(text(c)).toContain(title);
    expect(text(c)).toContain("¥199.00");
    expect(text(c)).toContain("¥299.00");
    expect(text(c)).toContain("¥159.00 起");
    expect(text(c)).toContain("已售罄");
    expect(text(c)).toContain("库存紧张");
  },
  "product-scroll": (c) => {
    // hideSoldOut: the sold-out straw hat is left out.
    expect(text(c)).toContain("棉麻长裤");
    expect(text(c)).toContain("帆布包");
    expect(text(c)).not.toContain("草编帽");
  },
  spacer: (c) => {
    expect(view(c).style).toBe("height:64rpx;background:#f7f8fa;");
  },
  divider: (c) => {
    expect(view(c).lineStyle).toContain("dashed");
  },
};

describe("block components", () => {
  it("exist for every block of the registry, mirroring builder/src/blocks", () => {
    const dirs = (path: string) =>
      readdirSync(path, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    expect(dirs(here)).toEqual([...BLOCK_TYPES].sort());
    expect(dirs(here)).toEqual(dirs(join(repo, "builder/src/blocks")));
    expect(Object.keys(EXPECT).sort()).toEqual([...BLOCK_TYPES].sort());
  });

  for (const type of BLOCK_TYPES) {
    it(`${type} renders its fixture`, async () => {
      const errors = vi.spyOn(console, "error");
      const comp = await renderBlock(type);
      expect(errors).not.toHaveBeenCalled();
      errors.mockRestore();
      expect(comp.data.view).not.toBeNull();
      EXPECT[type]?.(comp);
    });
  }

  for (const type of BLOCK_TYPES) {
    it(`${type} renders its defaults (a block just added) without failing`, async () => {
      const errors = vi.spyOn(console, "error");
      await renderBlock(type, {});
      expect(errors).not.toHaveBeenCalled();
      errors.mockRestore();
    });
  }

  it("loads each picture at the size it is shown (the platform's variants) and lazily", async () => {
    const mediaId = "01900000-0000-7000-8000-000000000001";
    const url = `https://files.mallwright.test/files/t1/${mediaId}.jpg`;
    const big = { mediaId, url, width: 3000, height: 2000 };
    expect(view(await renderBlock("image", { image: big })).src).toBe(
      `https://files.mallwright.test/files/t1/${mediaId}-medium.webp`,
    );
    const icons = await renderBlock("image-nav", {
      items: [{ icon: { ...big, width: 600, height: 600 }, text: "新品", link: null }],
    });
    expect((view(icons).items as { icon: string }[])[0]?.icon).toBe(
      `https://files.mallwright.test/files/t1/${mediaId}-thumb.webp`,
    );
  });

  it("navigates by link kind when tapped", async () => {
    const api = wx as unknown as Record<string, unknown>;
    const calls: { api: string; url: string }[] = [];
    for (const name of ["navigateTo", "switchTab", "redirectTo"]) {
      api[name] = (o: { url: string }) => calls.push({ api: name, url: o.url });
    }
    const copied: string[] = [];
    api.setClipboardData = (o: { data: string }) => copied.push(o.data);
    const grid = await renderBlock("product-grid");
    const card = grid.querySelector(".mw-card");
    card?.dispatchEvent("tap");
    const nav = await renderBlock("image-nav");
    for (const item of nav.querySelectorAll(".mw-in-item")) item.dispatchEvent("tap");
    await new Promise((resolve) => setTimeout(resolve, 0));
    const [P1, P2] = FIXTURE_IDS.products;
    expect(calls).toEqual([
      { api: "navigateTo", url: `/pkg-shop/pages/product/index?id=${P1}` },
      { api: "switchTab", url: "/pages/category/index" },
      { api: "navigateTo", url: `/pkg-shop/pages/page/index?id=${FIXTURE_IDS.pages[0]}` },
      { api: "navigateTo", url: `/pkg-shop/pages/product/index?id=${P2}` },
      { api: "switchTab", url: "/pages/cart/index" },
    ]);
    // https://mallwright.test/vip is not a business domain of the development config: copied.
    expect(copied).toEqual(["https://mallwright.test/vip"]);
  });
});
