// The platform's WeChat settings, from env.ts: each secret from its variable or from the file a
// `_FILE` variable names. Nothing here is ever logged or returned by an API; the objects keep the
// key material out of their enumerable, serialisable shape (toJSON answers the public parts).
import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from "node:crypto";
import type { Env } from "../../env.ts";
import { perEnv } from "../per-env.ts";
import { secretSetting } from "../secret-setting.ts";

export interface WechatPayConfig {
  spMchid: string;
  spAppid: string;
  baseUrl: string;
  notifyUrl: string;
  timeoutMs: number;
  certSerial: string;
  privateKey: KeyObject;
  apiV3Key: string;
  /** WeChat's verification keys by serial: platform certificates' serials and/or the public key id. */
  verifiers: Map<string, KeyObject>;
}

export interface WechatComponentConfig {
  appId: string;
  appSecret: string;
  token: string;
  encodingAesKey: string;
  baseUrl: string;
  timeoutMs: number;
}

/** Splits a PEM bundle into its certificates. */
function certificates(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

function hidden<T extends object>(cfg: T, visible: (keyof T)[]): T {
  Object.defineProperty(cfg, "toJSON", {
    enumerable: false,
    value: () => Object.fromEntries(visible.map((k) => [k, cfg[k]])),
  });
  return cfg;
}

/** WeChat Pay's settings, or null when the platform has none (then no WeChat payment is offered). */
export const wechatPayConfig: (env: Env) => WechatPayConfig | null = perEnv((env) => {
  const privatePem = secretSetting(env.WECHATPAY_PRIVATE_KEY, env.WECHATPAY_PRIVATE_KEY_FILE, "WECHATPAY_PRIVATE_KEY");
  const apiV3Key = secretSetting(env.WECHATPAY_APIV3_KEY, env.WECHATPAY_APIV3_KEY_FILE, "WECHATPAY_APIV3_KEY");
  const anything = env.WECHATPAY_SP_MCHID || env.WECHATPAY_SP_APPID || privatePem || apiV3Key;
  if (!anything) return null;
  const missing = [
    ["WECHATPAY_SP_MCHID", env.WECHATPAY_SP_MCHID],
    ["WECHATPAY_SP_APPID", env.WECHATPAY_SP_APPID],
    ["WECHATPAY_PRIVATE_KEY(_FILE)", privatePem],
    ["WECHATPAY_CERT_SERIAL", env.WECHATPAY_CERT_SERIAL],
    ["WECHATPAY_APIV3_KEY(_FILE)", apiV3Key],
  ].flatMap(([name, v]) => (v ? [] : [name]));
  if (missing.length > 0) throw new Error(`Invalid configuration:\n  WeChat Pay needs ${missing.join(", ")}`);
  if (apiV3Key?.length !== 32) throw new Error("Invalid configuration:\n  WECHATPAY_APIV3_KEY must be 32 characters");
  const verifiers = new Map<string, KeyObject>();
  const certsPem = secretSetting(
    env.WECHATPAY_PLATFORM_CERTS,
    env.WECHATPAY_PLATFORM_CERTS_FILE,
    "WECHATPAY_PLATFORM_CERTS",
  );
  for (const cert of certsPem ? certificates(certsPem) : [])
    verifiers.set(cert.serialNumber.toUpperCase(), cert.publicKey);
  const publicPem = secretSetting(env.WECHATPAY_PUBLIC_KEY, env.WECHATPAY_PUBLIC_KEY_FILE, "WECHATPAY_PUBLIC_KEY");
  if (publicPem) {
    if (!env.WECHATPAY_PUBLIC_KEY_ID)
      throw new Error("Invalid configuration:\n  WECHATPAY_PUBLIC_KEY needs WECHATPAY_PUBLIC_KEY_ID");
    verifiers.set(env.WECHATPAY_PUBLIC_KEY_ID, createPublicKey(publicPem));
  }
  if (verifiers.size === 0) {
    throw new Error(
      "Invalid configuration:\n  WeChat Pay needs WECHATPAY_PLATFORM_CERTS(_FILE) or WECHATPAY_PUBLIC_KEY(_FILE) + WECHATPAY_PUBLIC_KEY_ID",
    );
  }
  const cfg = hidden<WechatPayConfig>(
    {
      spMchid: env.WECHATPAY_SP_MCHID ?? "",
      spAppid: env.WECHATPAY_SP_APPID ?? "",
      baseUrl: env.WECHATPAY_BASE_URL.replace(/\/$/, ""),
      notifyUrl: env.WECHATPAY_NOTIFY_URL ?? `${env.publicUrl}/webhooks/wechatpay/notify`,
      timeoutMs: env.WECHAT_HTTP_TIMEOUT_MS,
      certSerial: (env.WECHATPAY_CERT_SERIAL ?? "").toUpperCase(),
      privateKey: createPrivateKey(privatePem ?? ""),
      apiV3Key,
      verifiers,
    },
    ["spMchid", "spAppid", "baseUrl", "notifyUrl", "certSerial"],
  );
  return cfg;
});

/** The third-party platform's settings, or null when none are set (no WeChat sign-in then). */
export const wechatComponentConfig: (env: Env) => WechatComponentConfig | null = perEnv((env) => {
  const appSecret = secretSetting(
    env.WECHAT_COMPONENT_SECRET,
    env.WECHAT_COMPONENT_SECRET_FILE,
    "WECHAT_COMPONENT_SECRET",
  );
  const aesKey = secretSetting(
    env.WECHAT_COMPONENT_AES_KEY,
    env.WECHAT_COMPONENT_AES_KEY_FILE,
    "WECHAT_COMPONENT_AES_KEY",
  );
  if (!env.WECHAT_COMPONENT_APPID && !appSecret && !aesKey && !env.WECHAT_COMPONENT_TOKEN) {
    return null;
  }
  const missing = [
    ["WECHAT_COMPONENT_APPID", env.WECHAT_COMPONENT_APPID],
    ["WECHAT_COMPONENT_SECRET(_FILE)", appSecret],
    ["WECHAT_COMPONENT_TOKEN", env.WECHAT_COMPONENT_TOKEN],
    ["WECHAT_COMPONENT_AES_KEY(_FILE)", aesKey],
  ].flatMap(([name, v]) => (v ? [] : [name]));
  if (missing.length > 0) throw new Error(`Invalid configuration:\n  the WeChat component needs ${missing.join(", ")}`);
  if (aesKey?.length !== 43)
    throw new Error("Invalid configuration:\n  WECHAT_COMPONENT_AES_KEY must be 43 characters");
  const cfg = hidden<WechatComponentConfig>(
    {
      appId: env.WECHAT_COMPONENT_APPID ?? "",
      appSecret: appSecret ?? "",
      token: env.WECHAT_COMPONENT_TOKEN ?? "",
      encodingAesKey: aesKey,
      baseUrl: env.WECHAT_API_BASE_URL.replace(/\/$/, ""),
      timeoutMs: env.WECHAT_HTTP_TIMEOUT_MS,
    },
    ["appId", "baseUrl"],
  );
  return cfg;
});
