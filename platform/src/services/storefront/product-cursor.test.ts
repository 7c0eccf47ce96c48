import { describe, expect, it } from "vitest";
import { ApiError } from "../../http/errors.ts";
import { decodeProductCursor, encodeProductCursor, filterFingerprint } from "./product-cursor.ts";

const id = "0190d7c4-0000-7000-8000-000000000001";

describe("product cursor", () => {
  it("round-trips the keys of its own sort and filters", () => {
    const f = filterFingerprint(["cat", null, ["red"]]);
    const at = "2026-01-02T03:04:05.123456Z";
    expect(decodeProductCursor(encodeProductCursor("newest", f, [at], id), "newest", f)).toEqual({ keys: [at], id });
    const rel = encodeProductCursor("relevance", f, [4321, 7], id);
    expect(decodeProductCursor(rel, "relevance", f)).toEqual({ keys: [4321, 7], id });
  });

  it("refuses another sort, other filters, wrong keys and junk", () => {
    const f = filterFingerprint([1]);
    const c = encodeProductCursor("price", f, [100], id);
    const bad = [
      () => decodeProductCursor(c, "sales", f),
      () => decodeProductCursor(c, "price", filterFingerprint([2])),
      () => decodeProductCursor(encodeProductCursor("price", f, ["100"], id), "price", f),
      () => decodeProductCursor(encodeProductCursor("newest", f, ["2026-01-02"], id), "newest", f),
      () => decodeProductCursor(encodeProductCursor("price", f, [-1], id), "price", f),
      () => decodeProductCursor(encodeProductCursor("price", f, [100], "not-a-uuid"), "price", f),
      () => decodeProductCursor("%%%", "price", f),
      () => decodeProductCursor(Buffer.from("[]").toString("base64url"), "price", f),
    ];
    for (const fn of bad) {
      expect(fn).toThrow(ApiError);
      try {
        fn();
      } catch (err) {
        expect((err as ApiError).code).toBe("validation_failed");
        expect((err as ApiError).details?.[0]?.path).toBe("cursor");
      }
    }
  });

  it("fingerprints filters stably and distinctly", () => {
    expect(filterFingerprint(["a", 1])).toBe(filterFingerprint(["a", 1]));
    expect(filterFingerprint(["a", 1])).not.toBe(filterFingerprint(["a", 2]));
  });
});
