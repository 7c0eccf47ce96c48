// What every response of the Node app carries, set in one middleware: the request id (a caller's
// X-Request-Id kept when well-formed), the security headers, and the request's log line. The
// cached-page front (http/page-front.ts), which answers before the app, sends the same through
// securityHeadersFor() and requestIdOf().
import type { MiddlewareHandler } from "hono";
import type { AppDeps, AppEnv } from "./context.ts";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The security headers of API responses: what hono/secure-headers sends by default, with
 * Cross-Origin-Resource-Policy `same-site`. Written out so the hot path can send them without a
 * Headers object; standard-headers.test.ts pins them against hono's own defaults.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-site",
  "Origin-Agent-Cluster": "?1",
  "Referrer-Policy": "no-referrer",
  "Strict-Transport-Security": "max-age=15552000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "X-DNS-Prefetch-Control": "off",
  "X-Download-Options": "noopen",
  "X-Frame-Options": "SAMEORIGIN",
  "X-Permitted-Cross-Domain-Policies": "none",
  "X-XSS-Protection": "0",
});

/** Store images are public assets that mini-programs, H5 pages and CDNs load from elsewhere. */
export const FILE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...API_SECURITY_HEADERS,
  "Cross-Origin-Resource-Policy": "cross-origin",
});

const API_ENTRIES = Object.entries(API_SECURITY_HEADERS);
const FILE_ENTRIES = Object.entries(FILE_SECURITY_HEADERS);

/** The security headers of a response to `path`. */
export function securityHeadersFor(path: string): Readonly<Record<string, string>> {
  return path.startsWith("/files/") ? FILE_SECURITY_HEADERS : API_SECURITY_HEADERS;
}

/** A caller's X-Request-Id when it looks like one; anything else is replaced by a new id. */
export function requestIdOf(given: string | null | undefined): string {
  return given != null && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/** Request id, deps, security headers and the request's log line: the app's first middleware. */
export function standardHeaders(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = requestIdOf(c.req.header("x-request-id"));
    // c.get, not c.var, downstream: c.var copies every variable into a new object on each access.
    c.set("requestId", id);
    c.set("deps", deps);
    const started = performance.now();
    await next();
    const res = c.res;
    // On the response's own headers: c.header() after the response exists rebuilds it as a full
    // Response. Set, not added: a handler cannot weaken them (as hono/secure-headers does).
    const h = res.headers;
    for (const [k, v] of c.req.path.startsWith("/files/") ? FILE_ENTRIES : API_ENTRIES) h.set(k, v);
    h.delete("X-Powered-By");
    h.set("X-Request-Id", id);
    if (deps.log.isLevelEnabled("info")) {
      deps.log.info(
        {
          requestId: id,
          method: c.req.method,
          path: c.req.path,
          status: res.status,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    }
  };
}
