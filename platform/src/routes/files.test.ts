// Public files: served with immutable caching, the right type, nosniff, ETag/304 and ranges;
// 404 for missing; 400 (or no route) for traversal in every spelling, never a byte from outside.
// The same route over S3 storage, against a local fake that verifies every signature.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeS3, startFakeS3 } from "../integrations/storage/fake-s3-server.ts";
import { jpegWithGps, mp4, uploadFile } from "../services/media/media-fixtures.ts";
import { type Harness, startHarness, type TenantFixture } from "../test/harness.ts";

const SECRET = "TOP-SECRET-CONTENT-9f2c";
let h: Harness;
let root: string;
let shop: TenantFixture;
let image: { id: string; url: string; thumb: string; bytes: number };
let video: { url: string; bytes: number };

const pathOf = (url: string) => new URL(url).pathname;

beforeAll(async () => {
  // media/ sits beside files a traversal would love to reach.
  root = await mkdtemp(path.join(tmpdir(), "mw-files-"));
  await writeFile(path.join(root, "secret.txt"), SECRET);
  h = await startHarness({ MEDIA_DIR: path.join(root, "media") });
  shop = await h.tenant();
  const owner = await h.sessionFor(shop, "owner");
  const img = await uploadFile(h.app, owner, await jpegWithGps(), { filename: "a.jpg" });
  const thumb = (img.body.variants as Record<string, { url: string }>).thumb?.url ?? "";
  image = {
    id: String(img.body.id),
    url: pathOf(String(img.body.url)),
    thumb: pathOf(thumb),
    bytes: Number(img.body.bytes),
  };
  const vid = await uploadFile(h.app, owner, mp4(), { filename: "v.mp4" });
  video = { url: pathOf(String(vid.body.url)), bytes: Number(vid.body.bytes) };
});
afterAll(async () => {
  await h?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("GET /files", () => {
  it("serves the file with its type, immutable caching, nosniff and an ETag; no session needed", async () => {
    const res = await h.app.request(image.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-length")).toBe(String(image.bytes));
    expect(res.headers.get("etag")).toMatch(/^"[\w-]{27}"$/);
    expect((await res.arrayBuffer()).byteLength).toBe(image.bytes);

    const thumb = await h.app.request(image.thumb);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect(thumb.headers.get("etag")).not.toBe(res.headers.get("etag"));
  });

  it("answers If-None-Match with 304, HEAD without a body", async () => {
    const first = await h.app.request(image.url);
    const etag = first.headers.get("etag") ?? "";
    await first.arrayBuffer();
    const again = await h.app.request(image.url, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("cache-control")).toContain("immutable");
    const head = await h.app.request(image.url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(image.bytes));
    expect(await head.text()).toBe("");
  });

  it("serves byte ranges of a video (206), and 416 past its end", async () => {
    const part = await h.app.request(video.url, { headers: { range: "bytes=0-7" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-type")).toBe("video/mp4");
    expect(part.headers.get("content-range")).toBe(`bytes 0-7/${video.bytes}`);
    expect(
      Buffer.from(await part.arrayBuffer())
        .subarray(4, 8)
        .toString(),
    ).toBe("ftyp");
    const tail = await h.app.request(video.url, { headers: { range: "bytes=-10" } });
    expect(tail.status).toBe(206);
    expect((await tail.arrayBuffer()).byteLength).toBe(10);
    const past = await h.app.request(video.url, { headers: { range: `bytes=${video.bytes + 5}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${video.bytes}`);
    const several = await h.app.request(video.url, { headers: { range: "bytes=0-1,4-5" } });
    expect(several.status).toBe(200); // not supported: the whole file
    await several.arrayBuffer();
  });

  it("answers 404 for a well-formed name that does not exist", async () => {
    const res = await h.app.request(`/files/${shop.id}/0190d7c4-9999-7000-8000-000000000000.jpg`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("never serves anything outside the media folder, however the path is spelled", async () => {
    const attempts = [
      `/files/${shop.id}/..%2f..%2fsecret.txt`,
      `/files/${shop.id}/..%2F..%2Fsecret.txt`,
      `/files/..%2f/secret.txt`,
      `/files/%2e%2e/secret.txt`,
      `/files/${shop.id}/%2e%2e%2f%2e%2e%2fsecret.txt`,
      `/files/${shop.id}/..%5c..%5csecret.txt`,
      `/files/${shop.id}/x%00.jpg`,
      `/files/${shop.id}/.%2e/.%2e/secret.txt`,
      `/files/../secret.txt`,
      `/files/${shop.id}/../../secret.txt`,
      `/files/${shop.id}/%252e%252e%252fsecret.txt`,
      `/files/${shop.id}/....%2f%2fsecret.txt`,
      `/files/..%252f..%252fsecret.txt/x`,
    ];
    for (const url of attempts) {
      const res = await h.app.request(url);
      const text = await res.text();
      expect([400, 404], url).toContain(res.status);
      expect(text, url).not.toContain(SECRET);
    }
    // The encoded-separator spellings reach the handler and are refused as bad names.
    for (const url of attempts.slice(0, 2)) expect((await h.app.request(url)).status, url).toBe(400);
    expect((await h.app.request(`/files/${shop.id}/x%00.jpg`)).status).toBe(400);
    expect((await h.app.request(`/files/${shop.id}/..%5csecret.txt`)).status).toBe(400);
  });
});

describe("GET /files over S3 storage", () => {
  let s3: FakeS3;
  let h3: Harness;

  beforeAll(async () => {
    s3 = await startFakeS3();
    h3 = await startHarness({
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    });
  });
  afterAll(async () => {
    await h3?.close();
    await s3?.close();
  });

  it("uploads, serves (with ranges) and deletes through signed S3 requests", async () => {
    const t = await h3.tenant();
    const owner = await h3.sessionFor(t, "owner");
    const up = await uploadFile(h3.app, owner, await jpegWithGps(), { filename: "s3.jpg" });
    expect(up.status).toBe(201);
    const id = String(up.body.id);
    expect([...s3.objects.keys()].sort()).toEqual(
      [`${t.id}/${id}-medium.webp`, `${t.id}/${id}-thumb.webp`, `${t.id}/${id}.jpg`].sort(),
    );
    expect(s3.objects.get(`${t.id}/${id}.jpg`)?.contentType).toBe("image/jpeg");

    const res = await h3.app.request(pathOf(String(up.body.url)));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(
      Buffer.from(await res.arrayBuffer()).equals(s3.objects.get(`${t.id}/${id}.jpg`)?.body ?? Buffer.alloc(0)),
    ).toBe(true);
    const part = await h3.app.request(pathOf(String(up.body.url)), { headers: { range: "bytes=0-2" } });
    expect(part.status).toBe(206);
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff]);
    expect((await h3.app.request(`/files/${t.id}/0190d7c4-9999-7000-8000-000000000000.jpg`)).status).toBe(404);

    const del = await h3.call("DELETE", `/merchant/v1/media/${id}`, { token: owner });
    expect(del.status).toBe(200);
    expect(s3.objects.size).toBe(0);
    expect(s3.requests.length).toBeGreaterThan(5);
    expect(s3.requests.every((r) => r.verified)).toBe(true);
  });
});
