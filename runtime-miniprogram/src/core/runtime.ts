// The one runtime of the running mini-program: its ext config, session and API client, made on first
// use from the global `wx` (app.ts makes it at launch). Tests make their own with a fake `wx`.
import { readExtConfig } from "./ext-config.ts";
import { type ApiClient, type ApiClientDeps, createApiClient } from "./request.ts";
import { createSession, type Session, type SignInAnswer } from "./session.ts";
import type { WxApi } from "./wx-api.ts";

export interface Runtime {
  wx: WxApi;
  api: ApiClient;
  session: Session;
}

export const SIGN_IN_PATH = "/store/v1/auth/wechat";

export function createRuntime(wxApi: WxApi, opts: Omit<ApiClientDeps, "wx" | "ext" | "session"> = {}): Runtime {
  const ext = readExtConfig(wxApi);
  // The session signs in through the client, the client asks the session for tokens.
  let api: ApiClient | null = null;
  const session = createSession({
    wx: wxApi,
    ext,
    // Quiet: the call that needed the session shows the one toast.
    exchange: (code) => {
      if (!api) throw new Error("the API client is not ready");
      return api.post<SignInAnswer>(SIGN_IN_PATH, { code }, { auth: "none", quiet: true });
    },
    ...(opts.now ? { now: opts.now } : {}),
  });
  api = createApiClient({ ...opts, wx: wxApi, ext, session });
  return { wx: wxApi, api, session };
}

let current: Runtime | null = null;

export function getRuntime(): Runtime {
  current ??= createRuntime(wx);
  return current;
}

/** Replaces (or with no argument, forgets) the runtime: for tests. */
export function setRuntime(runtime: Runtime | null): void {
  current = runtime;
}
