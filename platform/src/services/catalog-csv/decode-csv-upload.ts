// Turns an uploaded CSV file into text: UTF-8 with or without a BOM (what Excel's "CSV UTF-8" writes),
// else GB18030 (what Excel in China writes for plain "CSV"), checked strictly so a file is never
// half-decoded. Anything else (a workbook, UTF-16, binary) is refused before an import is made.
import { LIMITS } from "@mallwright/schema";
import { ApiError } from "../../http/errors.ts";

export type CsvEncoding = "utf-8" | "gb18030";

const MB = LIMITS.csvBytes / 1024 / 1024;

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decodeStrict(bytes: Uint8Array, encoding: CsvEncoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeCsvUpload(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length > LIMITS.csvBytes) {
    throw new ApiError("payload_too_large", `the file is larger than ${MB} MB: split it into several imports`);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ApiError("unsupported_media_type", "this is an Excel workbook, not CSV: save it as “CSV UTF-8” first");
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new ApiError("unsupported_media_type", "the file is UTF-16 (“Unicode text”): save it as “CSV UTF-8” instead");
  }
  const utf8Bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = utf8Bom ? bytes.subarray(3) : bytes;
  let decoded: { text: string; encoding: CsvEncoding } | null = null;
  const utf8 = decodeStrict(body, "utf-8");
  if (utf8 !== null) decoded = { text: utf8, encoding: "utf-8" };
  else if (!utf8Bom) {
    const gb = decodeStrict(body, "gb18030");
    if (gb !== null) decoded = { text: gb, encoding: "gb18030" };
  }
  if (!decoded) {
    throw new ApiError(
      "unsupported_media_type",
      utf8Bom
        ? "the file starts like UTF-8 but is not valid UTF-8: save it again as “CSV UTF-8”"
        : "the file is neither UTF-8 nor GB18030 text: save it as “CSV UTF-8”",
    );
  }
  if (decoded.text.includes("\u0000")) {
    throw new ApiError("unsupported_media_type", "the file contains binary data, not CSV text");
  }
  if (decoded.text.trim() === "") {
    throw new ApiError("validation_failed", "the file is empty", [{ path: "file", in: "body", message: "is empty" }]);
  }
  return decoded;
}
