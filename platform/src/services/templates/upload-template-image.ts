// Renders one template image and puts it in the store's media library (folder "template"), the
// same way a merchant's upload goes in: catalog images, category icons and page pictures alike.
import type { TImageRef, TMedia } from "@mallwright/schema";
import type { MediaDeps } from "../media/upload-media.ts";
import { uploadMedia } from "../media/upload-media.ts";
import { renderTemplateImage, type TTemplateImage } from "./render-image.ts";

export async function uploadTemplateImage(
  deps: MediaDeps,
  tenantId: string,
  img: TTemplateImage,
  label: string,
): Promise<TMedia> {
  return uploadMedia(deps, tenantId, {
    bytes: await renderTemplateImage(img),
    filename: "template.jpg",
    name: label.replace(/[/\\]/g, "-"),
    folder: "template",
  });
}

/** A media row as page props refer to it. */
export function imageRefOf(media: TMedia): TImageRef {
  return { mediaId: media.id, url: media.url, width: media.width, height: media.height };
}
