// The shopper session cache: per store and token, never past the session's expiry or its max age,
// bounded, and a signed-out session dropped by its id.
import { describe, expect, it } from "vitest";
import { ShopperSessionCache } from "./session-cache.ts";

const s1 = { sessionId: "s1", shopperId: "p1" };

describe("ShopperSessionCache", () => {
  it("answers only for the same store and token", () => {
    const c = new ShopperSessionCache();
    c.set("t1", "aa", s1, Date.now() + 60_000);
    expect(c.get("t1", "aa")).toEqual(s1);
    expect(c.get("t2", "aa")).toBeNull();
    expect(c.get("t1", "ab")).toBeNull();
  });

  it("stops at the session's expiry and at its max age", () => {
    let now = 1_000;
    const c = new ShopperSessionCache({ maxAgeMs: 10_000, now: () => now });
    c.set("t", "expiring", s1, 6_000);
    c.set("t", "long", { sessionId: "s2", shopperId: "p2" }, 1_000_000);
    now = 5_999;
    expect(c.get("t", "expiring")).toEqual(s1);
    now = 6_000;
    expect(c.get("t", "expiring")).toBeNull();
    expect(c.get("t", "long")?.sessionId).toBe("s2");
    now = 11_000;
    expect(c.get("t", "long")).toBeNull();
    expect(c.size).toBe(0);
  });

  it("drops a signed-out session by its id, and keeps at most max entries", () => {
    const c = new ShopperSessionCache({ max: 2 });
    c.set("t", "a", s1, Date.now() + 60_000);
    c.dropSession("s1");
    expect(c.get("t", "a")).toBeNull();
    for (const k of ["x", "y", "z"]) c.set("t", k, { sessionId: k, shopperId: k }, Date.now() + 60_000);
    expect(c.size).toBe(2);
    expect(c.get("t", "x")).toBeNull();
    c.dropSession("z");
    expect(c.get("t", "y")?.sessionId).toBe("y");
    expect(c.size).toBe(1);
  });
});
