// Who may call a route. Every route declares its access; the same declaration drives the
// middleware, the OpenAPI document and the shared route security suite.
import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import {
  requireMerchant,
  requirePlatform,
  requireShopper,
  requireShopperToken,
  requireStoreTenant,
} from "../auth/middleware.ts";
import type { Permission } from "../auth/permissions.ts";
import type { AppEnv } from "./context.ts";

/** Kinds of tenant-owned things a path parameter can name (the security suite makes one per kind in another tenant). */
export type ResourceKind =
  | "membership"
  | "invite"
  | "category"
  | "product"
  | "media"
  | "catalog-import"
  | "page"
  | "cart-item"
  | "address"
  | "order"
  | "after-sale"
  | "order-export";

export type Access =
  /** Anyone. `reason` says why no session is needed; the security suite lists these. */
  | { kind: "public"; reason: string }
  /** A platform admin session. */
  | { kind: "platform" }
  /** A merchant staff session whose role grants `permission`; ids in `params` must belong to the session's tenant. */
  | { kind: "merchant"; permission: Permission; params?: Record<string, ResourceKind> }
  /** A storefront read: the tenant comes from X-Mallwright-Tenant; no session. Ids in `params` must belong to that store. */
  | { kind: "store"; reason: string; params?: Record<string, ResourceKind> }
  /**
   * A signed-in shopper of the store named by X-Mallwright-Tenant; ids in `params` must be that
   * shopper's. `session: "in-handler"`: the handler looks the session up in its first read
   * (requireShopperToken) and answers 401 itself when there is none.
   */
  | { kind: "shopper"; params?: Record<string, ResourceKind>; session?: "in-handler" };

export const ACCESS_EXTENSION = "x-mallwright-access";

function middlewareFor(access: Access): MiddlewareHandler<AppEnv>[] {
  switch (access.kind) {
    case "public":
      return [];
    case "platform":
      return [requirePlatform];
    case "merchant":
      return [requireMerchant(access.permission)];
    case "store":
      return [requireStoreTenant];
    case "shopper":
      return [requireStoreTenant, access.session === "in-handler" ? requireShopperToken : requireShopper];
  }
}

const SECURITY: Record<Access["kind"], RouteConfig["security"]> = {
  public: [],
  platform: [{ platformSession: [] }],
  merchant: [{ merchantSession: [] }],
  store: [{ tenantKey: [] }],
  shopper: [{ tenantKey: [], shopperSession: [] }],
};

/** createRoute plus an access declaration that becomes middleware, OpenAPI security and metadata. */
// `P` keeps the path a literal type (an object literal's string property would widen to string),
// which the builder's typed clients need to know the route by its path.
export function defineRoute<
  P extends string,
  R extends Omit<RouteConfig, "middleware" | "security" | "path"> & { path: P },
>(config: R & { access: Access }) {
  const { access, ...route } = config;
  // `route` is R without `access`; the spread loses that link in the type system only.
  const full = Object.assign(route as unknown as R, {
    security: SECURITY[access.kind],
    middleware: middlewareFor(access),
    [ACCESS_EXTENSION]: access,
  });
  return createRoute(full);
}
