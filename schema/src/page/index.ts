// Page documents, the block registry, theme, links, bindings and the hydrated data map.
export * from "./bindings.ts";
export * from "./blocks/index.ts";
export * from "./byte-length.ts";
export * from "./data.ts";
export * from "./document.ts";
export * from "./links.ts";
export * from "./media.ts";
export * from "./migrations/index.ts";
export * from "./registry.ts";
export * from "./theme.ts";
