// The fake WeChat open platform, exercised with plain fetch: ticket pushes (decrypted with the
// product's WXBizMsgCrypt), the component / authorizer tokens, code2session, phone numbers, the
// shipping upload, and the injected failures.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  decryptMessage,
  MsgCryptError,
  parseComponentEvent,
  parsePush,
  verifyUrlSignature,
} from "../../integrations/wechat/msg-crypt.ts";
import { type FakeWechatOpen, type FakeWechatPushDelivery, startFakeWechatOpen } from "./wechat-open-server.ts";

const json = z.record(z.string(), z.unknown());
const mini = "wx1111222233334444";

let wx: FakeWechatOpen;
let delivered: FakeWechatPushDelivery[];
let offset: number; // the fake's clock is Date.now() + offset

beforeEach(async () => {
  delivered = [];
  offset = 0;
  wx = await startFakeWechatOpen({
    now: () => Date.now() + offset,
    deliver: async (d) => {
      delivered.push(d);
      return { status: 200, body: "success" };
    },
  });
});
afterEach(async () => {
  await wx?.close();
});

async function call(
  method: "GET" | "POST",
  path: string,
  query: Record<string, string>,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const url = new URL(path, wx.baseUrl);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method,
    ...(body !== undefined
      ? {
          headers: { "content-type": "application/json" },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }
      : {}),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  return json.parse(await res.json());
}

const str = (v: unknown) => z.string().parse(v);

async function componentToken(): Promise<string> {
  const { ticket } = await wx.pushTicket("http://platform.test/wechat/component/events");
  const r = await call(
    "POST",
    "/cgi-bin/component/api_component_token",
    {},
    {
      component_appid: wx.component.appId,
      component_appsecret: wx.component.appSecret,
      component_verify_ticket: ticket,
    },
  );
  return str(r.component_access_token);
}

async function authorizerToken(appid = mini): Promise<string> {
  const { refreshToken } = wx.authorize(appid);
  const r = await call(
    "POST",
    "/cgi-bin/component/api_authorizer_token",
    { component_access_token: await componentToken() },
    { component_appid: wx.component.appId, authorizer_appid: appid, authorizer_refresh_token: refreshToken },
  );
  return str(r.authorizer_access_token);
}

const cfg = () => ({
  token: wx.component.token,
  encodingAesKey: wx.component.encodingAesKey,
  appId: wx.component.appId,
});

describe("credentials", () => {
  it("are made fresh per start in WeChat's shapes", async () => {
    expect(wx.component.appId).toMatch(/^wx[0-9a-f]{16}$/);
    expect(wx.component.appSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(wx.component.encodingAesKey).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(wx.component.token.length).toBeGreaterThanOrEqual(3);
    const other = await startFakeWechatOpen();
    try {
      expect(other.component.appId).not.toBe(wx.component.appId);
      expect(other.component.encodingAesKey).not.toBe(wx.component.encodingAesKey);
    } finally {
      await other.close();
    }
  });
});

describe("pushes to the authorization event URL", () => {
  it("pushes an encrypted component_verify_ticket that decrypts with WXBizMsgCrypt", async () => {
    const pushed = await wx.pushTicket("http://platform.test/wechat/component/events?tenant=x");
    expect(pushed).toMatchObject({ status: 200, body: "success" });
    expect(pushed.ticket).toMatch(/^ticket@@@/);
    expect(wx.latestTicket).toBe(pushed.ticket);
    const d = delivered[0];
    if (!d) throw new Error("nothing delivered");
    const url = new URL(d.url);
    expect(url.pathname).toBe("/wechat/component/events");
    expect(url.searchParams.get("tenant")).toBe("x");
    expect(url.searchParams.get("encrypt_type")).toBe("aes");
    for (const k of ["signature", "timestamp", "nonce", "msg_signature"]) {
      expect(url.searchParams.get(k)).toBe(d.query[k]);
    }
    const { signature = "", timestamp = "", nonce = "", msg_signature = "" } = d.query;
    expect(verifyUrlSignature(cfg(), { signature, timestamp, nonce })).toBe(true);
    expect(d.body).toMatch(
      /^<xml><AppId><!\[CDATA\[wx[0-9a-f]{16}\]\]><\/AppId><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><\/xml>$/,
    );
    const envelope = parsePush(d.body);
    expect(envelope.toUserName).toBe(wx.component.appId);
    const xml = decryptMessage(cfg(), { msgSignature: msg_signature, timestamp, nonce, encrypt: envelope.encrypt });
    const event = parseComponentEvent(xml);
    expect(event).toEqual({
      type: "component_verify_ticket",
      appId: wx.component.appId,
      createTime: Number(timestamp),
      ticket: pushed.ticket,
    });
  });

  it("POSTs with fetch when no deliver is given", async () => {
    const received: { url: string; type: string; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        received.push({ url: req.url ?? "", type: String(req.headers["content-type"]), body });
        res.end("success");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const plain = await startFakeWechatOpen();
    try {
      const { port } = receiver.address() as AddressInfo;
      const r = await plain.pushTicket(`http://127.0.0.1:${port}/events`);
      expect(r).toMatchObject({ status: 200, body: "success" });
      expect(received).toHaveLength(1);
      expect(received[0]?.type).toContain("xml");
      const q = new URL(received[0]?.url ?? "", "http://x").searchParams;
      const xml = decryptMessage(
        { token: plain.component.token, encodingAesKey: plain.component.encodingAesKey, appId: plain.component.appId },
        {
          msgSignature: q.get("msg_signature") ?? "",
          timestamp: q.get("timestamp") ?? "",
          nonce: q.get("nonce") ?? "",
          encrypt: parsePush(received[0]?.body ?? "").encrypt,
        },
      );
      expect(xml).toContain(r.ticket);
    } finally {
      await plain.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it("pushRaw encrypts any event, and can spoil the signature or the ciphertext", async () => {
    const xml = `<xml><AppId><![CDATA[${wx.component.appId}]]></AppId><CreateTime>1413192760</CreateTime><InfoType><![CDATA[unauthorized]]></InfoType><AuthorizerAppid><![CDATA[${mini}]]></AuthorizerAppid></xml>`;
    const read = (i: number) => {
      const d = delivered[i];
      if (!d) throw new Error("nothing delivered");
      const q = d.query;
      return () =>
        decryptMessage(cfg(), {
          msgSignature: q.msg_signature ?? "",
          timestamp: q.timestamp ?? "",
          nonce: q.nonce ?? "",
          encrypt: parsePush(d.body).encrypt,
        });
    };
    await wx.pushRaw("http://platform.test/e", { xml });
    expect(parseComponentEvent(read(0)())).toMatchObject({ type: "unauthorized", authorizerAppid: mini });
    const reason = (fn: () => unknown) => {
      try {
        fn();
        return "none";
      } catch (e) {
        return e instanceof MsgCryptError ? e.reason : "other";
      }
    };
    await wx.pushRaw("http://platform.test/e", { xml, tamper: "signature" });
    expect(reason(read(1))).toBe("signature");
    await wx.pushRaw("http://platform.test/e", { xml, tamper: "ciphertext" });
    expect(reason(read(2))).toBe("decrypt");
  });
});

describe("POST /cgi-bin/component/api_component_token", () => {
  const path = "/cgi-bin/component/api_component_token";

  it("issues a component_access_token for the latest ticket only", async () => {
    const first = await wx.pushTicket("http://platform.test/e");
    const body = (ticket: string) => ({
      component_appid: wx.component.appId,
      component_appsecret: wx.component.appSecret,
      component_verify_ticket: ticket,
    });
    const ok = await call("POST", path, {}, body(first.ticket));
    expect(ok.expires_in).toBe(7200);
    expect(str(ok.component_access_token).length).toBeGreaterThan(20);
    const second = await wx.pushTicket("http://platform.test/e");
    expect(await call("POST", path, {}, body(first.ticket))).toEqual({
      errcode: 61006,
      errmsg: "component ticket is expired",
    });
    expect((await call("POST", path, {}, body(second.ticket))).component_access_token).toBeTypeOf("string");
    expect(wx.requests.at(-1)).toMatchObject({ method: "POST", path, body: body(second.ticket) });
  });

  it("refuses before any ticket, a wrong appid, a missing or wrong secret, and bad JSON", async () => {
    const base = { component_appid: wx.component.appId, component_appsecret: wx.component.appSecret };
    expect(await call("POST", path, {}, { ...base, component_verify_ticket: "ticket@@@guess" })).toMatchObject({
      errcode: 61006,
    });
    const { ticket } = await wx.pushTicket("http://platform.test/e");
    const good = { ...base, component_verify_ticket: ticket };
    expect(await call("POST", path, {}, { ...good, component_appid: "wx0000000000000000" })).toEqual({
      errcode: 40013,
      errmsg: "invalid appid",
    });
    expect(await call("POST", path, {}, { ...good, component_appsecret: "" })).toMatchObject({ errcode: 41004 });
    expect(await call("POST", path, {}, { ...good, component_appsecret: "0".repeat(32) })).toMatchObject({
      errcode: 40125,
    });
    expect(await call("POST", path, {}, "{not json")).toMatchObject({ errcode: 47001 });
    expect(await call("POST", path, {}, { component_verify_ticket: ticket })).toMatchObject({ errcode: 47001 });
    expect(await call("GET", path, {})).toMatchObject({ errcode: 43002 });
  });
});

describe("POST /cgi-bin/component/api_authorizer_token", () => {
  const path = "/cgi-bin/component/api_authorizer_token";

  it("issues an authorizer_access_token and returns the same refresh token", async () => {
    const { refreshToken } = wx.authorize(mini);
    expect(refreshToken).toMatch(/^refreshtoken@@@/);
    const r = await call(
      "POST",
      path,
      { component_access_token: await componentToken() },
      { component_appid: wx.component.appId, authorizer_appid: mini, authorizer_refresh_token: refreshToken },
    );
    expect(r.expires_in).toBe(7200);
    expect(r.authorizer_refresh_token).toBe(refreshToken);
    expect(str(r.authorizer_access_token).length).toBeGreaterThan(20);
  });

  it("refuses a missing, unknown or expired component token, and an unknown refresh token", async () => {
    const { refreshToken } = wx.authorize(mini);
    const body = {
      component_appid: wx.component.appId,
      authorizer_appid: mini,
      authorizer_refresh_token: refreshToken,
    };
    expect(await call("POST", path, {}, body)).toMatchObject({ errcode: 41001 });
    expect(await call("POST", path, { component_access_token: "nope" }, body)).toMatchObject({ errcode: 40001 });
    const token = await componentToken();
    expect(
      await call("POST", path, { component_access_token: token }, { ...body, authorizer_refresh_token: "x" }),
    ).toEqual({ errcode: 61023, errmsg: "refresh_token is invalid" });
    // The refresh token names another mini-program.
    expect(
      await call("POST", path, { component_access_token: token }, { ...body, authorizer_appid: "wx9999999999999999" }),
    ).toMatchObject({ errcode: 61023 });
    // Re-authorizing replaces the refresh token; deauthorizing withdraws it.
    const again = wx.authorize(mini).refreshToken;
    expect(await call("POST", path, { component_access_token: token }, body)).toMatchObject({ errcode: 61023 });
    const ok = { ...body, authorizer_refresh_token: again };
    expect((await call("POST", path, { component_access_token: token }, ok)).authorizer_refresh_token).toBe(again);
    wx.deauthorize(mini);
    expect(await call("POST", path, { component_access_token: token }, ok)).toMatchObject({ errcode: 61023 });
    wx.authorize(mini);
    wx.expireTokens();
    expect(await call("POST", path, { component_access_token: token }, body)).toEqual({
      errcode: 42001,
      errmsg: "access_token expired",
    });
  });

  it("tokens lapse after 7200 seconds", async () => {
    const token = await componentToken();
    const { refreshToken } = wx.authorize(mini);
    const body = {
      component_appid: wx.component.appId,
      authorizer_appid: mini,
      authorizer_refresh_token: refreshToken,
    };
    offset = 7199_000;
    expect((await call("POST", path, { component_access_token: token }, body)).authorizer_access_token).toBeDefined();
    offset = 7200_000;
    expect(await call("POST", path, { component_access_token: token }, body)).toMatchObject({ errcode: 42001 });
  });
});

describe("GET /sns/component/jscode2session", () => {
  const path = "/sns/component/jscode2session";
  const q = (token: string, code: string, appid = mini) => ({
    appid,
    js_code: code,
    grant_type: "authorization_code",
    component_appid: wx.component.appId,
    component_access_token: token,
  });

  it("exchanges a wx.login code once for openid, session_key and unionid", async () => {
    wx.authorize(mini);
    const token = await componentToken();
    const code = wx.issueLoginCode(mini, { openid: "o-shopper-1", unionid: "u-shopper-1" });
    const r = await call("GET", path, q(token, code));
    expect(r).toMatchObject({ openid: "o-shopper-1", unionid: "u-shopper-1" });
    expect(Buffer.from(str(r.session_key), "base64")).toHaveLength(16);
    expect(await call("GET", path, q(token, code))).toEqual({ errcode: 40029, errmsg: "invalid code" });
    const noUnion = await call("GET", path, q(token, wx.issueLoginCode(mini, { openid: "o-2" })));
    expect(noUnion.openid).toBe("o-2");
    expect("unionid" in noUnion).toBe(false);
  });

  it("refuses unknown, expired and other apps' codes, bad tokens and unauthorized apps", async () => {
    wx.authorize(mini);
    wx.authorize("wx5555666677778888");
    const token = await componentToken();
    expect(await call("GET", path, q(token, "guess"))).toMatchObject({ errcode: 40029 });
    const other = wx.issueLoginCode("wx5555666677778888", { openid: "o" });
    expect(await call("GET", path, q(token, other))).toMatchObject({ errcode: 40029 });
    expect((await call("GET", path, q(token, other, "wx5555666677778888"))).openid).toBe("o");
    const late = wx.issueLoginCode(mini, { openid: "o" });
    offset = 5 * 60_000;
    expect(await call("GET", path, q(token, late))).toMatchObject({ errcode: 40029 });
    offset = 0;
    const code = wx.issueLoginCode(mini, { openid: "o" });
    expect(await call("GET", path, { ...q(token, code), grant_type: "x" })).toMatchObject({ errcode: 40002 });
    expect(await call("GET", path, { ...q(token, code), component_appid: "wx0" })).toMatchObject({ errcode: 40013 });
    expect(await call("GET", path, q("bogus", code))).toMatchObject({ errcode: 40001 });
    expect(await call("GET", path, q(token, wx.issueLoginCode("wxaaaa", { openid: "o" }), "wxaaaa"))).toMatchObject({
      errcode: 61003,
    });
    wx.expireTokens();
    expect(await call("GET", path, q(token, code))).toEqual({ errcode: 42001, errmsg: "access_token expired" });
    // The failed attempts did not spend the code.
    expect((await call("GET", path, q(await componentToken(), code))).openid).toBe("o");
  });
});

describe("POST /wxa/business/getuserphonenumber", () => {
  const path = "/wxa/business/getuserphonenumber";

  it("answers the phone number for a one-time code", async () => {
    const token = await authorizerToken();
    const code = wx.issuePhoneCode(mini, "13800138000");
    const r = await call("POST", path, { access_token: token }, { code });
    expect(r).toEqual({
      errcode: 0,
      errmsg: "ok",
      phone_info: {
        phoneNumber: "13800138000",
        purePhoneNumber: "13800138000",
        countryCode: "86",
        watermark: { timestamp: expect.any(Number), appid: mini },
      },
    });
    expect(await call("POST", path, { access_token: token }, { code })).toEqual({
      errcode: 40029,
      errmsg: "invalid code",
    });
  });

  it("needs a live authorizer token of the code's app", async () => {
    const token = await authorizerToken();
    const otherToken = await authorizerToken("wx5555666677778888");
    const code = wx.issuePhoneCode(mini, "13800138000");
    expect(await call("POST", path, { access_token: otherToken }, { code })).toMatchObject({ errcode: 40029 });
    expect(await call("POST", path, { access_token: await componentToken() }, { code })).toMatchObject({
      errcode: 40001,
    });
    expect(await call("POST", path, {}, { code })).toMatchObject({ errcode: 41001 });
    expect(await call("POST", path, { access_token: token }, { code: "guess" })).toMatchObject({ errcode: 40029 });
    expect(await call("POST", path, { access_token: token }, {})).toMatchObject({ errcode: 47001 });
    wx.expireTokens();
    expect(await call("POST", path, { access_token: token }, { code })).toMatchObject({ errcode: 42001 });
    const fresh = await authorizerToken();
    expect((await call("POST", path, { access_token: fresh }, { code })).errcode).toBe(0);
    wx.deauthorize(mini);
    const code2 = wx.issuePhoneCode(mini, "13800138000");
    expect(await call("POST", path, { access_token: fresh }, { code: code2 })).toMatchObject({ errcode: 40001 });
  });
});

describe("POST /wxa/sec/order/upload_shipping_info", () => {
  const path = "/wxa/sec/order/upload_shipping_info";
  const express = {
    order_key: { order_number_type: 2, transaction_id: "4200001234202401011234567890" },
    logistics_type: 1,
    delivery_mode: 1,
    shipping_list: [{ tracking_no: "YT1234567890", express_company: "YTO", item_desc: "手冲咖啡豆 x2" }],
    upload_time: "2024-01-01T12:00:00.000+08:00",
    payer: { openid: "o-shopper-1" },
  };

  it("accepts an express shipment and a self pickup, and records them", async () => {
    const token = await authorizerToken();
    expect(await call("POST", path, { access_token: token }, express)).toEqual({ errcode: 0, errmsg: "ok" });
    const pickup = {
      order_key: { order_number_type: 1, mchid: "1900000109", out_trade_no: "MW20240101-0001" },
      logistics_type: 4,
      delivery_mode: 1,
      shipping_list: [{ item_desc: "门店自提：帆布袋" }],
      upload_time: "2024-01-01T04:00:00Z",
      payer: { openid: "o-shopper-2" },
    };
    expect(await call("POST", path, { access_token: token }, pickup)).toEqual({ errcode: 0, errmsg: "ok" });
    const sf = {
      ...express,
      shipping_list: [
        { tracking_no: "SF1", express_company: "SF", item_desc: "x", contact: { receiver_contact: "189****1234" } },
      ],
    };
    expect((await call("POST", path, { access_token: token }, sf)).errcode).toBe(0);
    expect(wx.shippingUploads).toEqual([
      { appid: mini, body: express },
      { appid: mini, body: pickup },
      { appid: mini, body: sf },
    ]);
  });

  it("refuses invalid uploads with a clear errmsg, and records none", async () => {
    const token = await authorizerToken();
    const cases: [unknown, number, RegExp][] = [
      [{ ...express, order_key: { order_number_type: 2 } }, 10060001, /transaction_id/],
      [{ ...express, order_key: { order_number_type: 1, mchid: "1900000109" } }, 10060001, /out_trade_no/],
      [{ ...express, order_key: { order_number_type: 3, transaction_id: "t" } }, 47001, /order_number_type/],
      [{ ...express, shipping_list: [{ item_desc: "x" }] }, 47001, /tracking_no and express_company/],
      [{ ...express, shipping_list: [{ tracking_no: "1", express_company: "YTO" }] }, 47001, /item_desc/],
      [
        { ...express, shipping_list: [{ tracking_no: "1", express_company: "YTO", item_desc: "" }] },
        47001,
        /item_desc/,
      ],
      [
        { ...express, shipping_list: [{ tracking_no: "1", express_company: "YTO", item_desc: "长".repeat(121) }] },
        47001,
        /120/,
      ],
      [{ ...express, shipping_list: [{ tracking_no: "1", express_company: "SF", item_desc: "x" }] }, 47001, /SF/],
      [{ ...express, shipping_list: [] }, 47001, /shipping_list/],
      [{ ...express, shipping_list: [express.shipping_list[0], express.shipping_list[0]] }, 47001, /shipping_list/],
      [{ ...express, logistics_type: 7 }, 47001, /logistics_type/],
      [{ ...express, delivery_mode: 3 }, 268485224, /delivery_mode/],
      [{ ...express, delivery_mode: 2 }, 47001, /is_all_delivered/],
      [{ ...express, upload_time: "2024-01-01 12:00:00" }, 268485216, /RFC 3339/],
      [{ ...express, payer: {} }, 47001, /payer\.openid/],
      [{ ...express, payer: { openid: "" } }, 47001, /payer\.openid/],
      [{ ...express, logistics_type: "1" }, 47001, /logistics_type/],
    ];
    for (const [body, errcode, errmsg] of cases) {
      const r = await call("POST", path, { access_token: token }, body);
      expect(r.errcode, JSON.stringify(body)).toBe(errcode);
      expect(str(r.errmsg)).toMatch(errmsg);
    }
    // item_desc counts characters, not bytes: 120 Chinese characters are fine.
    const long = {
      ...express,
      shipping_list: [{ tracking_no: "1", express_company: "YTO", item_desc: "长".repeat(120) }],
    };
    expect((await call("POST", path, { access_token: token }, long)).errcode).toBe(0);
    expect(wx.shippingUploads).toHaveLength(1);
  });

  it("needs a live authorizer token", async () => {
    expect(await call("POST", path, {}, express)).toMatchObject({ errcode: 41001 });
    expect(await call("POST", path, { access_token: await componentToken() }, express)).toMatchObject({
      errcode: 40001,
    });
    const token = await authorizerToken();
    wx.expireTokens();
    expect(await call("POST", path, { access_token: token }, express)).toMatchObject({ errcode: 42001 });
    expect(wx.shippingUploads).toHaveLength(0);
  });
});

describe("failNext and the request log", () => {
  it("injects 500s, WeChat's busy errcode and timeouts, scoped by path prefix and count", async () => {
    const token = await authorizerToken();
    const path = "/wxa/business/getuserphonenumber";
    const url = `${wx.baseUrl}${path}?access_token=${token}`;
    const post = (signal?: AbortSignal) =>
      fetch(url, { method: "POST", body: JSON.stringify({ code: wx.issuePhoneCode(mini, "13800138000") }), signal });

    wx.failNext(2, "500", "/wxa/");
    // Another prefix is unaffected.
    expect((await componentToken()).length).toBeGreaterThan(0);
    expect((await post()).status).toBe(500);
    expect((await post()).status).toBe(500);
    expect(json.parse(await (await post()).json()).errcode).toBe(0);

    wx.failNext(1, "errcode");
    const busy = await post();
    expect(busy.status).toBe(200);
    expect(await busy.json()).toEqual({ errcode: -1, errmsg: "system error" });

    wx.failNext(1, "timeout", path);
    await expect(post(AbortSignal.timeout(300))).rejects.toThrow();
    expect(json.parse(await (await post()).json()).errcode).toBe(0);

    const injected = wx.requests.filter((r) => r.injected).map((r) => r.injected);
    expect(injected).toEqual(["500", "500", "errcode", "timeout"]);
    expect(wx.requests.at(-1)).toMatchObject({ method: "POST", path, query: { access_token: token } });
  });

  it("answers 404 for unknown paths", async () => {
    const res = await fetch(`${wx.baseUrl}/cgi-bin/nope`);
    expect(res.status).toBe(404);
    expect(json.parse(await res.json()).errcode).toBe(-1);
  });
});
