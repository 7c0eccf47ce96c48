// After-sales (售后): the shoppers' refund and return requests by status, newest first, with
// "load more" cursor pages. A pending request can be approved (refund; for a return, optionally put
// the units back into stock) or rejected with a reason, each after confirming; the list is then
// read again, so it shows the server's state.
import type { TAfterSale } from "@mallwright/schema";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { call, merchant } from "../api/client.ts";
import { useSession } from "../shell/session.ts";
import { attempt } from "../shell/toast.ts";
import { Empty, Failed, Field, Loading, LoadMore, PageHeader, StatusTabs } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { ConfirmDialog } from "./dialog.tsx";
import { formatTime } from "./format.ts";
import { formatPrice } from "./money.ts";
import "./messages.ts";
import "./screens.css";

type Tab = TAfterSale["status"];
const TABS: Tab[] = ["requested", "refunding", "refunded", "refund_failed", "rejected"];

function loadPage(status: Tab, cursor?: string) {
  return call(merchant["after-sales"].$get({ query: { status, ...(cursor ? { cursor } : {}) } }));
}
type Page = Awaited<ReturnType<typeof loadPage>>;
type AfterSale = Page["items"][number];

export function AfterSalesScreen() {
  const { t } = useTranslation();
  const canManage = useSession((s) => s.can("orders:manage"));
  const [tab, setTab] = useState<Tab>("requested");
  const [extra, setExtra] = useState<Page>();
  const list = useLoad(() => {
    setExtra(undefined);
    return loadPage(tab);
  }, [tab]);

  const items = [...(list.data?.items ?? []), ...(extra?.items ?? [])];
  const nextCursor = extra ? extra.nextCursor : list.data?.nextCursor;

  async function loadMore() {
    if (!nextCursor) return;
    const page = await attempt(() => loadPage(tab, nextCursor));
    if (page) setExtra({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
  }

  /** Runs a decision; toasts the result or the API's words, and reads the list again either way. */
  async function decide(action: () => Promise<unknown>, success: string): Promise<void> {
    await attempt(action, success);
    list.reload();
  }

  return (
    <section>
      <PageHeader title={t("screens.afterSales.title")} />
      <StatusTabs
        tabs={TABS}
        current={tab}
        label={(s) => t(`screens.afterSales.tabs.${s}`)}
        onSelect={(s) => setTab(s)}
      />
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <Failed error={list.error} retry={list.reload} />
      ) : items.length === 0 ? (
        <Empty>{t(`screens.afterSales.empty.${tab}`)}</Empty>
      ) : (
        <div className="card flush">
          <table className="after-sales">
            <thead>
              <tr>
                <th>{t("screens.afterSales.order")}</th>
                <th>{t("screens.afterSales.kind")}</th>
                <th>{t("screens.afterSales.amount")}</th>
                <th>{t("screens.afterSales.reason")}</th>
                <th>{t("screens.afterSales.lines")}</th>
                <th>{t("screens.afterSales.requestedAt")}</th>
                {tab === "requested" ? (
                  canManage && <th>{t("app.actions")}</th>
                ) : (
                  <th>{t("screens.afterSales.decision")}</th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/orders/${a.orderId}`}>
                      <code>{a.orderNumber}</code>
                    </Link>
                  </td>
                  <td>{t(`screens.afterSales.kinds.${a.kind}`)}</td>
                  <td>{formatPrice(a.amount)}</td>
                  <td>
                    {a.reason}
                    {a.photos.length > 0 && (
                      <div className="after-sale-photos">
                        {a.photos.map((p, i) => (
                          <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
                            <img
                              src={p.thumbUrl ?? p.url}
                              alt={t("screens.afterSales.photo", { n: i + 1 })}
                              width={48}
                              height={48}
                            />
                          </a>
                        ))}
                      </div>
                    )}
                  </td>
                  <td>
                    {a.lines.map((l) => (
                      <div key={l.lineId} className="small">
                        {l.title} × {l.quantity} <span className="muted">{formatPrice(l.amount)}</span>
                      </div>
                    ))}
                  </td>
                  <td className="muted">{formatTime(a.createdAt)}</td>
                  {a.status === "requested" ? (
                    canManage && (
                      <td>
                        <Decide
                          request={a}
                          onApprove={(restock, note) =>
                            decide(
                              () =>
                                call(
                                  merchant["after-sales"][":id"].approve.$post({
                                    param: { id: a.id },
                                    json: { restock, ...(note ? { note } : {}) },
                                  }),
                                ),
                              t("screens.afterSales.approved", {
                                number: a.orderNumber,
                                amount: formatPrice(a.amount),
                              }),
                            )
                          }
                          onReject={(reason) =>
                            decide(
                              () =>
                                call(
                                  merchant["after-sales"][":id"].reject.$post({
                                    param: { id: a.id },
                                    json: { reason },
                                  }),
                                ),
                              t("screens.afterSales.rejected", { number: a.orderNumber }),
                            )
                          }
                        />
                      </td>
                    )
                  ) : (
                    <td>
                      <span className="muted small">{formatTime(a.decidedAt)}</span>
                      {a.restocked && <div className="small">{t("screens.afterSales.restocked")}</div>}
                      {a.decisionNote && <div className="small">{a.decisionNote}</div>}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore more={Boolean(nextCursor)} onLoad={() => void loadMore()} />
        </div>
      )}
    </section>
  );
}

function Decide({
  request,
  onApprove,
  onReject,
}: {
  request: AfterSale;
  onApprove(restock: boolean, note: string): Promise<void>;
  onReject(reason: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<"approve" | "reject">();
  const [busy, setBusy] = useState(false);
  const [restock, setRestock] = useState(false);
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
      setOpen(undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="row">
      <button type="button" className="primary" onClick={() => setOpen("approve")}>
        {t("screens.afterSales.approve")}
      </button>
      <button type="button" className="danger" onClick={() => setOpen("reject")}>
        {t("screens.afterSales.reject")}
      </button>
      {open === "approve" && (
        <ConfirmDialog
          title={t("screens.afterSales.approveTitle", { number: request.orderNumber })}
          busy={busy}
          confirmLabel={t("screens.afterSales.approve")}
          onClose={() => setOpen(undefined)}
          onConfirm={() => void run(() => onApprove(request.kind === "return_refund" && restock, note.trim()))}
        >
          <div className="stack">
            <p>{t("screens.afterSales.approveBody", { amount: formatPrice(request.amount) })}</p>
            {request.kind === "return_refund" && (
              <label className="row">
                <input type="checkbox" checked={restock} onChange={(e) => setRestock(e.target.checked)} />
                {t("screens.afterSales.restock")}
              </label>
            )}
            <Field label={t("screens.afterSales.note")}>
              <textarea rows={2} maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
            </Field>
          </div>
        </ConfirmDialog>
      )}
      {open === "reject" && (
        <ConfirmDialog
          title={t("screens.afterSales.rejectTitle", { number: request.orderNumber })}
          danger
          busy={busy}
          confirmLabel={t("screens.afterSales.reject")}
          onClose={() => setOpen(undefined)}
          onConfirm={() => {
            const value = reason.trim();
            if (!value) {
              setReasonError(t("screens.afterSales.reasonRequired"));
              return;
            }
            setReasonError(undefined);
            void run(() => onReject(value));
          }}
        >
          <div className="stack">
            <p>{t("screens.afterSales.rejectBody")}</p>
            <Field label={t("screens.afterSales.rejectReason")}>
              <textarea
                rows={2}
                maxLength={200}
                aria-invalid={reasonError ? true : undefined}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              {reasonError && (
                <span className="field-error" role="alert">
                  {reasonError}
                </span>
              )}
            </Field>
          </div>
        </ConfirmDialog>
      )}
    </div>
  );
}
