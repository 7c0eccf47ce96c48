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
