// The media library (素材库): a grid with search and kind/folder/tag filters (the store's folders,
// with counts, from the API), drag-and-drop upload with per-file progress, rename / move to folder /
// tags, where an item is used, and delete (the API refuses an item in use and says where).
import type { TMedia } from "@mallwright/schema";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, merchant, messageOf } from "../api/client.ts";
import { useSession } from "../shell/session.ts";
import { attempt, notify } from "../shell/toast.ts";
import { Empty, Failed, Field, Loading, LoadMore, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { Modal } from "./dialog.tsx";
import { detailsOf } from "./field-errors.ts";
import { formatBytes, formatTime } from "./format.ts";
import { DropZone, thumbOf, UploadList, useUploadQueue } from "./upload-queue.tsx";
import "./messages.ts";
import "./screens.css";

interface Filters {
  q: string;
  kind: "" | "image" | "video";
  folder: string;
  tag: string;
}

function queryOf(f: Filters, cursor?: string) {
  return {
    limit: "40",
    ...(cursor ? { cursor } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.folder ? { folder: f.folder } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
  };
}

export function MediaScreen() {
  const { t } = useTranslation();
  const canManage = useSession((s) => s.can("catalog:manage"));
  const [filters, setFilters] = useState<Filters>({ q: "", kind: "", folder: "", tag: "" });
  const [draftQ, setDraftQ] = useState("");
  const [extra, setExtra] = useState<{ items: TMedia[]; nextCursor: string | null }>();
  const [open, setOpen] = useState<TMedia>();
  const list = useLoad(async () => {
    setExtra(undefined);
    return call(merchant.media.$get({ query: queryOf(filters) }));
  }, [filters.q, filters.kind, filters.folder, filters.tag]);
  // Every folder of the store, not only those of the loaded pages; reloaded whenever counts change.
  const folderList = useLoad(() => call(merchant.media.folders.$get()), []);
  const folders = folderList.data?.items ?? [];
  const queue = useUploadQueue(() => {
    list.reload();
    folderList.reload();
  }, filters.folder || undefined);

  const items = [...(list.data?.items ?? []), ...(extra?.items ?? [])];
  const nextCursor = extra ? extra.nextCursor : list.data?.nextCursor;
  const usage = list.data?.usage;
  const filtered = filters.q !== "" || filters.kind !== "" || filters.folder !== "" || filters.tag !== "";

  async function loadMore() {
    if (!nextCursor) return;
    const page = await attempt(() => call(merchant.media.$get({ query: queryOf(filters, nextCursor) })));
    if (!page) return;
    setExtra({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
  }

  return (
    <section>
      <PageHeader
        title={t("screens.media.title")}
        actions={
          usage && (
            <span className="muted">
              {usage.quotaBytes === null
                ? t("screens.media.usageUnlimited", { count: usage.count, used: formatBytes(usage.bytes) })
                : t("screens.media.usage", {
                    count: usage.count,
                    used: formatBytes(usage.bytes),
                    quota: formatBytes(usage.quotaBytes),
                  })}
            </span>
          )
        }
      />
      {usage && usage.quotaBytes !== null && (
        <progress
          className="quota"
          max={usage.quotaBytes}
          value={Math.min(usage.bytes, usage.quotaBytes)}
          aria-label={t("screens.media.quota")}
        />
      )}
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...filters, q: draftQ.trim() });
        }}
      >
        <input
          type="search"
          aria-label={t("app.search")}
          placeholder={t("screens.media.searchPlaceholder")}
          value={draftQ}
          onChange={(e) => setDraftQ(e.target.value)}
        />
        <button type="submit">{t("app.search")}</button>
        <select
          aria-label={t("screens.media.kind")}
          value={filters.kind}
          onChange={(e) => {
            const kind = e.target.value;
            setFilters({ ...filters, kind: kind === "image" || kind === "video" ? kind : "" });
          }}
        >
          <option value="">{t("screens.media.allKinds")}</option>
          <option value="image">{t("screens.media.image")}</option>
          <option value="video">{t("screens.media.video")}</option>
        </select>
        <select
          aria-label={t("screens.media.folder")}
          value={filters.folder}
          onChange={(e) => setFilters({ ...filters, folder: e.target.value })}
        >
          <option value="">{t("screens.media.allFolders")}</option>
          {folders.map((f) => (
            <option key={f.name} value={f.name}>
              {t("screens.media.folderOption", { name: f.name, count: f.count })}
            </option>
          ))}
          {/* The chosen folder stays selectable after its last item moved out or was deleted. */}
          {filters.folder && !folders.some((f) => f.name === filters.folder) && (
            <option value={filters.folder}>
              {t("screens.media.folderOption", { name: filters.folder, count: 0 })}
            </option>
          )}
        </select>
        {filters.tag && (
          <button type="button" className="badge removable" onClick={() => setFilters({ ...filters, tag: "" })}>
            #{filters.tag} ×
          </button>
        )}
      </form>
      <DropZone onFiles={queue.add} disabled={!canManage}>
        <UploadList uploads={queue.uploads} onClear={queue.clearFinished} />
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <Failed error={list.error} retry={list.reload} />
        ) : items.length === 0 ? (
          <Empty>{filtered ? t("screens.media.noMatch") : t("screens.media.empty")}</Empty>
        ) : (
          <div className="media-grid">
            {items.map((m) => (
              <button key={m.id} type="button" className="media-tile" onClick={() => setOpen(m)}>
                {m.kind === "image" ? (
                  <img src={thumbOf(m)} alt={m.name} loading="lazy" />
                ) : (
                  <span className="video-tile">▶</span>
                )}
                <span className="media-name">{m.name}</span>
                <span className="media-meta muted">
                  {m.width && m.height ? `${m.width}×${m.height} · ` : ""}
                  {formatBytes(m.bytes)}
                  {m.folder ? ` · ${m.folder}` : ""}
                </span>
              </button>
            ))}
          </div>
        )}
        <LoadMore more={Boolean(nextCursor)} onLoad={() => void loadMore()} />
      </DropZone>
      {open && (
        <MediaDetails
          media={open}
          folders={folders.map((f) => f.name)}
          canManage={canManage}
          onTag={(tag) => {
            setOpen(undefined);
            setFilters({ ...filters, tag });
          }}
          onClose={() => setOpen(undefined)}
          onChanged={(changed) => {
            setOpen(changed ?? undefined);
            list.reload();
            folderList.reload();
          }}
        />
      )}
    </section>
  );
}

type Usage = { kind: string; id: string; label: string }[];

function MediaDetails({
  media,
  folders,
  canManage,
  onTag,
  onClose,
  onChanged,
}: {
  media: TMedia;
  folders: string[];
  canManage: boolean;
  onTag(tag: string): void;
  onClose(): void;
  onChanged(media: TMedia | null): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(media.name);
  const [folder, setFolder] = useState(media.folder);
  const [tags, setTags] = useState(media.tags.join(", "));
  const [usage, setUsage] = useState<Usage>();
  const [refusal, setRefusal] = useState<{ message: string; where: { path: string; message: string }[] }>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const saved = await attempt(
      () =>
        call(
          merchant.media[":id"].$patch({
            param: { id: media.id },
            json: {
              name: name.trim(),
              folder: folder.trim(),
              tags: tags
                .split(/[,，]/)
                .map((x) => x.trim())
                .filter((x) => x !== ""),
            },
          }),
        ),
      t("app.saved"),
    );
    setBusy(false);
    if (saved) onChanged(saved);
  }

  async function loadUsage() {
    const found = await attempt(() => call(merchant.media[":id"].usage.$get({ param: { id: media.id } })));
    if (found) setUsage(found.usedBy);
  }

  async function remove() {
    setBusy(true);
    try {
      await call(merchant.media[":id"].$delete({ param: { id: media.id } }));
      notify.ok(t("screens.media.deleted", { name: media.name }));
      onChanged(null);
    } catch (err) {
      notify.error(err);
      setRefusal({ message: messageOf(err), where: detailsOf(err) });
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={media.name} onClose={onClose} wide>
      <div className="media-details">
        <div className="media-preview">
          {media.kind === "image" ? (
            <img src={media.variants.medium?.url ?? media.url} alt={media.name} />
          ) : (
            // biome-ignore lint/a11y/useMediaCaption: merchants' product videos carry no captions
            <video src={media.url} controls />
          )}
          <dl className="facts">
            <dt>{t("screens.media.type")}</dt>
            <dd>{media.mime}</dd>
            <dt>{t("screens.media.size")}</dt>
            <dd>{formatBytes(media.bytes)}</dd>
            {media.width && media.height && (
              <>
                <dt>{t("screens.media.dimensions")}</dt>
                <dd>
                  {media.width}×{media.height}
                </dd>
              </>
            )}
            <dt>{t("screens.media.uploadedAt")}</dt>
            <dd>{formatTime(media.createdAt)}</dd>
            <dt>{t("screens.media.url")}</dt>
            <dd>
              <a href={media.url} target="_blank" rel="noreferrer">
                {t("screens.media.openOriginal")}
              </a>
            </dd>
          </dl>
          {media.tags.length > 0 && (
            <div className="row tight">
              {media.tags.map((tag) => (
                <button key={tag} type="button" className="badge" onClick={() => onTag(tag)}>
                  #{tag}
                </button>
              ))}
            </div>
          )}
        </div>
        <form className="stack" onSubmit={(e) => void save(e)}>
          <fieldset disabled={!canManage} className="plain stack">
            <Field label={t("screens.media.name")}>
              <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label={t("screens.media.folder")} hint={t("screens.media.folderHint")}>
              <input list="media-folders" maxLength={100} value={folder} onChange={(e) => setFolder(e.target.value)} />
              <datalist id="media-folders">
                {folders.map((f) => (
                  <option key={f} value={f} />
                ))}
              </datalist>
            </Field>
            <Field label={t("screens.media.tags")} hint={t("screens.media.tagsHint")}>
              <input value={tags} onChange={(e) => setTags(e.target.value)} />
            </Field>
            <div className="row">
              <button type="submit" className="primary" disabled={busy}>
                {t("app.save")}
              </button>
              <button type="button" onClick={() => void loadUsage()}>
                {t("screens.media.whereUsed")}
              </button>
              <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
                {t("app.delete")}
              </button>
            </div>
          </fieldset>
          {!canManage && (
            <button type="button" onClick={() => void loadUsage()}>
              {t("screens.media.whereUsed")}
            </button>
          )}
          {usage && (
            <div className="notice">
              {usage.length === 0 ? (
                t("screens.media.unused")
              ) : (
                <>
                  <strong>{t("screens.media.usedIn", { count: usage.length })}</strong>
                  <ul>
                    {usage.map((u) => (
                      <li key={`${u.kind}:${u.id}`}>
                        {t(`screens.media.usageKinds.${u.kind}`)}: {u.label}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          {refusal && (
            <div className="notice danger" role="alert">
              <strong>{refusal.message}</strong>
              {refusal.where.length > 0 && (
                <ul>
                  {refusal.where.map((w) => (
                    <li key={w.path + w.message}>
                      {kindLabel(t, w.path)}
                      {w.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {confirming && (
            <div className="notice danger">
              <p>{t("screens.media.deleteConfirm", { name: media.name })}</p>
              <div className="row">
                <button type="button" onClick={() => setConfirming(false)}>
                  {t("app.cancel")}
                </button>
                <button type="button" className="primary danger-fill" disabled={busy} onClick={() => void remove()}>
                  {t("app.delete")}
                </button>
              </div>
            </div>
          )}
        </form>
      </div>
    </Modal>
  );
}

/** "product:<id>" -> "商品: " (the 409's detail paths name the kind of place). */
function kindLabel(t: (key: string) => string, path: string): string {
  const kind = path.split(":")[0];
  return kind && ["product", "sku", "category", "page"].includes(kind)
    ? `${t(`screens.media.usageKinds.${kind}`)}: `
    : "";
}
