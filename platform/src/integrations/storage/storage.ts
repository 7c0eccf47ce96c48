// Where media files live: one small interface over a local folder (the default) and
// S3-compatible object storage. Keys are ours (`<tenantId>/<uuid>.<ext>`), but the public file
// route takes them from URLs, so every backend refuses anything that could leave its root.

/** A byte range asked for by a client: `bytes=start-end`, `bytes=start-` or `bytes=-suffix`. */
export type ByteRange = { start: number; end?: number } | { suffix: number };

export interface StoredObject {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** Size of the whole object. */
  size: number;
  /** The part in `body` when a range was asked for and satisfied (inclusive offsets). */
  range?: { start: number; end: number };
}

export interface ObjectInfo {
  contentType: string;
  size: number;
}

export interface Storage {
  readonly kind: "local" | "s3";
  /** Writes the whole object; a reader never sees a partial one. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object (or the asked range of it), or null when there is none. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  head(key: string): Promise<ObjectInfo | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** A key that could escape the storage root or is not one of ours. */
export class InvalidKeyError extends Error {
  override name = "InvalidKeyError";
}

/** The asked range lies outside the object; `size` goes into `Content-Range: bytes *\/size`. */
export class RangeNotSatisfiableError extends Error {
  override name = "RangeNotSatisfiableError";
  constructor(readonly size: number) {
    super(`range not satisfiable (object is ${size} bytes)`);
  }
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
export const MAX_KEY_LENGTH = 300;

/**
 * Throws unless `key` is relative, `/`-separated, and every segment is a plain name: no `..`,
 * no empty or dot segments, no backslash, NUL or other control or non-ASCII characters.
 */
export function assertSafeKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw new InvalidKeyError("storage key has a bad length");
  for (const segment of key.split("/")) {
    if (!SEGMENT.test(segment) || segment.includes("..")) {
      throw new InvalidKeyError("storage key must be plain names separated by '/'");
    }
  }
}

export function isSafeKey(key: string): boolean {
  try {
    assertSafeKey(key);
    return true;
  } catch {
    return false;
  }
}

const TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  mp4: "video/mp4",
};

/** Content type of one of our keys, from its extension (we choose the extension from the sniffed type). */
export function contentTypeOfKey(key: string): string {
  const ext = /\.([a-z0-9]+)$/.exec(key)?.[1];
  return (ext && TYPES[ext]) || "application/octet-stream";
}

/** Resolves a range against an object's size: inclusive offsets, or throws RangeNotSatisfiableError. */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } {
  if ("suffix" in range) {
    if (range.suffix <= 0 || size === 0) throw new RangeNotSatisfiableError(size);
    return { start: Math.max(0, size - range.suffix), end: size - 1 };
  }
  if (range.start >= size || (range.end !== undefined && range.end < range.start)) {
    throw new RangeNotSatisfiableError(size);
  }
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}
