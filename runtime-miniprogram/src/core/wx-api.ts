// The slice of `wx` the runtime's core uses, so tests can hand it a fake (no network, no device).
export type WxApi = Pick<
  WechatMiniprogram.Wx,
  | "request"
  | "getStorageSync"
  | "setStorageSync"
  | "removeStorageSync"
  | "showToast"
  | "login"
  | "reLaunch"
  | "navigateTo"
  | "redirectTo"
  | "switchTab"
  | "setClipboardData"
  | "getExtConfigSync"
  | "getWindowInfo"
  | "stopPullDownRefresh"
  | "setNavigationBarTitle"
  | "setNavigationBarColor"
  | "requestPayment"
  | "navigateBack"
  | "showModal"
  | "chooseMedia"
  | "uploadFile"
>;

/** The storage value under `key`, or undefined (never throws: a full or broken storage is not fatal). */
export function readStorage<T>(wx: Pick<WxApi, "getStorageSync">, key: string): T | undefined {
  try {
    const value: unknown = wx.getStorageSync(key);
    return value === "" || value === null || value === undefined ? undefined : (value as T);
  } catch {
    return undefined;
  }
}

/** Stores `value` under `key`; false when the storage refused it (full: 10 MB per mini-program). */
export function writeStorage(wx: Pick<WxApi, "setStorageSync">, key: string, value: unknown): boolean {
  try {
    wx.setStorageSync(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeStorage(wx: Pick<WxApi, "removeStorageSync">, key: string): void {
  try {
    wx.removeStorageSync(key);
  } catch {
    // Nothing to do: the value simply stays until it is overwritten.
  }
}
