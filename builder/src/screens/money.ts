// Money in the back office: merchants type yuan ("259.9"), the API takes and returns integer fen.
// Conversion goes through the digits, never through a float, so 0.1 + 0.2 problems cannot occur.
import { MAX_FEN } from "@mallwright/schema";

const YUAN = /^(\d{1,9})?(?:\.(\d{0,2}))?$/;

/** "259", "259.9", "259.90", "¥1,299.5" -> fen; null when it is not an amount of money. */
export function yuanToFen(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^[¥￥]/, "")
    .replace(/,/g, "");
  if (cleaned === "" || cleaned === ".") return null;
  const match = YUAN.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ?? "0";
  const cents = (match[2] ?? "").padEnd(2, "0");
  const fen = Number(whole) * 100 + Number(cents);
  return Number.isSafeInteger(fen) && fen <= MAX_FEN ? fen : null;
}

/** 25990 -> "259.90" (what an input shows for a stored price). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** "¥259.90", or "¥99.00 – ¥259.90" for a range. */
export function formatPrice(min: number, max: number = min): string {
  return min === max ? `¥${fenToYuan(min)}` : `¥${fenToYuan(min)} – ¥${fenToYuan(max)}`;
}
