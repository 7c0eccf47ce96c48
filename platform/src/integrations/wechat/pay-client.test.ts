// The WeChat Pay client against the fake in WeChat Pay public-key mode (the certificate mode runs in
// the webhook tests): signed calls, verified answers, both key kinds side by side chosen by the
// serial, secrets from files, and nothing secret in what the configuration serialises to.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../env.ts";
import { type FakeWechatPay, startFakeWechatPay } from "../../test/fakes/wechat-pay-server.ts";
import { wechatPayConfig } from "./config.ts";
import { createWechatPayClient, type WechatPayClient, WechatPayError } from "./pay-client.ts";

let fake: FakeWechatPay;
let certFake: FakeWechatPay;
let client: WechatPayClient;
const SUB = "1900000109";
const APPID = "wx00112233445566ff";

function envFor(f: FakeWechatPay, extra: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mw-wxpay-"));
  writeFileSync(path.join(dir, "key.pem"), f.merchant.privateKeyPem);
  writeFileSync(path.join(dir, "apiv3"), `${f.apiV3Key}\n`);
  return loadEnv(
    {
      WECHATPAY_SP_MCHID: f.merchant.mchid,
      WECHATPAY_SP_APPID: f.merchant.appid,
      WECHATPAY_PRIVATE_KEY_FILE: path.join(dir, "key.pem"),
      WECHATPAY_CERT_SERIAL: f.merchant.certSerial,
      WECHATPAY_APIV3_KEY_FILE: path.join(dir, "apiv3"),
      WECHATPAY_BASE_URL: f.baseUrl,
      WECHATPAY_NOTIFY_URL: "https://shop.example/webhooks/wechatpay/notify",
      WECHAT_HTTP_TIMEOUT_MS: "500",
      ...extra,
    },
    {},
  );
}

beforeAll(async () => {
  fake = await startFakeWechatPay({ verification: "publicKey" });
  certFake = await startFakeWechatPay({ verification: "certificate" });
  fake.addSubMerchant(SUB, APPID);
  const env = envFor(fake, {
    WECHATPAY_PUBLIC_KEY: fake.platformPublicKeyPem ?? "",
    WECHATPAY_PUBLIC_KEY_ID: fake.platformSerial,
    // A certificate of another platform key as well, as during a switch of modes.
    WECHATPAY_PLATFORM_CERTS: certFake.platformCertPem ?? "",
  });
  const cfg = wechatPayConfig(env);
  if (!cfg) throw new Error("not configured");
  client = createWechatPayClient(cfg);
});

afterAll(async () => {
  await fake?.close();
  await certFake?.close();
});

describe("WeChat Pay client (public-key mode)", () => {
  it("reads secrets from files and never serialises them", () => {
    const text = JSON.stringify(client.config);
    expect(text).toContain(fake.merchant.mchid);
    expect(text).not.toContain(fake.apiV3Key);
    expect(text).not.toContain("PRIVATE KEY");
    expect([...client.config.verifiers.keys()].sort()).toEqual([certFake.platformSerial, fake.platformSerial].sort());
  });

  it("prepays, queries and closes with signed calls and verified answers", async () => {
    const { prepayId } = await client.jsapiPrepay({
      subMchid: SUB,
      subAppid: APPID,
      openid: "o-1",
      outTradeNo: "261202000001",
      description: "龙井",
      total: 2500,
      timeExpire: new Date(Date.now() + 15 * 60_000),
    });
    expect(prepayId).toMatch(/^wx/);
    expect(fake.requests.at(-1)).toMatchObject({ verified: true });
    expect(await client.queryTransaction(SUB, "261202000001")).toMatchObject({ trade_state: "NOTPAY" });
    expect(await client.queryTransaction(SUB, "no-such-order")).toBeNull();
    await client.close(SUB, "261202000001");
    expect((await client.queryTransaction(SUB, "261202000001"))?.trade_state).toBe("CLOSED");
  });

  it("verifies a notification signed with the public key, and refuses the other mode's key for it", async () => {
    await client.jsapiPrepay({
      subMchid: SUB,
      subAppid: APPID,
      openid: "o-1",
      outTradeNo: "261202000002",
      description: "龙井",
      total: 100,
      timeExpire: new Date(Date.now() + 15 * 60_000),
    });
    const n = await fake.pay("261202000002", { send: false });
    const header = (h: Record<string, string>) => (name: string) =>
      Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];
    const ok = client.verifyNotification(header(n.headers), n.body);
    expect(ok).toMatchObject({ ok: true, resource: { out_trade_no: "261202000002", trade_state: "SUCCESS" } });
    // The certificate's serial with this key's signature: refused.
    const crossed = {
      ...n.headers,
      "Wechatpay-Serial": certFake.platformSerial,
      "wechatpay-serial": certFake.platformSerial,
    };
    expect(client.verifyNotification(header(crossed), n.body)).toEqual({ ok: false, reason: "signature" });
  });

  it("turns 500s and timeouts into retryable errors", async () => {
    fake.failNext(1, "500");
    const err = await client.queryTransaction(SUB, "261202000001").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatPayError);
    expect(err).toMatchObject({ retryable: true, code: "SYSTEM_ERROR" });
    fake.failNext(1, "timeout");
    const slow = await client.queryTransaction(SUB, "261202000001").catch((e: unknown) => e);
    expect(slow).toMatchObject({ retryable: true, code: "TIMEOUT" });
  });

  it("refuses an answer signed by a key it does not know", async () => {
    // The same server, but this client only trusts the other fake's certificate.
    const env = envFor(fake, { WECHATPAY_PLATFORM_CERTS: certFake.platformCertPem ?? "" });
    const cfg = wechatPayConfig(env);
    if (!cfg) throw new Error("not configured");
    const distrustful = createWechatPayClient(cfg);
    const err = await distrustful.queryTransaction(SUB, "261202000001").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "UNVERIFIED", retryable: true });
  });

  it("says what is missing when the settings are partial", () => {
    expect(() => wechatPayConfig(loadEnv({ WECHATPAY_SP_MCHID: "1900000001" }, {}))).toThrow(/WECHATPAY_SP_APPID/);
  });
});
