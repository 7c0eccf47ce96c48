// The phone preview (/preview/:token, opened from the designer's QR code): the draft rendered as
// mobile web with the same block views as the canvas, under the store's drafted theme and tab bar, following
// the merchant's saves (polled every 3 s). Taps on links go nowhere. The language follows the phone's
// unless one was chosen in the builder.
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageView, themeStyle } from "../blocks/index.tsx";
import { TabBarView } from "../blocks/tab-bar.tsx";
import i18n, { type Language, savedLanguage } from "../i18n/index.ts";
import { Loading } from "../shell/ui.tsx";
import { type PreviewEnd, usePreview } from "./use-preview.ts";
import "./messages.ts";
import "./preview.css";

/** zh-CN for a Chinese browser, else English (only when the user never chose a language). */
export function browserLanguage(language: string | undefined = globalThis.navigator?.language): Language {
  return language?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function followBrowserLanguage(): void {
  if (savedLanguage()) return;
  const lng = browserLanguage();
  if (i18n.language !== lng) void i18n.changeLanguage(lng);
  if (typeof document !== "undefined") document.documentElement.lang = lng;
}

// This module loads only for the preview route: switch before its first render.
followBrowserLanguage();

export function PreviewScreen() {
  const { token = "" } = useParams();
  return <PreviewPage token={token} />;
}

const END_MESSAGES: Record<PreviewEnd, { title: string; body: string }> = {
  expired: { title: "preview.expiredTitle", body: "preview.expired" },
  invalid: { title: "preview.invalidTitle", body: "preview.invalid" },
  missing: { title: "preview.missingTitle", body: "preview.missing" },
};

export function PreviewPage({ token, intervalMs }: { token: string; intervalMs?: number }) {
  const { t } = useTranslation();
  const { preview, ended, error, retry } = usePreview(token, intervalMs);

  useEffect(() => {
    if (preview) document.title = t("preview.documentTitle", { title: preview.title });
  }, [preview, t]);

  if (!preview) {
    if (ended) {
      const m = END_MESSAGES[ended];
      return (
        <div className="pv-screen">
          <div className="pv-message" role="alert" data-ended={ended}>
            <h1>{t(m.title)}</h1>
            <p>{t(m.body)}</p>
          </div>
        </div>
      );
    }
    if (error !== undefined) {
      return (
        <div className="pv-screen">
          <div className="pv-message" role="alert">
            <h1>{t("preview.failedTitle")}</h1>
            <button type="button" onClick={retry}>
              {t("preview.retry")}
            </button>
          </div>
        </div>
      );
    }
    return (
      <div className="pv-screen">
        <Loading />
      </div>
    );
  }

  return (
    <div className="pv-screen">
      <header className="pv-bar">
        <h1 className="pv-title">{preview.title}</h1>
        <span className="pv-badge">{t("preview.badge")}</span>
      </header>
      {ended && (
        <div className="pv-banner" role="alert" data-ended={ended}>
          {ended === "expired" ? t("preview.expiredBanner") : t(END_MESSAGES[ended].title)}
        </div>
      )}
      {!ended && error !== undefined && (
        <div className="pv-banner pv-banner-quiet" role="status">
          {t("preview.offline")}
        </div>
      )}
      <PageView document={preview.document} data={preview.data} theme={preview.theme} store={preview.store} />
      <div className="pv-tab-bar" style={themeStyle(preview.theme)}>
        <TabBarView tabBar={preview.tabBar} />
      </div>
    </div>
  );
}
