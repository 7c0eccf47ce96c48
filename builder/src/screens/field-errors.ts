// A 422's details ({path, message}) as a map from field path to the API's message, so a form can
// show each problem at its field.
import { useState } from "react";
import { z } from "zod";
import { ApiFailure } from "../api/client.ts";
import { notify } from "../shell/toast.ts";

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

/**
 * A form's submit: `busy` while `action` runs; on failure the API's field errors land in `errors`
 * and the error is toasted. Answers the action's result, or undefined when it failed.
 */
export function useFormSubmit() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    try {
      return await action();
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      notify.error(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, busy, run };
}
