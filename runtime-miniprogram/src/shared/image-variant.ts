// The right size of a picture for where it is shown. The platform stores each uploaded image with a
// `thumb` (fits 240x240) and a `medium` (750 px wide) WebP beside the original, under keys derived from
// the media id (platform/src/services/media/upload-media.ts: `<tenant>/<id>.<ext>` and
// `<tenant>/<id>-<variant>.webp`). Page props carry the original's URL, id and size, so the variant's
// URL is derived here; pictures not from the media library (no id, another URL shape) stay as they are.
// Product cards in the data map already carry the thumbnail (the read path picks it).

export interface ImageRefLike {
  mediaId: string | null;
  url: string;
  width: number | null;
  height: number | null;
}

/** Mirrors VARIANTS of platform/src/services/media/process-image.ts. */
export const IMAGE_VARIANTS = { thumb: { width: 240, height: 240 }, medium: { width: 750 } } as const;

export type VariantName = "thumb" | "medium" | "original";

/** Which rendition to load for a picture shown `cssWidth` px wide (of 375) on a `pixelRatio` screen. */
export function pickVariant(ref: ImageRefLike, cssWidth: number, pixelRatio = 2): VariantName {
  const need = cssWidth * pixelRatio;
  if (!ref.width || !ref.height) return need <= IMAGE_VARIANTS.thumb.width / 2 ? "thumb" : "medium";
  const thumbScale = Math.min(1, IMAGE_VARIANTS.thumb.width / ref.width, IMAGE_VARIANTS.thumb.height / ref.height);
  if (ref.width * thumbScale >= need) return "thumb";
  // Never a multi-megapixel original on a phone: the medium is as wide as a 2x screen.
  if (ref.width > IMAGE_VARIANTS.medium.width) return "medium";
  return "original";
}

const MEDIA_KEY = /^(.*\/)([0-9a-f-]{36})\.(?:jpe?g|png|webp|gif)(\?.*)?$/i;

/** The URL of the rendition to load (the original's when the variant's URL cannot be known). */
export function imageUrlFor(ref: ImageRefLike | null | undefined, cssWidth: number, pixelRatio = 2): string | null {
  if (!ref) return null;
  const variant = pickVariant(ref, cssWidth, pixelRatio);
  if (variant === "original" || !ref.mediaId) return ref.url;
  const m = MEDIA_KEY.exec(ref.url);
  if (!m || m[2]?.toLowerCase() !== ref.mediaId.toLowerCase()) return ref.url;
  return `${m[1]}${m[2]}-${variant}.webp${m[3] ?? ""}`;
}

/** Every image ref found in a block's props, by URL (display() hands on URLs; this finds their refs). */
export function imageRefsByUrl(props: unknown, into = new Map<string, ImageRefLike>()): Map<string, ImageRefLike> {
  if (Array.isArray(props)) {
    for (const v of props) imageRefsByUrl(v, into);
  } else if (typeof props === "object" && props !== null) {
    const o = props as Record<string, unknown>;
    if (typeof o.url === "string" && "mediaId" in o && "width" in o) into.set(o.url, o as unknown as ImageRefLike);
    else for (const v of Object.values(o)) imageRefsByUrl(v, into);
  }
  return into;
}
