import { describe, expect, it } from "vitest";
import { containsPattern, escapeLike, normalizeSearch, prefixPattern, searchTerms } from "./search-text.ts";

describe("search text", () => {
  it("normalizes what the log and hot words share", () => {
    expect(normalizeSearch("  Red\u3000 DRESS  ")).toBe("red dress");
    expect(normalizeSearch("连衣裙")).toBe("连衣裙");
  });

  it("splits words on any whitespace, distinct case-insensitively, at most 5", () => {
    expect(searchTerms(" 红色\u3000连衣裙  Dress dress ")).toEqual(["红色", "连衣裙", "Dress"]);
    expect(searchTerms("a b c d e f g")).toEqual(["a", "b", "c", "d", "e"]);
    expect(searchTerms("   ")).toEqual([]);
  });

  it("escapes LIKE wildcards", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(containsPattern("连衣")).toBe("%连衣%");
    expect(prefixPattern("a%")).toBe("a\\%%");
  });
});
