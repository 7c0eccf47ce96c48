// A paginated product list (category tab, search results): GET /store/v1/products with filters and
// the cursor; each page is appended by path, so one setData carries one page of cards only.
import type { TStoreProductCard, TStoreProductPage } from "@mallwright/schema";
import { priceRange } from "../shared/sku-picker.ts";
import type { Runtime } from "./runtime.ts";
import { STORE } from "./shop.ts";

export const PRODUCT_PAGE_SIZE = 20;

export interface ProductCardView {
  id: string;
  title: string;
  image: string;
  price: string;
  soldOut: boolean;
}

export function presentProductCard(p: TStoreProductCard): ProductCardView {
  return {
    id: p.id,
    title: p.title,
    image: p.image ?? "",
    price: priceRange(p.priceMin, p.priceMax),
    soldOut: p.stockState === "out_of_stock",
  };
}

export type ProductQuery = Record<string, string | undefined>;

interface ListHost {
  data: { products: unknown[] };
  setData(d: Record<string, unknown>): void;
}

/** One list on a page: reset with a query, more() at the bottom; stale answers are dropped. */
export function createProductList(host: ListHost, runtime: () => Runtime) {
  let query: ProductQuery = {};
  let cursor: string | null = null;
  let seq = 0;
  let loading = false;
  const load = async (reset: boolean) => {
    if (!reset && (loading || !cursor)) return;
    loading = true;
    const mine = ++seq;
    try {
      const page = await runtime().api.get<TStoreProductPage>(`${STORE}/products`, {
        query: { ...query, limit: PRODUCT_PAGE_SIZE, cursor: reset ? undefined : (cursor ?? undefined) },
      });
      if (mine !== seq) return;
      cursor = page.nextCursor;
      const cards = page.items.map(presentProductCard);
      const start = reset ? 0 : host.data.products.length;
      const patch: Record<string, unknown> = reset ? { products: cards } : {};
      if (!reset) {
        for (const [i, c] of cards.entries()) patch[`products[${start + i}]`] = c;
      }
      host.setData({
        ...patch,
        listStatus: start + cards.length > 0 ? "ready" : "empty",
        more: Boolean(page.nextCursor),
      });
    } catch {
      if (mine === seq && host.data.products.length === 0) host.setData({ listStatus: "error" });
    } finally {
      if (mine === seq) loading = false;
    }
  };
  return {
    reset(next: ProductQuery) {
      query = next;
      cursor = null;
      host.setData({ products: [], listStatus: "loading", more: false });
      return load(true);
    },
    more: () => load(false),
  };
}
