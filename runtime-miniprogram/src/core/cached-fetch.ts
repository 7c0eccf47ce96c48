// GETs that revalidate a kept copy: the last body and its ETag stay in memory and in storage, the
// request sends If-None-Match, and a 304 answers with the kept body. A page opens from the kept copy
// at once (keptBody) while the fresh one is on its way.
import type { RequestOptions } from "./request.ts";
import type { Runtime } from "./runtime.ts";
import { readStorage, writeStorage } from "./wx-api.ts";

interface Kept<T> {
  etag: string;
  body: T;
}

const memory = new Map<string, Kept<unknown>>();

const storageKey = (runtime: Runtime, key: string) => `mw:cache:${runtime.api.ext.tenantKey}:${key}`;

/** The body kept under `key` (memory, then storage), or null. */
export function keptBody<T>(runtime: Runtime, key: string): T | null {
  const kept = (memory.get(storageKey(runtime, key)) ?? readStorage<Kept<T>>(runtime.wx, storageKey(runtime, key))) as
    | Kept<T>
    | undefined;
  return kept && typeof kept.etag === "string" ? kept.body : null;
}

export interface Fetched<T> {
  body: T;
  /** false when the server answered 304 (the kept body is current). */
  changed: boolean;
}

export async function fetchWithEtag<T>(
  runtime: Runtime,
  path: string,
  key: string,
  opts: Pick<RequestOptions, "quiet" | "auth"> = {},
): Promise<Fetched<T>> {
  const full = storageKey(runtime, key);
  const kept = (memory.get(full) ?? readStorage<Kept<T>>(runtime.wx, full)) as Kept<T> | undefined;
  const etag = kept && typeof kept.etag === "string" ? kept.etag : undefined;
  const res = await runtime.api.request<T>(path, { ...opts, method: "GET", ...(etag ? { etag } : {}) });
  if (res.status === 304 && kept) {
    memory.set(full, kept);
    return { body: kept.body, changed: false };
  }
  const fresh = res.headers.etag;
  if (fresh) {
    const value: Kept<T> = { etag: fresh, body: res.data };
    memory.set(full, value);
    // Best effort: a full storage only costs the next launch its instant first paint.
    writeStorage(runtime.wx, full, value);
  }
  return { body: res.data, changed: true };
}

/** Forgets what is kept in memory (tests; storage is the fake's). */
export function forgetKeptBodies(): void {
  memory.clear();
}
