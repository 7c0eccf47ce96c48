// The page cache: bounded (least recently used goes first), aged out, per-tenant invalidation, and a load that
// started before an invalidation is not kept.
import { describe, expect, it } from "vitest";
import { PageCache } from "./page-cache.ts";

const v = (body: string) => ({ body, etag: `"${body}"` });

describe("PageCache", () => {
  it("keeps at most max entries, dropping the least recently used", () => {
    const c = new PageCache(2);
    c.set("t", "a", c.generation("t"), v("a"));
    c.set("t", "b", c.generation("t"), v("b"));
    expect(c.get("t", "a")?.body).toBe("a"); // a is now the most recent
    c.set("t", "c", c.generation("t"), v("c"));
    expect(c.size).toBe(2);
    expect(c.get("t", "b")).toBeUndefined();
    expect(c.get("t", "a")?.body).toBe("a");
  });

  it("serves an entry for its max age only", () => {
    let now = 1_000;
    const c = new PageCache(10, { maxAgeMs: 30_000, now: () => now });
    c.set("t", "home", c.generation("t"), v("old"));
    now += 29_999;
    expect(c.get("t", "home")?.body).toBe("old");
    now += 1;
    expect(c.get("t", "home")).toBeUndefined();
    expect(c.size).toBe(0);
    c.set("t", "home", c.generation("t"), v("new"));
    expect(c.get("t", "home")?.body).toBe("new");
  });

  it("drops only the invalidated tenant's entries", () => {
    const c = new PageCache();
    c.set("t1", "home", c.generation("t1"), v("1"));
    c.set("t2", "home", c.generation("t2"), v("2"));
    c.invalidateTenant("t1");
    expect(c.get("t1", "home")).toBeUndefined();
    expect(c.get("t2", "home")?.body).toBe("2");
  });

  it("does not keep a load that started before an invalidation of its tenant", () => {
    const c = new PageCache();
    const before = c.generation("t");
    c.invalidateTenant("t");
    c.set("t", "home", before, v("stale"));
    expect(c.get("t", "home")).toBeUndefined();
    const cleared = c.generation("t");
    c.clear();
    c.set("t", "home", cleared, v("stale"));
    expect(c.get("t", "home")).toBeUndefined();
  });
});
