// Checks an uploaded image against the limits from its header (before decoding any pixels),
// re-encodes it so no metadata survives (EXIF with GPS, XMP, comments), and makes the WebP variants.
import { MEDIA_LIMITS } from "@mallwright/schema";
import sharp, { type Metadata } from "sharp";
import { ApiError } from "../../http/errors.ts";
import type { Sniffed } from "./sniff-media.ts";

export type ImageType = Extract<Sniffed, { kind: "image" }>;

export interface Rendition {
  bytes: Uint8Array;
  width: number;
  height: number;
  mime: string;
}

export interface ProcessedImage {
  original: Rendition;
  variants: Record<"thumb" | "medium", Rendition>;
}

/** thumb: fits a 240 px box; medium: 750 px wide (a phone screen at 2x). Never upscaled. */
export const VARIANTS = {
  thumb: { width: 240, height: 240 },
  medium: { width: 750 },
} as const;

const SHARP_FORMAT: Record<ImageType["mime"], string> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
};

/** Seconds of CPU one image may take; a pathological file is refused, not waited on. */
const TIMEOUT_SECONDS = 30;

function damaged(type: ImageType): ApiError {
  const name = SHARP_FORMAT[type.mime].toUpperCase();
  return new ApiError(
    "unsupported_media_type",
    `the file starts like a ${name} image but cannot be read (damaged or truncated)`,
  );
}

function tooBig(message: string): ApiError {
  const { imageSide, imagePixels } = MEDIA_LIMITS;
  return new ApiError(
    "validation_failed",
    `${message}; images may be at most ${imageSide} px a side and ${imagePixels / 1e6} megapixels`,
    [{ path: "file", message, in: "body" }],
  );
}

/**
 * Decoding a 40 MP image takes ~160 MB; a few at once are fine, dozens are not. Uploads beyond
 * this many wait their turn (per process) instead of growing memory without bound.
 */
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function processImage(input: Uint8Array, type: ImageType): Promise<ProcessedImage> {
  return withSlot(() => decodeAndEncode(input, type));
}

async function decodeAndEncode(input: Uint8Array, type: ImageType): Promise<ProcessedImage> {
  // The header alone: cheap, and enough to refuse a decompression bomb before any decoding.
  let meta: Metadata;
  try {
    // No pixel limit here: only the header is read, and the limits are checked just below with a clear message.
    meta = await sharp(input, { failOn: "error", limitInputPixels: false }).metadata();
  } catch {
    throw damaged(type);
  }
  if (meta.format !== SHARP_FORMAT[type.mime] || !meta.width || !meta.height) throw damaged(type);
  const frames = Math.max(1, meta.pages ?? 1);
  const frameHeight = meta.pageHeight ?? meta.height;
  const { imageSide, imagePixels } = MEDIA_LIMITS;
  if (meta.width > imageSide || frameHeight > imageSide) {
    throw tooBig(`the image is ${meta.width}×${frameHeight} px`);
  }
  if (meta.width * frameHeight > imagePixels) throw tooBig(`the image is ${meta.width}×${frameHeight} px`);
  if (meta.width * frameHeight * frames > imagePixels) {
    throw tooBig(`the animation has ${frames} frames of ${meta.width}×${frameHeight} px`);
  }

  const animated = frames > 1;
  const open = (bytes: Uint8Array, opts: { animated: boolean }) =>
    sharp(bytes, { failOn: "error", limitInputPixels: imagePixels, animated: opts.animated }).timeout({
      seconds: TIMEOUT_SECONDS,
    });

  try {
    // Re-encoding in the same format drops every metadata block (sharp keeps none unless asked);
    // autoOrient first bakes the EXIF orientation into the pixels, since the tag goes with the rest.
    let pipeline = open(input, { animated }).autoOrient();
    switch (type.mime) {
      case "image/jpeg":
        pipeline = pipeline.jpeg({ quality: 90, mozjpeg: true });
        break;
      case "image/png":
        pipeline = pipeline.png({ compressionLevel: 8, adaptiveFiltering: true });
        break;
      case "image/gif":
        pipeline = pipeline.gif();
        break;
      case "image/webp":
        pipeline = pipeline.webp({ quality: 90 });
        break;
    }
    const out = await pipeline.toBuffer({ resolveWithObject: true });
    const original: Rendition = {
      bytes: new Uint8Array(out.data),
      width: out.info.width,
      height: out.info.pageHeight ?? out.info.height,
      mime: type.mime,
    };

    const thumb = await open(original.bytes, { animated: false })
      .resize(VARIANTS.thumb.width, VARIANTS.thumb.height, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    const medium = await open(original.bytes, { animated })
      .resize({ width: VARIANTS.medium.width, withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const rendition = (r: typeof thumb): Rendition => ({
      bytes: new Uint8Array(r.data),
      width: r.info.width,
      height: r.info.pageHeight ?? r.info.height,
      mime: "image/webp",
    });
    return { original, variants: { thumb: rendition(thumb), medium: rendition(medium) } };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof Error && /timeout/i.test(err.message)) {
      throw new ApiError("validation_failed", `the image took longer than ${TIMEOUT_SECONDS} s to process`, [
        { path: "file", message: "too costly to process", in: "body" },
      ]);
    }
    throw damaged(type);
  }
}
