// The store theme as CSS variables on a page's root view (--mw-primary, --mw-radius, ...), the same
// names the builder's canvas sets (builder/src/blocks/index.tsx themeStyle, React-only there), so
// block styles read one set of variables in both places.
import type { TStoreTheme } from "@mallwright/schema";
import { rpx } from "./style.ts";

const BUTTON_RADIUS: Record<TStoreTheme["buttonStyle"], string> = { rounded: "12rpx", square: "0", pill: "999rpx" };

export function themeStyle(theme: TStoreTheme): string {
  const c = theme.colors;
  return [
    `--mw-primary:${c.primary}`,
    `--mw-secondary:${c.secondary}`,
    `--mw-bg:${c.background}`,
    `--mw-surface:${c.surface}`,
    `--mw-text:${c.text}`,
    `--mw-muted:${c.muted}`,
    `--mw-price:${c.price}`,
    `--mw-radius:${rpx(theme.radius)}`,
    `--mw-button-radius:${BUTTON_RADIUS[theme.buttonStyle]}`,
    `background:${c.background}`,
    `color:${c.text}`,
  ].join(";");
}

/** Black or white text over `hex`, whichever reads better (the navigation bar allows only these two). */
export function frontColorOn(hex: string): "#000000" | "#ffffff" {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 160 ? "#000000" : "#ffffff";
}
