// Media in S3-compatible object storage (AWS S3, MinIO, R2, COS/OSS S3 endpoints), signed with
// SigV4 by aws4fetch over the runtime's fetch. Payload hashes are signed too, not UNSIGNED-PAYLOAD.
import { createHash } from "node:crypto";
import { AwsClient } from "aws4fetch";
import {
  assertSafeKey,
  type ByteRange,
  contentTypeOfKey,
  type ObjectInfo,
  RangeNotSatisfiableError,
  type Storage,
  type StoredObject,
} from "./storage.ts";

export interface S3Options {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** e.g. `http://127.0.0.1:9000`; default `https://s3.<region>.amazonaws.com`. */
  endpoint?: string;
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<endpoint host>/<key>` (MinIO and most local servers). */
  forcePathStyle?: boolean;
  /** Per request, including retries. */
  timeoutMs?: number;
}

export class StorageError extends Error {
  override name = "StorageError";
}

function rangeHeader(range: ByteRange): string {
  if ("suffix" in range) return `bytes=-${range.suffix}`;
  return `bytes=${range.start}-${range.end ?? ""}`;
}

export function createS3Storage(opts: S3Options): Storage {
  const client = new AwsClient({
    accessKeyId: opts.accessKeyId,
    secretAccessKey: opts.secretAccessKey,
    service: "s3",
    region: opts.region,
    retries: 2,
  });
  const endpoint = new URL(opts.endpoint ?? `https://s3.${opts.region}.amazonaws.com`);
  const base = opts.forcePathStyle
    ? `${endpoint.origin}${endpoint.pathname.replace(/\/$/, "")}/${encodeURIComponent(opts.bucket)}`
    : `${endpoint.protocol}//${opts.bucket}.${endpoint.host}${endpoint.pathname.replace(/\/$/, "")}`;
  const timeoutMs = opts.timeoutMs ?? 30_000;

  function urlOf(key: string): string {
    assertSafeKey(key);
    // Safe keys contain only [A-Za-z0-9._-/]: nothing to encode.
    return `${base}/${key}`;
  }

  async function send(key: string, init: RequestInit): Promise<Response> {
    return client.fetch(urlOf(key), { ...init, signal: AbortSignal.timeout(timeoutMs) });
  }

  async function fail(res: Response, what: string): Promise<never> {
    const text = await res.text().catch(() => "");
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    throw new StorageError(`object storage ${what} failed: HTTP ${res.status}${code ? ` ${code}` : ""}`);
  }

  async function head(key: string): Promise<ObjectInfo | null> {
    const res = await send(key, { method: "HEAD" });
    if (res.status === 404) return null;
    if (!res.ok) return fail(res, "HEAD");
    return {
      contentType: res.headers.get("content-type") ?? contentTypeOfKey(key),
      size: Number(res.headers.get("content-length") ?? 0),
    };
  }

  return {
    kind: "s3",
    async put(key, bytes, contentType) {
      const res = await send(key, {
        method: "PUT",
        body: bytes,
        headers: {
          "content-type": contentType,
          "x-amz-content-sha256": createHash("sha256").update(bytes).digest("hex"),
          // Keys are never reused for other content, so caches may keep objects forever.
          "cache-control": "public, max-age=31536000, immutable",
        },
      });
      if (!res.ok) await fail(res, "PUT");
      await res.body?.cancel();
    },
    async get(key, range): Promise<StoredObject | null> {
      const res = await send(key, { method: "GET", headers: range ? { range: rangeHeader(range) } : {} });
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (res.status === 416) {
        await res.body?.cancel();
        const total = /\/(\d+)$/.exec(res.headers.get("content-range") ?? "")?.[1];
        throw new RangeNotSatisfiableError(Number(total ?? 0));
      }
      if (!res.ok || !res.body) return fail(res, "GET");
      const contentType = res.headers.get("content-type") ?? contentTypeOfKey(key);
      if (res.status === 206) {
        const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.headers.get("content-range") ?? "");
        if (!m) {
          await res.body.cancel();
          throw new StorageError("object storage answered 206 without a usable Content-Range");
        }
        return {
          body: res.body,
          contentType,
          size: Number(m[3]),
          range: { start: Number(m[1]), end: Number(m[2]) },
        };
      }
      return { body: res.body, contentType, size: Number(res.headers.get("content-length") ?? 0) };
    },
    head,
    exists: async (key) => (await head(key)) !== null,
    async delete(key) {
      const res = await send(key, { method: "DELETE" });
      if (!res.ok && res.status !== 404) await fail(res, "DELETE");
      await res.body?.cancel();
    },
  };
}
