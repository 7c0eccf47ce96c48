// Builds the Hono app: request id, logging, security headers, the cached-page front, body limit, error envelope, the four audiences,
// the OpenAPI document and its UI. Each audience's routes are one chained sub-app whose type
// (PlatformApi, MerchantApi, StoreApi) types the builder's clients.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requirePlatform } from "./auth/middleware.ts";
import { builderAssets } from "./http/builder-assets.ts";
import type { AppDeps, AppEnv } from "./http/context.ts";
import { noRoute, onApiError } from "./http/error-handler.ts";
import { errorBody } from "./http/errors.ts";
import { cachedPageFront } from "./http/page-front.ts";
import { standardHeaders } from "./http/standard-headers.ts";
import { validationHook } from "./http/validation.ts";
import { fileRoutes } from "./routes/files.ts";
import { merchantAfterSaleRoutes } from "./routes/merchant/after-sales.ts";
import { merchantAuthRoutes } from "./routes/merchant/auth.ts";
import { merchantBillingRoutes } from "./routes/merchant/billing.ts";
import { isCatalogImportUpload, merchantCatalogCsvRoutes } from "./routes/merchant/catalog-csv.ts";
import { merchantCategoryRoutes } from "./routes/merchant/categories.ts";
import { merchantInventoryRoutes } from "./routes/merchant/inventory.ts";
import { isMediaUpload, merchantMediaRoutes } from "./routes/merchant/media.ts";
import { merchantOrderRoutes } from "./routes/merchant/orders.ts";
import { merchantPageHydrateRoutes } from "./routes/merchant/page-hydrate.ts";
import { merchantPagePreviewRoutes } from "./routes/merchant/page-preview.ts";
import { merchantPageTemplateRoutes } from "./routes/merchant/page-templates.ts";
import { merchantPageRoutes } from "./routes/merchant/pages.ts";
import { merchantProductRoutes } from "./routes/merchant/products.ts";
import { merchantStaffRoutes } from "./routes/merchant/staff.ts";
import { merchantWechatRoutes } from "./routes/merchant/wechat.ts";
import { platformAuthRoutes } from "./routes/platform/auth.ts";
import { platformBillingRoutes } from "./routes/platform/billing.ts";
import { platformTenantRoutes } from "./routes/platform/tenants.ts";
import { platformWechatRoutes } from "./routes/platform/wechat.ts";
import { storeAddressRoutes } from "./routes/store/addresses.ts";
import { storeCartRoutes } from "./routes/store/cart.ts";
import { storeCatalogRoutes } from "./routes/store/catalog.ts";
import { storeMediaRoutes } from "./routes/store/media.ts";
import { storeOrderRoutes } from "./routes/store/orders.ts";
import { storePageRoutes } from "./routes/store/pages.ts";
import { storeShopRoutes } from "./routes/store/shop.ts";
import { storeShopperAuthRoutes } from "./routes/store/shopper-auth.ts";
import { mountDocs, systemRoutes } from "./routes/system.ts";
import { stripeWebhookRoutes } from "./routes/webhooks/stripe.ts";
import { wechatWebhookRoutes } from "./routes/webhooks/wechat.ts";

// The three audiences' APIs, each one typed sub-app: the builder's clients are typed per audience
// (hc<MerchantApi>("/merchant/v1")), which keeps each client's type small enough to check.
const platformApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route("/", platformAuthRoutes)
  .route("/", platformTenantRoutes)
  .route("/", platformWechatRoutes)
  .route("/", platformBillingRoutes);

const merchantApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route("/", merchantAuthRoutes)
  .route("/", merchantStaffRoutes)
  .route("/", merchantCategoryRoutes)
  // Before the products routes: /products/{id} would otherwise take "import", "imports" and "export.csv".
  .route("/", merchantCatalogCsvRoutes)
  .route("/", merchantProductRoutes)
  .route("/", merchantInventoryRoutes)
  .route("/", merchantMediaRoutes)
  // Before the pages routes, so /pages/{id} can never take "hydrate".
  .route("/", merchantPageHydrateRoutes)
  .route("/", merchantPageRoutes)
  .route("/", merchantPagePreviewRoutes)
  .route("/", merchantPageTemplateRoutes)
  .route("/", merchantOrderRoutes)
  .route("/", merchantAfterSaleRoutes)
  .route("/", merchantWechatRoutes)
  .route("/", merchantBillingRoutes);

const storeApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route("/", storeShopRoutes)
  .route("/", storeCatalogRoutes)
  .route("/", storePageRoutes)
  .route("/", storeShopperAuthRoutes)
  .route("/", storeCartRoutes)
  .route("/", storeAddressRoutes)
  .route("/", storeOrderRoutes)
  .route("/", storeMediaRoutes);

/** Mounted under their prefixes; typed loosely here (the full merged type is too large to check). */
const MOUNTS: [string, OpenAPIHono<AppEnv>][] = [
  ["/platform/v1", platformApi as unknown as OpenAPIHono<AppEnv>],
  ["/merchant/v1", merchantApi as unknown as OpenAPIHono<AppEnv>],
  ["/", fileRoutes as unknown as OpenAPIHono<AppEnv>],
  ["/store/v1", storeApi as unknown as OpenAPIHono<AppEnv>],
  ["/webhooks", wechatWebhookRoutes as unknown as OpenAPIHono<AppEnv>],
  ["/webhooks", stripeWebhookRoutes as unknown as OpenAPIHono<AppEnv>],
];

export type PlatformApi = typeof platformApi;
export type MerchantApi = typeof merchantApi;
export type StoreApi = typeof storeApi;

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  // Request id, deps, security headers and the log line (http/standard-headers.ts).
  // wx.request cannot send PATCH: the mini-program sends POST with X-HTTP-Method-Override: PATCH,
  // honoured on the storefront API only (bearer tokens there, no cookies), within the body limit.
  app.use("/store/v1/*", async (c, next) => {
    if (c.req.method !== "POST" || c.req.header("x-http-method-override")?.toUpperCase() !== "PATCH") return next();
    const length = Number(c.req.header("content-length") ?? "0");
    if (!Number.isFinite(length) || length > deps.env.BODY_LIMIT_BYTES) return next();
    const headers = new Headers(c.req.raw.headers);
    headers.delete("x-http-method-override");
    const body = await c.req.raw.arrayBuffer();
    if (body.byteLength > deps.env.BODY_LIMIT_BYTES) return next();
    return app.fetch(new Request(c.req.url, { method: "PATCH", headers, body }), c.env);
  });
  app.use(standardHeaders(deps));
  const tooLarge = (c: Context<AppEnv>) =>
    c.json(
      errorBody(
        "payload_too_large",
        `request body is larger than ${deps.env.BODY_LIMIT_BYTES} bytes`,
        c.get("requestId"),
      ),
      413,
    );
  const jsonBodyLimit = bodyLimit({ maxSize: deps.env.BODY_LIMIT_BYTES, onError: tooLarge });
  // Media and CSV uploads carry files: their routes apply their own limits after the session check.
  // GET/HEAD carry no body; skipping them also keeps @hono/node-server from building a full Request
  // (reading `raw.body` does), which alone cost most of a cached storefront read.
  // A declared length is checked from the header alone, as hono's bodyLimit does too, but without
  // its first look at `raw.body`: that builds the web stream, where @hono/node-server otherwise
  // reads a JSON body straight from Node's request (a tenth of an order submission's CPU).
  app.use(async (c, next) => {
    if (
      c.req.method === "GET" ||
      c.req.method === "HEAD" ||
      isMediaUpload(c.req.method, c.req.path) ||
      isCatalogImportUpload(c.req.method, c.req.path)
    ) {
      return next();
    }
    const declared = c.req.header("content-length");
    if (declared !== undefined && /^\d+$/.test(declared) && c.req.header("transfer-encoding") === undefined) {
      if (Number(declared) > deps.env.BODY_LIMIT_BYTES) return tooLarge(c);
      return next();
    }
    return jsonBodyLimit(c, next);
  });

  app.onError(onApiError);
  app.notFound(noRoute);

  app.openAPIRegistry.registerComponent("securitySchemes", "platformSession", {
    type: "http",
    scheme: "bearer",
    description: "Token from POST /platform/v1/auth/login (or the mw_admin_session cookie)",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "merchantSession", {
    type: "http",
    scheme: "bearer",
    description: "Token from POST /merchant/v1/auth/login (or the mw_session cookie)",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "shopperSession", {
    type: "http",
    scheme: "bearer",
    description:
      "A shopper's token from POST /store/v1/auth/wechat (store-scoped: with that store's X-Mallwright-Tenant only)",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "tenantKey", {
    type: "apiKey",
    in: "header",
    name: "X-Mallwright-Tenant",
    description: "The store key, from the mini-program's ext config",
  });

  // Not chained: each audience's sub-app carries its own type (PlatformApi, MerchantApi, StoreApi).
  app.route("/", systemRoutes);
  for (const [prefix, sub] of MOUNTS) app.route(prefix, sub);

  for (const extra of deps.platformExtras ?? []) {
    app.use(`/platform/v1${extra.path}/*`, requirePlatform);
    app.use(`/platform/v1${extra.path}`, requirePlatform);
    app.route(`/platform/v1${extra.path}`, extra.app);
  }

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Mallwright API",
      version: "1",
      description:
        "Platform (/platform/v1), merchant (/merchant/v1), storefront (/store/v1) and webhook routes. Errors share one envelope: { error: { code, message, requestId, details? } }.",
    },
  });
  mountDocs(app);
  // Last: the built builder at `/` for every other GET (API paths fall through to the 404 envelope).
  app.use(builderAssets());

  // Cached store pages are answered in front of the router (http/page-front.ts); everything else,
  // misses included, goes to the app. app.request() (the tests) goes through this fetch too.
  const front = cachedPageFront(deps);
  const routed = app.fetch;
  app.fetch = (req, env, ctx) => front(req) ?? routed(req, env, ctx);
  return app;
}
