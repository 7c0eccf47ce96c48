// Upload: type by content, limits, metadata stripped, variants, quota, then files and row.
// Files are written first under fresh names and the row last; if anything after the first
// write fails, every written file is removed again, so nothing is left half-made.
import { createHash } from "node:crypto";
import { MEDIA_LIMITS, type TMedia } from "@mallwright/schema";
import { uuidv7 } from "uuidv7";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../http/errors.ts";
import type { Storage } from "../../integrations/storage/index.ts";
import { notifyCatalogChanged } from "../storefront/cache-events.ts";
import { assertFits, lockTenantMedia, mediaTotals } from "./media-quota.ts";
import { presentMedia, type TStoredVariant } from "./present-media.ts";
import { probeVideo } from "./probe-video.ts";
import { processImage } from "./process-image.ts";
import { sniffOrRefuse } from "./sniff-media.ts";

export interface MediaDeps {
  db: Database;
  storage: Storage;
  env: Env;
}

export interface UploadMediaInput {
  bytes: Uint8Array;
  /** The file name the client sent (a label only: the stored name is generated). */
  filename?: string;
  name?: string;
  folder?: string;
  tags?: string[];
  /** A shopper's upload (an after-sales photo): images only, at most SHOPPER_UPLOADS_PER_DAY a day. */
  shopperId?: string;
}

/** Photos one shopper may upload per 24 hours (they count against the store's media quota). */
export const SHOPPER_UPLOADS_PER_DAY = 30;

interface FileToWrite {
  key: string;
  bytes: Uint8Array;
  mime: string;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

const isControl = (ch: string) => {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
};

/** A client file name is a label; one that is a path (or tries to climb out of one) is refused. */
function labelFromFilename(filename: string | undefined): string | undefined {
  if (filename === undefined || filename === "") return undefined;
  if ([...filename].some((ch) => ch === "/" || ch === "\\" || isControl(ch)) || filename === "." || filename === "..") {
    throw new ApiError("unsupported_media_type", "the file name must be a plain name, not a path", [
      { path: "file", message: "file name contains a path", in: "body" },
    ]);
  }
  return filename;
}

function cleanLabel(s: string): string {
  return [...s]
    .filter((ch) => !isControl(ch))
    .join("")
    .trim()
    .slice(0, 200);
}

export async function uploadMedia(deps: MediaDeps, tenantId: string, input: UploadMediaInput): Promise<TMedia> {
  const { db, storage, env } = deps;
  const label = labelFromFilename(input.filename);
  const type = sniffOrRefuse(input.bytes);
  if (input.shopperId && type.kind !== "image") {
    throw new ApiError("unsupported_media_type", "only photos (JPEG, PNG, WebP or GIF) can be uploaded here");
  }

  const limit = type.kind === "image" ? MEDIA_LIMITS.imageBytes : MEDIA_LIMITS.videoBytes;
  if (input.bytes.byteLength > limit) {
    throw new ApiError(
      "payload_too_large",
      `this ${type.kind} is ${mb(input.bytes.byteLength)}; ${type.kind}s may be at most ${mb(limit)}`,
    );
  }

  const id = uuidv7();
  const base = `${tenantId}/${id}`;
  const files: FileToWrite[] = [];
  const variants: Record<string, TStoredVariant> = {};
  let width: number | null = null;
  let height: number | null = null;
  let durationMs: number | null = null;

  if (type.kind === "image") {
    const img = await processImage(input.bytes, type);
    files.push({ key: `${base}.${type.ext}`, bytes: img.original.bytes, mime: type.mime });
    width = img.original.width;
    height = img.original.height;
    for (const [name, r] of Object.entries(img.variants)) {
      const key = `${base}-${name}.webp`;
      files.push({ key, bytes: r.bytes, mime: r.mime });
      variants[name] = { key, width: r.width, height: r.height, bytes: r.bytes.byteLength, mime: r.mime };
    }
  } else {
    const info = probeVideo(input.bytes);
    files.push({ key: `${base}.${type.ext}`, bytes: input.bytes, mime: type.mime });
    ({ width, height, durationMs } = info);
  }
  const [original] = files;
  if (!original) throw new Error("upload produced no file");
  const totalBytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);

  // A cheap early answer before writing anything; the authoritative check is below, under a lock.
  assertFits(await db.withTenant(tenantId, (tx) => mediaTotals(tx, tenantId)), totalBytes);

  const written: string[] = [];
  const removeWritten = async () => {
    await Promise.allSettled(written.map((key) => storage.delete(key)));
  };
  try {
    for (const f of files) {
      written.push(f.key); // before the write: a failed write may still have left something
      await storage.put(f.key, f.bytes, f.mime);
    }
    const sha256 = createHash("sha256").update(original.bytes).digest("hex");
    const row = await db.withTenant(tenantId, async (tx) => {
      // A shopper's photo is on no page.
      if (!input.shopperId) await notifyCatalogChanged(tx, tenantId);
      await lockTenantMedia(tx, tenantId);
      assertFits(await mediaTotals(tx, tenantId), totalBytes);
      if (input.shopperId) {
        const recent = await tx.media.count({
          where: { shopperId: input.shopperId, createdAt: { gte: new Date(Date.now() - 86_400_000) } },
        });
        if (recent >= SHOPPER_UPLOADS_PER_DAY) {
          throw new ApiError("rate_limited", `at most ${SHOPPER_UPLOADS_PER_DAY} photos a day: try again tomorrow`);
        }
      }
      return tx.media.create({
        data: {
          tenantId,
          id,
          kind: type.kind,
          mime: type.mime,
          name: cleanLabel(input.name ?? label ?? "") || `${type.kind}-${id.slice(-12)}`,
          storageKey: original.key,
          bytes: BigInt(original.bytes.byteLength),
          width,
          height,
          durationMs,
          sha256,
          folder: input.folder ?? "",
          tags: [...new Set(input.tags ?? [])],
          variants,
          shopperId: input.shopperId ?? null,
          // Milliseconds, so list cursors (which carry this timestamp) round-trip exactly.
          createdAt: new Date(),
        },
      });
    });
    return presentMedia(env, row);
  } catch (err) {
    await removeWritten();
    throw err;
  }
}
