// @mallwright/schema: the contract shared by platform, builder and mini-program. zod only.

export * from "./api/addresses.ts";
export * from "./api/auth.ts";
export * from "./api/billing.ts";
export * from "./api/cart.ts";
export * from "./api/catalog.ts";
export * from "./api/common.ts";
export * from "./api/media.ts";
export * from "./api/orders.ts";
export * from "./api/pages.ts";
export * from "./api/tenants.ts";
export * from "./api/wechat.ts";
export * from "./errors.ts";
export * from "./page/index.ts";
