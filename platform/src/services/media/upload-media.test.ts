// Nothing half-written: when a file write or the row write fails, every file already written goes.
// And the quota holds under concurrent uploads (checked again under a per-tenant lock).
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PLAN_LIMITS } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/types.ts";
import { createLocalStorage, type Storage } from "../../integrations/storage/index.ts";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";
import { jpegWithGps, png } from "./media-fixtures.ts";
import { uploadMedia } from "./upload-media.ts";

let h: Harness;
let dir: string;
let storage: Storage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mw-upload-"));
  h = await startHarness({ MEDIA_DIR: dir });
  storage = createLocalStorage(dir);
});
afterAll(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const filesOf = async (t: TenantFixture) => readdir(path.join(dir, t.id)).catch(() => [] as string[]);
const rowsOf = (t: TenantFixture) => h.admin.withAdmin((tx) => tx.media.count({ where: { tenantId: t.id } }));

describe("uploadMedia", () => {
  it("removes the files it wrote when the row cannot be written", async () => {
    const t = await h.tenant();
    let calls = 0;
    // The first transaction (the early quota check) works; the one writing the row fails.
    const failingDb: Database = {
      withApp: (fn) => h.db.withApp(fn),
      withTenant: (id, fn) =>
        ++calls === 2 ? Promise.reject(new Error("database went away")) : h.db.withTenant(id, fn),
    };
    await expect(
      uploadMedia({ db: failingDb, storage, env: h.env }, t.id, { bytes: await jpegWithGps(), filename: "a.jpg" }),
    ).rejects.toThrow("database went away");
    expect(calls).toBe(2);
    expect(await filesOf(t)).toEqual([]);
    expect(await rowsOf(t)).toBe(0);
  });

  it("removes the files it wrote when a later file write fails", async () => {
    const t = await h.tenant();
    let puts = 0;
    const flaky: Storage = {
      ...storage,
      put: async (key, bytes, type) => {
        if (++puts === 3) throw new Error("disk full");
        await storage.put(key, bytes, type);
      },
    };
    await expect(
      uploadMedia({ db: h.db, storage: flaky, env: h.env }, t.id, { bytes: await png(), filename: "a.png" }),
    ).rejects.toThrow("disk full");
    expect(puts).toBe(3);
    expect(await filesOf(t)).toEqual([]);
    expect(await rowsOf(t)).toBe(0);
  });

  it("lets only as many concurrent uploads through as the quota holds", async () => {
    const t = await h.tenant(undefined, { plan: "free" });
    const image = await png(400, 300);
    const probe = await uploadMedia({ db: h.db, storage, env: h.env }, t.id, { bytes: image });
    const each = probe.bytes + Object.values(probe.variants).reduce((n, v) => n + v.bytes, 0);
    const quota = PLAN_LIMITS.free.mediaBytes ?? 0;
    // Leave room for exactly two more.
    await h.admin.withAdmin((tx) =>
      tx.media.create({
        data: {
          tenantId: t.id,
          kind: "video",
          mime: "video/mp4",
          name: "filler",
          storageKey: `${t.id}/0190d7c4-3333-7000-8000-000000000001.mp4`,
          bytes: BigInt(quota - 3 * each - 10),
          sha256: "0".repeat(64),
        },
      }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => uploadMedia({ db: h.db, storage, env: h.env }, t.id, { bytes: image })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.map((r) => (r.reason as { code?: string }).code)).toEqual(Array(3).fill("plan_limit"));
    expect(await rowsOf(t)).toBe(4);
    expect((await filesOf(t)).length).toBe(3 * 3); // probe + 2, three files each; none of the refused
  });
});
