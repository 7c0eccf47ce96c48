// The back office's modal dialogs: a native <dialog> shown modally (Escape closes it), and a
// confirmation built on it for destructive actions.
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

export function Modal({
  title,
  onClose,
  children,
  footer,
  wide,
}: {
  title: ReactNode;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // jsdom and old browsers have no showModal: an open dialog is still usable there.
    if (typeof el.showModal === "function" && !el.open) el.showModal();
    else el.setAttribute("open", "");
    const cancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    el.addEventListener("cancel", cancel);
    return () => {
      el.removeEventListener("cancel", cancel);
      if (typeof el.close === "function" && el.open) el.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? "modal wide" : "modal"}
      aria-label={typeof title === "string" ? title : undefined}
    >
      <header className="modal-head">
        <h2>{title}</h2>
        <CloseButton onClose={onClose} />
      </header>
      <div className="modal-body">{children}</div>
      {footer && <footer className="modal-foot">{footer}</footer>}
    </dialog>
  );
}

function CloseButton({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="link modal-close" aria-label={t("app.close")} onClick={onClose}>
      ×
    </button>
  );
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  busy,
  onConfirm,
  onClose,
}: {
  title: string;
  children?: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button
            type="button"
            className={danger ? "primary danger-fill" : "primary"}
            disabled={busy}
            onClick={onConfirm}
          >
            {confirmLabel ?? t("app.confirm")}
          </button>
        </>
      }
    >
      {children}
    </Modal>
  );
}
