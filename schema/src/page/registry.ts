// The block registry's shape. Each block type declares, once: its props schema and defaults,
// which props are bindings, whether it holds children, its limits, its palette entry, the
// inspector hints the designer builds fields from, and display(): what it shows, computed from
// props and the page's data. The builder canvas and the mini-program both render display().
import type { z } from "zod";
import type { TPageData } from "./data.ts";
import type { TStoreTheme } from "./theme.ts";

export type Localized = { en: string; zh: string };

export const BLOCK_GROUPS = ["layout", "media", "text", "commerce", "navigation", "decoration"] as const;
export type BlockGroup = (typeof BLOCK_GROUPS)[number];

/** How the designer edits one prop. `item` describes the fields of each entry of a list. */
export type FieldHint =
  | { widget: "text" | "textarea" | "richtext"; label: Localized; placeholder?: Localized; maxLength?: number }
  | { widget: "number"; label: Localized; min: number; max: number; step?: number; unit?: string }
  | {
      widget: "color" | "switch" | "image" | "video" | "link" | "products" | "category" | "categories";
      label: Localized;
    }
  | { widget: "select"; label: Localized; options: { value: string | number; label: Localized }[] }
  | { widget: "list"; label: Localized; item: Record<string, FieldHint>; min: number; max: number; addLabel: Localized }
  | { widget: "hotzones"; label: Localized };

export interface DisplayContext {
  /** The block's id (its binding's resolved products are `data.bindings[blockId]`). */
  blockId: string;
  data: TPageData;
  theme: TStoreTheme;
  /** The store itself, for blocks that show it (store-header); absent where it is not known. */
  store?: DisplayStore;
}

export interface DisplayStore {
  name: string;
  logoUrl: string | null;
}

export interface ChildrenRule {
  /** Block types it may hold, or "any" (containers never hold containers deeper than allowed by depth). */
  types: "any" | readonly string[];
  max: number;
}

export interface BlockDefinition<S extends z.ZodObject = z.ZodObject, V = unknown> {
  type: string;
  label: Localized;
  /** Icon key of the palette. */
  icon: string;
  group: BlockGroup;
  /** Every field has a default, so `props.parse({})` is a valid new block. */
  props: S;
  /** Props that hold catalog bindings (resolved by the read path into data.bindings). */
  bindings: readonly (keyof z.output<S> & string)[];
  children: false | ChildrenRule;
  limits: { maxPerPage?: number };
  inspector: { [K in keyof z.output<S> & string]?: FieldHint };
  display(props: z.output<S>, ctx: DisplayContext): V;
}

/** Declares a block; keeps the props schema's type for display() and the inspector. */
export function defineBlock<S extends z.ZodObject, V>(def: BlockDefinition<S, V>): BlockDefinition<S, V> {
  return def;
}

/** Ids a block's props point at, found by shape: links, media refs and product/category sources. */
export interface BlockReferences {
  products: string[];
  categories: string[];
  pages: string[];
  media: string[];
}

export function collectReferences(value: unknown, into: BlockReferences = emptyReferences()): BlockReferences {
  if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, into);
    return into;
  }
  if (typeof value !== "object" || value === null) return into;
  const o = value as Record<string, unknown>;
  if (typeof o.kind === "string" && typeof o.id === "string") {
    if (o.kind === "product") into.products.push(o.id);
    else if (o.kind === "category") into.categories.push(o.id);
    else if (o.kind === "page") into.pages.push(o.id);
  }
  if (typeof o.mediaId === "string" && typeof o.url === "string") into.media.push(o.mediaId);
  if (typeof o.source === "string") {
    if (typeof o.categoryId === "string") into.categories.push(o.categoryId);
    if (Array.isArray(o.productIds)) for (const id of o.productIds) if (typeof id === "string") into.products.push(id);
    if (Array.isArray(o.categoryIds))
      for (const id of o.categoryIds) if (typeof id === "string") into.categories.push(id);
  }
  for (const v of Object.values(o)) if (typeof v === "object" && v !== null) collectReferences(v, into);
  return into;
}

export function emptyReferences(): BlockReferences {
  return { products: [], categories: [], pages: [], media: [] };
}
