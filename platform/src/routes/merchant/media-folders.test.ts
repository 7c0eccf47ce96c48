// The store's media folders over HTTP: every non-empty folder with its count, sorted by name,
// kept current by uploads, moves and deletes; never another store's folders; who may read them.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_EXTENSION } from "../../http/access.ts";
import { mp4, png, uploadFile } from "../../services/media/media-fixtures.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mw-media-folders-"));
  h = await startHarness({ MEDIA_DIR: dir });
});
afterAll(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const FOLDERS = "/merchant/v1/media/folders";

async function folders(t: TenantFixture, role: "owner" | "admin" | "staff" = "staff") {
  const res = await h.call("GET", FOLDERS, { token: await h.sessionFor(t, role) });
  expect(res.status, role).toBe(200);
  return res.body.items as { name: string; count: number }[];
}

/** Uploads one small file per entry, into the folder named (or none for ""). */
async function upload(t: TenantFixture, folderNames: string[]): Promise<string[]> {
  const token = await h.sessionFor(t, "owner");
  const ids: string[] = [];
  for (const [i, folder] of folderNames.entries()) {
    const bytes = i % 3 === 2 ? mp4() : await png(20 + i, 20);
    const res = await uploadFile(h.app, token, bytes, { fields: folder ? { folder } : {} });
    expect(res.status, folder).toBe(201);
    ids.push(String(res.body.id));
  }
  return ids;
}

describe("media folders", () => {
  let shop: TenantFixture;
  let other: TenantFixture;
  let ids: string[];

  beforeAll(async () => {
    shop = await h.tenant();
    other = await h.tenant();
    ids = await upload(shop, ["视频", "服装", "", "服装", "Banners", "服装", ""]);
    await upload(other, ["别家的文件夹", "服装"]);
  });

  it("lists every non-empty folder with its count, sorted by name, leaving out media in no folder", async () => {
    expect(await folders(shop)).toEqual([
      { name: "Banners", count: 1 },
      { name: "服装", count: 3 },
      { name: "视频", count: 1 },
    ]);
  });

  it("never lists another store's folders or counts its media", async () => {
    expect(await folders(other)).toEqual([
      { name: "别家的文件夹", count: 1 },
      { name: "服装", count: 1 },
    ]);
    const empty = await h.tenant();
    expect(await folders(empty, "owner")).toEqual([]);
  });

  it("follows moves, new uploads and deletes", async () => {
    const token = await h.sessionFor(shop, "staff");
    const [video, , , , banner] = ids;
    const moved = await h.call("PATCH", `/merchant/v1/media/${video}`, { token, body: { folder: "服装" } });
    expect(moved.status).toBe(200);
    const out = await h.call("PATCH", `/merchant/v1/media/${banner}`, { token, body: { folder: "" } });
    expect(out.status).toBe(200);
    await upload(shop, ["新品"]);
    expect(await folders(shop)).toEqual([
      { name: "新品", count: 1 },
      { name: "服装", count: 4 },
    ]);
    expect((await h.call("DELETE", `/merchant/v1/media/${video}`, { token })).status).toBe(200);
    expect(await folders(shop)).toEqual([
      { name: "新品", count: 1 },
      { name: "服装", count: 3 },
    ]);
    expect(await folders(other)).toHaveLength(2);
  });

  it("is read by every role of the store (catalog:read), refused without a session or as platform admin", async () => {
    const expected = await folders(shop, "staff");
    expect(await folders(shop, "admin")).toEqual(expected);
    expect(await folders(shop, "owner")).toEqual(expected);
    const anonymous = await h.call("GET", FOLDERS);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe("unauthenticated");
    const platform = await h.call("GET", FOLDERS, { token: (await h.platformAdmin()).token });
    expect(platform.status).toBe(403);
  });

  it("is not taken for an id by /media/{id}, and is in the OpenAPI document with its access", async () => {
    const doc = await h.call("GET", "/openapi.json");
    const paths = doc.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    const op = paths[FOLDERS]?.get;
    expect(op).toBeDefined();
    expect(op?.[ACCESS_EXTENSION]).toEqual({ kind: "merchant", permission: "catalog:read" });
    const ok = (op?.responses as Record<string, unknown> | undefined)?.["200"];
    expect(JSON.stringify(ok)).toContain("count");
    // A path with an id still answers as before.
    const bad = await h.call("GET", "/merchant/v1/media/not-an-id", { token: await h.sessionFor(shop, "staff") });
    expect(bad.status).toBe(422);
  });
});
