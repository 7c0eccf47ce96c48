// The pages of tenant-templates/ as the store would serve them: placeholders replaced by ids (and
// pictures by media-library refs), the document loaded like any stored page (migrated, validated for
// publishing), and a `data` map resolved from the template's catalog the way the read path resolves
// bindings (category with its subcategories, tag, hand-picked, newest, best-selling; top-level or
// picked categories). A stand-in for platform/src/services/templates, which needs the database.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  collectReferences,
  eachBlock,
  loadPage,
  type TPageData,
  type TPageDocument,
  type TProductCardData,
  type TStoreSettingsDocument,
  ZStoreSettingsDocument,
} from "@mallwright/schema";

export const TEMPLATES_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../tenant-templates");

interface TemplateCategory {
  key: string;
  name: string;
  children?: TemplateCategory[];
}
interface TemplateProduct {
  title: string;
  subtitle?: string;
  category: string;
  tags?: string[];
  price: number;
  compareAtPrice?: number | null;
  stock: number;
  codePrefix: string;
  sales?: number;
}

export interface TemplatePage {
  template: string;
  key: string;
  document: TPageDocument;
  data: TPageData;
  settings: TStoreSettingsDocument | null;
  /** What GET /store/v1/pages/{id} answers. */
  body: {
    page: { id: string; title: string; version: number; publishedAt: string; document: TPageDocument };
    data: TPageData;
  };
}

const uuid = (kind: number, n: number) => `${kind}0000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

export function templateNames(): string[] {
  return readdirSync(TEMPLATES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Every page of every template (the manifest's, and any other file in pages/). */
export function templatePages(): TemplatePage[] {
  return templateNames().flatMap(readTemplatePages);
}

export function readTemplatePages(name: string): TemplatePage[] {
  const dir = join(TEMPLATES_DIR, name);
  const manifest = readJson(join(dir, "manifest.json")) as {
    pages: string[];
    catalog: string | null;
    theme: string | null;
  };
  let files: string[] = [];
  try {
    files = readdirSync(join(dir, "pages")).filter((f) => f.endsWith(".json"));
  } catch {
    files = [];
  }
  const pageFiles = [...new Set([...manifest.pages, ...files])].filter((f) => files.includes(f));
  const catalog = manifest.catalog
    ? (readJson(join(dir, manifest.catalog)) as { categories: TemplateCategory[]; products: TemplateProduct[] })
    : { categories: [], products: [] };
  const settings = manifest.theme ? ZStoreSettingsDocument.parse(readJson(join(dir, manifest.theme))) : null;

  // Ids for everything a placeholder may name.
  const categoryIds = new Map<string, string>();
  const categoryParent = new Map<string, string | null>();
  const allCategories: TemplateCategory[] = [];
  const walk = (cats: TemplateCategory[], parent: string | null) => {
    for (const c of cats) {
      categoryIds.set(c.key, uuid(2, categoryIds.size + 1));
      categoryParent.set(c.key, parent);
      allCategories.push(c);
      walk(c.children ?? [], c.key);
    }
  };
  walk(catalog.categories, null);
  const productIds = new Map(catalog.products.map((p, i) => [p.codePrefix, uuid(1, i + 1)]));
  const pageIds = new Map(pageFiles.map((f, i) => [f.replace(/\.json$/, ""), uuid(3, i + 1)]));
  let pictures = 0;

  const resolve = (v: unknown): unknown => {
    if (typeof v === "string") {
      const m = /^@(category|product|page):(.+)$/.exec(v);
      if (!m) return v;
      const map = m[1] === "category" ? categoryIds : m[1] === "product" ? productIds : pageIds;
      const id = map.get(m[2] ?? "");
      if (!id) throw new Error(`${name}: no ${m[1]} ${m[2]}`);
      return id;
    }
    if (Array.isArray(v)) return v.map(resolve);
    if (typeof v !== "object" || v === null) return v;
    const o = v as Record<string, unknown>;
    if ("template" in o && Object.keys(o).length === 1) {
      const t = o.template as { width?: number; height?: number };
      pictures += 1;
      const mediaId = uuid(4, pictures);
      // Shaped like the platform's stored media (so size variants apply).
      return {
        mediaId,
        url: `https://files.mallwright.test/files/${name}/${mediaId}.jpg`,
        width: t.width ?? 800,
        height: t.height ?? 800,
      };
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, resolve(x)]));
  };

  const cards: Record<string, TProductCardData> = {};
  catalog.products.forEach((p, i) => {
    const id = productIds.get(p.codePrefix) ?? "";
    cards[id] = {
      id,
      title: p.title,
      subtitle: p.subtitle ?? "",
      image: `https://files.mallwright.test/files/${name}/p${i + 1}-thumb.webp`,
      priceMin: p.price,
      priceMax: p.price,
      compareAtPrice: p.compareAtPrice ?? null,
      currency: "CNY",
      stockState: p.stock <= 0 ? "out_of_stock" : p.stock < 10 ? "low_stock" : "in_stock",
      salesCount: p.sales ?? 0,
    };
  });
  const keyOfCategoryId = new Map([...categoryIds].map(([k, id]) => [id, k]));
  const inCategory = (p: TemplateProduct, key: string): boolean => {
    for (let k: string | null | undefined = p.category; k; k = categoryParent.get(k)) if (k === key) return true;
    return false;
  };

  const pages = pageFiles.map((file, index): TemplatePage => {
    const key = file.replace(/\.json$/, "");
    const loaded = loadPage(resolve(readJson(join(dir, "pages", file))), { mode: "publish" });
    if (!loaded.document || loaded.issues.length > 0) {
      throw new Error(`${name}/pages/${file} does not load: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
    }
    const document = loaded.document;
    const bindings: Record<string, string[]> = {};
    for (const block of eachBlock(document.blocks)) {
      const props = block.props as Record<string, unknown>;
      const limit = typeof props.limit === "number" ? props.limit : 50;
      if (block.type === "product-grid" || block.type === "product-scroll") {
        const source = props.source as { source: string; categoryId?: string; tag?: string; productIds?: string[] };
        let chosen: TemplateProduct[] = catalog.products;
        if (source.source === "category") {
          const k = keyOfCategoryId.get(source.categoryId ?? "") ?? "";
          chosen = catalog.products.filter((p) => inCategory(p, k));
        } else if (source.source === "tag") chosen = catalog.products.filter((p) => p.tags?.includes(source.tag ?? ""));
        else if (source.source === "manual") {
          const wanted = new Set(source.productIds);
          chosen = catalog.products.filter((p) => wanted.has(productIds.get(p.codePrefix) ?? ""));
        } else if (source.source === "best_selling")
          chosen = [...chosen].sort((a, b) => (b.sales ?? 0) - (a.sales ?? 0));
        else chosen = [...chosen].reverse();
        bindings[block.id] = chosen.slice(0, limit).map((p) => productIds.get(p.codePrefix) ?? "");
      } else if (block.type === "category-nav") {
        const source = props.categories as { source: string; categoryIds?: string[] };
        bindings[block.id] = (
          source.source === "picked"
            ? (source.categoryIds ?? [])
            : catalog.categories.map((c) => categoryIds.get(c.key) ?? "")
        ).slice(0, limit);
      }
    }
    // Like the read path: only what the page binds or links to.
    const refs = collectReferences(document.blocks);
    const wantedProducts = new Set([...refs.products, ...Object.values(bindings).flat()]);
    const wantedCategories = new Set([...refs.categories, ...Object.values(bindings).flat()]);
    const data: TPageData = {
      products: Object.fromEntries(Object.entries(cards).filter(([id]) => wantedProducts.has(id))),
      categories: Object.fromEntries(
        allCategories.flatMap((c) => {
          const id = categoryIds.get(c.key) ?? "";
          const icon = `https://files.mallwright.test/files/${name}/c-${c.key}-thumb.webp`;
          return wantedCategories.has(id) ? [[id, { id, name: c.name, iconUrl: icon }]] : [];
        }),
      ),
      bindings,
      pages: Object.fromEntries([...pageIds].map(([k, id]) => [id, { id, title: k }])),
    };
    const id = pageIds.get(key) ?? uuid(3, index + 1);
    return {
      template: name,
      key,
      document,
      data,
      settings,
      body: {
        page: { id, title: document.title, version: 1, publishedAt: "2026-06-01T00:00:00.000Z", document },
        data,
      },
    };
  });
  return pages;
}
