// The canvas's data: the document is posted to POST /merchant/v1/pages/hydrate after load and after
// edits (debounced), and the answer's `data` map (bound products, categories, linked pages) feeds the
// block views. Only edits that can change the data are sent (bindings, links, media, limits), and an
// answer equal to the last keeps the same object, so typing a title never re-renders the page's blocks.
import {
  collectReferences,
  EMPTY_PAGE_DATA,
  eachBlock,
  findBlock,
  type TPageData,
  type TPageDocument,
  ZPageData,
} from "@mallwright/schema";
import { useEffect, useState } from "react";
import { call, merchant } from "../api/client.ts";
import type { DesignerStore } from "./store/index.ts";

/** What in a document the data map depends on: each block's bindings, references and limit. */
export function dataKey(document: TPageDocument): string {
  const parts: unknown[] = [];
  for (const block of eachBlock(document.blocks)) {
    const def = findBlock(block.type);
    const bindings = def ? def.bindings.map((b) => block.props[b]) : [];
    parts.push([block.id, block.type, bindings, collectReferences(block.props), block.props.limit ?? null]);
  }
  return JSON.stringify(parts);
}

export type Hydrate = (document: TPageDocument) => Promise<TPageData>;

export const hydrateViaApi: Hydrate = async (document) => {
  const res = await call(merchant.pages.hydrate.$post({ json: { document } }));
  return ZPageData.parse(res.data);
};

/** The data map for the store's document, refreshed `delayMs` after the edits that can change it. */
export function useHydratedData(store: DesignerStore, hydrate: Hydrate = hydrateViaApi, delayMs = 400): TPageData {
  const [data, setData] = useState<TPageData>(EMPTY_PAGE_DATA);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastKey = "";
    let lastJson = JSON.stringify(EMPTY_PAGE_DATA);
    let seq = 0;
    const run = async () => {
      const document = store.getState().document;
      const key = dataKey(document);
      if (key === lastKey) return;
      lastKey = key;
      const mine = ++seq;
      try {
        const next = await hydrate(document);
        if (!live || mine !== seq) return;
        const json = JSON.stringify(next);
        if (json === lastJson) return;
        lastJson = json;
        setData(next);
      } catch {
        // A document the server refuses (mid-edit) keeps the last data; the next edit tries again.
        if (mine === seq) lastKey = "";
      }
    };
    void run();
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.document === prev.document) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void run(), delayMs);
    });
    return () => {
      live = false;
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, hydrate, delayMs]);
  return data;
}
