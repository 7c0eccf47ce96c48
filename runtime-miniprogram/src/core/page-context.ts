// What a page's blocks render against besides their props: the page's data map, the merged theme and
// the store. It stays here in the logic layer, under a short key the blocks get as a property, so the
// data map never travels through setData (only what each block shows does).
import type { DisplayStore, TPageData, TStoreTheme } from "@mallwright/schema";
import { DEFAULT_THEME, EMPTY_PAGE_DATA } from "../vendor/schema.ts";

export interface PageContext {
  data: TPageData;
  theme: TStoreTheme;
  store?: DisplayStore;
  /** Device pixels per CSS px (picks image sizes). */
  pixelRatio: number;
}

const contexts = new Map<string, PageContext>();
let seq = 0;

const FALLBACK: PageContext = { data: EMPTY_PAGE_DATA, theme: DEFAULT_THEME, pixelRatio: 2 };

/** Keeps `ctx` and returns its key. A refreshed page opens a new one, so every block renders again. */
export function openPageContext(ctx: PageContext): string {
  seq += 1;
  const key = `c${seq}`;
  contexts.set(key, ctx);
  return key;
}

export function closePageContext(key: string): void {
  contexts.delete(key);
}

/** The context under `key`; an empty one for an unknown key (a block rendered on its own). */
export function readPageContext(key: string): PageContext {
  return contexts.get(key) ?? FALLBACK;
}

export function openContextCount(): number {
  return contexts.size;
}
