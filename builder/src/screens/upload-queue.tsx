// Uploading several files to the media library at once: a drop zone, and a queue that shows each
// file's progress and, when the API refuses one, its message. Shared by the library and the picker.
import type { TMedia } from "@mallwright/schema";
import { type DragEvent, type ReactNode, useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { messageOf } from "../api/client.ts";
import { uploadMedia } from "./upload-media.ts";

export interface UploadItem {
  key: number;
  name: string;
  progress: number;
  state: "uploading" | "done" | "failed";
  error?: string;
}

let nextKey = 1;

export function useUploadQueue(onUploaded: (media: TMedia) => void, folder?: string) {
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const onUploadedRef = useRef(onUploaded);
  onUploadedRef.current = onUploaded;
  const update = useCallback((key: number, patch: Partial<UploadItem>) => {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));
  }, []);
  const add = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const key = nextKey++;
        setUploads((list) => [...list, { key, name: file.name, progress: 0, state: "uploading" }]);
        uploadMedia(file, { folder, onProgress: (p) => update(key, { progress: p }) }).then(
          (media) => {
            update(key, { state: "done", progress: 1 });
            onUploadedRef.current(media);
          },
          (err: unknown) => update(key, { state: "failed", error: messageOf(err) }),
        );
      }
    },
    [folder, update],
  );
  const clearFinished = useCallback(() => setUploads((list) => list.filter((u) => u.state === "uploading")), []);
  return { uploads, add, clearFinished };
}

export function UploadList({ uploads, onClear }: { uploads: UploadItem[]; onClear(): void }) {
  const { t } = useTranslation();
  if (uploads.length === 0) return null;
  return (
    <div className="upload-list" aria-live="polite">
      {uploads.map((u) => (
        <div key={u.key} className={`upload-item ${u.state}`}>
          <span className="upload-name">{u.name}</span>
          {u.state === "failed" ? (
            <span className="field-error">{u.error}</span>
          ) : (
            <progress
              max={100}
              value={Math.round(u.progress * 100)}
              aria-label={t("screens.media.uploading", { name: u.name })}
            />
          )}
          <span className="muted">
            {u.state === "done"
              ? t("screens.media.uploaded")
              : u.state === "failed"
                ? t("screens.media.uploadFailed")
                : `${Math.round(u.progress * 100)}%`}
          </span>
        </div>
      ))}
      {uploads.some((u) => u.state !== "uploading") && (
        <button type="button" className="link" onClick={onClear}>
          {t("screens.media.clearUploads")}
        </button>
      )}
    </div>
  );
}

/** A drop target for files; also offers a file chooser. */
export function DropZone({
  onFiles,
  accept = "image/jpeg,image/png,image/webp,image/gif,video/mp4",
  disabled,
  children,
}: {
  onFiles(files: File[]): void;
  accept?: string;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping files is a pointer gesture; the button below is the keyboard path
    <div
      className={over ? "drop-zone over" : "drop-zone"}
      onDragOver={(e) => {
        if (disabled || !hasFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        if (disabled) return;
        e.preventDefault();
        setOver(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length > 0) onFiles(files);
      }}
    >
      {children}
      <div className="drop-hint">
        <span className="muted">{t("screens.media.dropHint")}</span>
        <button type="button" disabled={disabled} onClick={() => input.current?.click()}>
          {t("screens.media.chooseFiles")}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={accept}
          aria-label={t("screens.media.chooseFiles")}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = "";
            if (files.length > 0) onFiles(files);
          }}
        />
      </div>
    </div>
  );
}

/** The small picture to show for a media item (its thumbnail variant when it has one). */
export function thumbOf(media: Pick<TMedia, "url" | "variants">): string {
  return media.variants.thumb?.url ?? media.url;
}
