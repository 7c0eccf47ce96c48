// The part of @mallwright/schema the mini-program runs, bundled once (with zod) into
// dist/vendor/schema.js by scripts/build.mjs: the block registry with its display() functions
// (the code the builder's canvas runs too), the theme and tab bar defaults and price formatting.
// Imported module by module: the package index would bring every API schema along.
import { config } from "zod";

// Mini-programs refuse `new Function`: zod must not try its compiled fast path.
config({ jitless: true });

export { BLOCK_TYPES, BLOCKS, findBlock } from "@mallwright/schema/page/blocks/index";
export { formatFen, formatPrice } from "@mallwright/schema/page/blocks/product-grid";
export { EMPTY_PAGE_DATA } from "@mallwright/schema/page/data";
export { TAB_KEYS } from "@mallwright/schema/page/links";
export { applyTheme, DEFAULT_TAB_BAR, DEFAULT_THEME } from "@mallwright/schema/page/theme";
