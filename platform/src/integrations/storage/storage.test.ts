// The storage contract, run against the local folder and against S3 (a local fake that verifies
// SigV4 with a key made for this run); plus the local backend's refusal to leave its folder.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../env.ts";
import { type FakeS3, startFakeS3 } from "./fake-s3-server.ts";
import {
  createLocalStorage,
  createS3Storage,
  createStorage,
  InvalidKeyError,
  RangeNotSatisfiableError,
  type Storage,
} from "./index.ts";

let dir: string;
let s3: FakeS3;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mw-storage-"));
  s3 = await startFakeS3();
});
afterAll(async () => {
  await s3?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const text = async (s: ReadableStream<Uint8Array>) => Buffer.from(await new Response(s).arrayBuffer()).toString();
const tenant = "0190d7c4-0000-7000-8000-00000000000a";

const backends: [string, () => Storage][] = [
  ["local", () => createLocalStorage(path.join(dir, "media"))],
  [
    "s3",
    () =>
      createS3Storage({
        endpoint: s3.endpoint,
        bucket: s3.bucket,
        region: s3.region,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        forcePathStyle: true,
      }),
  ],
];

describe.each(backends)("%s storage", (_name, make) => {
  it("puts, heads, gets (whole and ranges) and deletes", async () => {
    const storage = make();
    const key = `${tenant}/0190d7c4-1111-7000-8000-000000000001.png`;
    expect(await storage.get(key)).toBeNull();
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, new TextEncoder().encode("0123456789"), "image/png");
    expect(await storage.exists(key)).toBe(true);
    expect(await storage.head(key)).toEqual({ contentType: "image/png", size: 10 });

    const whole = await storage.get(key);
    expect(whole).toMatchObject({ contentType: "image/png", size: 10 });
    expect(whole?.range).toBeUndefined();
    expect(await text(whole?.body ?? new ReadableStream())).toBe("0123456789");

    const mid = await storage.get(key, { start: 2, end: 4 });
    expect(mid).toMatchObject({ size: 10, range: { start: 2, end: 4 } });
    expect(await text(mid?.body ?? new ReadableStream())).toBe("234");
    const tail = await storage.get(key, { suffix: 3 });
    expect(tail?.range).toEqual({ start: 7, end: 9 });
    expect(await text(tail?.body ?? new ReadableStream())).toBe("789");
    const open = await storage.get(key, { start: 8 });
    expect(await text(open?.body ?? new ReadableStream())).toBe("89");
    await expect(storage.get(key, { start: 10 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);

    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await storage.delete(key); // idempotent
  });

  it("refuses keys that could leave its root, before any I/O", async () => {
    const storage = make();
    const before = s3.requests.length;
    for (const key of [
      "../x.png",
      `${tenant}/../../etc/passwd`,
      "/etc/passwd",
      "a\\b.png",
      "a/./b.png",
      "a//b.png",
      "a/\u0000.png",
      "..",
      ".hidden",
      "a/b..png/..",
      "",
      `${"a".repeat(301)}`,
    ]) {
      await expect(storage.put(key, new Uint8Array([1]), "image/png"), key).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.get(key), key).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.delete(key), key).rejects.toBeInstanceOf(InvalidKeyError);
    }
    expect(s3.requests.length).toBe(before);
  });
});

describe("local storage", () => {
  it("writes atomically under its folder and serves nothing outside it", async () => {
    const root = path.join(dir, "atomic");
    const storage = createLocalStorage(root);
    await writeFile(path.join(dir, "secret.txt"), "secret");
    await storage.put(`${tenant}/a.jpg`, new Uint8Array([1, 2, 3]), "image/jpeg");
    expect(await readdir(path.join(root, tenant))).toEqual(["a.jpg"]); // no leftover temp file
    expect(await readFile(path.join(root, tenant, "a.jpg"))).toEqual(Buffer.from([1, 2, 3]));
    expect((await storage.head(`${tenant}/a.jpg`))?.contentType).toBe("image/jpeg");
    await expect(storage.get("../secret.txt")).rejects.toBeInstanceOf(InvalidKeyError);
    expect(await storage.get(tenant)).toBeNull(); // a folder is not an object
  });

  it("createStorage picks local by default and S3 when configured", async () => {
    const local = createStorage(loadEnv({ MEDIA_DIR: path.join(dir, "m") }, {}));
    expect(local.kind).toBe("local");
    const remote = createStorage(
      loadEnv({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s", S3_ENDPOINT: s3.endpoint }, {}),
    );
    expect(remote.kind).toBe("s3");
    expect(() => createStorage(loadEnv({ S3_BUCKET: "b" }, {}))).toThrow(/S3_ACCESS_KEY_ID/);
  });
});

describe("s3 storage", () => {
  it("signs every request (SigV4, payload hash included) and stores type and cache headers", async () => {
    const storage = backends[1]?.[1]();
    const key = `${tenant}/signed.webp`;
    const from = s3.requests.length;
    await storage?.put(key, new Uint8Array([9, 9, 9]), "image/webp");
    const put = s3.requests[from];
    expect(put).toMatchObject({ method: "PUT", path: `/${s3.bucket}/${key}`, verified: true });
    expect(s3.objects.get(key)).toMatchObject({
      contentType: "image/webp",
      cacheControl: "public, max-age=31536000, immutable",
    });
    expect(s3.requests.slice(from).every((r) => r.verified)).toBe(true);
  });

  it("fails loudly with a wrong secret: the fake refuses the signature", async () => {
    const wrong = createS3Storage({
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      region: s3.region,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: "not-the-secret",
      forcePathStyle: true,
    });
    await expect(wrong.put(`${tenant}/x.png`, new Uint8Array([1]), "image/png")).rejects.toThrow(
      /HTTP 403 SignatureDoesNotMatch/,
    );
    expect(s3.requests.at(-1)).toMatchObject({ verified: false, reason: "signature mismatch" });
    expect(s3.objects.has(`${tenant}/x.png`)).toBe(false);
  });
});
