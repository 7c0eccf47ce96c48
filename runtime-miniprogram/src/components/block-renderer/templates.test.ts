// Every page of every template in tenant-templates/, served by a fake store and rendered by the built
// page (home or custom page) through block-renderer under miniprogram-simulate: every block shows,
// and the budgets of DESIGN §8 hold (first setData <= 128 KB, WXML nodes < 1000, depth < 30).
import { countType, eachBlock, PAGE_LIMITS } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { json, settle } from "../../../test/fake-wx.ts";
import { loadComponent, measureTree, simulate, takeSetDataLog, utf8Bytes } from "../../../test/simulate.ts";
import { useFakeStore } from "../../../test/store-harness.ts";
import { type TemplatePage, templatePages } from "../../../test/template-pages.ts";

const BUDGET = { firstSetDataBytes: 128 * 1024, nodes: 1000, depth: 30 };

const pages = templatePages();

interface RenderedBlock {
  type: string;
  children?: RenderedBlock[];
}

const countBlocks = (blocks: readonly RenderedBlock[]): number =>
  blocks.reduce((n, b) => n + 1 + countBlocks(b.children ?? []), 0);

async function renderTemplatePage(page: TemplatePage) {
  const isHome = page.key === "home";
  const pagePath = isHome ? "/store/v1/pages/home" : `/store/v1/pages/${page.body.page.id}`;
  useFakeStore((req) => {
    const path = req.url.replace("https://api.mallwright.test", "");
    if (path === pagePath) return json(200, page.body, { ETag: '"p.1"' });
    if (path === "/store/v1/settings") {
      const settings = page.settings;
      return json(200, { name: page.template, logoUrl: null, ...settings, version: settings ? 1 : null });
    }
    if (path === "/store/v1/search/hot") return json(200, { words: [{ text: "新品", count: 3 }] });
    return json(404, { error: { code: "not_found", message: path } });
  });
  const comp = simulate.render(loadComponent(isHome ? "pages/home/index" : "pkg-shop/pages/page/index"));
  comp.attach(document.createElement("parent-wrapper"));
  takeSetDataLog();
  (comp.instance.onLoad as (q: Record<string, string>) => void)(isHome ? {} : { id: page.body.page.id });
  await settle(10);
  return { comp, setData: takeSetDataLog() };
}

describe("template pages", () => {
  it("are all found (every template's pages)", () => {
    expect(pages.length).toBeGreaterThanOrEqual(9);
  });

  for (const page of pages) {
    it(`${page.template}/${page.key} renders within the budgets`, async () => {
      const { comp, setData } = await renderTemplatePage(page);
      expect(comp.data.status).toBe("ready");
      // Every block of the document reached block-renderer (none dropped as unknown or invalid).
      const blocks = comp.data.blocks as RenderedBlock[];
      expect(countBlocks(blocks)).toBe([...eachBlock(page.document.blocks)].length);
      // The page's first setData is the whole page at once (its blocks and their props).
      const first = setData[0];
      expect(first).toBeDefined();
      expect(first?.bytes).toBe(utf8Bytes(JSON.stringify({ status: "ready", ...pick(comp.data) })));
      expect(first?.bytes ?? Infinity).toBeLessThanOrEqual(BUDGET.firstSetDataBytes);
      // Everything the first render sends (the page, then each block's own view) fits too.
      const total = setData.reduce((n, s) => n + s.bytes, 0);
      expect(total).toBeLessThanOrEqual(PAGE_LIMITS.hydratedBytes);
      const tree = measureTree(comp.dom);
      expect(tree.nodes).toBeLessThan(BUDGET.nodes);
      expect(tree.depth).toBeLessThan(BUDGET.depth);
      // Bound product lists show their products.
      if (countType(page.document.blocks, "product-grid") > 0) expect(comp.dom.textContent).toContain("¥");
      console.info(
        `${page.template}/${page.key}: first setData ${((first?.bytes ?? 0) / 1024) | 0} KB, all setData ${(total / 1024) | 0} KB, ${tree.nodes} nodes, depth ${tree.depth}`,
      );
    });
  }
});

function pick(data: Record<string, unknown>) {
  return { title: data.title, blocks: data.blocks, ctx: data.ctx, pageStyle: data.pageStyle };
}
