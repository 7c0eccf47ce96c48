// WXBizMsgCrypt: round trips, WeChat's own published sample, a ciphertext built here by hand from the
// algorithm's definition, every rejection reason, and the XML envelope / event readers.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  computeSignature,
  decryptMessage,
  encryptMessage,
  type MsgCryptConfig,
  MsgCryptError,
  type MsgCryptFailure,
  parseComponentEvent,
  parsePush,
  verifyUrlSignature,
} from "./msg-crypt.ts";

const newKey = () => randomBytes(32).toString("base64").slice(0, 43);
const cfg: MsgCryptConfig = { token: "mallwrightToken", encodingAesKey: newKey(), appId: "wx0123456789abcdef" };

function failure(fn: () => unknown): MsgCryptFailure | "no error" {
  try {
    fn();
  } catch (e) {
    if (e instanceof MsgCryptError) return e.reason;
    throw e;
  }
  return "no error";
}

/** Flips a bit of the ciphertext's first byte: garbles the random prefix and the length's top byte. */
function tamper(encrypt: string): string {
  const ct = Buffer.from(encrypt, "base64");
  ct[0] = (ct[0] ?? 0) ^ 0x80;
  return ct.toString("base64");
}

describe("encryptMessage / decryptMessage", () => {
  it("round-trips Chinese text and XML", () => {
    for (const msg of [
      "",
      "你好，商城！🛍️",
      `<xml><Content><![CDATA[订单已发货 ${"长".repeat(500)}]]></Content></xml>`,
    ]) {
      const enc = encryptMessage(cfg, msg);
      expect(decryptMessage(cfg, enc)).toBe(msg);
    }
  });

  it("uses the given timestamp and nonce, signs them, and pads to a 32-byte block", () => {
    const enc = encryptMessage(cfg, "abc", { timestamp: "1413192605", nonce: "1234567890" });
    expect(enc.timestamp).toBe("1413192605");
    expect(enc.nonce).toBe("1234567890");
    const manual = createHash("sha1")
      .update([cfg.token, "1413192605", "1234567890", enc.encrypt].sort().join(""))
      .digest("hex");
    expect(enc.msgSignature).toBe(manual);
    expect(enc.msgSignature).toMatch(/^[0-9a-f]{40}$/);
    // 16 + 4 + 3 + 18 = 41 bytes → 64 with 32-byte blocks (a 16-byte block would give 48).
    expect(Buffer.from(enc.encrypt, "base64").length).toBe(64);
    for (let n = 0; n < 80; n++) {
      const len = Buffer.from(encryptMessage(cfg, "x".repeat(n)).encrypt, "base64").length;
      expect(len % 32).toBe(0);
      expect(len).toBeGreaterThan(20 + n + cfg.appId.length);
    }
  });

  it("pads with a full block of 32 when the plaintext is already a multiple of 32", () => {
    const msg = "y".repeat(64 - 20 - cfg.appId.length); // plaintext exactly 64 bytes
    const enc = encryptMessage(cfg, msg);
    const key = Buffer.from(`${cfg.encodingAesKey}=`, "base64");
    const d = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
    d.setAutoPadding(false);
    const plain = Buffer.concat([d.update(Buffer.from(enc.encrypt, "base64")), d.final()]);
    expect(plain.length).toBe(96);
    expect([...plain.subarray(64)]).toEqual(new Array(32).fill(32));
  });

  it("decrypts WeChat's published WXBizMsgCrypt sample", () => {
    // The sample request of WeChat's WXBizMsgCrypt demo (Sample.cs).
    const sample: MsgCryptConfig = {
      token: "QDG6eK",
      appId: "wx5823bf96d3bd56c7",
      encodingAesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
    };
    const body =
      "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt></xml>";
    const push = parsePush(body);
    expect(push.toUserName).toBe("wx5823bf96d3bd56c7");
    const xml = decryptMessage(sample, {
      msgSignature: "477715d11cdb4164915debcba66cb864d751f3e6",
      timestamp: "1409659813",
      nonce: "1372623149",
      encrypt: push.encrypt,
    });
    expect(xml).toContain("<Content><![CDATA[hello]]></Content>");
    expect(xml).toContain("<MsgId>4561255354251345929</MsgId>");
  });

  it("reads a ciphertext built by hand from the algorithm's definition", () => {
    const key = Buffer.from(`${cfg.encodingAesKey}=`, "base64");
    expect(key.length).toBe(32);
    const msg = Buffer.from("<xml><InfoType>测试</InfoType></xml>", "utf8");
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length, 0);
    const body = Buffer.concat([randomBytes(16), len, msg, Buffer.from(cfg.appId)]);
    const pad = 32 - (body.length % 32);
    const padded = Buffer.concat([body, Buffer.alloc(pad, pad)]);
    const c = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
    c.setAutoPadding(false);
    const encrypt = Buffer.concat([c.update(padded), c.final()]).toString("base64");
    const timestamp = "1413192605";
    const nonce = "987654321";
    const msgSignature = createHash("sha1")
      .update([cfg.token, timestamp, nonce, encrypt].sort().join(""))
      .digest("hex");
    expect(decryptMessage(cfg, { msgSignature, timestamp, nonce, encrypt })).toBe(msg.toString("utf8"));
    // And the reverse: what encryptMessage makes decrypts by hand to the same layout.
    const enc = encryptMessage(cfg, "往返");
    const d = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
    d.setAutoPadding(false);
    const plain = Buffer.concat([d.update(Buffer.from(enc.encrypt, "base64")), d.final()]);
    const n = plain.readUInt32BE(16);
    expect(plain.subarray(20, 20 + n).toString("utf8")).toBe("往返");
    const last = plain.at(-1) ?? 0;
    expect(plain.subarray(20 + n, plain.length - last).toString("utf8")).toBe(cfg.appId);
  });

  it("rejects a wrong signature", () => {
    const enc = encryptMessage(cfg, "hello");
    const bad = `${enc.msgSignature.slice(0, -1)}${enc.msgSignature.endsWith("0") ? "1" : "0"}`;
    expect(failure(() => decryptMessage(cfg, { ...enc, msgSignature: bad }))).toBe("signature");
    expect(failure(() => decryptMessage(cfg, { ...enc, msgSignature: "" }))).toBe("signature");
    expect(failure(() => decryptMessage(cfg, { ...enc, msgSignature: `${enc.msgSignature}00` }))).toBe("signature");
    expect(failure(() => decryptMessage(cfg, { ...enc, timestamp: "1" }))).toBe("signature");
    expect(failure(() => decryptMessage(cfg, { ...enc, nonce: "1" }))).toBe("signature");
    // Upper-case hex is the same signature.
    expect(decryptMessage(cfg, { ...enc, msgSignature: enc.msgSignature.toUpperCase() })).toBe("hello");
  });

  it("rejects a tampered ciphertext: as a bad signature, or, re-signed, as undecryptable", () => {
    const enc = encryptMessage(cfg, "hello");
    const encrypt = tamper(enc.encrypt);
    expect(failure(() => decryptMessage(cfg, { ...enc, encrypt }))).toBe("signature");
    const resigned = { ...enc, encrypt, msgSignature: computeSignature(cfg.token, enc.timestamp, enc.nonce, encrypt) };
    expect(failure(() => decryptMessage(cfg, resigned))).toBe("decrypt");
    // Truncated to a non-block length, or not base64 at all, once signed.
    for (const e of [enc.encrypt.slice(0, 20), "!!!not base64!!!", ""]) {
      const sig = computeSignature(cfg.token, enc.timestamp, enc.nonce, e);
      expect(failure(() => decryptMessage(cfg, { ...enc, encrypt: e, msgSignature: sig }))).toBe("decrypt");
    }
  });

  it("rejects bad padding (a pad byte over 32)", () => {
    const key = Buffer.from(`${cfg.encodingAesKey}=`, "base64");
    const block = Buffer.alloc(64, 0x21); // every byte 33: not a valid pad for 32-byte blocks
    const c = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
    c.setAutoPadding(false);
    const encrypt = Buffer.concat([c.update(block), c.final()]).toString("base64");
    const msgSignature = computeSignature(cfg.token, "1", "2", encrypt);
    expect(failure(() => decryptMessage(cfg, { msgSignature, timestamp: "1", nonce: "2", encrypt }))).toBe("decrypt");
  });

  it("rejects a message for another appid", () => {
    const enc = encryptMessage({ ...cfg, appId: "wxffffffffffffffff" }, "hello");
    expect(failure(() => decryptMessage(cfg, enc))).toBe("appid");
  });

  it("rejects a message signed with another token", () => {
    const enc = encryptMessage({ ...cfg, token: "someoneElse" }, "hello");
    expect(failure(() => decryptMessage(cfg, enc))).toBe("signature");
  });

  it("keeps key material and plaintext out of error messages", () => {
    const secret = "机密内容 secret-plaintext";
    const enc = encryptMessage({ ...cfg, appId: "wxffffffffffffffff" }, secret);
    try {
      decryptMessage(cfg, enc);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MsgCryptError);
      const text = String(e instanceof Error ? `${e.message} ${e.stack}` : e);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(cfg.encodingAesKey);
      expect(text).not.toContain(cfg.token);
      expect(text).not.toContain("wxffffffffffffffff");
    }
  });

  it("refuses an EncodingAESKey that is not 43 base64 characters", () => {
    expect(() => encryptMessage({ ...cfg, encodingAesKey: "short" }, "x")).toThrow(/43/);
    expect(() => encryptMessage({ ...cfg, encodingAesKey: `${cfg.encodingAesKey.slice(0, 42)}!` }, "x")).toThrow(/43/);
  });

  it("checks the plain URL signature over token, timestamp and nonce", () => {
    const signature = createHash("sha1").update(["1413192605", "42", cfg.token].sort().join("")).digest("hex");
    expect(computeSignature(cfg.token, "1413192605", "42")).toBe(signature);
    expect(verifyUrlSignature(cfg, { signature, timestamp: "1413192605", nonce: "42" })).toBe(true);
    expect(verifyUrlSignature(cfg, { signature, timestamp: "1413192606", nonce: "42" })).toBe(false);
    expect(verifyUrlSignature(cfg, { signature: "zz", timestamp: "1413192605", nonce: "42" })).toBe(false);
  });
});

describe("parsePush", () => {
  it("reads the component push (AppId) and the ordinary push (ToUserName)", () => {
    const enc = encryptMessage(cfg, "<xml/>");
    expect(
      parsePush(`<xml><AppId><![CDATA[${cfg.appId}]]></AppId><Encrypt><![CDATA[${enc.encrypt}]]></Encrypt></xml>`),
    ).toEqual({ toUserName: cfg.appId, encrypt: enc.encrypt });
    expect(
      parsePush(
        `<?xml version="1.0"?>\n<xml>\n  <ToUserName><![CDATA[gh_123]]></ToUserName>\n  <Encrypt><![CDATA[${enc.encrypt}]]></Encrypt>\n</xml>`,
      ),
    ).toEqual({ toUserName: "gh_123", encrypt: enc.encrypt });
  });

  it("keeps numeric-looking values as strings", () => {
    expect(parsePush("<xml><AppId>0012</AppId><Encrypt>1e5</Encrypt></xml>")).toEqual({
      toUserName: "0012",
      encrypt: "1e5",
    });
  });

  it("throws format when Encrypt or the addressee is missing, or it is not XML", () => {
    for (const body of [
      "<xml><AppId><![CDATA[wx1]]></AppId></xml>",
      "<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>",
      "<xml><AppId>wx1</AppId><Encrypt></Encrypt></xml>",
      "<xml><AppId>wx1</AppId><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>",
      "not xml",
      "",
      "{}",
    ]) {
      expect(failure(() => parsePush(body))).toBe("format");
    }
  });

  it("refuses a DOCTYPE and never expands entities", () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY boom "expanded">]><xml><AppId>&boom;</AppId><Encrypt>&boom;</Encrypt></xml>';
    expect(failure(() => parsePush(xxe))).toBe("format");
    const external = '<!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml><AppId>wx</AppId><Encrypt>a</Encrypt></xml>';
    expect(failure(() => parsePush(external))).toBe("format");
    expect(failure(() => parseComponentEvent(xxe))).toBe("format");
    // Entity references outside any DTD stay as written.
    expect(parsePush("<xml><AppId>a&amp;b</AppId><Encrypt>&lt;x&gt;</Encrypt></xml>")).toEqual({
      toUserName: "a&amp;b",
      encrypt: "&lt;x&gt;",
    });
  });
});

describe("parseComponentEvent", () => {
  it("reads component_verify_ticket", () => {
    const xml =
      "<xml><AppId><![CDATA[wx0123456789abcdef]]></AppId><CreateTime>1413192605</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@lEHjsBEi_TPDey0IZxw4Zbb7JRYLOtEf9ksvDpSwzkwog3R6xEpdaK0yIee7JOyOXM0V7cp0dpM58GKmb8FSKA]]></ComponentVerifyTicket></xml>";
    expect(parseComponentEvent(xml)).toEqual({
      type: "component_verify_ticket",
      appId: "wx0123456789abcdef",
      createTime: 1413192605,
      ticket: "ticket@@@lEHjsBEi_TPDey0IZxw4Zbb7JRYLOtEf9ksvDpSwzkwog3R6xEpdaK0yIee7JOyOXM0V7cp0dpM58GKmb8FSKA",
    });
  });

  it("reads authorized, updateauthorized and unauthorized", () => {
    const authorized =
      "<xml><AppId>wx0123456789abcdef</AppId><CreateTime>1413192760</CreateTime><InfoType>authorized</InfoType><AuthorizerAppid>wxaaaabbbbccccdddd</AuthorizerAppid><AuthorizationCode>queryauthcode@@@abc</AuthorizationCode><AuthorizationCodeExpiredTime>1413196205</AuthorizationCodeExpiredTime><PreAuthCode>preauthcode@@@xyz</PreAuthCode></xml>";
    expect(parseComponentEvent(authorized)).toEqual({
      type: "authorized",
      appId: "wx0123456789abcdef",
      createTime: 1413192760,
      authorizerAppid: "wxaaaabbbbccccdddd",
      authorizationCode: "queryauthcode@@@abc",
      authorizationCodeExpiredTime: 1413196205,
    });
    expect(parseComponentEvent(authorized.replaceAll(">authorized<", ">updateauthorized<")).type).toBe(
      "updateauthorized",
    );
    const unauthorized =
      "<xml><AppId><![CDATA[wx0123456789abcdef]]></AppId><CreateTime>1413192760</CreateTime><InfoType><![CDATA[unauthorized]]></InfoType><AuthorizerAppid><![CDATA[wxaaaabbbbccccdddd]]></AuthorizerAppid></xml>";
    expect(parseComponentEvent(unauthorized)).toEqual({
      type: "unauthorized",
      appId: "wx0123456789abcdef",
      createTime: 1413192760,
      authorizerAppid: "wxaaaabbbbccccdddd",
    });
  });

  it("passes other InfoTypes through, and reads the decrypted push end to end", () => {
    expect(
      parseComponentEvent(
        "<xml><AppId>wx1</AppId><CreateTime>1</CreateTime><InfoType>notify_third_fasteregister</InfoType></xml>",
      ),
    ).toEqual({ type: "other", infoType: "notify_third_fasteregister" });
    const event = `<xml><AppId><![CDATA[${cfg.appId}]]></AppId><CreateTime>1700000000</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@t1]]></ComponentVerifyTicket></xml>`;
    const enc = encryptMessage(cfg, event);
    const push = parsePush(
      `<xml><AppId><![CDATA[${cfg.appId}]]></AppId><Encrypt><![CDATA[${enc.encrypt}]]></Encrypt></xml>`,
    );
    expect(parseComponentEvent(decryptMessage(cfg, { ...enc, encrypt: push.encrypt }))).toMatchObject({
      type: "component_verify_ticket",
      ticket: "ticket@@@t1",
      createTime: 1700000000,
    });
  });

  it("throws format on incomplete events", () => {
    for (const xml of [
      "<xml><AppId>wx1</AppId><CreateTime>1</CreateTime></xml>",
      "<xml><AppId>wx1</AppId><CreateTime>1</CreateTime><InfoType>component_verify_ticket</InfoType></xml>",
      "<xml><AppId>wx1</AppId><CreateTime>soon</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>t</ComponentVerifyTicket></xml>",
      "<xml><AppId>wx1</AppId><CreateTime>1</CreateTime><InfoType>authorized</InfoType></xml>",
      "<xml><AppId>wx1</AppId><CreateTime>1</CreateTime><InfoType>authorized</InfoType><AuthorizerAppid>wx2</AuthorizerAppid><AuthorizationCodeExpiredTime>later</AuthorizationCodeExpiredTime></xml>",
      "<root/>",
    ]) {
      expect(failure(() => parseComponentEvent(xml))).toBe("format");
    }
  });
});
