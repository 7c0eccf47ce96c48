// Page templates (the shipped store templates): apply one of a template's pages to this page (its
// document, resolved for this store by POST /page-templates/document, replaces the draft: undoable),
// or add all its pages to the store as new drafts (POST /page-templates/apply), optionally with its
// theme and tab bar as the settings draft, with links to open the new pages.
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
import { parseDocument } from "../page-api.ts";
import { useDesignerStore } from "../store/react.tsx";

export function TemplatesDialog({
  onClose,
  onSettingsChanged,
}: {
  onClose(): void;
  /** The store's settings draft was replaced (the canvas reloads its theme and tab bar). */
  onSettingsChanged?(): void;
}) {
  const { t, i18n } = useTranslation();
  const store = useDesignerStore();
  const list = useLoad(() => call(merchant["page-templates"].$get()), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; title: string }[]>([]);
  /** Per template: which of its pages "replace this page" uses (default: its first). */
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [withSettings, setWithSettings] = useState(false);

  const applyHere = async (template: string, page: string | undefined) => {
    setBusy(template);
    await attempt(async () => {
      const { document } = await call(
        merchant["page-templates"].document.$post({ json: page ? { template, page } : { template } }),
      );
      forgetCatalog();
      const title = store.getState().document.title;
      store.getState().dispatch({ type: "replace-document", document: { ...parseDocument(document), title } });
      onClose();
    }, t("designer.templatesDialog.applied"));
    setBusy(null);
  };

  const applyNew = async (template: string) => {
    setBusy(template);
    const res = await attempt(() =>
      call(merchant["page-templates"].apply.$post({ json: { template, settings: withSettings } })),
    );
    setBusy(null);
    if (res) {
      forgetCatalog();
      setCreated(res.pages);
      notify.ok(t("designer.templatesDialog.created", { count: res.pages.length }));
      if (res.settingsDraft) {
        notify.ok(t("designer.templatesDialog.settingsDrafted"));
        onSettingsChanged?.();
      }
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
      <label className="dz-template-settings">
        <input type="checkbox" checked={withSettings} onChange={(e) => setWithSettings(e.target.checked)} />
        {t("designer.templatesDialog.withSettings")}
      </label>
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
            {tpl.pages.length > 1 && (
              <label className="dz-template-page">
                {t("designer.templatesDialog.page")}
                <select
                  value={chosen[tpl.name] ?? tpl.pages[0]?.key}
                  onChange={(e) => setChosen({ ...chosen, [tpl.name]: e.target.value })}
                >
                  {tpl.pages.map((p) => (
                    <option key={p.key} value={p.key}>
                      {p.title}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <div className="row">
              <button
                type="button"
                disabled={busy !== null || tpl.pages.length === 0}
                onClick={() => void applyHere(tpl.name, chosen[tpl.name])}
              >
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
