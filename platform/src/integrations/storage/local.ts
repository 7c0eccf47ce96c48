// Media on local disk under one folder (the default). Writes go to a temporary name and are
// renamed into place, so a reader sees a whole file or none.
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import {
  assertSafeKey,
  type ByteRange,
  contentTypeOfKey,
  InvalidKeyError,
  type ObjectInfo,
  resolveRange,
  type Storage,
  type StoredObject,
} from "./storage.ts";

function isMissing(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && (err.code === "ENOENT" || err.code === "ENOTDIR");
}

export function createLocalStorage(dir: string): Storage {
  const root = path.resolve(dir);

  /** The file of a key; checked twice: the key's shape, then that the resolved path stays under root. */
  function fileOf(key: string): string {
    assertSafeKey(key);
    const full = path.resolve(root, key);
    const rel = path.relative(root, full);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel))
      throw new InvalidKeyError("key leaves the media folder");
    return full;
  }

  async function head(key: string): Promise<ObjectInfo | null> {
    try {
      const s = await stat(fileOf(key));
      return s.isFile() ? { contentType: contentTypeOfKey(key), size: s.size } : null;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  return {
    kind: "local",
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomBytes(6).toString("hex")}.part`;
      try {
        await writeFile(tmp, bytes, { flag: "wx" });
        await rename(tmp, file);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async get(key, range?: ByteRange): Promise<StoredObject | null> {
      // One handle for stat and read, so a file deleted in between is either served whole or missing.
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(fileOf(key), "r");
      } catch (err) {
        if (isMissing(err) || (typeof err === "object" && err !== null && "code" in err && err.code === "EISDIR")) {
          return null;
        }
        throw err;
      }
      try {
        const s = await handle.stat();
        if (!s.isFile()) {
          await handle.close();
          return null;
        }
        const part = range ? resolveRange(range, s.size) : undefined;
        const stream = handle.createReadStream(part ? { start: part.start, end: part.end } : {});
        return {
          body: Readable.toWeb(stream) as ReadableStream<Uint8Array>,
          contentType: contentTypeOfKey(key),
          size: s.size,
          ...(part ? { range: part } : {}),
        };
      } catch (err) {
        await handle.close();
        throw err;
      }
    },
    head,
    exists: async (key) => (await head(key)) !== null,
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
