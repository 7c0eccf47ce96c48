// Type by content: real files pass whatever their name; disguises are refused with a useful message.
import { describe, expect, it } from "vitest";
import { ApiError } from "../../http/errors.ts";
import { animatedGif, DISGUISES, jpegWithGps, mp4, png, webp } from "./media-fixtures.ts";
import { sniff, sniffOrRefuse } from "./sniff-media.ts";

describe("sniff", () => {
  it("knows JPEG, PNG, GIF, WebP and MP4 by their bytes", async () => {
    expect(sniff(await jpegWithGps(20, 20))).toMatchObject({ kind: "image", mime: "image/jpeg", ext: "jpg" });
    expect(sniff(await png())).toMatchObject({ mime: "image/png", ext: "png" });
    expect(sniff(await animatedGif())).toMatchObject({ mime: "image/gif", ext: "gif" });
    expect(sniff(Buffer.from("GIF87a\x01\x00\x01\x00", "latin1"))?.mime).toBe("image/gif");
    expect(sniff(await webp(10, 10))).toMatchObject({ mime: "image/webp", ext: "webp" });
    for (const brand of ["isom", "mp42", "avc1", "M4V ", "dash"]) {
      expect(sniff(mp4({ brand })), brand).toMatchObject({ kind: "video", mime: "video/mp4", ext: "mp4" });
    }
  });

  it.each([
    ["html", DISGUISES.html, /HTML/],
    ["svg", DISGUISES.svg, /SVG is not accepted/],
    ["svg with an xml prolog", DISGUISES.xmlSvg, /SVG is not accepted/],
    ["shell script", DISGUISES.script, /script/],
    ["javascript", DISGUISES.js, /script/],
    ["php", DISGUISES.php, /HTML\/XML|script/],
    ["quicktime", DISGUISES.mov, /QuickTime/],
    ["empty", DISGUISES.empty, /empty/],
    ["a lone JPEG marker", Buffer.from([0xff, 0xd8]), /not a JPEG/],
    ["a cut PNG signature", Buffer.from([0x89, 0x50, 0x4e, 0x47]), /not a JPEG/],
    ["RIFF that is not WebP", Buffer.from("RIFF\0\0\0\0WAVEfmt ", "latin1"), /not a JPEG/],
    ["BOM + html", Buffer.from("\uFEFF  <html>", "utf8"), /HTML/],
  ])("refuses %s with 415", (_name, bytes, message) => {
    expect(sniff(bytes)).toBeNull();
    try {
      sniffOrRefuse(bytes);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(415);
      expect((err as ApiError).code).toBe("unsupported_media_type");
      expect((err as ApiError).message).toMatch(message);
    }
  });
});
