// Page templates (the shipped store templates): apply one to this page (its first page's document
// replaces the draft, undoable; the template's drafts made on the way are removed again) or add its
// pages to the store as new drafts (the apply route), with links to open them.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { call, merchant } from "../../api/client.ts";
import { localized } from "../../i18n/index.ts";
import { Modal } from "../../screens/dialog.tsx";
import { attempt, notify } from "../../shell/toast.ts";
import { Empty, Failed, Loading } from "../../shell/ui.tsx";
import { useLoad } from "../../shell/use-load.ts";
import { forgetCatalog } from "../inspector/catalog.ts";
import "../messages.ts";
import { loadPage } from "../page-api.ts";
import { useDesignerStore } from "../store/react.tsx";

export function TemplatesDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const store = useDesignerStore();
  const list = useLoad(() => call(merchant["page-templates"].$get()), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; title: string }[]>([]);

  const apply = (template: string) => call(merchant["page-templates"].apply.$post({ json: { template } }));

  const applyHere = async (template: string) => {
    setBusy(template);
    await attempt(async () => {
      const { pages } = await apply(template);
      const first = pages[0];
      if (!first) throw new Error(t("designer.templatesDialog.noPages"));
      try {
        const { document } = await loadPage(first.id);
        const title = store.getState().document.title;
        store.getState().dispatch({ type: "replace-document", document: { ...document, title } });
      } finally {
        // The drafts were only the way to read the template: they go again (never published).
        await Promise.allSettled(pages.map((p) => call(merchant.pages[":id"].$delete({ param: { id: p.id } }))));
      }
      onClose();
    }, t("designer.templatesDialog.applied"));
    setBusy(null);
  };

  const applyNew = async (template: string) => {
    setBusy(template);
    const res = await attempt(() => apply(template));
    setBusy(null);
    if (res) {
      forgetCatalog();
      setCreated(res.pages);
      notify.ok(t("designer.templatesDialog.created", { count: res.pages.length }));
    }
  };

  return (
    <Modal title={t("designer.templatesDialog.title")} onClose={onClose} wide>
      {list.loading && <Loading />}
      {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t("designer.templatesDialog.empty")}</Empty>}
      {created.length > 0 && (
        <ul className="dz-created" role="status">
          {created.map((p) => (
            <li key={p.id}>
              <Link to={`/pages/${p.id}/design`} onClick={onClose}>
                {t("designer.templatesDialog.open", { title: p.title })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <ul className="dz-templates">
        {list.data?.items.map((tpl) => (
          <li key={tpl.name} className="dz-template">
            <div className="dz-swatch" aria-hidden>
              {tpl.previewColors.map((c) => (
                <span key={c} style={{ background: c }} />
              ))}
            </div>
            <h3>{localized(tpl.title, i18n.language)}</h3>
            <p className="muted">{localized(tpl.description, i18n.language)}</p>
            <div className="row">
              <button type="button" disabled={busy !== null} onClick={() => void applyHere(tpl.name)}>
                {t("designer.templatesDialog.applyHere")}
              </button>
              <button type="button" disabled={busy !== null} onClick={() => void applyNew(tpl.name)}>
                {t("designer.templatesDialog.applyNew")}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
