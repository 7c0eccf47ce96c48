// Publishing: an optional note, then the draft is saved (autosave.flush) and published. A refusal's
// problems are mapped to their blocks (shown on the canvas and in the inspector) and listed here; a
// click selects the block. Warnings are shown after a successful publish.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call, merchant, messageOf } from "../../api/client.ts";
import { Modal } from "../../screens/dialog.tsx";
import { useSession } from "../../shell/session.ts";
import { labelOf } from "../canvas.tsx";
import "../messages.ts";
import { blockAtPath, issuesOf, type PathIssue, problemsByBlock } from "../problems.ts";
import { useDesignerStore } from "../store/react.tsx";

type Outcome =
  | { kind: "refused"; message: string; issues: PathIssue[] }
  | { kind: "failed"; message: string }
  | { kind: "published"; version: number; warnings: PathIssue[] };

export function PublishDialog({
  pageId,
  flush,
  onClose,
  onPublished,
}: {
  pageId: string;
  flush(): Promise<void>;
  onClose(): void;
  onPublished?(version: number): void;
}) {
  const { t, i18n } = useTranslation();
  const store = useDesignerStore();
  const canPublish = useSession((s) => s.can("pages:publish"));
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState<"saving" | "publishing" | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const publish = async () => {
    setOutcome(null);
    try {
      setBusy("saving");
      await flush();
      setBusy("publishing");
      const res = await call(
        merchant.pages[":id"].publish.$post({ param: { id: pageId }, json: { note: note.trim() } }),
      );
      store.getState().setProblems({});
      if ("version" in res) {
        setOutcome({ kind: "published", version: res.version, warnings: res.warnings });
        onPublished?.(res.version);
      }
    } catch (err) {
      const issues = issuesOf(err);
      if (issues.length > 0) {
        store.getState().setProblems(problemsByBlock(store.getState().document, issues));
        setOutcome({ kind: "refused", message: messageOf(err), issues });
      } else setOutcome({ kind: "failed", message: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const labelFor = (issue: PathIssue): { id: string | null; label: string } => {
    const node = blockAtPath(store.getState().document.blocks, issue.path);
    return node
      ? { id: node.id, label: labelOf(node, i18n.language) }
      : { id: null, label: t("designer.publishDialog.pageLevel") };
  };

  const IssueList = ({ issues }: { issues: PathIssue[] }) => (
    <ul className="dz-issue-list">
      {issues.map((issue, i) => {
        const where = labelFor(issue);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the server's list, in its order
          <li key={i}>
            {where.id ? (
              <button
                type="button"
                className="link"
                title={t("designer.publishDialog.select")}
                onClick={() => {
                  if (!where.id) return;
                  store.getState().select(where.id);
                  document
                    .querySelector(`[data-drop-item="${CSS.escape(where.id)}"]`)
                    ?.scrollIntoView?.({ block: "center" });
                  onClose();
                }}
              >
                {where.label}
              </button>
            ) : (
              <strong>{where.label}</strong>
            )}
            : {issue.message}
          </li>
        );
      })}
    </ul>
  );

  return (
    <Modal
      title={t("designer.publishDialog.title")}
      onClose={onClose}
      footer={
        outcome?.kind === "published" ? (
          <button type="button" className="primary" onClick={onClose}>
            {t("designer.close")}
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              {t("designer.cancel")}
            </button>
            <button
              type="button"
              className="primary"
              disabled={!canPublish || busy !== null}
              onClick={() => void publish()}
            >
              {busy === "saving"
                ? t("designer.publishDialog.saving")
                : busy === "publishing"
                  ? t("designer.publishDialog.publishing")
                  : t("designer.publishDialog.now")}
            </button>
          </>
        )
      }
    >
      {!canPublish && <p className="notice">{t("designer.publishDialog.noPermission")}</p>}
      {outcome?.kind !== "published" && (
        <label className="field">
          <span className="field-label">{t("designer.publishDialog.note")}</span>
          <textarea
            rows={2}
            maxLength={200}
            value={note}
            placeholder={t("designer.publishDialog.notePlaceholder")}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
      )}
      {outcome?.kind === "failed" && (
        <p className="field-error" role="alert">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === "refused" && (
        <div role="alert">
          <p className="field-error">{t("designer.publishDialog.refused", { count: outcome.issues.length })}</p>
          <IssueList issues={outcome.issues} />
        </div>
      )}
      {outcome?.kind === "published" && (
        <div role="status">
          <p>{t("designer.publishDialog.published", { version: outcome.version })}</p>
          {outcome.warnings.length > 0 && (
            <>
              <p className="warn">{t("designer.publishDialog.warnings", { count: outcome.warnings.length })}</p>
              <IssueList issues={outcome.warnings} />
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
