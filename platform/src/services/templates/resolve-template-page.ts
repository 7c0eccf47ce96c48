// Template pages are page documents written before any id exists. They name what they point at
// with placeholders, resolved here once the store's catalog, pages and pictures are made:
//
//   "@category:<key>"        a category of the template's catalog (its `key`)
//   "@product:<codePrefix>"  a product of the template's catalog (its `codePrefix`)
//   "@page:<key>"            another page of the template (pages/<key>.json)
//   { "template": { "color": "#f7c6d0", "shape": "dress", "width": 750, "height": 360 } }
//                            where an image ref goes: rendered, uploaded, replaced by the ref
//
// Placeholders are whole string values (link ids, binding ids) anywhere in the document.
import {
  type LoadedPage,
  loadPage,
  type PageIssue,
  type TImageRef,
  type TPageDocument,
  type ValidateOptions,
} from "@mallwright/schema";
import { type TTemplateImage, templateImageSize, ZTemplateImage } from "./render-image.ts";

const PLACEHOLDER = /^@(category|product|page):(.+)$/;
export type PlaceholderKind = "category" | "product" | "page";

export interface TemplatePageIds {
  /** Category key -> id. */
  categories: Record<string, string>;
  /** Product code prefix -> id. */
  products: Record<string, string>;
  /** Page key -> id. */
  pages: Record<string, string>;
  /** Uploaded pictures, by templateImageKey(). */
  images: Record<string, TImageRef>;
}

export interface ResolveOptions {
  mode: ValidateOptions["mode"];
  /**
   * "fail": an unknown key is an issue (provisioning and CI: the template must be complete).
   * "drop": what points at an unknown key goes (applying a template to a store whose catalog
   * lacks it): a link becomes null, a category or hand-picked binding falls back to "newest"
   * (categories: "top_level"), a missing id is left out of a list.
   */
  missing: "fail" | "drop";
}

/** One key per distinct picture, so a picture used twice is uploaded once. */
export function templateImageKey(img: TTemplateImage): string {
  return JSON.stringify([img.color, img.shape, img.width ?? null, img.height ?? null]);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isImagePlaceholder = (v: Record<string, unknown>) => "template" in v && Object.keys(v).length === 1;

/** Every distinct picture a template page asks for, in document order (malformed ones are skipped). */
export function collectTemplateImages(raw: unknown): TTemplateImage[] {
  const out = new Map<string, TTemplateImage>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isRecord(v)) {
      if (isImagePlaceholder(v)) {
        const img = ZTemplateImage.safeParse(v.template);
        if (img.success) out.set(templateImageKey(img.data), img.data);
      } else Object.values(v).forEach(walk);
    }
  };
  walk(raw);
  return [...out.values()];
}

/**
 * Stand-in refs for every picture of a page (no media id, an unreachable URL, the right size):
 * for checking a template page before anything is uploaded.
 */
export function placeholderImageRefs(raw: unknown): Record<string, TImageRef> {
  return Object.fromEntries(
    collectTemplateImages(raw).map((img, i) => {
      const { width, height } = templateImageSize(img);
      return [templateImageKey(img), { mediaId: null, url: `https://template.invalid/${i + 1}.jpg`, width, height }];
    }),
  );
}

/** Every `@kind:key` placeholder with its path, for checks and for finding what a page needs. */
export function findPlaceholders(raw: unknown): { kind: PlaceholderKind; key: string; path: string }[] {
  const out: { kind: PlaceholderKind; key: string; path: string }[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === "string") {
      const m = PLACEHOLDER.exec(v);
      if (m?.[1] && m[2]) out.push({ kind: m[1] as PlaceholderKind, key: m[2], path });
    } else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, join(path, i));
    } else if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, join(path, k));
    }
  };
  walk(raw, "");
  return out;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Marks a value that went with its unknown key ("drop" mode); the parent decides what replaces it. */
const DROPPED = Symbol("dropped");

/**
 * Replaces the placeholders of a template page, then loads it like any stored page (migrated to
 * the current schema version and validated in `mode`). Issues carry the path of the placeholder
 * or of the validation problem; the document is usable only when there are none.
 */
export function resolveTemplatePage(
  raw: unknown,
  ids: TemplatePageIds,
  opts: ResolveOptions,
): { document?: TPageDocument; issues: PageIssue[] } {
  const issues: PageIssue[] = [];
  const maps: Record<PlaceholderKind, Record<string, string>> = {
    category: ids.categories,
    product: ids.products,
    page: ids.pages,
  };

  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === "string") {
      const m = PLACEHOLDER.exec(v);
      if (!m?.[1] || !m[2]) return v;
      const kind = m[1] as PlaceholderKind;
      const id = Object.hasOwn(maps[kind], m[2]) ? maps[kind][m[2]] : undefined;
      if (id !== undefined) return id;
      if (opts.missing === "drop") return DROPPED;
      issues.push({ path, message: `the template defines no ${kind} with the key ${m[2]}` });
      return v;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, join(path, i))).filter((x) => x !== DROPPED);
    if (!isRecord(v)) return v;
    if (isImagePlaceholder(v)) {
      const img = ZTemplateImage.safeParse(v.template);
      if (!img.success) {
        for (const i of img.error.issues)
          issues.push({ path: join(join(path, "template"), i.path.join(".")), message: i.message });
        return v;
      }
      const ref = ids.images[templateImageKey(img.data)];
      if (ref) return ref;
      issues.push({ path, message: "this picture was not uploaded" });
      return v;
    }
    const out: Record<string, unknown> = {};
    const dropped: string[] = [];
    for (const [k, x] of Object.entries(v)) {
      const r = walk(x, join(path, k));
      if (r === DROPPED) dropped.push(k);
      out[k] = r;
    }
    // Bindings fall back to a source that needs no ids; links go (every link prop is nullable).
    if (typeof out.source === "string") {
      if (dropped.includes("categoryId")) return { source: "newest" };
      if (Array.isArray(out.productIds) && out.productIds.length === 0) return { source: "newest" };
      if (Array.isArray(out.categoryIds) && out.categoryIds.length === 0) return { source: "top_level" };
    }
    if (typeof out.kind === "string" && dropped.includes("id")) return DROPPED;
    for (const k of dropped) out[k] = null;
    return out;
  };

  const resolved = walk(raw, "");
  if (issues.length > 0) return { issues };
  const loaded: LoadedPage = loadPage(resolved, { mode: opts.mode });
  return loaded.document && loaded.issues.length === 0
    ? { document: loaded.document, issues: [] }
    : { issues: loaded.issues };
}
