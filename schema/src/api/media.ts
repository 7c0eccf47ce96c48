// Media library contract: uploads (type decided by content), listing, folders/tags, usage.
import { z } from "zod";
import { ZPage, ZPageQuery, ZUuid } from "./common.ts";

export const MEDIA_KINDS = ["image", "video"] as const;
export const ZMediaKind = z.enum(MEDIA_KINDS);

export const MEDIA_LIMITS = {
  imageBytes: 10 * 1024 * 1024,
  videoBytes: 50 * 1024 * 1024,
  imagePixels: 40_000_000,
  imageSide: 10_000,
} as const;

export const ZMediaVariant = z.object({
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
});

export const ZMedia = z.object({
  id: ZUuid,
  kind: ZMediaKind,
  mime: z.string(),
  name: z.string(),
  url: z.string(),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  folder: z.string(),
  tags: z.array(z.string()),
  variants: z.record(z.string(), ZMediaVariant),
  createdAt: z.string(),
});
export type TMedia = z.infer<typeof ZMedia>;

export const ZListMediaQuery = ZPageQuery.extend({
  kind: ZMediaKind.optional(),
  folder: z.string().max(100).optional(),
  tag: z.string().max(30).optional(),
  q: z.string().trim().max(100).optional(),
});
export type TListMediaQuery = z.infer<typeof ZListMediaQuery>;

export const ZMediaPage = ZPage(ZMedia).extend({
  usage: z.object({ bytes: z.number().int(), count: z.number().int(), quotaBytes: z.number().int().nullable() }),
});

export const ZUpdateMediaRequest = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  folder: z
    .string()
    .trim()
    .max(100)
    .regex(/^[^/\\]*$/, "must not contain slashes")
    .optional(),
  tags: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
});

/** Where a media item is used (answered with 409 media_in_use when deleting it). */
export const ZMediaUsage = z.object({
  usedBy: z.array(
    z.object({ kind: z.enum(["product", "sku", "category", "page", "store"]), id: ZUuid, label: z.string() }),
  ),
});

/** The store's folders: every non-empty folder with how many items it holds, sorted by name. */
export const ZMediaFolderList = z.object({
  items: z.array(z.object({ name: z.string(), count: z.number().int() })),
});
export type TMediaFolderList = z.infer<typeof ZMediaFolderList>;
