// Re-encoding strips metadata (EXIF with GPS), keeps the orientation, makes variants without
// upscaling, and refuses images over the pixel limits from their header alone.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { animatedGif, jpegWithGps, png, pngDeclaring } from "./media-fixtures.ts";
import { processImage } from "./process-image.ts";

const JPEG = { kind: "image", mime: "image/jpeg", ext: "jpg" } as const;
const PNG = { kind: "image", mime: "image/png", ext: "png" } as const;
const GIF = { kind: "image", mime: "image/gif", ext: "gif" } as const;

describe("processImage", () => {
  it("drops EXIF (GPS included) from the stored original and makes WebP variants", async () => {
    const input = await jpegWithGps(1600, 1200);
    const before = await sharp(input).metadata();
    expect(before.exif?.indexOf(Buffer.from([0x25, 0x88]))).toBeGreaterThan(0); // GPS IFD pointer (II order)
    expect(input.includes(Buffer.from("SpyCam"))).toBe(true);

    const out = await processImage(input, JPEG);
    const after = await sharp(out.original.bytes).metadata();
    expect(after.format).toBe("jpeg");
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(Buffer.from(out.original.bytes).includes(Buffer.from("SpyCam"))).toBe(false);
    expect(out.original).toMatchObject({ width: 1600, height: 1200, mime: "image/jpeg" });
    expect(out.variants.thumb).toMatchObject({ width: 240, height: 180, mime: "image/webp" });
    expect(out.variants.medium).toMatchObject({ width: 750, height: 563, mime: "image/webp" });
    expect((await sharp(out.variants.thumb.bytes).metadata()).format).toBe("webp");
  });

  it("applies the EXIF orientation before dropping it", async () => {
    const rotated = await sharp({ create: { width: 400, height: 100, channels: 3, background: "#888" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const out = await processImage(rotated, JPEG);
    expect(out.original).toMatchObject({ width: 100, height: 400 });
    expect((await sharp(out.original.bytes).metadata()).orientation).toBeUndefined();
  });

  it("never upscales", async () => {
    const out = await processImage(await png(120, 80), PNG);
    expect(out.variants.thumb).toMatchObject({ width: 120, height: 80 });
    expect(out.variants.medium).toMatchObject({ width: 120, height: 80 });
  });

  it("keeps animations animated in the original and medium", async () => {
    const out = await processImage(await animatedGif(), GIF);
    expect(out.original).toMatchObject({ width: 30, height: 20 });
    expect((await sharp(out.original.bytes).metadata()).pages).toBe(3);
    expect((await sharp(out.variants.medium.bytes).metadata()).pages).toBe(3);
  });

  it("refuses a decompression bomb from its header (422), and undecodable bytes (415)", async () => {
    await expect(processImage(pngDeclaring(20_000, 20_000), PNG)).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining("20000×20000"),
    });
    await expect(processImage(pngDeclaring(9_000, 9_000), PNG)).rejects.toMatchObject({ status: 422 }); // 81 MP
    const whole = await png();
    await expect(processImage(whole.subarray(0, 30), PNG)).rejects.toMatchObject({ status: 415 });
    await expect(processImage(whole.subarray(0, whole.length - 20), PNG)).rejects.toMatchObject({ status: 415 });
  });
});
