// Yuan <-> fen from the digits, and the formula guard's exact round trip.
import { MAX_FEN } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { guardFormula, unguardFormula } from "./formula-guard.ts";
import { formatYuan, parseYuan } from "./yuan.ts";

describe("parseYuan", () => {
  it("reads whole yuan and one or two decimals exactly", () => {
    expect(parseYuan("259")).toEqual({ ok: true, fen: 25900 });
    expect(parseYuan("259.9")).toEqual({ ok: true, fen: 25990 });
    expect(parseYuan("259.90")).toEqual({ ok: true, fen: 25990 });
    expect(parseYuan("0.07")).toEqual({ ok: true, fen: 7 });
    expect(parseYuan("0")).toEqual({ ok: true, fen: 0 });
    // 0.29 * 100 is 28.999999999999996 as a float: the digits are used instead.
    expect(parseYuan("0.29")).toEqual({ ok: true, fen: 29 });
    expect(parseYuan("1.13")).toEqual({ ok: true, fen: 113 });
    expect(parseYuan("007.50")).toEqual({ ok: true, fen: 750 });
    expect(parseYuan(formatYuan(MAX_FEN))).toEqual({ ok: true, fen: MAX_FEN });
  });

  it("refuses three decimals, negatives, non-numbers and too much", () => {
    expect(parseYuan("1.234")).toMatchObject({ ok: false, message: expect.stringContaining("2 decimals") });
    expect(parseYuan("-5")).toMatchObject({ ok: false, message: "must not be negative" });
    expect(parseYuan("-0.5")).toMatchObject({ ok: false, message: "must not be negative" });
    for (const bad of ["abc", "¥5", "1,299.00", "1e3", ".5", "5.", "", " 5", "0x10", "NaN", "１２"]) {
      expect(parseYuan(bad), bad).toMatchObject({ ok: false, message: expect.stringContaining("amount in yuan") });
    }
    expect(parseYuan("20000000.01")).toMatchObject({ ok: false, message: "must be at most 20000000.00" });
    expect(parseYuan("99999999999999999999999")).toMatchObject({ ok: false, message: "must be at most 20000000.00" });
  });

  it("formats fen as yuan with two decimals", () => {
    expect(formatYuan(25900)).toBe("259.00");
    expect(formatYuan(25990)).toBe("259.90");
    expect(formatYuan(7)).toBe("0.07");
    expect(formatYuan(0)).toBe("0.00");
  });
});

describe("formula guard", () => {
  it("prefixes cells a spreadsheet would run, and import takes exactly that prefix off", () => {
    expect(guardFormula("=1+1")).toBe("'=1+1");
    expect(guardFormula("+86 138")).toBe("'+86 138");
    expect(guardFormula("-A1")).toBe("'-A1");
    expect(guardFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(guardFormula("\t=x")).toBe("'\t=x");
    expect(guardFormula("\r=x")).toBe("'\r=x");
    expect(guardFormula("连衣裙")).toBe("连衣裙");
    expect(guardFormula("it's")).toBe("it's");
    for (const v of ["=1+1", "-A1", "'=x", "''@y", "'plain", "plain", "", "'", "a=b"]) {
      expect(unguardFormula(guardFormula(v)), v).toBe(v);
    }
  });
});
