// Uploads one file to the media library with XMLHttpRequest, which (unlike fetch) reports upload
// progress. The answer is parsed with the API's schema; a failure carries the API's own message.
import { type TMedia, ZMedia } from "@mallwright/schema";
import { failureOf } from "../api/client.ts";
import i18n from "../i18n/index.ts";

export const MEDIA_UPLOAD_URL = "/merchant/v1/media";

export interface UploadOptions {
  folder?: string;
  /** 0..1 as the bytes go out. */
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}

export function uploadMedia(file: File, options: UploadOptions = {}): Promise<TMedia> {
  const form = new FormData();
  form.append("file", file);
  if (options.folder) form.append("folder", options.folder);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", MEDIA_UPLOAD_URL);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status > 599) {
        reject(new Error(i18n.t("errors.network")));
        return;
      }
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { "content-type": "application/json" },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        response.json().then((body: unknown) => {
          const parsed = ZMedia.safeParse(body);
          if (parsed.success) {
            options.onProgress?.(1);
            resolve(parsed.data);
          } else reject(new Error(i18n.t("errors.unexpectedAnswer")));
        }, reject);
      } else {
        failureOf(response).then(reject, reject);
      }
    };
    xhr.onerror = () => reject(new Error(i18n.t("errors.network")));
    xhr.onabort = () => reject(new DOMException("aborted", "AbortError"));
    options.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(form);
  });
}
