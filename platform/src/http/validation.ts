// Turns zod failures into the 422 envelope with field paths, for every route's inputs.
import type { Hook } from "@hono/zod-openapi";
import type { TErrorDetail } from "@mallwright/schema";
import type { z } from "zod";
import type { AppEnv } from "./context.ts";
import { ApiError } from "./errors.ts";

const TARGETS = {
  json: "body",
  query: "query",
  param: "param",
  header: "header",
  cookie: "cookie",
  form: "body",
} as const;

export function issuesToDetails(issues: z.core.$ZodIssue[], where?: TErrorDetail["in"]): TErrorDetail[] {
  return issues.slice(0, 50).map((i) => {
    let message = i.message;
    if (i.code === "unrecognized_keys") message = `unknown field${i.keys.length > 1 ? "s" : ""}: ${i.keys.join(", ")}`;
    return { path: i.path.map(String).join("."), message, ...(where ? { in: where } : {}) };
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every input shape
export const validationHook: Hook<any, AppEnv, any, any> = (result, _c) => {
  if (result.success) return;
  const where = TARGETS[result.target as keyof typeof TARGETS];
  const details = issuesToDetails(result.error.issues, where);
  const first = details[0];
  const summary = first ? `${first.path || where}: ${first.message}` : "input is invalid";
  throw new ApiError("validation_failed", `invalid ${where}: ${summary}`, details);
};
