// The storefront's cached-page front: a GET of /store/v1/pages/home or /store/v1/pages/{id} whose
// store is in the tenant cache (and not suspended) and whose page is in the page cache is answered
// in front of the router, with exactly what the page route would send (http/page-response.ts) and
// the standard headers and log line of every response (http/standard-headers.ts). Anything else (no
// or unknown store key, a suspended store, a page not cached yet, a malformed or encoded path, HEAD)
// goes to the app, whose route loads, checks and caches as usual. Every mini-program launch asks
// for the home page, so this is the platform's hottest path: it skips the router, the context and
// the middleware chain, which cost more than finding the page. page-front.test.ts compares its
// answers with the route's.
import { storePageCache } from "../services/storefront/page-cache.ts";
import type { AppDeps } from "./context.ts";
import { answerPage } from "./page-response.ts";
import { requestIdOf, securityHeadersFor } from "./standard-headers.ts";

const PREFIX = "/store/v1/pages/";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The path of an absolute request URL, without its query; undefined when it needs decoding. */
function pathOf(url: string): string | undefined {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return undefined;
  const query = url.indexOf("?", start);
  const path = query < 0 ? url.slice(start) : url.slice(start, query);
  return path.includes("%") ? undefined : path;
}

/** Answers `req` when it is a cached page of an active store; undefined: the app answers it. */
export function cachedPageFront(deps: AppDeps): (req: Request) => Response | undefined {
  const { tenantCache, log } = deps;
  const pages = deps.pageCache ?? storePageCache;
  return (req) => {
    if (!tenantCache || req.method !== "GET") return undefined;
    const path = pathOf(req.url);
    if (!path?.startsWith(PREFIX)) return undefined;
    const key = path.slice(PREFIX.length);
    if (key !== "home" && !UUID.test(key)) return undefined;
    const started = performance.now();
    const storeKey = req.headers.get("x-mallwright-tenant");
    const tenant = storeKey === null ? undefined : tenantCache.peek(storeKey);
    // A suspended store's 423 (and its message) is the route's to give.
    if (tenant?.status !== "active") return undefined;
    const page = pages.get(tenant.id, key);
    if (!page) return undefined;
    const answer = answerPage(
      page,
      req.headers.get("accept-encoding") ?? undefined,
      req.headers.get("if-none-match") ?? undefined,
    );
    const requestId = requestIdOf(req.headers.get("x-request-id"));
    // One plain header object: the cheapest response @hono/node-server sends.
    const res = new Response(answer.body, {
      status: answer.status,
      headers: { ...securityHeadersFor(path), ...answer.headers, "X-Request-Id": requestId },
    });
    if (log.isLevelEnabled("info")) {
      log.info(
        { requestId, method: "GET", path, status: answer.status, ms: Math.round(performance.now() - started) },
        "request",
      );
    }
    return res;
  };
}
