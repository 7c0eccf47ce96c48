// Money in the catalog CSV: yuan with up to two decimals ("259", "259.9", "259.90"), read into fen
// from the digits themselves (never through a float) and written back as "259.00".
import { MAX_FEN } from "@mallwright/schema";

export type YuanResult = { ok: true; fen: number } | { ok: false; message: string };

const AMOUNT = /^(\d+)(?:\.(\d+))?$/;

export function parseYuan(text: string): YuanResult {
  const m = AMOUNT.exec(text);
  if (!m) {
    if (/^-\s*\d/.test(text)) return { ok: false, message: "must not be negative" };
    return { ok: false, message: 'must be an amount in yuan, like "259" or "259.90"' };
  }
  const whole = (m[1] ?? "").replace(/^0+(?=\d)/, "");
  const decimals = m[2] ?? "";
  if (decimals.length > 2) return { ok: false, message: "has more than 2 decimals (the smallest unit is 0.01 yuan)" };
  // Compared as digits first, so a huge number never becomes an inexact float.
  const max = `must be at most ${formatYuan(MAX_FEN)}`;
  if (whole.length > String(MAX_FEN / 100).length) return { ok: false, message: max };
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, "0"));
  if (fen > MAX_FEN) return { ok: false, message: max };
  return { ok: true, fen };
}

export function formatYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}
