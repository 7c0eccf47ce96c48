// The request layer over wx.request: every store call carries the tenant header and, when there is a
// session, the bearer token; idempotent GETs are retried on network failures and 502/503/504 (never a
// write); a 401 renews the session once and tries again; a failure shows one clear toast, built from
// the API's error envelope; a 423 (the store is closed) sends the shopper to the "store closed" page.
import type { ExtConfig } from "./ext-config.ts";
import type { WxApi } from "./wx-api.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  method?: Method;
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * "optional" (default): the token goes along when there is one. "required": signs in first.
   * "none": never (the sign-in itself).
   */
  auth?: "none" | "optional" | "required";
  /** The ETag of a copy the caller keeps: a 304 then comes back as a response, not an error. */
  etag?: string;
  /** Writes that create money-relevant things (orders) carry one (DESIGN §4). */
  idempotencyKey?: string;
  /** No toast: true for every failure, or the statuses the caller shows in its own way. */
  quiet?: boolean | readonly number[];
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

/** A failed call, from the API's envelope `{error:{code,message,requestId,details}}` where there was one. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    /** 0: the request never got an answer (network, timeout). */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
    readonly details: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** What the request layer needs of the session (session.ts). */
export interface SessionPort {
  /** The stored token when it is still valid, else null (never signs in). */
  current(): string | null;
  /** A valid token, signing in or renewing first when needed. */
  ensure(): Promise<string>;
  /** Signs in again (the server refused the token). */
  renew(): Promise<string>;
}

export interface ApiClientDeps {
  wx: WxApi;
  ext: ExtConfig;
  session?: SessionPort;
  /** Waits between retries (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  /** Delay before each retry of a GET; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  /** Called on a 423 (the store is suspended or closed): by default, reLaunch to the closed page. */
  onStoreClosed?: (error: ApiError) => void;
  now?: () => number;
}

export interface ApiClient {
  request<T>(path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  get<T>(path: string, opts?: Omit<RequestOptions, "method" | "body">): Promise<T>;
  post<T>(path: string, body?: unknown, opts?: Omit<RequestOptions, "method" | "body">): Promise<T>;
  readonly ext: ExtConfig;
}

export const CLOSED_PAGE = "/pages/closed/index";

/** Statuses a GET is tried again on: the server (or a proxy in front of it) could not answer now. */
const RETRY_STATUSES = new Set([502, 503, 504]);

/** Toast texts by error code (the API's messages are written for developers and merchants). */
const MESSAGES: Record<string, string> = {
  network: "网络不给力，请检查网络后重试",
  timeout: "网络超时，请稍后重试",
  internal: "服务开小差了，请稍后重试",
  unavailable: "服务暂时不可用，请稍后重试",
  rate_limited: "操作太频繁，请稍后再试",
  unauthenticated: "登录已失效，请重新进入",
  forbidden: "没有权限进行此操作",
  not_found: "内容不存在或已下架",
  payload_too_large: "内容太大，无法提交",
  idempotency_in_flight: "正在处理，请勿重复提交",
};

/** The same toast again within this window is not shown twice (several calls failing at once). */
const TOAST_REPEAT_MS = 2000;

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const { wx, ext, session } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const delays = deps.retryDelaysMs ?? [300, 1000];
  const now = deps.now ?? (() => Date.now());
  const onStoreClosed = deps.onStoreClosed ?? defaultStoreClosed(wx);
  let lastToast = { text: "", at: 0 };

  function toast(error: ApiError) {
    const text = toastText(error);
    const at = now();
    if (text === lastToast.text && at - lastToast.at < TOAST_REPEAT_MS) return;
    lastToast = { text, at };
    wx.showToast({ title: text, icon: "none", duration: 2500 });
  }

  function send(url: string, method: Method, headers: Record<string, string>, body: unknown) {
    return new Promise<{ status: number; data: unknown; headers: Record<string, string> }>((resolve, reject) => {
      // wx.request has no PATCH: it goes as a POST naming the real method (the platform must honour
      // X-HTTP-Method-Override for the store's PATCH routes, cart items and addresses).
      const patch = method === "PATCH";
      wx.request({
        url,
        method: patch ? "POST" : method,
        header: patch ? { ...headers, "X-HTTP-Method-Override": "PATCH" } : headers,
        // wx.request sends an object as JSON (content-type below); undefined sends no body.
        data: body as WechatMiniprogram.IAnyObject | undefined,
        dataType: "json",
        timeout: deps.timeoutMs ?? 15_000,
        success: (res) => resolve({ status: res.statusCode, data: res.data, headers: lowerCaseKeys(res.header ?? {}) }),
        fail: (err) => reject(networkError(err?.errMsg ?? "")),
      });
    });
  }

  async function request<T>(path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const method = opts.method ?? "GET";
    const auth = opts.auth ?? "optional";
    const url = `${ext.apiBase}${path}${queryString(opts.query)}`;
    const quiet = (status: number) => opts.quiet === true || (Array.isArray(opts.quiet) && opts.quiet.includes(status));
    const fail = (error: ApiError): never => {
      if (error.status === 423) onStoreClosed(error);
      else if (!quiet(error.status)) toast(error);
      throw error;
    };

    let token: string | null = null;
    if (session && auth !== "none") {
      try {
        token = auth === "required" ? await session.ensure() : session.current();
      } catch (err) {
        return fail(asApiError(err));
      }
    }
    let retries = 0;
    let renewed = false;
    for (;;) {
      const headers: Record<string, string> = {
        "X-Mallwright-Tenant": ext.tenantKey,
        Accept: "application/json",
        ...(opts.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(opts.etag ? { "If-None-Match": opts.etag } : {}),
        ...(opts.idempotencyKey ? { "Idempotency-Key": opts.idempotencyKey } : {}),
        ...opts.headers,
      };
      let res: Awaited<ReturnType<typeof send>>;
      try {
        res = await send(url, method, headers, opts.body);
      } catch (err) {
        const error = asApiError(err);
        if (method === "GET" && error.code !== "aborted" && retries < delays.length) {
          await sleep(delays[retries++] ?? 0);
          continue;
        }
        return fail(error);
      }
      if (res.status === 401 && session && auth !== "none" && !renewed) {
        // The token was refused (expired, revoked): one new sign-in, then the same call once more.
        renewed = true;
        try {
          token = await session.renew();
        } catch (err) {
          return fail(asApiError(err));
        }
        continue;
      }
      if (method === "GET" && RETRY_STATUSES.has(res.status) && retries < delays.length) {
        await sleep(delays[retries++] ?? 0);
        continue;
      }
      if ((res.status >= 200 && res.status < 300) || (res.status === 304 && opts.etag)) {
        return { status: res.status, data: res.data as T, headers: res.headers };
      }
      return fail(errorFromResponse(res.status, res.data));
    }
  }

  return {
    ext,
    request,
    async get<T>(path: string, opts: Omit<RequestOptions, "method" | "body"> = {}) {
      return (await request<T>(path, { ...opts, method: "GET" })).data;
    },
    async post<T>(path: string, body?: unknown, opts: Omit<RequestOptions, "method" | "body"> = {}) {
      return (await request<T>(path, { ...opts, method: "POST", body: body ?? {} })).data;
    },
  };
}

/** The one toast a failure shows: a known code in the shopper's words, else the API's own message. */
export function toastText(error: ApiError): string {
  const known = MESSAGES[error.code];
  if (known) return known;
  const detail = error.details[0]?.message;
  const text = error.message || detail || "";
  return text ? text.slice(0, 60) : `请求失败（${error.status || error.code}），请稍后重试`;
}

/** The envelope's error, or one made from the status when the body is not an envelope (a proxy's page). */
export function errorFromResponse(status: number, data: unknown): ApiError {
  const envelope = typeof data === "string" ? safeJson(data) : data;
  if (typeof envelope === "object" && envelope !== null && "error" in envelope) {
    const e = (envelope as { error: unknown }).error;
    if (typeof e === "object" && e !== null) {
      const { code, message, requestId, details } = e as Record<string, unknown>;
      return new ApiError(
        status,
        typeof code === "string" ? code : codeOfStatus(status),
        typeof message === "string" ? message : "",
        typeof requestId === "string" ? requestId : null,
        Array.isArray(details)
          ? details.flatMap((d) =>
              typeof d === "object" && d !== null && typeof (d as { message?: unknown }).message === "string"
                ? [{ path: String((d as { path?: unknown }).path ?? ""), message: (d as { message: string }).message }]
                : [],
            )
          : [],
      );
    }
  }
  return new ApiError(status, codeOfStatus(status), "");
}

function codeOfStatus(status: number): string {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 423) return "tenant_suspended";
  if (status === 429) return "rate_limited";
  if (status === 503) return "unavailable";
  if (status >= 500) return "internal";
  return "bad_request";
}

function networkError(errMsg: string): ApiError {
  if (/abort/i.test(errMsg)) return new ApiError(0, "aborted", errMsg);
  if (/timeout|超时/i.test(errMsg)) return new ApiError(0, "timeout", errMsg);
  return new ApiError(0, "network", errMsg);
}

function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, "network", err instanceof Error ? err.message : String(err));
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

function lowerCaseKeys(h: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = String(v);
  return out;
}

export function queryString(query: RequestOptions["query"]): string {
  if (!query) return "";
  const parts = Object.entries(query)
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== null && e[1] !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

/** One closed page at a time: every call failing with 423 at once must not stack relaunches. */
function defaultStoreClosed(wx: WxApi) {
  let shownAt = 0;
  return (error: ApiError) => {
    if (Date.now() - shownAt < 3000) return;
    shownAt = Date.now();
    wx.reLaunch({ url: `${CLOSED_PAGE}?code=${encodeURIComponent(error.code)}` });
  };
}
