// A dialog to pick one or several items from the media library, with search and upload in place.
// Used by the product editor and the designer's inspector.
import type { TMedia } from "@mallwright/schema";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call, merchant } from "../api/client.ts";
import { useSession } from "../shell/session.ts";
import { attempt } from "../shell/toast.ts";
import { Empty, Failed, Loading, LoadMore } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { Modal } from "./dialog.tsx";
import { DropZone, thumbOf, UploadList, useUploadQueue } from "./upload-queue.tsx";
import "./messages.ts";
import "./screens.css";

export interface MediaPickerProps {
  /** Pick several (in the order clicked) or one. */
  multiple?: boolean;
  /** Only images or only videos. */
  kind?: "image" | "video";
  /** How many may still be picked (e.g. a gallery's free places). */
  max?: number;
  onPick(media: TMedia[]): void;
  onClose(): void;
}

export function MediaPicker({ multiple = false, kind, max, onPick, onClose }: MediaPickerProps) {
  const { t } = useTranslation();
  const canUpload = useSession((s) => s.can("catalog:manage"));
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [extra, setExtra] = useState<{ items: TMedia[]; nextCursor: string | null }>();
  const [picked, setPicked] = useState<TMedia[]>([]);
  const [uploaded, setUploaded] = useState<TMedia[]>([]);
  const list = useLoad(async () => {
    setExtra(undefined);
    return call(
      merchant.media.$get({ query: { limit: "40", ...(kind ? { kind } : {}), ...(search ? { q: search } : {}) } }),
    );
  }, [search, kind]);
  const queue = useUploadQueue((media) => {
    if (kind && media.kind !== kind) return;
    setUploaded((list) => [media, ...list]);
    toggle(media);
  });

  const seen = new Set<string>();
  const items = [...uploaded, ...(list.data?.items ?? []), ...(extra?.items ?? [])].filter((m) => {
    if (seen.has(m.id)) return false;
    seen.add(m.id);
    return true;
  });
  const nextCursor = extra ? extra.nextCursor : list.data?.nextCursor;
  const limit = multiple ? (max ?? Number.POSITIVE_INFINITY) : 1;

  function toggle(media: TMedia) {
    setPicked((current) => {
      if (current.some((m) => m.id === media.id)) return current.filter((m) => m.id !== media.id);
      if (!multiple) return [media];
      if (current.length >= limit) return current;
      return [...current, media];
    });
  }

  async function loadMore() {
    if (!nextCursor) return;
    const page = await attempt(() =>
      call(
        merchant.media.$get({
          query: { limit: "40", cursor: nextCursor, ...(kind ? { kind } : {}), ...(search ? { q: search } : {}) },
        }),
      ),
    );
    if (page) setExtra({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
  }

  return (
    <Modal
      title={t("screens.media.pickTitle")}
      onClose={onClose}
      wide
      footer={
        <>
          <span className="muted grow">
            {multiple && Number.isFinite(limit)
              ? t("screens.media.pickedOf", { count: picked.length, max: limit })
              : t("screens.media.picked", { count: picked.length })}
          </span>
          <button type="button" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="button" className="primary" disabled={picked.length === 0} onClick={() => onPick(picked)}>
            {t("screens.media.usePicked")}
          </button>
        </>
      }
    >
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <input
          type="search"
          placeholder={t("screens.media.searchPlaceholder")}
          aria-label={t("app.search")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit">{t("app.search")}</button>
      </form>
      <DropZone
        onFiles={queue.add}
        disabled={!canUpload}
        accept={
          kind === "video" ? "video/mp4" : kind === "image" ? "image/jpeg,image/png,image/webp,image/gif" : undefined
        }
      >
        <UploadList uploads={queue.uploads} onClear={queue.clearFinished} />
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <Failed error={list.error} retry={list.reload} />
        ) : items.length === 0 ? (
          <Empty>{t("screens.media.empty")}</Empty>
        ) : (
          <div className="media-grid picker">
            {items.map((m) => {
              const order = picked.findIndex((p) => p.id === m.id);
              return (
                <button
                  key={m.id}
                  type="button"
                  className={order >= 0 ? "media-tile selected" : "media-tile"}
                  aria-pressed={order >= 0}
                  onClick={() => toggle(m)}
                  onDoubleClick={() => !multiple && onPick([m])}
                >
                  {m.kind === "image" ? (
                    <img src={thumbOf(m)} alt={m.name} loading="lazy" />
                  ) : (
                    <span className="video-tile">▶</span>
                  )}
                  <span className="media-name">{m.name}</span>
                  {order >= 0 && <span className="pick-order">{multiple ? order + 1 : "✓"}</span>}
                </button>
              );
            })}
          </div>
        )}
        <LoadMore more={Boolean(nextCursor)} onLoad={() => void loadMore()} />
      </DropZone>
    </Modal>
  );
}
