// The normalized `data` map served next to a published page: everything its bindings and links
// resolve to, once each. Blocks read from it through their display() functions.
import { z } from "zod";

export const ZProductCardData = z.object({
  id: z.uuid(),
  title: z.string(),
  subtitle: z.string(),
  image: z.string().nullable(),
  priceMin: z.number().int(),
  priceMax: z.number().int(),
  compareAtPrice: z.number().int().nullable(),
  currency: z.string(),
  stockState: z.enum(["in_stock", "low_stock", "out_of_stock"]),
  salesCount: z.number().int(),
});
export type TProductCardData = z.infer<typeof ZProductCardData>;

export const ZCategoryData = z.object({ id: z.uuid(), name: z.string(), iconUrl: z.string().nullable() });
export type TCategoryData = z.infer<typeof ZCategoryData>;

export const ZPageData = z.object({
  products: z.record(z.string(), ZProductCardData),
  categories: z.record(z.string(), ZCategoryData),
  /** Per block id: the ids its binding resolved to, in order (product ids; category ids for category-nav). */
  bindings: z.record(z.string(), z.array(z.string())),
  /** Titles of linked pages (for labels); absent ids were deleted. */
  pages: z.record(z.string(), z.object({ id: z.uuid(), title: z.string() })),
});
export type TPageData = z.infer<typeof ZPageData>;

export const EMPTY_PAGE_DATA: TPageData = { products: {}, categories: {}, bindings: {}, pages: {} };
