// The app's error and not-found handlers: every error leaves as the one envelope (http/errors.ts).
// Shared by the Node app (app.ts) and the edge entry (edge.ts).
import type { TErrorCode } from "@mallwright/schema";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppDeps, AppEnv } from "./context.ts";
import { ApiError, errorBody, renderError } from "./errors.ts";

const HTTP_CODES: Partial<Record<number, TErrorCode>> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException && err.status < 500) {
    const message = err.message || "bad request";
    if (err.status === 400 && /json/i.test(message)) return new ApiError("malformed_json", message);
    if (err.status === 415) return new ApiError("unsupported_media_type", "send the body as application/json");
    return new ApiError(HTTP_CODES[err.status] ?? "bad_request", message);
  }
  return undefined;
}

/**
 * The database could not take the work in time (no pool connection or transaction slot, a deadlock
 * victim): nothing was written, and the client should simply try again. Duck-typed on the error's
 * code, so the edge entry needs no Prisma to know it.
 */
function isBusy(err: unknown): boolean {
  const code = typeof err === "object" && err !== null && "code" in err ? err.code : undefined;
  return code === "P2024" || code === "P2028" || code === "40P01";
}

/** app.onError: ApiErrors and 4xx HTTPExceptions as themselves, overload a 503, anything else a logged 500. */
export function onApiError(err: Error, c: Context<AppEnv>) {
  const api = toApiError(err);
  if (api) return renderError(c, api);
  if (isBusy(err)) {
    c.get("deps")?.log.warn({ requestId: c.get("requestId") }, "database busy: answered 503");
    c.header("Retry-After", "1");
    return renderError(c, new ApiError("unavailable", "the store is busy right now; please try again"));
  }
  // deps is unset only when the very first middleware failed.
  const deps: AppDeps | undefined = c.get("deps");
  deps?.log.error({ err, requestId: c.get("requestId") }, "unhandled error");
  return c.json(
    errorBody("internal", "something went wrong on our side; quote the request id", c.get("requestId") ?? "unknown"),
    500,
  );
}

/** app.notFound. */
export function noRoute(c: Context<AppEnv>) {
  return c.json(
    errorBody("not_found", `no route for ${c.req.method} ${c.req.path}`, c.get("requestId") ?? "unknown"),
    404,
  );
}
