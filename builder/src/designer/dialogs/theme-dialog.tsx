// The store's logo, theme (colours, corner radius, button style) and tab bar (2 to 5 items: which
// tab, its text and icon). Edits show on the canvas at once; "save draft" stores them (If-Match on the
// settings' revision) and "publish" makes them what shoppers see.
import {
  TAB_KEYS,
  type TStoreSettingsDocument,
  type TStoreTheme,
  ZStoreSettingsDocument,
  ZStoreTheme,
} from "@mallwright/schema";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure, call, merchant } from "../../api/client.ts";
import { Modal } from "../../screens/dialog.tsx";
import { MediaPicker } from "../../screens/media-picker.tsx";
import { useSession } from "../../shell/session.ts";
import { attempt, notify } from "../../shell/toast.ts";
import { mediaRef } from "../inspector/media-field.tsx";
import "../messages.ts";
import { loadStoreSettings, type StoreSettings } from "../page-api.ts";

const COLOR_KEYS = ["primary", "secondary", "background", "surface", "text", "muted", "price"] as const;
const BUTTON_STYLES = ZStoreTheme.shape.buttonStyle.unwrap().options;
const ICONS = ["home", "apps", "cart", "user", "search", "star", "gift", "heart"] as const;

export function ThemeDialog({
  settings,
  onDraft,
  onSaved,
  onClose,
}: {
  settings: StoreSettings;
  /** Every edit, so the canvas shows it live. */
  onDraft(doc: TStoreSettingsDocument): void;
  onSaved(settings: StoreSettings): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const canManage = useSession((s) => s.can("pages:manage"));
  const canPublish = useSession((s) => s.can("pages:publish"));
  const [doc, setDoc] = useState<TStoreSettingsDocument>(settings.draft);
  const [revision, setRevision] = useState(settings.revision);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  /** Someone saved the settings since we loaded them: their current state, until the merchant chooses. */
  const [conflict, setConflict] = useState<StoreSettings | null>(null);
  const [pickingLogo, setPickingLogo] = useState(false);
  const check = ZStoreSettingsDocument.safeParse(doc);

  const edit = (next: TStoreSettingsDocument) => {
    setDoc(next);
    setDirty(true);
    onDraft(next);
  };
  const setTheme = (theme: TStoreTheme) => edit({ ...doc, theme });
  const items = doc.tabBar.items;
  const setItems = (next: typeof items) => edit({ ...doc, tabBar: { items: next } });

  const save = async (at = revision): Promise<StoreSettings | undefined> => {
    const saved = await attempt(async () => {
      try {
        return await call(merchant["store-settings"].draft.$put({ header: { "if-match": `"r${at}"` }, json: doc }));
      } catch (err) {
        // Saved elsewhere since we loaded it: never overwrite silently, let the merchant choose.
        if (err instanceof ApiFailure && err.status === 412) {
          setConflict(await loadStoreSettings());
          return undefined;
        }
        throw err;
      }
    });
    if (saved) {
      notify.ok(t("designer.themeDialog.saved"));
      setRevision(saved.revision);
      setDirty(false);
      setConflict(null);
      onSaved(saved);
    }
    return saved;
  };
  const overwrite = async () => {
    if (!conflict) return;
    setBusy(true);
    await save(conflict.revision);
    setBusy(false);
  };
  const loadTheirs = () => {
    if (!conflict) return;
    setDoc(conflict.draft);
    setRevision(conflict.revision);
    setDirty(false);
    setConflict(null);
    onDraft(conflict.draft);
    onSaved(conflict);
  };
  const publish = async () => {
    setBusy(true);
    if (dirty && !(await save())) {
      setBusy(false);
      return;
    }
    const res = await attempt(() => call(merchant["store-settings"].publish.$post()));
    setBusy(false);
    if (res) notify.ok(t("designer.themeDialog.published", { version: res.version }));
  };

  return (
    <Modal
      title={t("designer.themeDialog.title")}
      onClose={onClose}
      wide
      footer={
        <>
          {(dirty || settings.hasUnpublishedChanges) && (
            <span className="muted">{t("designer.themeDialog.unpublished")}</span>
          )}
          <button
            type="button"
            disabled={!canManage || busy || !dirty || !check.success}
            onClick={async () => {
              setBusy(true);
              await save();
              setBusy(false);
            }}
          >
            {t("designer.themeDialog.saveDraft")}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!canPublish || busy || !check.success}
            onClick={() => void publish()}
          >
            {t("designer.themeDialog.publish")}
          </button>
        </>
      }
    >
      {conflict && (
        <div className="dz-conflict-note" role="alert">
          <p>{t("designer.themeDialog.conflict", { revision: conflict.revision })}</p>
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={() => void overwrite()}>
              {t("designer.themeDialog.overwrite")}
            </button>
            <button type="button" disabled={busy} onClick={loadTheirs}>
              {t("designer.themeDialog.loadTheirs")}
            </button>
          </div>
        </div>
      )}
      <div className="dz-theme-grid">
        <fieldset>
          <legend>{t("designer.themeDialog.colors")}</legend>
          {COLOR_KEYS.map((key) => (
            <label key={key} className="dz-override-row">
              <span>{t(`designer.colors.${key}`)}</span>
              <input
                type="color"
                value={doc.theme.colors[key]}
                onChange={(e) => setTheme({ ...doc.theme, colors: { ...doc.theme.colors, [key]: e.target.value } })}
              />
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("designer.themeDialog.logo")}</legend>
          <div className="dz-media">
            {doc.logo ? (
              <img className="dz-media-preview" src={doc.logo.url} alt={t("designer.themeDialog.logo")} />
            ) : (
              <p className="muted">{t("designer.themeDialog.noLogo")}</p>
            )}
            <span className="row">
              <button type="button" onClick={() => setPickingLogo(true)}>
                {doc.logo ? t("designer.media.replace") : t("designer.media.pickImage")}
              </button>
              {doc.logo && (
                <button type="button" className="danger" onClick={() => edit({ ...doc, logo: null })}>
                  {t("designer.media.remove")}
                </button>
              )}
            </span>
          </div>
          {pickingLogo && (
            <MediaPicker
              kind="image"
              onClose={() => setPickingLogo(false)}
              onPick={(picked) => {
                setPickingLogo(false);
                const m = picked[0];
                if (m) edit({ ...doc, logo: mediaRef(m) });
              }}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>{t("designer.themeDialog.shape")}</legend>
          <label className="dz-override-row">
            <span>{t("designer.inspector.radius")}</span>
            <input
              type="number"
              min={0}
              max={24}
              value={doc.theme.radius}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 0 && n <= 24) setTheme({ ...doc.theme, radius: n });
              }}
            />
          </label>
          <label className="dz-override-row">
            <span>{t("designer.inspector.buttonStyle")}</span>
            <select
              value={doc.theme.buttonStyle}
              onChange={(e) => {
                const style = BUTTON_STYLES.find((s) => s === e.target.value);
                if (style) setTheme({ ...doc.theme, buttonStyle: style });
              }}
            >
              {BUTTON_STYLES.map((s) => (
                <option key={s} value={s}>
                  {t(`designer.buttonStyles.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset className="dz-tabbar">
          <legend>{t("designer.themeDialog.tabBar")}</legend>
          <ol>
            {items.map((item, i) => (
              <li key={item.tab} className="row">
                <select
                  aria-label={t("designer.themeDialog.tab")}
                  value={item.tab}
                  onChange={(e) => {
                    const tab = TAB_KEYS.find((k) => k === e.target.value);
                    if (tab) setItems(items.map((it, j) => (j === i ? { ...it, tab } : it)));
                  }}
                >
                  {TAB_KEYS.map((k) => (
                    <option key={k} value={k} disabled={k !== item.tab && items.some((it) => it.tab === k)}>
                      {t(`designer.link.tabs.${k}`)}
                    </option>
                  ))}
                </select>
                <input
                  aria-label={t("designer.themeDialog.text")}
                  value={item.text}
                  maxLength={8}
                  onChange={(e) => setItems(items.map((it, j) => (j === i ? { ...it, text: e.target.value } : it)))}
                />
                <select
                  aria-label={t("designer.themeDialog.icon")}
                  value={item.icon}
                  onChange={(e) => setItems(items.map((it, j) => (j === i ? { ...it, icon: e.target.value } : it)))}
                >
                  {[...new Set([item.icon, ...ICONS])].map((icon) => (
                    <option key={icon} value={icon}>
                      {icon}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="dz-icon-button"
                  aria-label={t("designer.list.up")}
                  disabled={i === 0}
                  onClick={() => {
                    const next = [...items];
                    const [it] = next.splice(i, 1);
                    if (it) next.splice(i - 1, 0, it);
                    setItems(next);
                  }}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="dz-icon-button danger"
                  aria-label={t("designer.list.remove")}
                  disabled={items.length <= 2 || item.tab === "home"}
                  onClick={() => setItems(items.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            disabled={items.length >= 5 || items.length >= TAB_KEYS.length}
            onClick={() => {
              const tab = TAB_KEYS.find((k) => !items.some((it) => it.tab === k));
              if (tab) setItems([...items, { tab, text: t(`designer.link.tabs.${tab}`).slice(0, 8), icon: "apps" }]);
            }}
          >
            + {t("designer.themeDialog.addTab")}
          </button>
        </fieldset>
      </div>
      {!check.success && (
        <ul className="field-error" role="alert">
          {check.error.issues.map((i) => (
            <li key={`${i.path.join(".")}:${i.message}`}>
              {t("designer.themeDialog.invalid", { path: i.path.join("."), message: i.message })}
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
