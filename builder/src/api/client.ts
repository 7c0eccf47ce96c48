// The typed API clients: hono/client over each audience's sub-app type (MerchantApi, PlatformApi,
// StoreApi), so every path, body and answer is checked against the routes themselves. Sessions are the platform's HttpOnly cookies (same origin);
// the builder never holds a token. Every failure becomes an ApiFailure carrying the API's own
// message (the one envelope: { error: { code, message, requestId, details? } }).
import { hc } from "hono/client";
import type { MerchantApi, PlatformApi, StoreApi } from "../../../platform/src/app.ts";
import i18n from "../i18n/index.ts";

const options = {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, credentials: "same-origin" }),
};

/** `merchant.pages.$get({ query })`, `platform.tenants.$post({ json })`, `store.pages.home.$get(...)`. */
export const merchant = hc<MerchantApi>("/merchant/v1", options);
export const platform = hc<PlatformApi>("/platform/v1", options);
export const store = hc<StoreApi>("/store/v1", options);

export interface ErrorDetail {
  path?: string;
  message?: string;
  [key: string]: unknown;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly details: unknown,
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads the error envelope of a failed response (anything else becomes a generic message). */
export async function failureOf(res: Response): Promise<ApiFailure> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof error?.code === "string" ? error.code : `http_${res.status}`;
  const message = typeof error?.message === "string" ? error.message : i18n.t("errors.http", { status: res.status });
  const requestId = typeof error?.requestId === "string" ? error.requestId : undefined;
  return new ApiFailure(res.status, code, message, requestId, error?.details);
}

type JsonOf<R> = R extends { json(): Promise<infer T> } ? T : never;
type OkOf<R> = R extends { ok: true } ? R : never;

/**
 * Awaits a client call and returns its successful JSON body; throws ApiFailure otherwise.
 * `call(merchant.products.$get({ query }))`.
 */
export async function call<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  pending: Promise<R>,
): Promise<JsonOf<OkOf<R>>> {
  const res = await pending;
  if (!res.ok) throw await failureOf(res as unknown as Response);
  if (res.status === 204) return undefined as JsonOf<OkOf<R>>;
  return (await res.json()) as JsonOf<OkOf<R>>;
}

/** Plain fetch for what the typed client does not cover (uploads, CSV downloads), same error handling. */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(path, { ...init, credentials: "same-origin" });
  if (!res.ok) throw await failureOf(res);
  return res;
}

/** The message to show for any error: the API's own words, else the error's. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiFailure) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
