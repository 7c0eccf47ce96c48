// The media library: upload (multipart), list and search, the store's folders, read,
// rename/move/tag, delete (refused while used, with where), and where an item is used.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  MEDIA_LIMITS,
  ZErrorEnvelope,
  ZListMediaQuery,
  ZMedia,
  ZMediaFolderList,
  ZMediaPage,
  ZMediaUsage,
  ZOk,
  ZUpdateMediaRequest,
  ZUuid,
} from "@mallwright/schema";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import { type AppEnv, requestLog } from "../../http/context.ts";
import { ApiError, errorBody } from "../../http/errors.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { issuesToDetails, validationHook } from "../../http/validation.ts";
import { deleteMedia } from "../../services/media/delete-media.ts";
import { getMediaUsage } from "../../services/media/find-media-usage.ts";
import { getMedia, listMedia } from "../../services/media/list-media.ts";
import { listMediaFolders } from "../../services/media/list-media-folders.ts";
import { updateMedia } from "../../services/media/update-media.ts";
import { uploadMedia } from "../../services/media/upload-media.ts";

const tags = ["merchant: media"];
const ZIdParam = z.strictObject({ id: ZUuid });
const common = { 401: ERRORS[401], 403: ERRORS[403], 423: ERRORS[423] };
const idParams = { id: "media" } as const;

/** The upload route is exempt from the app's JSON body limit and applies this one instead. */
export const MEDIA_UPLOAD_PATH = "/merchant/v1/media";
/** The largest file plus room for the multipart framing and the text fields. */
export const MEDIA_UPLOAD_BODY_LIMIT = MEDIA_LIMITS.videoBytes + 64 * 1024;

/** A shopper's photo upload (routes/store/media.ts), under the image limit. */
export const STORE_MEDIA_UPLOAD_PATH = "/store/v1/media";

export function isMediaUpload(method: string, path: string): boolean {
  return method === "POST" && (path === MEDIA_UPLOAD_PATH || path === STORE_MEDIA_UPLOAD_PATH);
}

const uploadLimit: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MEDIA_UPLOAD_BODY_LIMIT,
  onError: (c) =>
    c.json(
      errorBody(
        "payload_too_large",
        `the upload is larger than ${MEDIA_LIMITS.videoBytes / 1024 / 1024} MB (images: ${MEDIA_LIMITS.imageBytes / 1024 / 1024} MB)`,
        c.get("requestId"),
      ),
      413,
    ),
});

/** Tags may come as repeated fields or one comma-separated field. */
const ZTagsField = z.preprocess((v) => {
  if (v === undefined) return undefined;
  const all = Array.isArray(v) ? v : [v];
  return all.flatMap((x) => (typeof x === "string" ? x.split(",") : [x])).filter((x) => x !== "");
}, ZUpdateMediaRequest.shape.tags);

const ZUploadForm = z.strictObject({
  file: z.instanceof(File, { message: "attach exactly one file in the field 'file'" }),
  // A form's empty input means "not given".
  name: z.preprocess((v) => (v === "" ? undefined : v), ZUpdateMediaRequest.shape.name),
  folder: ZUpdateMediaRequest.shape.folder,
  tags: ZTagsField,
});

const UPLOAD_FORM_SCHEMA = {
  type: "object" as const,
  required: ["file"],
  properties: {
    file: {
      type: "string" as const,
      format: "binary",
      description: `JPEG, PNG, WebP or GIF up to ${MEDIA_LIMITS.imageBytes / 1024 / 1024} MB (at most ${MEDIA_LIMITS.imageSide} px a side, ${MEDIA_LIMITS.imagePixels / 1e6} MP), or MP4 up to ${MEDIA_LIMITS.videoBytes / 1024 / 1024} MB. The type is decided by the content; SVG is refused.`,
    },
    name: { type: "string" as const, maxLength: 200, description: "Label; default: the file name" },
    folder: { type: "string" as const, maxLength: 100, description: "Folder name (no slashes); default: none" },
    tags: {
      type: "array" as const,
      items: { type: "string" as const, maxLength: 30 },
      maxItems: 20,
      description: "Repeat the field, or send one comma-separated value",
    },
  },
};

const uploadRoute = defineRoute({
  method: "post",
  path: "/media",
  tags,
  summary: "Upload an image or an MP4 video",
  description:
    "multipart/form-data with the file in `file`. Metadata (EXIF, GPS) is removed from images, which also get `thumb` (240 px box) and `medium` (750 px wide) WebP variants. 415: not an accepted type by content (HTML, SVG, scripts, damaged files); 413: too large; 422: too many pixels; 402: the plan's media quota is used up.",
  access: { kind: "merchant", permission: "catalog:manage" },
  request: {
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: UPLOAD_FORM_SCHEMA,
          encoding: { file: { contentType: "image/jpeg, image/png, image/webp, image/gif, video/mp4" } },
        },
      },
    },
  },
  responses: {
    201: json(ZMedia, "Stored"),
    ...common,
    402: json(ZErrorEnvelope, "Media quota of the plan used up"),
    413: ERRORS[413],
    415: json(ZErrorEnvelope, "Not an accepted image or video (decided by content)"),
    422: ERRORS[422],
  },
});

export async function readUploadForm(c: Parameters<MiddlewareHandler<AppEnv>>[0]) {
  const type = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new ApiError("unsupported_media_type", "upload the file as multipart/form-data, in a field named 'file'");
  }
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new ApiError("bad_request", "the multipart body is malformed");
  }
  const parsed = ZUploadForm.safeParse(form);
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues, "body");
    throw new ApiError("validation_failed", `invalid body: ${details[0]?.path}: ${details[0]?.message}`, details);
  }
  return parsed.data;
}

export const merchantMediaRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    // After the session check (so nobody unauthenticated gets a body read), before the body is read.
    { ...uploadRoute, middleware: [...uploadRoute.middleware, uploadLimit] },
    async (c) => {
      const form = await readUploadForm(c);
      const media = await uploadMedia(c.get("deps"), c.get("merchant").tenantId, {
        bytes: new Uint8Array(await form.file.arrayBuffer()),
        filename: form.file.name,
        name: form.name,
        folder: form.folder,
        tags: form.tags,
      });
      return c.json(media, 201);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/media",
      tags,
      summary: "The media library, newest first: filter by kind, folder or tag; search names with q",
      access: { kind: "merchant", permission: "catalog:read" },
      request: { query: ZListMediaQuery },
      responses: { 200: json(ZMediaPage, "A page, with the store's usage and quota"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await listMedia(db, env, c.get("merchant").tenantId, c.req.valid("query")), 200);
    },
  )
  // Before /media/{id}, so that route never sees "folders" as an id.
  .openapi(
    defineRoute({
      method: "get",
      path: "/media/folders",
      tags,
      summary: "The store's folders (non-empty ones), each with how many items it holds, sorted by name",
      access: { kind: "merchant", permission: "catalog:read" },
      responses: { 200: json(ZMediaFolderList, "Every folder of the store"), ...common },
    }),
    async (c) => c.json(await listMediaFolders(c.get("deps").db, c.get("merchant").tenantId), 200),
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/media/{id}",
      tags,
      summary: "One media item",
      access: { kind: "merchant", permission: "catalog:read", params: idParams },
      request: { params: ZIdParam },
      responses: { 200: json(ZMedia, "The item"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await getMedia(db, env, c.get("merchant").tenantId, c.req.valid("param").id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "patch",
      path: "/media/{id}",
      tags,
      summary: "Rename, move to a folder, or set tags",
      access: { kind: "merchant", permission: "catalog:manage", params: idParams },
      request: {
        params: ZIdParam,
        body: body(ZUpdateMediaRequest, { name: "夏季新品主图", folder: "新品", tags: ["夏季", "主图"] }),
      },
      responses: { 200: json(ZMedia, "Updated"), ...common, 404: ERRORS[404], 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      const id = c.req.valid("param").id;
      return c.json(await updateMedia(db, env, c.get("merchant").tenantId, id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "delete",
      path: "/media/{id}",
      tags,
      summary: "Delete an item and its files; 409 media_in_use (details list where) while it is used",
      access: { kind: "merchant", permission: "catalog:manage", params: idParams },
      request: { params: ZIdParam },
      responses: { 200: json(ZOk, "Deleted"), ...common, 404: ERRORS[404], 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      const log = requestLog(c);
      await deleteMedia(c.get("deps"), c.get("merchant").tenantId, c.req.valid("param").id, (key, err) =>
        log.warn({ err, key }, "media file left behind after delete"),
      );
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/media/{id}/usage",
      tags,
      summary: "Where an item is used (products, SKUs, categories)",
      access: { kind: "merchant", permission: "catalog:read", params: idParams },
      request: { params: ZIdParam },
      responses: {
        200: json(ZMediaUsage, "Uses; empty when it can be deleted"),
        ...common,
        404: ERRORS[404],
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { db } = c.get("deps");
      return c.json(await getMediaUsage(db, c.get("merchant").tenantId, c.req.valid("param").id), 200);
    },
  );
