// Phone preview: the draft is saved first, then a signed 10-minute preview link is made and shown as a
// QR code and as text. The link is renewed a minute before it expires while the dialog is open; the
// /preview page polls the draft, so later saves reach the phone by themselves.
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, merchant, messageOf } from "../../api/client.ts";
import { Modal } from "../../screens/dialog.tsx";
import "../messages.ts";

/** How long before its expiry a link is replaced. */
const RENEW_BEFORE_MS = 60_000;

export function previewUrl(origin: string, token: string): string {
  return `${origin}/preview/${encodeURIComponent(token)}`;
}

/** When to renew a link expiring at `expiresAt` (ms from now; at least 5 s). */
export function renewDelay(expiresAt: string, now: number): number {
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return 60_000;
  return Math.max(5_000, at - now - RENEW_BEFORE_MS);
}

export function PreviewDialog({ pageId, flush, onClose }: { pageId: string; flush(): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<{ url: string; qr: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<unknown>();
  const [round, setRound] = useState(0);
  const [copied, setCopied] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: round asks for a new link
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    (async () => {
      try {
        // A failed save still lets the phone see the last saved draft: the preview goes on.
        await flush().catch(() => undefined);
        const res = await call(merchant.pages[":id"]["preview-token"].$post({ param: { id: pageId } }));
        const url = previewUrl(window.location.origin, res.token);
        const qr = await QRCode.toDataURL(url, { margin: 1, width: 240 });
        if (!live) return;
        setLink({ url, qr, expiresAt: res.expiresAt });
        setError(undefined);
        timer = setTimeout(() => setRound((r) => r + 1), renewDelay(res.expiresAt, Date.now()));
      } catch (err) {
        if (live) setError(err);
      }
    })();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [pageId, round]);

  return (
    <Modal title={t("designer.previewDialog.title")} onClose={onClose}>
      {error !== undefined && (
        <p className="field-error" role="alert">
          {messageOf(error)}
        </p>
      )}
      {!link && error === undefined && <p className="muted">{t("designer.previewDialog.loading")}</p>}
      {link && (
        <div className="dz-preview">
          <img src={link.qr} width={240} height={240} alt={link.url} />
          <p>{t("designer.previewDialog.scan")}</p>
          <label className="field">
            <span className="field-label">{t("designer.previewDialog.link")}</span>
            <input readOnly value={link.url} onFocus={(e) => e.target.select()} />
          </label>
          <p className="muted">
            {t("designer.previewDialog.expires", { time: new Date(link.expiresAt).toLocaleTimeString() })}
          </p>
          <div className="row">
            <a href={link.url} target="_blank" rel="noreferrer">
              {link.url}
            </a>
          </div>
          <div className="row">
            <button
              type="button"
              onClick={async () => {
                await navigator.clipboard?.writeText(link.url);
                setCopied(true);
              }}
            >
              {copied ? t("designer.previewDialog.copied") : t("designer.previewDialog.copy")}
            </button>
            <button type="button" onClick={() => setRound((r) => r + 1)}>
              {t("designer.previewDialog.renew")}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
