// The runtime's icon set: stroke drawings on a 24x24 grid, as SVG data URIs for <image>, coloured
// per use. The tab bar's keys are those of the builder's designer (builder/src/designer/block-icon.tsx,
// a React file there), so a merchant's choice looks the same in the preview and in the store.

const PATHS: Record<string, string> = {
  home: "M5 12H3l9-9l9 9h-2 M5 12v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7 M9 21v-6a2 2 0 0 1 2-2h2a2 2 0 0 1 2 2v6",
  apps: "M4 4h6v6H4z M14 4h6v6h-6z M4 14h6v6H4z M14 17h6 M17 14v6",
  category: "M4 4h6v6H4z M14 4h6v6h-6z M4 14h6v6H4z M17 14a3 3 0 1 0 0 6a3 3 0 1 0 0-6z",
  grid: "M4 4h7v7H4z M13 4h7v7h-7z M4 13h7v7H4z M13 13h7v7h-7z",
  cart: "M6 19a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M15 19a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M17 17H6V3H4 M6 5l14 1l-1 7H6",
  user: "M8 7a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M6 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2",
  star: "M12 17.75l-6.17 3.24l1.18-6.87l-5-4.86l6.9-1l3.09-6.26l3.09 6.26l6.9 1l-5 4.86l1.18 6.87z",
  gift: "M3 8h18v4H3z M12 8v13 M19 12v7a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-7 M7.5 8a2.5 2.5 0 0 1 0-5A4.8 8 0 0 1 12 8a4.8 8 0 0 1 4.5-5a2.5 2.5 0 0 1 0 5",
  heart: "M19.5 12.57L12 20l-7.5-7.43A5 5 0 1 1 12 6.01a5 5 0 1 1 7.5 6.57",
  search: "M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12z M15 15l5 5",
  volume:
    "M15 8a5 5 0 0 1 0 8 M17.7 5a9 9 0 0 1 0 14 M6 15H4a1 1 0 0 1-1-1v-4a1 1 0 0 1 1-1h2l3.5-4.5A.8.8 0 0 1 11 5v14a.8.8 0 0 1-1.5.5L6 15",
  "chevron-right": "M9 6l6 6l-6 6",
};

const FALLBACK = "M5 5h14v14H5z";

export function hasIcon(key: string): boolean {
  return key in PATHS;
}

/** The icon as a data URI drawn in `color` (#rrggbb). */
export function iconSrc(key: string, color: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="${color}"` +
    ` stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"><path d="${PATHS[key] ?? FALLBACK}"/></svg>`;
  return `data:image/svg+xml;base64,${base64(svg)}`;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 of an ASCII string (the mini-program has no btoa). */
export function base64(ascii: string): string {
  let out = "";
  for (let i = 0; i < ascii.length; i += 3) {
    const a = ascii.charCodeAt(i);
    const b = i + 1 < ascii.length ? ascii.charCodeAt(i + 1) : Number.NaN;
    const c = i + 2 < ascii.length ? ascii.charCodeAt(i + 2) : Number.NaN;
    const n = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    out += Number.isNaN(b) ? "=" : ALPHABET[(n >> 6) & 63];
    out += Number.isNaN(c) ? "=" : ALPHABET[n & 63];
  }
  return out;
}
