// Which store this copy of the mini-program is: the tenant key and API base that the third-party
// platform's ext.json gives it (wx.getExtConfigSync), or the development default outside one.
import type { WxApi } from "./wx-api.ts";

export interface ExtConfig {
  /** Sent as X-Mallwright-Tenant on every store request. */
  tenantKey: string;
  /** e.g. https://api.mallwright.example (no trailing slash). */
  apiBase: string;
  /** Hosts a `url` link may open in a web-view (the mini-program's business domains); others are copied. */
  webViewDomains: string[];
  /** Development only: log in as `dev:<name>` instead of with wx.login's code (the platform refuses it in production). */
  devShopper: string | null;
  /** Where the values came from: "ext" (ext.json) or "development" (the default). */
  source: "ext" | "development";
}

/** The local `npm start` platform's demo store. */
export const DEV_EXT_CONFIG: ExtConfig = {
  tenantKey: "demo",
  apiBase: "http://127.0.0.1:3000",
  webViewDomains: [],
  devShopper: "miniprogram",
  source: "development",
};

const TENANT_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const API_BASE = /^https?:\/\/[^\s/]+(?:\/[^\s]*)?$/;
const DOMAIN = /^[a-z0-9.-]+$/;

/** The ext config, or the development default when there is none (or it is not usable). */
export function readExtConfig(wx: Pick<WxApi, "getExtConfigSync">): ExtConfig {
  let ext: Record<string, unknown> = {};
  try {
    // Absent outside a third-party platform's template (and on old base libraries).
    const raw: unknown = typeof wx.getExtConfigSync === "function" ? wx.getExtConfigSync() : {};
    if (typeof raw === "object" && raw !== null) ext = raw as Record<string, unknown>;
  } catch {
    ext = {};
  }
  const tenantKey = typeof ext.tenantKey === "string" ? ext.tenantKey.trim() : "";
  const apiBase = typeof ext.apiBase === "string" ? ext.apiBase.trim().replace(/\/+$/, "") : "";
  if (!TENANT_KEY.test(tenantKey) || !API_BASE.test(apiBase)) {
    if (tenantKey || apiBase)
      console.warn("[mallwright] ext config without a valid tenantKey and apiBase: using the development store");
    return DEV_EXT_CONFIG;
  }
  const domains = Array.isArray(ext.webViewDomains) ? ext.webViewDomains : [];
  return {
    tenantKey,
    apiBase,
    webViewDomains: domains
      .filter((d): d is string => typeof d === "string")
      .map((d) => d.trim().toLowerCase())
      .filter((d) => DOMAIN.test(d)),
    devShopper: typeof ext.devShopper === "string" && ext.devShopper ? ext.devShopper : null,
    source: "ext",
  };
}
