// The save conflict: someone saved the draft after this editor loaded it. Nothing is overwritten
// silently: the merchant keeps their version (overwrite) or loads the server's (reload).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { messageOf } from "../../api/client.ts";
import { Modal } from "../../screens/dialog.tsx";
import "../messages.ts";

export function ConflictDialog({
  revision,
  onOverwrite,
  onReload,
  onClose,
}: {
  revision: number | undefined;
  onOverwrite(): Promise<void>;
  onReload(): Promise<void>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<"overwrite" | "reload" | null>(null);
  const [error, setError] = useState<unknown>();
  const run = async (choice: "overwrite" | "reload") => {
    setBusy(choice);
    setError(undefined);
    try {
      await (choice === "overwrite" ? onOverwrite() : onReload());
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Modal
      title={t("designer.conflict.title")}
      onClose={onClose}
      footer={
        <>
          <button type="button" disabled={busy !== null} onClick={() => void run("reload")}>
            {busy === "reload" ? t("designer.conflict.reloading") : t("designer.conflict.reload")}
          </button>
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void run("overwrite")}>
            {t("designer.conflict.overwrite")}
          </button>
        </>
      }
    >
      <p>{t("designer.conflict.body", { revision: revision ?? "?" })}</p>
      {error !== undefined && (
        <p className="field-error" role="alert">
          {messageOf(error)}
        </p>
      )}
    </Modal>
  );
}
