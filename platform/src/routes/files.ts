// Public media files: GET /files/<tenantId>/<name>, streamed from storage with year-long
// immutable caching (a name is never reused for other content), byte ranges for video, and ETags.
import { createHash } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZErrorEnvelope } from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../http/access.ts";
import type { AppEnv } from "../http/context.ts";
import { ApiError, errorBody, notFound } from "../http/errors.ts";
import { json } from "../http/responses.ts";
import { type ByteRange, isSafeKey, RangeNotSatisfiableError } from "../integrations/storage/index.ts";

export const IMMUTABLE = "public, max-age=31536000, immutable";

const binary = (description: string) => ({
  description,
  content: {
    "image/*": { schema: { type: "string" as const, format: "binary" } },
    "video/mp4": { schema: { type: "string" as const, format: "binary" } },
  },
});

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; anything else (including several ranges) means the whole file. */
export function parseRange(header: string | undefined): ByteRange | undefined {
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header?.trim() ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") return { suffix: Number(m[2]) };
  return m[2] === "" ? { start: Number(m[1]) } : { start: Number(m[1]), end: Number(m[2]) };
}

const etagOf = (key: string) => `"${createHash("sha256").update(key).digest("base64url").slice(0, 27)}"`;

export const fileRoutes = new OpenAPIHono<AppEnv>().openapi(
  defineRoute({
    method: "get",
    path: "/files/{tenantId}/{name}",
    tags: ["files"],
    summary: "A stored media file or variant (the `url`s of the media API)",
    description:
      "Cached for a year (immutable), with an ETag and byte ranges. 400 for names that are not plain file names.",
    access: {
      kind: "public",
      reason: "media files of a store are what its shoppers load; names are unguessable (tenant id + UUIDv7)",
    },
    // Plain strings: a name with '..' or an encoded '/' gets 400 from the handler, not a 422.
    request: { params: z.object({ tenantId: z.string(), name: z.string() }) },
    responses: {
      200: binary("The file"),
      206: binary("The asked byte range"),
      304: { description: "Not modified (If-None-Match)" },
      400: json(ZErrorEnvelope, "Not a plain file name"),
      404: json(ZErrorEnvelope, "No such file"),
      416: json(ZErrorEnvelope, "Range not satisfiable"),
    },
  }),
  async (c) => {
    const { tenantId, name } = c.req.valid("param");
    const key = `${tenantId}/${name}`;
    // Decoded params: '%2e%2e' is '..' and '%2f' is '/' by now; neither passes.
    if (!isSafeKey(key)) throw new ApiError("bad_request", "not a file name");
    const etag = etagOf(key);
    const headers: Record<string, string> = {
      "Cache-Control": IMMUTABLE,
      ETag: etag,
      "Accept-Ranges": "bytes",
      "X-Content-Type-Options": "nosniff",
      // Should anything ever be opened as a page, it gets no script and no origin.
      "Content-Security-Policy": "default-src 'none'; sandbox",
    };
    const storage = c.get("deps").storage;
    const ifNoneMatch = c.req.header("if-none-match");
    if (ifNoneMatch?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) {
      if (!(await storage.exists(key))) throw notFound("file");
      return c.body(null, 304, headers);
    }
    if (c.req.method === "HEAD") {
      const info = await storage.head(key);
      if (!info) throw notFound("file");
      return c.body(null, 200, { ...headers, "Content-Type": info.contentType, "Content-Length": String(info.size) });
    }
    let obj: Awaited<ReturnType<typeof storage.get>>;
    try {
      obj = await storage.get(key, parseRange(c.req.header("range")));
    } catch (err) {
      if (!(err instanceof RangeNotSatisfiableError)) throw err;
      // HTTP wants 416 here (players read Content-Range from it); the envelope's code stays the generic one.
      const message = `range not satisfiable: the file has ${err.size} bytes`;
      return c.json(errorBody("bad_request", message, c.get("requestId")), 416, {
        "Content-Range": `bytes */${err.size}`,
      });
    }
    if (!obj) throw notFound("file");
    headers["Content-Type"] = obj.contentType;
    if (obj.range) {
      headers["Content-Range"] = `bytes ${obj.range.start}-${obj.range.end}/${obj.size}`;
      headers["Content-Length"] = String(obj.range.end - obj.range.start + 1);
      return c.body(obj.body, 206, headers);
    }
    headers["Content-Length"] = String(obj.size);
    return c.body(obj.body, 200, headers);
  },
);
