// The shopper's session: wx.login's code exchanged at POST /store/v1/auth/wechat for a store-scoped
// token, kept in storage with its expiry, renewed shortly before it expires (and when the server
// refuses it: request.ts). One sign-in at a time: callers arriving meanwhile share it.
import type { ExtConfig } from "./ext-config.ts";
import type { SessionPort } from "./request.ts";
import { readStorage, removeStorage, type WxApi, writeStorage } from "./wx-api.ts";

export interface StoredSession {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** When it was obtained (how long it lives decides how early it is renewed). */
  obtainedAt: number;
}

export interface SignInAnswer {
  token: string;
  /** ISO 8601. */
  expiresAt: string;
}

export interface SessionDeps {
  wx: Pick<WxApi, "login" | "getStorageSync" | "setStorageSync" | "removeStorageSync">;
  ext: Pick<ExtConfig, "tenantKey" | "devShopper">;
  /** POST /store/v1/auth/wechat {code}. */
  exchange: (code: string) => Promise<SignInAnswer>;
  now?: () => number;
}

export interface Session extends SessionPort {
  stored(): StoredSession | null;
  clear(): void;
}

/** A token is renewed this long before it expires: a fifth of its life, at most a day. */
export function renewalMargin(s: StoredSession): number {
  return Math.min(24 * 3600_000, Math.max(0, s.expiresAt - s.obtainedAt) / 5);
}

export function sessionStorageKey(tenantKey: string): string {
  return `mw:session:${tenantKey}`;
}

export function createSession(deps: SessionDeps): Session {
  const now = deps.now ?? (() => Date.now());
  const key = sessionStorageKey(deps.ext.tenantKey);
  let inFlight: Promise<string> | null = null;

  const stored = (): StoredSession | null => {
    const s = readStorage<StoredSession>(deps.wx, key);
    return s && typeof s.token === "string" && typeof s.expiresAt === "number" ? s : null;
  };

  const loginCode = (): Promise<string> => {
    if (deps.ext.devShopper) return Promise.resolve(`dev:${deps.ext.devShopper}`);
    return new Promise((resolve, reject) => {
      deps.wx.login({
        success: (res) => (res.code ? resolve(res.code) : reject(new Error("wx.login gave no code"))),
        fail: (err) => reject(new Error(err?.errMsg ?? "wx.login failed")),
      });
    });
  };

  const renew = (): Promise<string> => {
    inFlight ??= (async () => {
      try {
        const answer = await deps.exchange(await loginCode());
        const expiresAt = Date.parse(answer.expiresAt);
        const session: StoredSession = {
          token: answer.token,
          expiresAt: Number.isFinite(expiresAt) ? expiresAt : now() + 3600_000,
          obtainedAt: now(),
        };
        writeStorage(deps.wx, key, session);
        return session.token;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };

  return {
    stored,
    current() {
      const s = stored();
      return s && s.expiresAt > now() ? s.token : null;
    },
    async ensure() {
      const s = stored();
      if (s && now() < s.expiresAt - renewalMargin(s)) return s.token;
      return renew();
    },
    renew,
    clear() {
      removeStorage(deps.wx, key);
    },
  };
}
