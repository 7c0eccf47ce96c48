// Reads what we store about an MP4 from its boxes: duration (moov/mvhd) and picture size (the
// first track header with one). No transcoding; a file whose box structure does not hold is refused.
import { ApiError } from "../../http/errors.ts";

export interface VideoInfo {
  durationMs: number | null;
  width: number | null;
  height: number | null;
}

interface Box {
  type: string;
  /** Offset of the payload (after the header). */
  start: number;
  end: number;
}

function damaged(why: string): ApiError {
  return new ApiError("unsupported_media_type", `the file starts like an MP4 video but ${why}`);
}

/** The boxes laid end to end in [from, to); throws if one overruns. */
function boxes(b: Uint8Array, from: number, to: number): Box[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) throw damaged("a box header is cut off");
      const big = view.getBigUint64(at + 8);
      if (big > BigInt(to - at)) throw damaged(`its ${type} box runs past the end (truncated?)`);
      size = Number(big);
      header = 16;
    } else if (size === 0) {
      size = to - at; // to the end
    }
    if (size < header || at + size > to) throw damaged(`its ${type} box runs past the end (truncated?)`);
    out.push({ type, start: at + header, end: at + size });
    at += size;
    if (out.length > 10_000) throw damaged("it has too many boxes");
  }
  return out;
}

function readMvhd(b: Uint8Array, box: Box): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const version = b[box.start];
  let timescale: number;
  let duration: number;
  if (version === 1) {
    if (box.start + 32 > box.end) return null;
    timescale = view.getUint32(box.start + 20);
    duration = Number(view.getBigUint64(box.start + 24));
  } else {
    if (box.start + 20 > box.end) return null;
    timescale = view.getUint32(box.start + 12);
    duration = view.getUint32(box.start + 16);
  }
  if (!timescale || duration === 0xffffffff) return null;
  const ms = Math.round((duration / timescale) * 1000);
  return Number.isSafeInteger(ms) && ms <= 2_147_483_647 ? ms : null;
}

/** tkhd ends with width and height as 16.16 fixed point. */
function readTkhdSize(b: Uint8Array, box: Box): { width: number; height: number } | null {
  if (box.end - box.start < 84) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const width = Math.round(view.getUint32(box.end - 8) / 65536);
  const height = Math.round(view.getUint32(box.end - 4) / 65536);
  return width > 0 && height > 0 ? { width, height } : null;
}

export function probeVideo(b: Uint8Array): VideoInfo {
  const top = boxes(b, 0, b.length);
  if (top[0]?.type !== "ftyp") throw damaged("has no ftyp box first");
  const moov = top.find((x) => x.type === "moov");
  if (!moov) throw damaged("has no movie header (moov box): it is not playable");
  const inMoov = boxes(b, moov.start, moov.end);
  const mvhd = inMoov.find((x) => x.type === "mvhd");
  const info: VideoInfo = { durationMs: mvhd ? readMvhd(b, mvhd) : null, width: null, height: null };
  for (const trak of inMoov.filter((x) => x.type === "trak")) {
    const tkhd = boxes(b, trak.start, trak.end).find((x) => x.type === "tkhd");
    const size = tkhd ? readTkhdSize(b, tkhd) : null;
    if (size) {
      info.width = size.width;
      info.height = size.height;
      break;
    }
  }
  return info;
}
