// OpenAPI response declarations shared by routes: JSON bodies and the error envelope.
import { ZErrorEnvelope } from "@mallwright/schema";
import type { z } from "zod";

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/**
 * A required JSON body. `example` appears in the docs, and the route security suite sends it so
 * that a request passes validation and reaches the ownership check.
 */
export function body<T extends z.ZodType>(schema: T, example?: z.input<T>) {
  return {
    required: true,
    content: { "application/json": { schema, ...(example === undefined ? {} : { example }) } },
  } as const;
}

const err = (description: string) => json(ZErrorEnvelope, description);

/** The error answers every route may give; routes add their own codes in prose. */
export const ERRORS = {
  400: err("Malformed request"),
  401: err("No valid session"),
  403: err("Not allowed for this role or audience"),
  404: err("Not found (or not yours)"),
  409: err("Conflict"),
  413: err("Body too large"),
  422: err("Validation failed: details name the fields"),
  423: err("Store suspended"),
  429: err("Too many attempts"),
  503: err("Not available here (a service is not configured)"),
} as const;

/** An OpenAPI response whose body is a CSV file. */
export const csvBody = (description: string) => ({
  description,
  content: { "text/csv": { schema: { type: "string" as const } } },
});

/** An attachment header with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The headers of a CSV download named `filename`, never cached. */
export function csvDownloadHeaders(filename: string): Record<string, string> {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": contentDisposition(filename),
    "Cache-Control": "no-store",
  };
}
