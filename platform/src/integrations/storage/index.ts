// Entry point of media storage: a local folder by default, S3-compatible storage when S3_BUCKET is set.
import path from "node:path";
import type { Env } from "../../env.ts";
import { createLocalStorage } from "./local.ts";
import { createS3Storage } from "./s3.ts";
import type { Storage } from "./storage.ts";

export { createLocalStorage } from "./local.ts";
export { createS3Storage, type S3Options, StorageError } from "./s3.ts";
export {
  assertSafeKey,
  type ByteRange,
  contentTypeOfKey,
  InvalidKeyError,
  isSafeKey,
  type ObjectInfo,
  RangeNotSatisfiableError,
  type Storage,
  type StoredObject,
} from "./storage.ts";

/** The folder local storage uses. */
export function mediaDir(env: Env): string {
  return path.resolve(env.MEDIA_DIR ?? path.join(env.DATA_DIR, "media"));
}

export function createStorage(env: Env): Storage {
  if (!env.S3_BUCKET) return createLocalStorage(mediaDir(env));
  if (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) {
    throw new Error(
      "Invalid configuration:\n  S3_BUCKET is set: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required",
    );
  }
  return createS3Storage({
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  });
}
