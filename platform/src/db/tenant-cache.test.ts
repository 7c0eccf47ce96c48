// The store-key cache: kept for its TTL, bounded, one lookup for concurrent misses, misses and
// failures not kept, and dropped at once by invalidateTenant() in every open cache.
import { describe, expect, it } from "vitest";
import { invalidateTenant, TenantCache } from "./tenant-cache.ts";

interface T {
  id: string;
  status: string;
}

function setup(opts: { ttlMs?: number; max?: number } = {}) {
  let now = 1_000;
  const calls: string[] = [];
  const rows = new Map<string, T>([
    ["a", { id: "id-a", status: "active" }],
    ["b", { id: "id-b", status: "active" }],
    ["c", { id: "id-c", status: "active" }],
  ]);
  const cache = new TenantCache<T>({ ...opts, now: () => now });
  const load = async (key: string) => {
    calls.push(key);
    const row = rows.get(key);
    return row ? { ...row } : null;
  };
  return {
    cache,
    calls,
    rows,
    get: (key: string) => cache.get(key, load),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("TenantCache", () => {
  it("answers from memory until the TTL is over, then looks up again", async () => {
    const t = setup({ ttlMs: 5_000 });
    expect(await t.get("a")).toEqual({ id: "id-a", status: "active" });
    t.rows.set("a", { id: "id-a", status: "suspended" });
    t.advance(4_999);
    expect((await t.get("a"))?.status).toBe("active");
    t.advance(1);
    expect((await t.get("a"))?.status).toBe("suspended");
    expect(t.calls).toEqual(["a", "a"]);
    t.cache.close();
  });

  it("peek answers only a finished, unexpired lookup, never loads, and sees invalidations", async () => {
    const t = setup({ ttlMs: 5_000 });
    expect(t.cache.peek("a")).toBeUndefined();
    const pending = t.get("a");
    expect(t.cache.peek("a")).toBeUndefined(); // in flight
    await pending;
    expect(t.cache.peek("a")).toEqual({ id: "id-a", status: "active" });
    expect(t.cache.peek("nope")).toBeUndefined();
    invalidateTenant("id-a");
    expect(t.cache.peek("a")).toBeUndefined();
    await t.get("a");
    t.advance(5_000);
    expect(t.cache.peek("a")).toBeUndefined();
    expect(t.calls).toEqual(["a", "a"]);
    t.cache.close();
  });

  it("shares one lookup between concurrent misses", async () => {
    const t = setup();
    const [x, y, z] = await Promise.all([t.get("a"), t.get("a"), t.get("a")]);
    expect(x).toEqual(y);
    expect(y).toEqual(z);
    expect(t.calls).toEqual(["a"]);
    t.cache.close();
  });

  it("keeps neither unknown keys nor failed lookups", async () => {
    const t = setup();
    expect(await t.get("nope")).toBeNull();
    expect(await t.get("nope")).toBeNull();
    expect(t.calls).toEqual(["nope", "nope"]);
    expect(t.cache.size).toBe(0);
    let fail = true;
    const flaky = async (): Promise<T | null> => {
      if (fail) throw new Error("db down");
      return { id: "id-a", status: "active" };
    };
    await expect(t.cache.get("a", flaky)).rejects.toThrow("db down");
    fail = false;
    expect(await t.cache.get("a", flaky)).toEqual({ id: "id-a", status: "active" });
    t.cache.close();
  });

  it("holds at most `max` keys, dropping the least recently used", async () => {
    const t = setup({ max: 2 });
    await t.get("a");
    await t.get("b");
    await t.get("a"); // a is now the most recent
    await t.get("c"); // evicts b
    expect(t.cache.size).toBe(2);
    t.calls.length = 0;
    await t.get("a");
    await t.get("c");
    await t.get("b");
    expect(t.calls).toEqual(["b"]);
    t.cache.close();
  });

  it("invalidateTenant drops that tenant in every open cache, and nothing else", async () => {
    const one = setup();
    const two = setup();
    await Promise.all([one.get("a"), one.get("b"), two.get("a")]);
    one.rows.set("a", { id: "id-a", status: "suspended" });
    two.rows.set("a", { id: "id-a", status: "suspended" });
    invalidateTenant("id-a");
    expect((await one.get("a"))?.status).toBe("suspended");
    expect((await two.get("a"))?.status).toBe("suspended");
    await one.get("b");
    expect(one.calls).toEqual(["a", "b", "a"]);
    one.cache.close();
    two.cache.close();
  });

  it("does not keep a lookup that was in flight when the tenant changed", async () => {
    const t = setup();
    let release: (row: T) => void = () => {};
    const slow = () => new Promise<T | null>((resolve) => (release = resolve));
    const inFlight = t.cache.get("a", slow);
    invalidateTenant("id-a");
    release({ id: "id-a", status: "active" }); // read before the suspension committed
    expect((await inFlight)?.status).toBe("active");
    t.rows.set("a", { id: "id-a", status: "suspended" });
    expect((await t.get("a"))?.status).toBe("suspended");
    t.cache.close();
  });

  it("a closed cache no longer receives invalidations", async () => {
    const t = setup();
    await t.get("a");
    t.cache.close();
    expect(t.cache.size).toBe(0);
    invalidateTenant("id-a"); // must not throw or reach it
    expect(t.cache.size).toBe(0);
  });
});
