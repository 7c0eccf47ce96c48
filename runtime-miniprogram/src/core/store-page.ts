// A published store page: GET /store/v1/pages/home or /pages/{id} ({page:{document}, data}), kept
// with its ETag (cached-fetch.ts), and turned into what a page's first setData carries: the blocks
// (props parsed, designer-only fields dropped), the key of its context (data map, merged theme, store)
// and the theme as CSS variables. The data map stays in the logic layer (page-context.ts).
import type { TPageData, TPageDocument } from "@mallwright/schema";
import { themeStyle } from "../shared/theme-style.ts";
import { applyTheme } from "../vendor/schema.ts";
import { fetchWithEtag, keptBody } from "./cached-fetch.ts";
import { openPageContext } from "./page-context.ts";
import { prepareBlocks, type RenderBlock } from "./prepare-blocks.ts";
import type { Runtime } from "./runtime.ts";
import type { StoreSettings } from "./store-settings.ts";

export interface StorePageBody {
  page: { id: string; title: string; version: number; publishedAt: string; document: TPageDocument };
  data: TPageData;
}

export type WhichPage = "home" | { id: string };

export function storePagePath(which: WhichPage): string {
  return which === "home" ? "/store/v1/pages/home" : `/store/v1/pages/${encodeURIComponent(which.id)}`;
}

const cacheKey = (which: WhichPage) => (which === "home" ? "page:home" : `page:${which.id}`);

export function keptPage(runtime: Runtime, which: WhichPage): StorePageBody | null {
  return keptBody<StorePageBody>(runtime, cacheKey(which));
}

/** The page, revalidated against the kept copy. A 404 (nothing published) is the caller's to show. */
export function fetchStorePage(runtime: Runtime, which: WhichPage) {
  return fetchWithEtag<StorePageBody>(runtime, storePagePath(which), cacheKey(which), { quiet: [404] });
}

export interface PageView {
  title: string;
  blocks: RenderBlock[];
  ctx: string;
  pageStyle: string;
}

/** What the page sets first; opens a new context (the caller closes the previous one). */
export function presentStorePage(body: StorePageBody, settings: StoreSettings, pixelRatio: number): PageView {
  const theme = applyTheme(settings.theme, body.page.document.theme);
  const ctx = openPageContext({
    data: body.data,
    theme,
    store: { name: settings.name, logoUrl: settings.logoUrl },
    pixelRatio,
  });
  return {
    title: body.page.title || body.page.document.title,
    blocks: prepareBlocks(body.page.document.blocks),
    ctx,
    pageStyle: themeStyle(theme),
  };
}
