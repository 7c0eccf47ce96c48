// The page designer (/pages/:id/design), full screen: a top bar (back, title, viewport, undo/redo,
// save status, preview, versions, templates, theme, publish), the palette and outline on the left, the
// phone-sized canvas in the middle and the inspector on the right. Loads the page's draft and the
// store's theme, creates the editor's store, autosaves, and keeps the canvas's data hydrated.
import { applyTheme, type TStoreSettingsDocument } from "@mallwright/schema";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router";
import { ApiFailure } from "../api/client.ts";
import { LanguageSwitch } from "../shell/language-switch.tsx";
import { useSession } from "../shell/session.ts";
import { attempt, notify } from "../shell/toast.ts";
import { Failed, Loading } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { type Autosave, createAutosave, saveDraftVia } from "./autosave.ts";
import { Canvas, DesignerDnd } from "./canvas.tsx";
import { type CanvasEnv, CanvasEnvContext } from "./canvas-env.ts";
import { CommandButton, CommandMenu, useCommandKeys } from "./command-menu.tsx";
import { ConflictDialog } from "./dialogs/conflict-dialog.tsx";
import { PreviewDialog } from "./dialogs/preview-dialog.tsx";
import { PublishDialog } from "./dialogs/publish-dialog.tsx";
import { TemplatesDialog } from "./dialogs/templates-dialog.tsx";
import { ThemeDialog } from "./dialogs/theme-dialog.tsx";
import { VersionsDialog } from "./dialogs/versions-dialog.tsx";
import "./designer.css";
import { useHydratedData } from "./hydrate.ts";
import { Inspector } from "./inspector/inspector.tsx";
import "./messages.ts";
import { Outline } from "./outline.tsx";
import { type LoadedPage, loadPage, loadStoreSettings, type StoreSettings } from "./page-api.ts";
import { Palette } from "./palette.tsx";
import { createDesignerStore, type DesignerStore, type Viewport } from "./store/index.ts";
import { DesignerProvider, useDesigner, useDesignerStore } from "./store/react.tsx";

const VIEWPORTS: readonly Viewport[] = [320, 375, 414];

export function DesignerScreen() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const session = useSession((s) => s.merchant);
  const refresh = useSession((s) => s.refresh);
  useEffect(() => {
    if (session.status === "loading") void refresh().catch(() => undefined);
  }, [session.status, refresh]);
  const loaded = useLoad(async () => {
    const [page, settings] = await Promise.all([loadPage(id), loadStoreSettings()]);
    return { page, settings };
  }, [id]);
  if (session.status === "signed-out") return <Navigate to="/login" replace />;
  if (loaded.loading || session.status === "loading")
    return (
      <Frame>
        <Loading />
      </Frame>
    );
  if (loaded.error !== undefined || !loaded.data) {
    const missing = loaded.error instanceof ApiFailure && loaded.error.status === 404;
    return (
      <Frame>
        <div className="dz-load-failed">
          <h1>{missing ? t("designer.notFound") : t("designer.loadFailed")}</h1>
          {!missing && <Failed error={loaded.error} retry={loaded.reload} />}
          <Link to="/pages">{t("designer.back")}</Link>
        </div>
      </Frame>
    );
  }
  return <DesignerEditor key={id} pageId={id} loaded={loaded.data.page} settings={loaded.data.settings} />;
}

function Frame({ children }: { children: ReactNode }) {
  return <div className="dz-screen">{children}</div>;
}

/** One editing session of a page: its store, autosave and dialogs. */
export function DesignerEditor({
  pageId,
  loaded,
  settings: initialSettings,
}: {
  pageId: string;
  loaded: LoadedPage;
  settings: StoreSettings;
}) {
  const [store] = useState<DesignerStore>(() => createDesignerStore(loaded.document, loaded.page.revision));
  const [autosave, setAutosave] = useState<Autosave | null>(null);
  useEffect(() => {
    const a = createAutosave({ store, save: saveDraftVia(pageId), delayMs: 800 });
    setAutosave(a);
    return () => {
      // Leaving the designer: what is unsaved is still saved, then autosave stops.
      void a
        .flush()
        .catch(() => undefined)
        .finally(() => a.dispose());
    };
  }, [store, pageId]);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      const { save } = store.getState();
      if (save.dirty || save.status === "saving" || save.status === "conflict") {
        e.preventDefault();
        e.returnValue = "";
      }
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [store]);
  return (
    <DesignerProvider store={store}>
      <DesignerLayout
        pageId={pageId}
        autosave={autosave}
        initialSettings={initialSettings}
        liveVersion={loaded.page.published?.version ?? null}
        isHome={loaded.page.isHome}
      />
    </DesignerProvider>
  );
}

type DialogName = "publish" | "versions" | "templates" | "theme" | "preview" | "conflict";

function DesignerLayout({
  pageId,
  autosave,
  initialSettings,
  liveVersion,
  isHome,
}: {
  pageId: string;
  autosave: Autosave | null;
  initialSettings: StoreSettings;
  liveVersion: number | null;
  isHome: boolean;
}) {
  const { t } = useTranslation();
  const store = useDesignerStore();
  const me = useSession((s) => s.merchant.me);
  const [settings, setSettings] = useState(initialSettings);
  const [themeDraft, setThemeDraft] = useState<TStoreSettingsDocument | null>(null);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [tab, setTab] = useState<"palette" | "outline">("palette");
  const [live, setLive] = useState(liveVersion);
  const status = useDesigner((s) => s.save.status);
  useCommandKeys();

  useEffect(() => {
    if (status === "conflict") setDialog("conflict");
  }, [status]);

  const data = useHydratedData(store);
  const pageTheme = useDesigner((s) => s.document.theme);
  const storeTheme = (themeDraft ?? settings.draft).theme;
  const tabBar = (themeDraft ?? settings.draft).tabBar;
  const logoUrl = (themeDraft ?? settings.draft).logo?.url ?? null;
  const theme = useMemo(() => applyTheme(storeTheme, pageTheme), [storeTheme, pageTheme]);
  const storeName = me?.tenant.name;
  const env = useMemo<CanvasEnv>(
    () => ({
      data,
      theme,
      tabBar: { bar: tabBar, home: isHome },
      ...(storeName ? { store: { name: storeName, logoUrl } } : {}),
    }),
    [data, theme, storeName, tabBar, isHome, logoUrl],
  );
  const flush = () => autosave?.flush() ?? Promise.resolve();

  return (
    <CanvasEnvContext.Provider value={env}>
      <div className="dz-screen">
        <TopBar autosave={autosave} open={setDialog} />
        <DesignerDnd>
          <div className="dz-body">
            <aside className="dz-left">
              <div className="tabs dz-tabs" role="tablist">
                {(["palette", "outline"] as const).map((k) => (
                  <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
                    {t(`designer.tabs.${k}`)}
                  </button>
                ))}
              </div>
              <div className="dz-left-body" role="tabpanel">
                {tab === "palette" ? <Palette /> : <Outline />}
              </div>
            </aside>
            <main className="dz-center">
              <Canvas />
            </main>
            <Inspector storeTheme={storeTheme} />
          </div>
        </DesignerDnd>
        {dialog === "conflict" && autosave && (
          <ConflictDialog
            revision={store.getState().save.conflictRevision}
            onOverwrite={() => autosave.resolveConflict("overwrite")}
            onReload={async () => {
              const fresh = await loadPage(pageId);
              await autosave.resolveConflict("reload", fresh.document, fresh.page.revision);
            }}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog === "publish" && (
          <PublishDialog pageId={pageId} flush={flush} onClose={() => setDialog(null)} onPublished={setLive} />
        )}
        {dialog === "versions" && <VersionsDialog pageId={pageId} liveVersion={live} onClose={() => setDialog(null)} />}
        {dialog === "templates" && (
          <TemplatesDialog
            onClose={() => setDialog(null)}
            onSettingsChanged={() =>
              void attempt(async () => {
                setSettings(await loadStoreSettings());
                setThemeDraft(null);
              })
            }
          />
        )}
        {dialog === "preview" && <PreviewDialog pageId={pageId} flush={flush} onClose={() => setDialog(null)} />}
        {dialog === "theme" && (
          <ThemeDialog
            settings={settings}
            onDraft={setThemeDraft}
            onSaved={(s) => {
              setSettings(s);
              setThemeDraft(null);
            }}
            onClose={() => {
              // Unsaved theme edits are dropped with the dialog: the canvas shows the saved theme again.
              setThemeDraft(null);
              setDialog(null);
            }}
          />
        )}
      </div>
    </CanvasEnvContext.Provider>
  );
}

function TopBar({ autosave, open }: { autosave: Autosave | null; open(d: DialogName): void }) {
  const { t } = useTranslation();
  const store = useDesignerStore();
  const viewport = useDesigner((s) => s.viewport);
  const canPublish = useSession((s) => s.can("pages:publish"));
  return (
    <header className="dz-topbar">
      <Link to="/pages" className="dz-back" aria-label={t("designer.back")}>
        ← {t("designer.back")}
      </Link>
      <TitleInput />
      <fieldset className="dz-viewports" aria-label={t("designer.viewport")}>
        {VIEWPORTS.map((w) => (
          <button
            key={w}
            type="button"
            aria-pressed={viewport === w}
            title={t("designer.viewportWidth", { width: w })}
            onClick={() => store.getState().setViewport(w)}
          >
            {w}
          </button>
        ))}
      </fieldset>
      <span className="dz-history">
        <CommandButton id="undo" compact />
        <CommandButton id="redo" compact />
      </span>
      <SaveStatus autosave={autosave} onResolve={() => open("conflict")} />
      <span className="dz-spacer" />
      <button type="button" onClick={() => open("preview")}>
        {t("designer.preview")}
      </button>
      <button type="button" onClick={() => open("versions")}>
        {t("designer.versions")}
      </button>
      <button type="button" onClick={() => open("templates")}>
        {t("designer.templates")}
      </button>
      <button type="button" onClick={() => open("theme")}>
        {t("designer.theme")}
      </button>
      <CommandMenu />
      <LanguageSwitch />
      <button
        type="button"
        className="primary"
        onClick={() => open("publish")}
        title={canPublish ? undefined : t("designer.publishDialog.noPermission")}
      >
        {t("designer.publish")}
      </button>
    </header>
  );
}

function TitleInput() {
  const { t } = useTranslation();
  const store = useDesignerStore();
  const title = useDesigner((s) => s.document.title);
  const [draft, setDraft] = useState(title);
  const [seen, setSeen] = useState(title);
  if (title !== seen) {
    setSeen(title);
    if (title !== draft.trim()) setDraft(title);
  }
  return (
    <input
      className="dz-title"
      aria-label={t("designer.pageTitle")}
      value={draft}
      maxLength={40}
      onChange={(e) => {
        setDraft(e.target.value);
        const next = e.target.value.trim();
        if (next) store.getState().dispatch({ type: "set-title", title: next });
      }}
      onBlur={() => setDraft(store.getState().document.title)}
    />
  );
}

/** The save chip: saving / saved / failed (retry) / conflict (resolve). */
export function SaveStatus({ autosave, onResolve }: { autosave: Autosave | null; onResolve(): void }) {
  const { t } = useTranslation();
  const save = useDesigner((s) => s.save);
  const state = save.status === "idle" || save.status === "saved" ? (save.dirty ? "dirty" : save.status) : save.status;
  return (
    <span className={`dz-save dz-save-${state}`} role="status" aria-live="polite">
      {state === "saving" && <span className="spinner" aria-hidden />}
      {t(`designer.save.${state}`)}
      {state === "error" && autosave && (
        <button
          type="button"
          className="link"
          onClick={() => {
            autosave.flush().catch((err: unknown) => notify.error(err));
          }}
        >
          {t("designer.save.retry")}
        </button>
      )}
      {state === "conflict" && (
        <button type="button" className="link" onClick={onResolve}>
          {t("designer.save.resolve")}
        </button>
      )}
    </span>
  );
}
