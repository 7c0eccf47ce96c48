// The store read path's in-process cache of hydrated page responses, per (tenant, page key), bounded
// (least recently used goes first). One per process: every change of a tenant's pages, settings or
// catalog drops all of that tenant's entries (services/storefront/cache-events.ts), in this process at
// once and in the others through PostgreSQL LISTEN/NOTIFY after the change commits.
//
// A load that started before an invalidation of its tenant is not kept (a per-tenant generation),
// so a read racing a change cannot put the old body back after the drop.

export const PAGE_CACHE_MAX = 500;
/**
 * How long an entry is served. Publishes, settings and catalog edits drop a store's entries at
 * once, and so does an order that sells a SKU out; the lesser stock changes of orders ("only 3
 * left", low-stock badges) are not worth dropping a busy store's pages on every sale, and show
 * within this age instead.
 */
export const PAGE_CACHE_MAX_AGE_MS = 30_000;

export interface CachedPage {
  /** The JSON body as sent, encoded once (not again on every response). */
  body: string | Uint8Array<ArrayBuffer>;
  /** Strong ETag, quoted. */
  etag: string;
  /** The body gzip-compressed once, for clients that accept it (most do: wx.request, browsers). */
  gzip?: Uint8Array<ArrayBuffer>;
}

export interface PageCacheOptions {
  /** Keep a gzip copy of each body (default true). Off where the host compresses (Workers). */
  compress?: boolean;
  /** Milliseconds an entry is served (default PAGE_CACHE_MAX_AGE_MS). */
  maxAgeMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

export class PageCache {
  readonly #entries = new Map<string, { tenantId: string; value: CachedPage; storedAt: number }>();
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  readonly #generations = new Map<string, number>();
  readonly #max: number;
  /** Bumped when #generations is emptied, so a token taken before that never matches again. */
  #epoch = 0;
  readonly compress: boolean;

  constructor(max = PAGE_CACHE_MAX, options: PageCacheOptions = {}) {
    this.#max = max;
    this.compress = options.compress ?? true;
    this.#maxAgeMs = options.maxAgeMs ?? PAGE_CACHE_MAX_AGE_MS;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The tenant's generation: bumped by every invalidation of it. */
  generation(tenantId: string): string {
    return `${this.#epoch}.${this.#generations.get(tenantId) ?? 0}`;
  }

  get(tenantId: string, key: string): CachedPage | undefined {
    const k = `${tenantId}/${key}`;
    const hit = this.#entries.get(k);
    if (!hit) return undefined;
    this.#entries.delete(k);
    if (this.#now() - hit.storedAt >= this.#maxAgeMs) return undefined;
    this.#entries.set(k, hit);
    return hit.value;
  }

  /** Keeps `value` unless the tenant was invalidated since `generation` (read before loading it). */
  set(tenantId: string, key: string, generation: string, value: CachedPage): void {
    if (generation !== this.generation(tenantId)) return;
    const k = `${tenantId}/${key}`;
    this.#entries.delete(k);
    this.#entries.set(k, { tenantId, value, storedAt: this.#now() });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  /** Drops every entry of `tenantId` and makes loads already under way not kept. */
  invalidateTenant(tenantId: string): void {
    this.#generations.set(tenantId, (this.#generations.get(tenantId) ?? 0) + 1);
    // Bounded by PAGE_CACHE_MAX: a scan is cheaper than keeping a second index.
    for (const [k, e] of this.#entries) if (e.tenantId === tenantId) this.#entries.delete(k);
    // Generations only matter while a load is in flight; keep the map from growing without bound.
    if (this.#generations.size > this.#max * 20) {
      this.#generations.clear();
      this.#epoch++;
    }
  }

  /** Drops everything (a lost LISTEN connection may have missed notifications). */
  clear(): void {
    this.#generations.clear();
    this.#epoch++;
    this.#entries.clear();
  }
}

/** This process's cache of hydrated store pages. */
export const storePageCache = new PageCache();
