// A shopper's photo upload, for an after-sales request (POST /store/v1/orders/{id}/after-sales
// names the returned ids in `photoIds`). The same pipeline as the back office's uploads (type by
// content, metadata stripped, variants, the store's quota), images only, at most 30 a day per
// shopper; the photo is the shopper's (the store's library does not list it).
import { OpenAPIHono } from "@hono/zod-openapi";
import { MEDIA_LIMITS, ZErrorEnvelope, ZMediaRef } from "@mallwright/schema";
import { bodyLimit } from "hono/body-limit";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { errorBody } from "../../http/errors.ts";
import { ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import { uploadMedia } from "../../services/media/upload-media.ts";
import { readUploadForm } from "../merchant/media.ts";

const uploadLimit = bodyLimit({
  maxSize: MEDIA_LIMITS.imageBytes + 64 * 1024,
  onError: (c) =>
    c.json(
      errorBody(
        "payload_too_large",
        `a photo may be at most ${MEDIA_LIMITS.imageBytes / 1024 / 1024} MB`,
        c.get("requestId"),
      ),
      413,
    ),
});

const route = defineRoute({
  method: "post",
  path: "/media",
  tags: ["store: orders"],
  summary: "Upload a photo for an after-sales request (multipart/form-data, field `file`)",
  description: `JPEG, PNG, WebP or GIF up to ${MEDIA_LIMITS.imageBytes / 1024 / 1024} MB, decided by content; metadata (EXIF, GPS) is removed. At most 30 a day per shopper (429).`,
  access: { kind: "shopper" },
  request: {
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            properties: { file: { type: "string", format: "binary" } },
          },
        },
      },
    },
  },
  responses: {
    201: json(ZMediaRef, "The stored photo"),
    400: ERRORS[400],
    401: ERRORS[401],
    402: json(ZErrorEnvelope, "The store's media quota is used up"),
    413: ERRORS[413],
    415: json(ZErrorEnvelope, "Not a photo (decided by content)"),
    422: ERRORS[422],
    429: json(ZErrorEnvelope, "Too many photos today"),
  },
});

export const storeMediaRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  { ...route, middleware: [...route.middleware, uploadLimit] },
  async (c) => {
    const form = await readUploadForm(c);
    const shopper = c.get("shopper");
    const deps = c.get("deps");
    const media = await uploadMedia(deps, shopper.tenantId, {
      bytes: new Uint8Array(await form.file.arrayBuffer()),
      filename: form.file.name,
      shopperId: shopper.shopperId,
    });
    return c.json({ id: media.id, url: media.url, thumbUrl: media.variants.thumb?.url ?? null }, 201);
  },
);
