// The store's pages (店铺装修): status, home marker, last edit; open in the designer, create (empty
// or from a template), duplicate, set as home, delete.
import type { TPageSummary } from "@mallwright/schema";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { call, merchant } from "../api/client.ts";
import { localized } from "../i18n/index.ts";
import { useSession } from "../shell/session.ts";
import { attempt } from "../shell/toast.ts";
import { Empty, Failed, Field, Loading, LoadMore, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { ConfirmDialog, Modal } from "./dialog.tsx";
import { formatTime } from "./format.ts";
import "./messages.ts";
import "./screens.css";

async function loadPages(cursor?: string) {
  return call(merchant.pages.$get({ query: { limit: "50", ...(cursor ? { cursor } : {}) } }));
}

export function PageStatus({ page }: { page: TPageSummary }) {
  const { t } = useTranslation();
  return (
    <span className="row tight">
      {page.publishedVersion === null ? (
        <span className="badge">{t("screens.pages.draft")}</span>
      ) : (
        <span className="badge ok">{t("screens.pages.published", { version: page.publishedVersion })}</span>
      )}
      {page.publishedVersion !== null && page.hasUnpublishedChanges && (
        <span className="badge warn">{t("screens.pages.unpublishedChanges")}</span>
      )}
      {page.scheduledAt && (
        <span className="badge warn">{t("screens.pages.scheduled", { time: formatTime(page.scheduledAt) })}</span>
      )}
    </span>
  );
}

export function PagesScreen() {
  const { t } = useTranslation();
  const can = useSession((s) => s.can);
  const [more, setMore] = useState<{ items: TPageSummary[]; nextCursor: string | null }>();
  const list = useLoad(async () => {
    setMore(undefined);
    return loadPages();
  }, []);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<TPageSummary>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();

  const items = [...(list.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : list.data?.nextCursor;

  async function loadMore() {
    if (!nextCursor) return;
    const page = await attempt(() => loadPages(nextCursor));
    if (page) setMore({ items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor });
  }

  async function duplicate(p: TPageSummary) {
    const copy = await attempt(
      () => call(merchant.pages[":id"].duplicate.$post({ param: { id: p.id } })),
      t("screens.pages.duplicated"),
    );
    if (copy) list.reload();
  }
  async function setHome(p: TPageSummary) {
    const ok = await attempt(
      () => call(merchant.pages[":id"]["set-home"].$post({ param: { id: p.id } })),
      t("screens.pages.homeSet", { title: p.title }),
    );
    if (ok) list.reload();
  }
  async function remove(p: TPageSummary) {
    setBusy(true);
    const ok = await attempt(
      () => call(merchant.pages[":id"].$delete({ param: { id: p.id } })),
      t("screens.pages.deleted", { title: p.title }),
    );
    setBusy(false);
    setDeleting(undefined);
    if (ok) list.reload();
  }

  const canManage = can("pages:manage");
  const canPublish = can("pages:publish");

  return (
    <section>
      <PageHeader
        title={t("screens.pages.title")}
        actions={
          canManage && (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              {t("screens.pages.create")}
            </button>
          )
        }
      />
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <Failed error={list.error} retry={list.reload} />
      ) : items.length === 0 ? (
        <Empty
          action={
            canManage && (
              <button type="button" className="primary" onClick={() => setCreating(true)}>
                {t("screens.pages.create")}
              </button>
            )
          }
        >
          {t("screens.pages.empty")}
        </Empty>
      ) : (
        <div className="card flush">
          <table>
            <thead>
              <tr>
                <th>{t("screens.pages.pageTitle")}</th>
                <th>{t("screens.pages.status")}</th>
                <th>{t("screens.pages.updatedAt")}</th>
                <th>{t("app.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => {
                const deletable = !p.isHome && canManage && (p.publishedVersion === null || canPublish);
                return (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/pages/${p.id}/design`}>{p.title}</Link>{" "}
                      {p.isHome && <span className="badge home">{t("screens.pages.home")}</span>}
                    </td>
                    <td>
                      <PageStatus page={p} />
                    </td>
                    <td className="muted">{formatTime(p.updatedAt)}</td>
                    <td>
                      <div className="row tight">
                        <button type="button" className="link" onClick={() => navigate(`/pages/${p.id}/design`)}>
                          {t("screens.pages.design")}
                        </button>
                        {canManage && (
                          <button type="button" className="link" onClick={() => void duplicate(p)}>
                            {t("screens.pages.duplicate")}
                          </button>
                        )}
                        {canPublish && !p.isHome && (
                          <button
                            type="button"
                            className="link"
                            disabled={p.publishedVersion === null}
                            title={p.publishedVersion === null ? t("screens.pages.homeNeedsPublish") : undefined}
                            onClick={() => void setHome(p)}
                          >
                            {t("screens.pages.setHome")}
                          </button>
                        )}
                        {deletable && (
                          <button type="button" className="link danger" onClick={() => setDeleting(p)}>
                            {t("app.delete")}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <LoadMore more={Boolean(nextCursor)} onLoad={() => void loadMore()} />
        </div>
      )}
      {creating && (
        <CreatePageDialog
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            if (id) navigate(`/pages/${id}/design`);
            else list.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t("screens.pages.deleteTitle")}
          confirmLabel={t("app.delete")}
          danger
          busy={busy}
          onClose={() => setDeleting(undefined)}
          onConfirm={() => void remove(deleting)}
        >
          <p>{t("screens.pages.deleteBody", { title: deleting.title })}</p>
          {deleting.publishedVersion !== null && <p className="warn-text">{t("screens.pages.deleteLive")}</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}

function CreatePageDialog({ onClose, onCreated }: { onClose(): void; onCreated(id?: string): void }) {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState("");
  const [busy, setBusy] = useState(false);
  const templates = useLoad(() => call(merchant["page-templates"].$get()), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    if (template) {
      const applied = await attempt(
        () => call(merchant["page-templates"].apply.$post({ json: { template } })),
        t("screens.pages.templateApplied"),
      );
      setBusy(false);
      if (applied) onCreated(applied.pages.length === 1 ? applied.pages[0]?.id : undefined);
      return;
    }
    const page = await attempt(() => call(merchant.pages.$post({ json: { title } })), t("screens.pages.created"));
    setBusy(false);
    if (page) onCreated(page.id);
  }

  return (
    <Modal title={t("screens.pages.createTitle")} onClose={onClose} wide>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <fieldset className="template-choices">
          <legend>{t("screens.pages.startFrom")}</legend>
          <label className={template === "" ? "template-card selected" : "template-card"}>
            <input type="radio" name="template" checked={template === ""} onChange={() => setTemplate("")} />
            <span className="swatch blank" aria-hidden />
            <strong>{t("screens.pages.blank")}</strong>
            <span className="muted">{t("screens.pages.blankHint")}</span>
          </label>
          {templates.loading && <Loading />}
          {templates.error !== undefined && <Failed error={templates.error} retry={templates.reload} />}
          {templates.data?.items.map((tpl) => (
            <label key={tpl.name} className={template === tpl.name ? "template-card selected" : "template-card"}>
              <input
                type="radio"
                name="template"
                checked={template === tpl.name}
                onChange={() => setTemplate(tpl.name)}
              />
              <span className="swatch" aria-hidden>
                {tpl.previewColors.map((c) => (
                  <span key={c} style={{ background: c }} />
                ))}
              </span>
              <strong>{localized(tpl.title, i18n.language)}</strong>
              <span className="muted">{localized(tpl.description, i18n.language)}</span>
            </label>
          ))}
        </fieldset>
        {template === "" ? (
          <Field label={t("screens.pages.pageTitle")}>
            <input required maxLength={40} value={title} onChange={(e) => setTitle(e.target.value)} />
          </Field>
        ) : (
          <p className="muted">{t("screens.pages.templateHint")}</p>
        )}
        <div className="row end">
          <button type="button" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="submit" className="primary" disabled={busy || (template === "" && title.trim() === "")}>
            {template === "" ? t("app.create") : t("screens.pages.addTemplatePages")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
