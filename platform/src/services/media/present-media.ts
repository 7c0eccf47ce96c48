// A media row as the API shows it: public URLs instead of storage keys, numbers instead of bigints.
import { type TMedia, ZMediaKind } from "@mallwright/schema";
import { z } from "zod";
import type { Env } from "../../env.ts";
import type { Media } from "../../generated/prisma/client.ts";
import { mediaUrl } from "./media-url.ts";

/** One derived rendition as stored in `media.variants`. */
export const ZStoredVariant = z.object({
  key: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  mime: z.string(),
});
export type TStoredVariant = z.infer<typeof ZStoredVariant>;

/** The stored variants; entries that do not parse are left out rather than failing a list. */
export function storedVariants(json: unknown): Record<string, TStoredVariant> {
  const out: Record<string, TStoredVariant> = {};
  if (typeof json !== "object" || json === null || Array.isArray(json)) return out;
  for (const [name, value] of Object.entries(json)) {
    const v = ZStoredVariant.safeParse(value);
    if (v.success) out[name] = v.data;
  }
  return out;
}

/** Every storage key of a row: the original first, then its variants. */
export function storageKeysOf(m: Pick<Media, "storageKey" | "variants">): string[] {
  return [m.storageKey, ...Object.values(storedVariants(m.variants)).map((v) => v.key)];
}

export function presentMedia(env: Env, m: Media): TMedia {
  const variants: TMedia["variants"] = {};
  for (const [name, v] of Object.entries(storedVariants(m.variants))) {
    variants[name] = { url: mediaUrl(env, v.key), width: v.width, height: v.height, bytes: v.bytes };
  }
  return {
    id: m.id,
    kind: ZMediaKind.parse(m.kind),
    mime: m.mime,
    name: m.name,
    url: mediaUrl(env, m.storageKey),
    bytes: Number(m.bytes),
    width: m.width,
    height: m.height,
    durationMs: m.durationMs,
    folder: m.folder,
    tags: m.tags,
    variants,
    createdAt: m.createdAt.toISOString(),
  };
}
