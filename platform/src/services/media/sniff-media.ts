// Decides what an upload is from its first bytes (magic numbers) only: never from its name or
// the declared Content-Type. Only formats we can show safely pass; SVG never does (it can carry script).
import { ApiError } from "../../http/errors.ts";

export type Sniffed =
  | { kind: "image"; mime: "image/jpeg"; ext: "jpg" }
  | { kind: "image"; mime: "image/png"; ext: "png" }
  | { kind: "image"; mime: "image/gif"; ext: "gif" }
  | { kind: "image"; mime: "image/webp"; ext: "webp" }
  | { kind: "video"; mime: "video/mp4"; ext: "mp4" };

/** ISO base media brands that browsers and WeChat play as MP4. */
export const MP4_BRANDS = new Set([
  "isom",
  "iso2",
  "iso3",
  "iso4",
  "iso5",
  "iso6",
  "mp41",
  "mp42",
  "avc1",
  "M4V ",
  "M4VP",
  "dash",
  "mmp4",
  "MSNV",
]);

const ascii = (b: Uint8Array, from: number, len: number) =>
  b.length >= from + len ? String.fromCharCode(...b.subarray(from, from + len)) : "";

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  return sig.every((v, i) => b[at + i] === v);
}

/** What a refused file most likely is, for a helpful message (never to accept it). */
function describeRefused(b: Uint8Array): string {
  if (b.length === 0) return "the file is empty";
  const brand = ascii(b, 4, 4) === "ftyp" ? ascii(b, 8, 4) : "";
  if (brand === "qt  ") return "QuickTime (.mov) video is not supported: export it as MP4 (H.264)";
  if (/^(heic|heix|hevc|mif1|msf1)$/.test(brand)) return "HEIC/HEIF images are not supported: export as JPEG";
  if (/^(avif|avis)$/.test(brand)) return "AVIF images are not supported: upload JPEG, PNG, WebP or GIF";
  if (/^M4A |^M4B /.test(brand)) return "audio files are not supported";
  if (brand) return `this ${brand.trim()} video is not a supported MP4`;
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(b.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg"))) {
    return "SVG is not accepted (it can carry script): upload PNG or WebP";
  }
  if (head.startsWith("<")) return "this is HTML/XML text, not an image";
  if (head.startsWith("#!") || /^(function|var |let |const |import |<\?php)/.test(head)) {
    return "this is a script, not an image";
  }
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return "PDF is not supported";
  if (startsWith(b, [0x42, 0x4d])) return "BMP is not supported: upload PNG";
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) {
    return "TIFF is not supported: upload JPEG or PNG";
  }
  return "the content is not a JPEG, PNG, WebP, GIF image or an MP4 video";
}

/** The type of `bytes` by content, or null. */
export function sniff(b: Uint8Array): Sniffed | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: "image", mime: "image/jpeg", ext: "jpg" };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { kind: "image", mime: "image/png", ext: "png" };
  }
  const gif = ascii(b, 0, 6);
  if (gif === "GIF87a" || gif === "GIF89a") return { kind: "image", mime: "image/gif", ext: "gif" };
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return { kind: "image", mime: "image/webp", ext: "webp" };
  if (ascii(b, 4, 4) === "ftyp" && MP4_BRANDS.has(ascii(b, 8, 4)))
    return { kind: "video", mime: "video/mp4", ext: "mp4" };
  return null;
}

/** The sniffed type, or 415 unsupported_media_type saying what the file seems to be instead. */
export function sniffOrRefuse(bytes: Uint8Array): Sniffed {
  const found = sniff(bytes);
  if (found) return found;
  throw new ApiError(
    "unsupported_media_type",
    `${describeRefused(bytes)}. Accepted: JPEG, PNG, WebP, GIF images and MP4 video (decided by the content, not the file name).`,
  );
}
