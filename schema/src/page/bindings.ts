// Catalog bindings are stored as queries, never as copies: the read path resolves them into the
// page's `data` map, so a page always shows current titles, prices and stock.
import { z } from "zod";

export const PRODUCT_SOURCES = ["category", "tag", "manual", "newest", "best_selling"] as const;

export const ZProductSource = z.discriminatedUnion("source", [
  z.strictObject({ source: z.literal("category"), categoryId: z.uuid() }),
  z.strictObject({ source: z.literal("tag"), tag: z.string().trim().min(1).max(20) }),
  z.strictObject({ source: z.literal("manual"), productIds: z.array(z.uuid()).min(1).max(50) }),
  z.strictObject({ source: z.literal("newest") }),
  z.strictObject({ source: z.literal("best_selling") }),
]);
export type TProductSource = z.infer<typeof ZProductSource>;

/** How many products a binding may resolve to at most (keeps the hydrated payload bounded). */
export const MAX_BOUND_PRODUCTS = 50;

/** How many categories a category binding may resolve to at most. */
export const MAX_BOUND_CATEGORIES = 20;

/** Which categories a category navigation shows; resolved like product sources, into data.bindings. */
export const ZCategorySource = z.discriminatedUnion("source", [
  z.strictObject({ source: z.literal("top_level") }),
  z.strictObject({ source: z.literal("picked"), categoryIds: z.array(z.uuid()).min(1).max(MAX_BOUND_CATEGORIES) }),
]);
export type TCategorySource = z.infer<typeof ZCategorySource>;
