// The one error class of the API and the renderer of the one envelope.

import { ERROR_STATUS, type TErrorCode, type TErrorDetail } from "@mallwright/schema";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: TErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code] as ContentfulStatusCode;
  }
}

export const notFound = (what = "resource") => new ApiError("not_found", `${what} not found`);

export function errorBody(code: TErrorCode, message: string, requestId: string, details?: TErrorDetail[]) {
  return { error: { code, message, requestId, ...(details && details.length > 0 ? { details } : {}) } };
}

export function renderError(c: Context, err: ApiError) {
  const requestId: string = c.get("requestId") ?? "unknown";
  if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  return c.json(errorBody(err.code, err.message, requestId, err.details), err.status);
}
