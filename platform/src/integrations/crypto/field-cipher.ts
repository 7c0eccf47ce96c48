// Personal data at rest (shoppers' phones, names and street addresses): AES-256-GCM per field, with
// the key id in the stored text so keys can rotate (the first key of DATA_ENCRYPTION_KEYS
// encrypts; any listed key decrypts). Stored form: `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url.
// Without DATA_ENCRYPTION_KEYS (never in production) a key is made once and kept in DATA_DIR.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "../../env.ts";
import { perEnv } from "../per-env.ts";

export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** The key id new values are encrypted with. */
  readonly currentKeyId: string;
}

interface Key {
  id: string;
  key: Buffer;
}

export function parseKeys(spec: string): Key[] {
  return spec.split(",").map((part) => {
    const [id = "", b64 = ""] = part.split(":");
    const key = Buffer.from(b64, /[-_]/.test(b64) ? "base64url" : "base64");
    if (key.length !== 32) throw new Error(`DATA_ENCRYPTION_KEYS: key ${id} is not 32 bytes`);
    return { id, key };
  });
}

export function createFieldCipher(keys: Key[]): FieldCipher {
  const current = keys[0];
  if (!current) throw new Error("no data encryption key");
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  return {
    currentKeyId: current.id,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current.key, iv);
      // The key id is bound into the tag: a value cannot be passed off under another key.
      cipher.setAAD(Buffer.from(current.id));
      const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [
        "v1",
        current.id,
        iv.toString("base64url"),
        cipher.getAuthTag().toString("base64url"),
        ct.toString("base64url"),
      ].join(".");
    },
    decrypt(stored) {
      const [v, id = "", iv = "", tag = "", ct = ""] = stored.split(".");
      const key = byId.get(id);
      if (v !== "v1" || !key) throw new Error(`cannot decrypt: unknown format or key id ${id}`);
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}

/** The cipher for `env`: its configured keys, else the development key kept in DATA_DIR. */
export const fieldCipher: (env: Env) => FieldCipher = perEnv((env) =>
  createFieldCipher(parseKeys(env.DATA_ENCRYPTION_KEYS ?? developmentKey(env))),
);

function developmentKey(env: Env): string {
  if (env.NODE_ENV === "production") throw new Error("DATA_ENCRYPTION_KEYS is required in production");
  const file = path.resolve(env.DATA_DIR, "data-key.txt");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const spec = `dev:${randomBytes(32).toString("base64url")}`;
  writeFileSync(file, `${spec}\n`, { mode: 0o600, flag: "wx" });
  return spec;
}
