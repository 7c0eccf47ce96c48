// Public URLs of stored media and their variants. Files are served under /files/<storage key>
// (or from MEDIA_PUBLIC_URL, e.g. a CDN in front of object storage).
import type { Env } from "../../env.ts";

export function mediaUrl(env: Env, storageKey: string): string {
  const base = env.MEDIA_PUBLIC_URL ?? `${env.publicUrl}/files`;
  return `${base.replace(/\/$/, "")}/${storageKey}`;
}

interface StoredVariant {
  key: string;
}

function variantKey(variants: unknown, name: string): string | undefined {
  if (typeof variants !== "object" || variants === null || !(name in variants)) return undefined;
  const v: unknown = (variants as Record<string, unknown>)[name];
  return typeof v === "object" && v !== null && "key" in v && typeof (v as StoredVariant).key === "string"
    ? (v as StoredVariant).key
    : undefined;
}

/** `{ id, url, thumbUrl }` of a media row, as products and categories show it. */
export function presentMediaRef(env: Env, m: { id: string; storageKey: string; variants: unknown }) {
  const thumb = variantKey(m.variants, "thumb");
  return { id: m.id, url: mediaUrl(env, m.storageKey), thumbUrl: thumb ? mediaUrl(env, thumb) : null };
}
