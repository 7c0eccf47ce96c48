// A 422's details ({path, message}) as a map from field path to the API's message, so a form can
// show each problem at its field.
import { z } from "zod";
import { ApiFailure } from "../api/client.ts";

const ZDetails = z.array(z.object({ path: z.string(), message: z.string() }).loose());

export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(err: unknown): FieldErrors {
  if (!(err instanceof ApiFailure) || err.status !== 422) return {};
  const parsed = ZDetails.safeParse(err.details);
  if (!parsed.success) return {};
  const out: FieldErrors = {};
  for (const d of parsed.data) {
    const path = d.path.replace(/^body\./, "");
    out[path] = out[path] ? `${out[path]}; ${d.message}` : d.message;
  }
  return out;
}

/** Details as {path, message} pairs (e.g. where a media item is used, from a 409). */
export function detailsOf(err: unknown): { path: string; message: string }[] {
  if (!(err instanceof ApiFailure)) return [];
  const parsed = ZDetails.safeParse(err.details);
  return parsed.success ? parsed.data.map((d) => ({ path: d.path, message: d.message })) : [];
}
