// Yuan <-> fen conversion: exact digits, never float arithmetic.
import { describe, expect, it } from "vitest";
import { fenToYuan, formatPrice, yuanToFen } from "./money.ts";

describe("yuanToFen", () => {
  it("reads whole yuan and up to two decimals", () => {
    expect(yuanToFen("259")).toBe(25900);
    expect(yuanToFen("259.9")).toBe(25990);
    expect(yuanToFen("259.90")).toBe(25990);
    expect(yuanToFen("0.01")).toBe(1);
    expect(yuanToFen(".5")).toBe(50);
    expect(yuanToFen(" ¥1,299.50 ")).toBe(129950);
  });
  it("has no float errors where parseFloat * 100 has them", () => {
    expect(0.29 * 100).not.toBe(29);
    expect(yuanToFen("0.29")).toBe(29);
    expect(1.15 * 100).not.toBe(115);
    expect(yuanToFen("1.15")).toBe(115);
    expect(yuanToFen("19.99")).toBe(1999);
    expect(yuanToFen("4.35")).toBe(435);
  });
  it("refuses what is not money", () => {
    for (const bad of ["", ".", "abc", "-1", "1.234", "1e3", "1.2.3", "20000001"]) expect(yuanToFen(bad)).toBeNull();
    expect(yuanToFen("20000000")).toBe(2_000_000_000);
  });
});

describe("fenToYuan", () => {
  it("writes two decimals", () => {
    expect(fenToYuan(25990)).toBe("259.90");
    expect(fenToYuan(1)).toBe("0.01");
    expect(fenToYuan(0)).toBe("0.00");
    expect(fenToYuan(-150)).toBe("-1.50");
  });
  it("round-trips every amount of a range", () => {
    for (let fen = 0; fen < 3000; fen += 7) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
  it("formats prices and ranges", () => {
    expect(formatPrice(6800)).toBe("¥68.00");
    expect(formatPrice(6800, 12800)).toBe("¥68.00 – ¥128.00");
  });
});
