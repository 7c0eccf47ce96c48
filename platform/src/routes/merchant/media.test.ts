// The media library over HTTP: uploads of every accepted type (metadata stripped, variants made),
// disguised and broken files refused with nothing written, limits and quota, listing and search,
// edits, and delete refused while used (with where) or removing every file.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MEDIA_LIMITS, PLAN_LIMITS } from "@mallwright/schema";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStorage, type Storage } from "../../integrations/storage/index.ts";
import {
  animatedGif,
  DISGUISES,
  jpegWithGps,
  mp4,
  png,
  pngDeclaring,
  uploadFile,
  webp,
} from "../../services/media/media-fixtures.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;
let dir: string;
let storage: Storage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mw-media-"));
  h = await startHarness({ MEDIA_DIR: dir });
  storage = createLocalStorage(dir);
  shop = await h.tenant();
});
afterAll(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const token = (role: "owner" | "admin" | "staff" = "owner", t = shop) => h.sessionFor(t, role);

async function filesOf(t: TenantFixture): Promise<string[]> {
  try {
    return (await readdir(path.join(dir, t.id))).sort();
  } catch {
    return [];
  }
}

const rowsOf = (t: TenantFixture) => h.admin.withAdmin((tx) => tx.media.count({ where: { tenantId: t.id } }));

/** The storage key behind a public URL. */
const keyOf = (url: unknown) => String(url).replace("http://mallwright.test/files/", "");

interface MediaBody {
  id: string;
  kind: string;
  mime: string;
  name: string;
  url: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  folder: string;
  tags: string[];
  variants: Record<string, { url: string; width: number; height: number; bytes: number }>;
}

describe("upload", () => {
  it("is described in the OpenAPI document as a multipart body with a binary file", async () => {
    const doc = await h.call("GET", "/openapi.json");
    const paths = doc.body.paths as Record<string, Record<string, { requestBody?: { content: object } }>>;
    const content = paths["/merchant/v1/media"]?.post?.requestBody?.content as Record<
      string,
      { schema: { required: string[]; properties: Record<string, { format?: string }> } }
    >;
    expect(Object.keys(content)).toEqual(["multipart/form-data"]);
    expect(content["multipart/form-data"]?.schema.required).toEqual(["file"]);
    expect(content["multipart/form-data"]?.schema.properties.file?.format).toBe("binary");
    for (const p of ["/merchant/v1/media/{id}", "/merchant/v1/media/{id}/usage", "/files/{tenantId}/{name}"]) {
      expect(Object.keys(paths)).toContain(p);
    }
  });

  it("stores a JPEG without its EXIF/GPS, under a generated name, with thumb and medium variants", async () => {
    const res = await uploadFile(h.app, await token(), await jpegWithGps(), {
      filename: "IMG_0001 海边.jpg",
      type: "image/jpeg",
      fields: { folder: "新品", tags: "夏季,海边" },
    });
    expect(res.status).toBe(201);
    const m = res.body as unknown as MediaBody;
    expect(m).toMatchObject({
      kind: "image",
      mime: "image/jpeg",
      name: "IMG_0001 海边.jpg",
      width: 800,
      height: 600,
      durationMs: null,
      folder: "新品",
      tags: ["夏季", "海边"],
    });
    expect(m.url).toBe(`http://mallwright.test/files/${shop.id}/${m.id}.jpg`);
    expect(m.variants.thumb).toMatchObject({ width: 240, height: 180 });
    expect(m.variants.thumb?.url).toBe(`http://mallwright.test/files/${shop.id}/${m.id}-thumb.webp`);
    expect(m.variants.medium).toMatchObject({ width: 750, height: 563 });

    const stored = await storage.get(keyOf(m.url));
    const bytes = Buffer.from(await new Response(stored?.body).arrayBuffer());
    expect(bytes.length).toBe(m.bytes);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from("SpyCam"))).toBe(false);
    expect(await filesOf(shop)).toEqual(
      expect.arrayContaining([`${m.id}.jpg`, `${m.id}-thumb.webp`, `${m.id}-medium.webp`]),
    );

    const got = await h.call("GET", `/merchant/v1/media/${m.id}`, { token: await token("staff") });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(m);
  });

  it("takes PNG, WebP and (animated) GIF by content, whatever name and declared type they come with", async () => {
    const cases: [Buffer, string, string][] = [
      [await png(), "logo.gif", "image/png"],
      [await webp(), "banner", "image/webp"],
      [await animatedGif(), "spin.jpg", "image/gif"],
    ];
    for (const [bytes, filename, mime] of cases) {
      const res = await uploadFile(h.app, await token("staff"), bytes, { filename, type: "text/plain" });
      expect(res.status, filename).toBe(201);
      expect(res.body.mime, filename).toBe(mime);
      expect(String(res.body.url)).toMatch(new RegExp(`\\.${mime.split("/")[1]?.replace("jpeg", "jpg")}$`));
      expect(Object.keys(res.body.variants as object).sort()).toEqual(["medium", "thumb"]);
    }
  });

  it("stores an MP4 as is, with duration and size from its header", async () => {
    const video = mp4({ durationMs: 2500, width: 640, height: 360 });
    const res = await uploadFile(h.app, await token(), video, { filename: "clip.mp4", type: "video/mp4" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "video",
      mime: "video/mp4",
      bytes: video.length,
      durationMs: 2500,
      width: 640,
      height: 360,
      variants: {},
    });
  });

  it("refuses disguised, empty and broken files with 415, writing no row and no file", async () => {
    const t = await h.tenant();
    const owner = await token("owner", t);
    const whole = await png();
    const cases: [string, Uint8Array, string, string, RegExp][] = [
      ["HTML named photo.jpg", DISGUISES.html, "photo.jpg", "image/jpeg", /HTML/],
      ["SVG with script", DISGUISES.svg, "icon.svg", "image/svg+xml", /SVG is not accepted/],
      ["SVG named .png", DISGUISES.xmlSvg, "icon.png", "image/png", /SVG/],
      ["shell script named .gif", DISGUISES.script, "a.gif", "image/gif", /script/],
      ["PHP named .jpg", DISGUISES.php, "a.jpg", "image/jpeg", /not an image|script/],
      ["QuickTime named .mp4", DISGUISES.mov, "a.mp4", "video/mp4", /QuickTime/],
      ["empty file", DISGUISES.empty, "empty.png", "image/png", /empty/],
      ["truncated PNG header", whole.subarray(0, 12), "cut.png", "image/png", /cannot be read/],
      ["truncated PNG", whole.subarray(0, whole.length - 30), "cut.png", "image/png", /cannot be read/],
      ["truncated MP4", mp4().subarray(0, 60), "cut.mp4", "video/mp4", /runs past the end/],
      ["a path as file name", await png(), "../../etc/cron.d/x.png", "image/png", /plain name/],
      ["a Windows path as file name", await png(), "..\\..\\x.png", "image/png", /plain name/],
    ];
    for (const [what, bytes, filename, type, message] of cases) {
      const res = await uploadFile(h.app, owner, bytes, { filename, type });
      expect(res.status, what).toBe(415);
      expect(res.body.error?.code, what).toBe("unsupported_media_type");
      expect(res.body.error?.message, what).toMatch(message);
    }
    expect(await rowsOf(t)).toBe(0);
    expect(await filesOf(t)).toEqual([]);
  });

  it("refuses images over the pixel limits (422) and files over the size limits (413)", async () => {
    const t = await h.tenant();
    const owner = await token("owner", t);
    const bomb = await uploadFile(h.app, owner, pngDeclaring(20_000, 20_000), { filename: "bomb.png" });
    expect(bomb.status).toBe(422);
    expect(bomb.body.error?.message).toMatch(/20000×20000 px.*at most 10000 px/);

    // The size is checked before decoding: JPEG magic followed by padding is enough.
    const big = Buffer.alloc(MEDIA_LIMITS.imageBytes + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const tooBig = await uploadFile(h.app, owner, big, { filename: "big.jpg" });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error?.message).toMatch(/at most 10 MB/);

    const huge = Buffer.alloc(MEDIA_LIMITS.videoBytes + 128 * 1024);
    const body = await uploadFile(h.app, owner, huge, { filename: "huge.mp4" });
    expect(body.status).toBe(413);
    expect(body.body.error?.code).toBe("payload_too_large");

    expect(await rowsOf(t)).toBe(0);
    expect(await filesOf(t)).toEqual([]);
  });

  it("answers non-multipart bodies with 415 and bad fields with 422", async () => {
    const owner = await token();
    const asJson = await h.call("POST", "/merchant/v1/media", { token: owner, body: { file: "x" } });
    expect(asJson.status).toBe(415);
    expect(asJson.body.error?.message).toMatch(/multipart\/form-data/);

    const form = new FormData();
    form.append("name", "no file");
    const noFile = await h.app.request("/merchant/v1/media", {
      method: "POST",
      headers: { authorization: `Bearer ${owner}` },
      body: form,
    });
    expect(noFile.status).toBe(422);
    expect(JSON.stringify(await noFile.json())).toContain("file");

    const bad = await uploadFile(h.app, owner, await png(), { fields: { folder: "a/b", extra: "x" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.details?.map((d) => d.path).sort()).toEqual(["", "folder"]);
  });

  it("refuses an upload over the plan's quota with 402, writing nothing", async () => {
    const t = await h.tenant(undefined, { plan: "free" });
    const quota = PLAN_LIMITS.free.mediaBytes ?? 0;
    await h.admin.withAdmin((tx) =>
      tx.media.create({
        data: {
          tenantId: t.id,
          kind: "video",
          mime: "video/mp4",
          name: "almost full",
          storageKey: `${t.id}/0190d7c4-2222-7000-8000-000000000001.mp4`,
          bytes: BigInt(quota - 1000),
          sha256: "0".repeat(64),
        },
      }),
    );
    const res = await uploadFile(h.app, await token("owner", t), await png(), { filename: "one-more.png" });
    expect(res.status).toBe(402);
    expect(res.body.error?.code).toBe("plan_limit");
    expect(res.body.error?.message).toMatch(/upgrade/);
    expect(await rowsOf(t)).toBe(1);
    expect(await filesOf(t)).toEqual([]);

    const list = await h.call("GET", "/merchant/v1/media", { token: await token("owner", t) });
    expect(list.body.usage).toEqual({ bytes: quota - 1000, count: 1, quotaBytes: quota });
  });
});

describe("library", () => {
  let t: TenantFixture;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await h.tenant();
    const owner = await token("owner", t);
    const uploads: [string, Buffer, Record<string, string | string[]>][] = [
      ["a", await png(50, 50), { name: "红色连衣裙 正面", folder: "服装", tags: ["夏季"] }],
      ["b", await png(60, 50), { name: "红色连衣裙 背面", folder: "服装", tags: ["夏季", "背面"] }],
      ["c", await png(70, 50), { name: "Blue Shirt", folder: "服装" }],
      ["d", mp4(), { name: "开箱视频", folder: "视频" }],
      ["e", await png(80, 50), { name: "logo" }],
    ];
    for (const [k, bytes, fields] of uploads) {
      const res = await uploadFile(h.app, owner, bytes, { fields });
      expect(res.status, k).toBe(201);
      ids[k] = String(res.body.id);
    }
  });

  const list = async (query: string) => {
    const res = await h.call("GET", `/merchant/v1/media${query}`, { token: await token("staff", t) });
    expect(res.status, query).toBe(200);
    return res.body as { items: MediaBody[]; nextCursor: string | null; usage: { bytes: number; count: number } };
  };
  const names = (page: { items: MediaBody[] }) => page.items.map((m) => m.name);

  it("lists newest first with usage totals that include the variants", async () => {
    const page = await list("");
    expect(names(page)).toEqual(["logo", "开箱视频", "Blue Shirt", "红色连衣裙 背面", "红色连衣裙 正面"]);
    const sum = page.items.reduce(
      (n, m) => n + m.bytes + Object.values(m.variants).reduce((a, v) => a + v.bytes, 0),
      0,
    );
    expect(page.usage).toMatchObject({ count: 5, bytes: sum });
    expect(page.usage.bytes).toBeGreaterThan(page.items.reduce((n, m) => n + m.bytes, 0));
  });

  it("searches names (Chinese too) and filters by kind, folder and tag", async () => {
    expect(names(await list(`?q=${encodeURIComponent("连衣裙")}`))).toEqual(["红色连衣裙 背面", "红色连衣裙 正面"]);
    expect(names(await list(`?q=${encodeURIComponent("背面")}`))).toEqual(["红色连衣裙 背面"]);
    expect(names(await list("?q=blue"))).toEqual(["Blue Shirt"]);
    expect(names(await list("?q=%25"))).toEqual([]); // LIKE wildcards are literals
    expect(names(await list("?q=_"))).toEqual([]);
    expect(names(await list("?q=%5C"))).toEqual([]);
    expect(names(await list("?kind=video"))).toEqual(["开箱视频"]);
    expect(names(await list(`?folder=${encodeURIComponent("服装")}&kind=image`))).toHaveLength(3);
    expect(names(await list("?folder="))).toEqual(["logo"]);
    expect(names(await list(`?tag=${encodeURIComponent("背面")}`))).toEqual(["红色连衣裙 背面"]);
    const bad = await h.call("GET", "/merchant/v1/media?kind=pdf", { token: await token("staff", t) });
    expect(bad.status).toBe(422);
  });

  it("pages with a cursor, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const bad = await h.call("GET", "/merchant/v1/media?cursor=nonsense", { token: await token("staff", t) });
    expect(bad.status).toBe(422);
  });

  it("renames, moves and tags; rejects bad edits", async () => {
    const id = ids.e;
    const res = await h.call("PATCH", `/merchant/v1/media/${id}`, {
      token: await token("staff", t),
      body: { name: " 店铺标志 ", folder: "品牌", tags: ["标志", "标志", "品牌"] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "店铺标志", folder: "品牌", tags: ["标志", "品牌"] });
    const bad = await h.call("PATCH", `/merchant/v1/media/${id}`, {
      token: await token("staff", t),
      body: { folder: "../up", url: "x" },
    });
    expect(bad.status).toBe(422);
    const other = await h.call("PATCH", `/merchant/v1/media/${id}`, { token: await token(), body: { name: "mine" } });
    expect(other.status).toBe(404);
  });
});

describe("delete", () => {
  it("is refused while used, listing every use; then deletes the row and every file", async () => {
    const t = await h.tenant();
    const owner = await token("owner", t);
    const up = await uploadFile(h.app, owner, await png(), { filename: "主图.png" });
    expect(up.status).toBe(201);
    const m = up.body as unknown as MediaBody;
    const keys = [keyOf(m.url), ...Object.values(m.variants).map((v) => keyOf(v.url))];
    for (const k of keys) expect(await storage.exists(k)).toBe(true);

    const refs = await h.admin.withAdmin(async (tx) => {
      const product = await tx.product.create({ data: { tenantId: t.id, title: "夏季连衣裙" } });
      await tx.productImage.create({ data: { tenantId: t.id, productId: product.id, mediaId: m.id, position: 0 } });
      const sku = await tx.sku.create({
        data: {
          tenantId: t.id,
          productId: product.id,
          specValues: ["红", "M"],
          specKey: "红|M",
          price: 9900,
          imageMediaId: m.id,
        },
      });
      const category = await tx.category.create({ data: { tenantId: t.id, name: "连衣裙", iconMediaId: m.id } });
      return { product: product.id, sku: sku.id, category: category.id };
    });

    const refused = await h.call("DELETE", `/merchant/v1/media/${m.id}`, { token: owner });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe("media_in_use");
    expect(refused.body.error?.message).toMatch(/used in 3 places/);
    expect(refused.body.error?.details).toEqual([
      { path: `product:${refs.product}`, message: "夏季连衣裙" },
      { path: `sku:${refs.sku}`, message: "夏季连衣裙 / 红 / M" },
      { path: `category:${refs.category}`, message: "连衣裙" },
    ]);
    const usage = await h.call("GET", `/merchant/v1/media/${m.id}/usage`, { token: await token("staff", t) });
    expect(usage.status).toBe(200);
    expect(usage.body).toEqual({
      usedBy: [
        { kind: "product", id: refs.product, label: "夏季连衣裙" },
        { kind: "sku", id: refs.sku, label: "夏季连衣裙 / 红 / M" },
        { kind: "category", id: refs.category, label: "连衣裙" },
      ],
    });
    for (const k of keys) expect(await storage.exists(k)).toBe(true);

    await h.admin.withAdmin(async (tx) => {
      await tx.productImage.deleteMany({ where: { mediaId: m.id } });
      await tx.sku.update({ where: { id: refs.sku }, data: { imageMediaId: null } });
      await tx.category.update({ where: { id: refs.category }, data: { iconMediaId: null } });
    });
    expect((await h.call("GET", `/merchant/v1/media/${m.id}/usage`, { token: owner })).body).toEqual({ usedBy: [] });
    const ok = await h.call("DELETE", `/merchant/v1/media/${m.id}`, { token: await token("staff", t) });
    expect(ok.status).toBe(200);
    for (const k of keys) expect(await storage.exists(k)).toBe(false);
    expect(await filesOf(t)).toEqual([]);
    expect((await h.call("GET", `/merchant/v1/media/${m.id}`, { token: owner })).status).toBe(404);
    expect((await h.call("DELETE", `/merchant/v1/media/${m.id}`, { token: owner })).status).toBe(404);
    expect((await h.app.request(`/files/${keyOf(m.url)}`)).status).toBe(404);
  });

  it("names a product video too", async () => {
    const t = await h.tenant();
    const owner = await token("owner", t);
    const up = await uploadFile(h.app, owner, mp4(), { filename: "v.mp4" });
    const product = await h.admin.withAdmin((tx) =>
      tx.product.create({ data: { tenantId: t.id, title: "带视频的商品", videoMediaId: String(up.body.id) } }),
    );
    const refused = await h.call("DELETE", `/merchant/v1/media/${up.body.id}`, { token: owner });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.details).toEqual([{ path: `product:${product.id}`, message: "带视频的商品 (video)" }]);
  });
});
