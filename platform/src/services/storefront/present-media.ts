// Media as the storefront shows it: plain URLs, a thumbnail where a small picture will do.
import type { Env } from "../../env.ts";
import { presentMediaRef } from "../media/media-url.ts";

export interface StoredMedia {
  id: string;
  storageKey: string;
  variants: unknown;
}

/** The thumbnail's URL when the media has one, else the original's (cards, icons, SKU swatches). */
export function smallImageUrl(env: Env, m: StoredMedia | null): string | null {
  if (!m) return null;
  const ref = presentMediaRef(env, m);
  return ref.thumbUrl ?? ref.url;
}

/** The original's URL (gallery, video). */
export function fullMediaUrl(env: Env, m: StoredMedia | null): string | null {
  return m ? presentMediaRef(env, m).url : null;
}
