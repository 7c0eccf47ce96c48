import { describe, expect, it } from "vitest";
import { utf8Length } from "./byte-length.ts";

describe("utf8Length", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["é", 2],
    ["字", 3],
    ["😀", 4],
    ["a字😀é", 10],
    ["\u{10FFFF}", 4],
    ["\uD800", 3], // a lone surrogate is written as U+FFFD
    ["x\uDC00y", 5],
  ])("%j is %i bytes", (s, bytes) => {
    expect(utf8Length(s)).toBe(bytes);
  });
});
