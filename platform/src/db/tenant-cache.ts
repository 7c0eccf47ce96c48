// A short-lived, bounded in-process cache of store-key -> tenant lookups (the first step of every
// storefront request), and the hook that drops an entry when this process changes a tenant.
// Suspending, resuming or updating a tenant here takes effect at once; other processes (another API
// instance, a Worker, the CLI) see it when their entry expires, within the TTL.

export const TENANT_CACHE_TTL_MS = 5_000;
export const TENANT_CACHE_MAX = 10_000;

interface Entry<V> {
  promise: Promise<V | null>;
  expires: number;
  /** The tenant id once the lookup has found one; undefined while it is in flight. */
  id?: string;
  /** The tenant once the lookup has found it (what peek() answers). */
  value?: V;
}

export interface TenantCacheOptions {
  ttlMs?: number;
  max?: number;
  now?: () => number;
}

/** Every open cache in this process, so that invalidateTenant() reaches them all. */
const live = new Set<TenantCache<{ id: string }>>();

export class TenantCache<V extends { id: string }> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;
  /** Bumped by every invalidation: a lookup that started before one is not kept. */
  #generation = 0;

  constructor(opts: TenantCacheOptions = {}) {
    this.#ttlMs = opts.ttlMs ?? TENANT_CACHE_TTL_MS;
    this.#max = opts.max ?? TENANT_CACHE_MAX;
    this.#now = opts.now ?? Date.now;
    live.add(this);
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The cached tenant of `key`, else `load(key)`. Concurrent misses share one lookup; a key that
   * finds nothing (null) or fails is not kept, so unknown keys cannot push real stores out.
   */
  get(key: string, load: (key: string) => Promise<V | null>): Promise<V | null> {
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) {
      // Most recently used goes last: eviction takes the first key of the Map.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.promise;
    }
    const generation = this.#generation;
    const entry: Entry<V> = { promise: Promise.resolve(null), expires: now + this.#ttlMs };
    const forget = () => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    };
    entry.promise = load(key).then(
      (value) => {
        if (value === null || generation !== this.#generation) forget();
        else {
          entry.id = value.id;
          entry.value = value;
        }
        return value;
      },
      (err: unknown) => {
        forget();
        throw err;
      },
    );
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    return entry.promise;
  }

  /**
   * The cached tenant of `key` when a finished lookup found it and it has not expired; never loads.
   * For the storefront's cached-page front (http/page-front.ts), which falls back to get() on undefined.
   */
  peek(key: string): V | undefined {
    const hit = this.#entries.get(key);
    if (!hit?.value || hit.expires <= this.#now()) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit.value;
  }

  /** Drops the entries of tenant `id`, and any lookup in flight (it may have read the old row). */
  invalidate(id: string): void {
    this.#generation++;
    for (const [key, entry] of this.#entries) {
      if (entry.id === undefined || entry.id === id) this.#entries.delete(key);
    }
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /** Stops receiving invalidations (the process-wide registry lets go of it). */
  close(): void {
    this.clear();
    live.delete(this);
  }
}

/** Call after committing a change to a tenant (status, name, plan): every cache in this process drops it. */
export function invalidateTenant(id: string): void {
  for (const cache of live) cache.invalidate(id);
}

/** What the storefront caches per store key (services/storefront/find-store-tenant.ts). */
export interface StoreTenantRow {
  id: string;
  key: string;
  name: string;
  status: string;
  /** The effective plan (quotas checked on the storefront: orders per month). */
  plan: string;
}
