// WeChat's message encryption (WXBizMsgCrypt), as used by the open platform for the pushes it sends
// to a third-party platform's "authorization event URL" (component_verify_ticket every ten minutes,
// authorized / updateauthorized / unauthorized events) and by ordinary encrypted message pushes.
//
// The algorithm, exactly as WeChat defines it:
//   key       = base64(EncodingAESKey + "=")  (43 characters → 32 bytes); IV = key[0..16)
//   plaintext = 16 random bytes ‖ uint32 big-endian byte length of msg ‖ msg (UTF-8) ‖ appid (UTF-8)
//   cipher    = AES-256-CBC, PKCS#7 padding to a block of 32 bytes (not 16), base64
//   msg_signature = sha1(sort([token, timestamp, nonce, encrypt]).join("")), hex lowercase
// The plain `signature` query parameter (URL checks) is the same over [token, timestamp, nonce].
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import { z } from "zod";

export interface MsgCryptConfig {
  /** The message verification token (消息校验Token). */
  token: string;
  /** The 43-character EncodingAESKey (消息加解密Key). */
  encodingAesKey: string;
  /** The component appid (third-party platform) or the account's appid for ordinary pushes. */
  appId: string;
}

export type MsgCryptFailure = "signature" | "decrypt" | "appid" | "format";

const MESSAGES: Record<MsgCryptFailure, string> = {
  signature: "WeChat message signature does not verify",
  decrypt: "WeChat message could not be decrypted",
  appid: "WeChat message is addressed to another appid",
  format: "WeChat message is malformed",
};

/** Any failure to verify, decrypt or parse a WeChat push. The message never carries key material or plaintext. */
export class MsgCryptError extends Error {
  readonly reason: MsgCryptFailure;
  constructor(reason: MsgCryptFailure, detail?: string) {
    super(detail ? `${MESSAGES[reason]}: ${detail}` : MESSAGES[reason]);
    this.name = "MsgCryptError";
    this.reason = reason;
  }
}

const BLOCK = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function aesKey(cfg: MsgCryptConfig): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(cfg.encodingAesKey)) {
    throw new Error("WeChat EncodingAESKey must be 43 base64 characters");
  }
  const key = Buffer.from(`${cfg.encodingAesKey}=`, "base64");
  if (key.length !== 32) throw new Error("WeChat EncodingAESKey must decode to 32 bytes");
  return key;
}

function pkcs7Pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

function pkcs7Unpad(data: Buffer): Buffer {
  const n = data.at(-1) ?? 0;
  if (n < 1 || n > BLOCK || n > data.length) throw new MsgCryptError("decrypt", "bad padding");
  for (let i = data.length - n; i < data.length; i++) {
    if (data[i] !== n) throw new MsgCryptError("decrypt", "bad padding");
  }
  return data.subarray(0, data.length - n);
}

/** sha1 over the lexicographically sorted, concatenated parts, hex lowercase (WeChat's signature). */
export function computeSignature(...parts: string[]): string {
  return createHash("sha1")
    .update([...parts].sort().join(""))
    .digest("hex");
}

function sameHex(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase(), "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks the plain `signature` query parameter WeChat sends with every push and URL check. */
export function verifyUrlSignature(
  cfg: Pick<MsgCryptConfig, "token">,
  input: { signature: string; timestamp: string; nonce: string },
): boolean {
  return sameHex(input.signature, computeSignature(cfg.token, input.timestamp, input.nonce));
}

/** Encrypts and signs a message the way WeChat does (used by the fake server and for replies). */
export function encryptMessage(
  cfg: MsgCryptConfig,
  xmlOrText: string,
  opts: { timestamp?: string; nonce?: string } = {},
): { encrypt: string; msgSignature: string; timestamp: string; nonce: string } {
  const key = aesKey(cfg);
  const msg = Buffer.from(xmlOrText, "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const plain = pkcs7Pad(Buffer.concat([randomBytes(16), len, msg, Buffer.from(cfg.appId, "utf8")]));
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  const encrypt = Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? String(randomInt(1_000_000_000, 10_000_000_000));
  return { encrypt, msgSignature: computeSignature(cfg.token, timestamp, nonce, encrypt), timestamp, nonce };
}

/**
 * Verifies msg_signature (timing-safe), then decrypts and checks the trailing appid.
 * Returns the plaintext message (for open-platform pushes, the event XML).
 */
export function decryptMessage(
  cfg: MsgCryptConfig,
  input: { msgSignature: string; timestamp: string; nonce: string; encrypt: string },
): string {
  const key = aesKey(cfg);
  const expected = computeSignature(cfg.token, input.timestamp, input.nonce, input.encrypt);
  if (!sameHex(input.msgSignature, expected)) throw new MsgCryptError("signature");

  if (!BASE64.test(input.encrypt) || input.encrypt.length % 4 !== 0) {
    throw new MsgCryptError("decrypt", "ciphertext is not base64");
  }
  const ct = Buffer.from(input.encrypt, "base64");
  if (ct.length === 0 || ct.length % 16 !== 0) throw new MsgCryptError("decrypt", "ciphertext length");
  let padded: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    padded = Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new MsgCryptError("decrypt");
  }
  const plain = pkcs7Unpad(padded);
  if (plain.length < 20) throw new MsgCryptError("decrypt", "plaintext too short");
  const msgLen = plain.readUInt32BE(16);
  if (20 + msgLen > plain.length) throw new MsgCryptError("decrypt", "bad message length");
  const appId = plain.subarray(20 + msgLen).toString("utf8");
  if (appId !== cfg.appId) throw new MsgCryptError("appid");
  return plain.subarray(20, 20 + msgLen).toString("utf8");
}

// WeChat's XML carries no attributes, DTDs or entities: values stay strings, CDATA is merged into
// the text, entity references are left alone and any DOCTYPE / ENTITY declaration is refused.
const parser = new XMLParser({
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

function parseXml(xml: string): unknown {
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new MsgCryptError("format", "DTDs are not accepted");
  try {
    return parser.parse(xml);
  } catch {
    throw new MsgCryptError("format", "not XML");
  }
}

const text = z.string().min(1);
const digits = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);
/** An optional element; present but empty counts as absent. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));
const optionalDigits = z
  .union([z.literal(""), digits])
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const pushEnvelope = z.object({
  xml: z.union([
    z.object({ AppId: text, Encrypt: text }),
    z.object({ ToUserName: text, Encrypt: text }).transform(({ ToUserName, Encrypt }) => ({
      AppId: ToUserName,
      Encrypt,
    })),
  ]),
});

/** Reads the pushed envelope `<xml><AppId|ToUserName/><Encrypt/></xml>`. */
export function parsePush(xmlBody: string): { toUserName: string; encrypt: string } {
  const parsed = pushEnvelope.safeParse(parseXml(xmlBody));
  if (!parsed.success) throw new MsgCryptError("format", "expected <xml> with AppId or ToUserName and Encrypt");
  return { toUserName: parsed.data.xml.AppId, encrypt: parsed.data.xml.Encrypt };
}

export type ComponentEvent =
  | { type: "component_verify_ticket"; appId: string; createTime: number; ticket: string }
  | {
      type: "authorized" | "updateauthorized" | "unauthorized";
      appId: string;
      createTime: number;
      authorizerAppid: string;
      authorizationCode?: string;
      authorizationCodeExpiredTime?: number;
    }
  | { type: "other"; infoType: string };

const eventHead = z.object({ xml: z.object({ InfoType: text }) });
const ticketEvent = z.object({
  xml: z.object({ AppId: text, CreateTime: digits, ComponentVerifyTicket: text }),
});
const authEvent = z.object({
  xml: z.object({
    AppId: text,
    CreateTime: digits,
    AuthorizerAppid: text,
    AuthorizationCode: optionalText,
    AuthorizationCodeExpiredTime: optionalDigits,
  }),
});

/** Reads a decrypted open-platform event (the plaintext of an authorization-event push). */
export function parseComponentEvent(xml: string): ComponentEvent {
  const doc = parseXml(xml);
  const head = eventHead.safeParse(doc);
  if (!head.success) throw new MsgCryptError("format", "expected <xml> with InfoType");
  const infoType = head.data.xml.InfoType;
  switch (infoType) {
    case "component_verify_ticket": {
      const e = ticketEvent.safeParse(doc);
      if (!e.success) throw new MsgCryptError("format", "incomplete component_verify_ticket event");
      return {
        type: "component_verify_ticket",
        appId: e.data.xml.AppId,
        createTime: e.data.xml.CreateTime,
        ticket: e.data.xml.ComponentVerifyTicket,
      };
    }
    case "authorized":
    case "updateauthorized":
    case "unauthorized": {
      const e = authEvent.safeParse(doc);
      if (!e.success) throw new MsgCryptError("format", `incomplete ${infoType} event`);
      const x = e.data.xml;
      return {
        type: infoType,
        appId: x.AppId,
        createTime: x.CreateTime,
        authorizerAppid: x.AuthorizerAppid,
        ...(x.AuthorizationCode !== undefined ? { authorizationCode: x.AuthorizationCode } : {}),
        ...(x.AuthorizationCodeExpiredTime !== undefined
          ? { authorizationCodeExpiredTime: x.AuthorizationCodeExpiredTime }
          : {}),
      };
    }
    default:
      return { type: "other", infoType };
  }
}
