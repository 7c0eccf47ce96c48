// A fake `wx` for tests: wx.request answered by a handler (no network), storage in a Map, and every
// toast, navigation and login recorded. Answers arrive asynchronously, as on a phone.
import type { WxApi } from "../src/core/wx-api.ts";

export interface FakeRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data: unknown;
}

export type FakeAnswer = { statusCode: number; data?: unknown; header?: Record<string, string> } | { fail: string };

export type FakeHandler = (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeWx {
  wx: WxApi & Record<string, unknown>;
  requests: FakeRequest[];
  toasts: string[];
  navigations: { kind: string; url: string }[];
  storage: Map<string, unknown>;
  logins: number;
  clipboard: string[];
  payments: Record<string, unknown>[];
  uploads: { url: string; filePath: string; name: string; header: Record<string, string> }[];
}

export function createFakeWx(
  opts: { handler?: FakeHandler; ext?: Record<string, unknown>; loginCode?: string } = {},
): FakeWx {
  const requests: FakeRequest[] = [];
  const toasts: string[] = [];
  const navigations: { kind: string; url: string }[] = [];
  const storage = new Map<string, unknown>();
  const clipboard: string[] = [];
  const handler: FakeHandler =
    opts.handler ?? (() => ({ statusCode: 404, data: { error: { code: "not_found", message: "no route" } } }));
  const payments: Record<string, unknown>[] = [];
  const uploads: FakeWx["uploads"] = [];
  const fake: FakeWx = {
    wx: {} as FakeWx["wx"],
    requests,
    toasts,
    navigations,
    storage,
    logins: 0,
    clipboard,
    payments,
    uploads,
  };
  const nav = (kind: string) => (o: { url: string; success?: () => void }) => {
    navigations.push({ kind, url: o.url });
    setTimeout(() => o.success?.(), 0);
  };
  const wx = {
    request(o: WechatMiniprogram.RequestOption) {
      const req: FakeRequest = {
        url: o.url,
        method: o.method ?? "GET",
        header: { ...(o.header as Record<string, string>) },
        data: o.data,
      };
      requests.push(req);
      setTimeout(async () => {
        const answer = await handler(req);
        if ("fail" in answer) o.fail?.({ errMsg: `request:fail ${answer.fail}`, errno: 600001 } as never);
        else
          o.success?.({
            statusCode: answer.statusCode,
            data: answer.data ?? "",
            header: answer.header ?? {},
            errMsg: "request:ok",
            cookies: [],
          } as never);
      }, 0);
      return {} as WechatMiniprogram.RequestTask;
    },
    getStorageSync: (key: string) => (storage.has(key) ? structuredClone(storage.get(key)) : ""),
    setStorageSync: (key: string, value: unknown) => {
      storage.set(key, structuredClone(value));
    },
    removeStorageSync: (key: string) => {
      storage.delete(key);
    },
    showToast: (o: { title: string }) => {
      toasts.push(o.title);
    },
    login: (o: { success?: (r: { code: string }) => void }) => {
      fake.logins += 1;
      setTimeout(() => o.success?.({ code: opts.loginCode ?? `code-${fake.logins}` }), 0);
    },
    getExtConfigSync: () => opts.ext ?? {},
    reLaunch: nav("reLaunch"),
    navigateTo: nav("navigateTo"),
    redirectTo: nav("redirectTo"),
    switchTab: nav("switchTab"),
    setClipboardData: (o: { data: string }) => {
      clipboard.push(o.data);
    },
    requestPayment: (o: Record<string, unknown> & { success?: () => void }) => {
      const { success: _s, fail: _f, complete: _c, ...params } = o;
      payments.push(params);
      setTimeout(() => o.success?.(), 0);
    },
    chooseMedia: (o: { count?: number; success?: (r: { tempFiles: { tempFilePath: string }[] }) => void }) => {
      const files = Array.from({ length: Math.min(o.count ?? 1, 2) }, (_, i) => ({
        tempFilePath: `wxfile://tmp/photo-${i + 1}.jpg`,
      }));
      setTimeout(() => o.success?.({ tempFiles: files }), 0);
    },
    uploadFile: (o: {
      url: string;
      filePath: string;
      name: string;
      header?: Record<string, string>;
      success?: (r: { statusCode: number; data: string }) => void;
    }) => {
      uploads.push({ url: o.url, filePath: o.filePath, name: o.name, header: { ...o.header } });
      const n = uploads.length;
      const id = `90000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
      setTimeout(
        () =>
          o.success?.({
            statusCode: 201,
            data: JSON.stringify({ id, url: `https://cdn.test/${n}.jpg`, thumbUrl: null }),
          }),
        0,
      );
    },
    navigateBack: () => {
      navigations.push({ kind: "navigateBack", url: "" });
    },
    showModal: (o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => {
      setTimeout(() => o.success?.({ confirm: true, cancel: false }), 0);
    },
    stopPullDownRefresh: () => {},
    setNavigationBarTitle: () => {},
    setNavigationBarColor: () => {},
    getWindowInfo: () => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 667 }),
  };
  fake.wx = wx as unknown as FakeWx["wx"];
  return fake;
}

/** Lets every pending fake answer (and the work it starts) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export const json = (statusCode: number, data: unknown, header: Record<string, string> = {}): FakeAnswer => ({
  statusCode,
  data,
  header,
});

export const apiError = (statusCode: number, code: string, message: string): FakeAnswer => ({
  statusCode,
  data: { error: { code, message, requestId: "req-1" } },
});
