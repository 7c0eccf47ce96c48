// The catalog the pickers choose from: categories (a two-level tree, flattened for selects), pages and
// product search. Categories and pages are fetched once per designer visit and shared by every field.
import { useEffect, useState } from "react";
import { call, merchant } from "../../api/client.ts";

export interface CategoryOption {
  id: string;
  name: string;
  /** 0 for a top-level category, 1 for a subcategory. */
  level: number;
}

export interface PageOption {
  id: string;
  title: string;
}

export interface ProductOption {
  id: string;
  title: string;
  image: string | null;
  status: string;
}

let categories: Promise<CategoryOption[]> | null = null;
let pages: Promise<PageOption[]> | null = null;

export function loadCategories(): Promise<CategoryOption[]> {
  categories ??= call(merchant.categories.$get()).then((tree) =>
    tree.items.flatMap((c) => [
      { id: c.id, name: c.name, level: 0 },
      ...c.children.map((s) => ({ id: s.id, name: s.name, level: 1 })),
    ]),
  );
  categories.catch(() => {
    categories = null;
  });
  return categories;
}

export function loadPages(): Promise<PageOption[]> {
  pages ??= call(merchant.pages.$get({ query: { limit: "100" } })).then((list) =>
    list.items.map((p) => ({ id: p.id, title: p.title })),
  );
  pages.catch(() => {
    pages = null;
  });
  return pages;
}

/** Forgets what was fetched (after pages are created from a template). */
export function forgetCatalog(): void {
  categories = null;
  pages = null;
}

export async function searchProducts(q: string): Promise<ProductOption[]> {
  const list = await call(
    merchant.products.$get({ query: { limit: "20", status: "on_shelf", ...(q.trim() ? { q: q.trim() } : {}) } }),
  );
  return list.items.map((p) => ({
    id: p.id,
    title: p.title,
    image: p.image?.thumbUrl ?? p.image?.url ?? null,
    status: p.status,
  }));
}

/** A loaded list for a picker; [] until it arrives (and on failure, with the error kept). */
export function useOptions<T>(load: () => Promise<T[]>): { items: T[]; error: unknown } {
  const [items, setItems] = useState<T[]>([]);
  const [error, setError] = useState<unknown>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaders are module functions, loaded once
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && setItems(v),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);
  return { items, error };
}

/** Products matching what is typed, searched 250 ms after the last key. */
export function useProductSearch(q: string): { items: ProductOption[]; error: unknown; loading: boolean } {
  const [state, setState] = useState<{ items: ProductOption[]; error: unknown; loading: boolean }>({
    items: [],
    error: undefined,
    loading: true,
  });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      searchProducts(q).then(
        (items) => live && setState({ items, error: undefined, loading: false }),
        (error: unknown) => live && setState({ items: [], error, loading: false }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return state;
}
