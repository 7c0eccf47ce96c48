// Images and videos in page props: the public URL to render plus the media id it came from
// (publish checks look the media up: missing, or heavier than the budget).
import { z } from "zod";

export const ZImageRef = z.strictObject({
  mediaId: z.uuid().nullable().default(null),
  url: z
    .string()
    .max(1000)
    .regex(/^(https?:)?\/\//, "must be an http(s) URL"),
  width: z.number().int().positive().nullable().default(null),
  height: z.number().int().positive().nullable().default(null),
});
export type TImageRef = z.infer<typeof ZImageRef>;

/** A video in page props: like an image ref, the URL to play plus the media id it came from. */
export const ZVideoRef = z.strictObject({
  mediaId: z.uuid().nullable().default(null),
  url: z
    .string()
    .max(1000)
    .regex(/^(https?:)?\/\//, "must be an http(s) URL"),
  width: z.number().int().positive().nullable().default(null),
  height: z.number().int().positive().nullable().default(null),
});
export type TVideoRef = z.infer<typeof ZVideoRef>;

/** Width over height of a media ref when both are known. */
export function aspectRatioOf(ref: { width: number | null; height: number | null } | null): number | null {
  return ref?.width && ref.height ? ref.width / ref.height : null;
}
