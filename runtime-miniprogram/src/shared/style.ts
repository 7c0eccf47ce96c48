// Inline styles for WXML, built in the logic layer so templates stay free of logic. Sizes in the
// registry are px of a 375 px wide screen; WXML gets rpx (750 rpx = the screen's width).

/** px of the 375 px design width -> rpx. */
export function rpx(px: number): string {
  return `${Math.round(px * 2 * 100) / 100}rpx`;
}

/** `{ padding: "8rpx", background: null }` -> "padding:8rpx;" (null, undefined and "" are left out). */
export function styleOf(decls: Record<string, string | number | null | undefined | false>): string {
  let out = "";
  for (const [name, value] of Object.entries(decls)) {
    if (value === null || value === undefined || value === false || value === "") continue;
    out += `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${value};`;
  }
  return out;
}

/** Height over width as the padding-top that keeps a box at that aspect ratio. */
export function ratioPadding(widthOverHeight: number): string {
  return `${Math.round((100 / widthOverHeight) * 1000) / 1000}%`;
}
