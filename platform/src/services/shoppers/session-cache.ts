// Signed-in shoppers this process has looked up recently, so a shopper's requests (the cart, an
// order) do not each spend a database round trip on the session. An entry is kept for at most
// SESSION_CACHE_MAX_AGE_MS and never past the session's expiry; a sign-out drops it at once here
// and, through NOTIFY `mallwright_cache` with payload `session:<id>` sent in the sign-out's own
// transaction, in every other process (storefront/cache-events.ts listens; a lost listener
// connection empties this cache as it does the page cache). Keyed by store and token hash: a token
// of one store never answers for another.

export const SESSION_CACHE_MAX = 20_000;
export const SESSION_CACHE_MAX_AGE_MS = 60_000;
export const SESSION_NOTICE_PREFIX = "session:";

export interface CachedShopperSession {
  sessionId: string;
  shopperId: string;
}

interface Entry extends CachedShopperSession {
  key: string;
  expiresAt: number;
  storedAt: number;
}

export class ShopperSessionCache {
  readonly #byKey = new Map<string, Entry>();
  readonly #bySession = new Map<string, Entry>();
  readonly #max: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(opts: { max?: number; maxAgeMs?: number; now?: () => number } = {}) {
    this.#max = opts.max ?? SESSION_CACHE_MAX;
    this.#maxAgeMs = opts.maxAgeMs ?? SESSION_CACHE_MAX_AGE_MS;
    this.#now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.#byKey.size;
  }

  get(tenantId: string, tokenHashHex: string): CachedShopperSession | null {
    const entry = this.#byKey.get(`${tenantId}/${tokenHashHex}`);
    if (!entry) return null;
    const now = this.#now();
    if (now >= entry.expiresAt || now - entry.storedAt >= this.#maxAgeMs) {
      this.#remove(entry);
      return null;
    }
    return { sessionId: entry.sessionId, shopperId: entry.shopperId };
  }

  set(tenantId: string, tokenHashHex: string, session: CachedShopperSession, expiresAt: number): void {
    const key = `${tenantId}/${tokenHashHex}`;
    const old = this.#byKey.get(key);
    if (old) this.#remove(old);
    const entry: Entry = { ...session, key, expiresAt, storedAt: this.#now() };
    this.#byKey.set(key, entry);
    this.#bySession.set(session.sessionId, entry);
    while (this.#byKey.size > this.#max) {
      const oldest = this.#byKey.values().next();
      if (oldest.done) break;
      this.#remove(oldest.value);
    }
  }

  /** A signed-out (revoked) session: gone from this process at once. */
  dropSession(sessionId: string): void {
    const entry = this.#bySession.get(sessionId);
    if (entry) this.#remove(entry);
  }

  clear(): void {
    this.#byKey.clear();
    this.#bySession.clear();
  }

  #remove(entry: Entry): void {
    this.#byKey.delete(entry.key);
    this.#bySession.delete(entry.sessionId);
  }
}

/** This process's cache of shopper sessions. */
export const shopperSessionCache = new ShopperSessionCache();
