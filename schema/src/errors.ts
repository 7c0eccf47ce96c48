// Error codes, their HTTP statuses and the one envelope every API error is rendered in.
import { z } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  malformed_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  wrong_audience: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  tenant_key_taken: 409,
  email_taken: 409,
  already_member: 409,
  idempotency_in_flight: 409,
  category_in_use: 409,
  media_in_use: 409,
  sku_code_taken: 409,
  page_is_home: 409,
  page_not_published: 409,
  precondition_failed: 412,
  precondition_required: 428,
  token_invalid: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  quota_exceeded: 402,
  plan_limit: 402,
  validation_failed: 422,
  idempotency_mismatch: 422,
  tenant_suspended: 423,
  billing_suspended: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [TErrorCode, ...TErrorCode[]];
export const ZErrorCode = z.enum(ERROR_CODES);

export const ZErrorDetail = z.object({
  path: z.string().describe("Dotted path of the offending field, '' for the whole input"),
  message: z.string(),
  in: z.enum(["body", "query", "param", "header", "cookie"]).optional(),
});
export type TErrorDetail = z.infer<typeof ZErrorDetail>;

export const ZErrorEnvelope = z
  .object({
    error: z.object({
      code: ZErrorCode,
      message: z.string(),
      requestId: z.string(),
      details: z.array(ZErrorDetail).optional(),
    }),
  })
  .meta({ id: "ErrorEnvelope" });

export function statusOf(code: TErrorCode): number {
  return ERROR_STATUS[code];
}
