// How a cached store page is answered: the gzip copy when the client accepts it (under its own
// strong ETag), 304 when If-None-Match names either representation. One pure function, used by the
// page routes (routes/store/pages.ts) and by the cached-page front (http/page-front.ts), so both
// always answer alike.
import type { CachedPage } from "../services/storefront/page-cache.ts";

/** Whether an If-None-Match header names one of `etags` (a list, `*`, weak forms compared weakly as RFC 9110 says). */
export function matchesEtag(header: string | undefined, ...etags: string[]): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => etags.includes(t.trim().replace(/^W\//, "")));
}

/** Whether Accept-Encoding allows gzip (named or `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [name = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (name !== "gzip" && name !== "*") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The gzip representation's own strong ETag (a strong validator names one representation). */
export function gzipEtag(etag: string): string {
  return `${etag.slice(0, -1)}-gz"`;
}

export type PageAnswer =
  | { status: 200; body: string | Uint8Array<ArrayBuffer>; headers: Record<string, string> }
  | { status: 304; body: null; headers: Record<string, string> };

/** The answer to a GET of `page` given the request's Accept-Encoding and If-None-Match. */
export function answerPage(
  page: CachedPage,
  acceptEncoding: string | undefined,
  ifNoneMatch: string | undefined,
): PageAnswer {
  const gzip = page.gzip && acceptsGzip(acceptEncoding) ? page.gzip : undefined;
  const headers: Record<string, string> = {
    ETag: gzip ? gzipEtag(page.etag) : page.etag,
    // Clients and shared caches keep the copy but ask every time; the answer depends on the store header.
    "Cache-Control": "no-cache",
    Vary: page.gzip ? "X-Mallwright-Tenant, Accept-Encoding" : "X-Mallwright-Tenant",
  };
  // Either representation's ETag stands for the same content: a client that switched encodings still gets a 304.
  const other = page.gzip ? [gzipEtag(page.etag)] : [];
  if (matchesEtag(ifNoneMatch, page.etag, ...other)) return { status: 304, body: null, headers };
  headers["Content-Type"] = "application/json; charset=UTF-8";
  if (gzip) {
    headers["Content-Encoding"] = "gzip";
    return { status: 200, body: gzip, headers };
  }
  return { status: 200, body: page.body, headers };
}
