// Published versions, newest first: each one's note, author and time; roll back to one (publishes it
// again as a new version; the draft stays) or copy one into the draft (replace-document, undoable).
import { eachBlock } from "@mallwright/schema";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call, merchant } from "../../api/client.ts";
import { Modal } from "../../screens/dialog.tsx";
import { formatTime } from "../../screens/format.ts";
import { useSession } from "../../shell/session.ts";
import { attempt, notify } from "../../shell/toast.ts";
import { Empty, Failed, Loading } from "../../shell/ui.tsx";
import { useLoad } from "../../shell/use-load.ts";
import "../messages.ts";
import { parseDocument } from "../page-api.ts";
import { useDesignerStore } from "../store/react.tsx";

export function VersionsDialog({
  pageId,
  liveVersion,
  onClose,
}: {
  pageId: string;
  liveVersion: number | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const store = useDesignerStore();
  const canPublish = useSession((s) => s.can("pages:publish"));
  const [cursor, setCursor] = useState<string | undefined>();
  const [more, setMore] = useState<Awaited<ReturnType<typeof listVersions>>["items"]>([]);
  const [live, setLive] = useState(liveVersion);
  const [picked, setPicked] = useState<number | null>(null);
  const list = useLoad(() => listVersions(pageId), [pageId, live]);
  const detail = useLoad(
    () =>
      picked === null
        ? Promise.resolve(null)
        : call(merchant.pages[":id"].versions[":version"].$get({ param: { id: pageId, version: String(picked) } })),
    [pageId, picked],
  );
  const items = [...(list.data?.items ?? []), ...more];
  const nextCursor = more.length > 0 ? cursor : list.data?.nextCursor;

  async function listVersions(id: string, after?: string) {
    return call(
      merchant.pages[":id"].versions.$get({
        param: { id },
        query: { limit: "20", ...(after ? { cursor: after } : {}) },
      }),
    );
  }

  const who = (a: { name: string | null; email: string | null }) =>
    a.name ?? a.email ?? t("designer.versionsDialog.unknownAuthor");

  return (
    <Modal title={t("designer.versionsDialog.title")} onClose={onClose} wide>
      {list.loading && <Loading />}
      {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
      {!list.loading && list.error === undefined && items.length === 0 && (
        <Empty>{t("designer.versionsDialog.empty")}</Empty>
      )}
      <div className="dz-versions">
        <ul className="dz-version-list">
          {items.map((v) => (
            <li key={v.version}>
              <button
                type="button"
                className={picked === v.version ? "is-current" : undefined}
                onClick={() => setPicked(v.version)}
              >
                <strong>{t("designer.versionsDialog.version", { version: v.version })}</strong>
                {v.version === live && <span className="badge ok">{t("designer.versionsDialog.current")}</span>}
                <span className="muted">{v.note || t("designer.versionsDialog.noNote")}</span>
                <span className="muted">
                  {t("designer.versionsDialog.by", { who: who(v.author), when: formatTime(v.publishedAt) })}
                </span>
              </button>
            </li>
          ))}
          {nextCursor && (
            <li>
              <button
                type="button"
                className="link"
                onClick={async () => {
                  const page = await attempt(() => listVersions(pageId, nextCursor));
                  if (page) {
                    setMore((m) => [...m, ...page.items]);
                    setCursor(page.nextCursor ?? undefined);
                  }
                }}
              >
                {t("designer.versionsDialog.loadMore")}
              </button>
            </li>
          )}
        </ul>
        {picked !== null && (
          <section className="dz-version-detail" aria-live="polite">
            {detail.loading && <Loading />}
            {detail.error !== undefined && <Failed error={detail.error} retry={detail.reload} />}
            {detail.data && (
              <>
                <h3>{t("designer.versionsDialog.version", { version: detail.data.version })}</h3>
                <p>{detail.data.note || t("designer.versionsDialog.noNote")}</p>
                <p className="muted">
                  {t("designer.versionsDialog.by", {
                    who: who(detail.data.author),
                    when: formatTime(detail.data.publishedAt),
                  })}
                </p>
                {detail.data.restoredFrom !== null && detail.data.restoredFrom !== undefined && (
                  <p className="muted">
                    {t("designer.versionsDialog.restoredFrom", { version: detail.data.restoredFrom })}
                  </p>
                )}
                <p className="muted">
                  {detail.data.document.title} ·{" "}
                  {t("designer.versionsDialog.blocks", {
                    count: [...eachBlock(parseDocument(detail.data.document).blocks)].length,
                  })}
                </p>
                <div className="row">
                  <button
                    type="button"
                    onClick={() => {
                      const data = detail.data;
                      if (!data) return;
                      void attempt(
                        async () => {
                          const document = parseDocument(data.document);
                          store.getState().dispatch({ type: "replace-document", document });
                          onClose();
                        },
                        t("designer.versionsDialog.copied", { version: data.version }),
                      );
                    }}
                  >
                    {t("designer.versionsDialog.copy")}
                  </button>
                  <button
                    type="button"
                    className="primary"
                    disabled={!canPublish || detail.data.version === live}
                    onClick={async () => {
                      const from = picked;
                      const res = await attempt(() =>
                        call(merchant.pages[":id"].rollback.$post({ param: { id: pageId }, json: { version: from } })),
                      );
                      if (res) {
                        setLive(res.version);
                        setPicked(res.version);
                        setMore([]);
                        notify.ok(t("designer.versionsDialog.rollbackDone", { from, version: res.version }));
                      }
                    }}
                  >
                    {t("designer.versionsDialog.rollback")}
                  </button>
                </div>
              </>
            )}
          </section>
        )}
      </div>
    </Modal>
  );
}
