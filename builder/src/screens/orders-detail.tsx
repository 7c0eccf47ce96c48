// One order (订单详情): its lines and totals, delivery (address or pickup point), timeline, the
// merchant's remark, and what can be done in its state: ship a paid express order (carrier and
// tracking number), mark a paid pickup order ready, hand a pickup over by its 6-digit code, cancel
// an unpaid order. After an action the order is read again, so the screen shows the server's state.
// The payment: provider, WeChat Pay transaction, refunds, a warning when money arrived after the
// order was cancelled (refunded automatically); for WeChat orders the shipping-info upload to WeChat,
// sent again from here after a failure.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiFailure, call, merchant } from "../api/client.ts";
import { useSession } from "../shell/session.ts";
import { attempt, notify } from "../shell/toast.ts";
import { Failed, Field, Loading, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { ConfirmDialog } from "./dialog.tsx";
import { type FieldErrors, fieldErrorsOf } from "./field-errors.ts";
import { formatTime } from "./format.ts";
import { formatPrice } from "./money.ts";
import { OrderStatusBadge } from "./order-status.tsx";
import "./messages.ts";
import "./screens.css";

/** Common carriers in mainland China; anything else is typed in. The name is sent as it is. */
export const CARRIERS = [
  "顺丰速运",
  "京东物流",
  "中通快递",
  "圆通速递",
  "韵达快递",
  "申通快递",
  "极兔速递",
  "中国邮政",
  "EMS",
  "德邦快递",
] as const;
const OTHER = "__other__";
const TRACKING_NO = /^[A-Za-z0-9-]{4,60}$/;

function loadOrder(id: string) {
  return call(merchant.orders[":id"].$get({ param: { id } }));
}
type Order = Awaited<ReturnType<typeof loadOrder>>;

export function OrderDetailScreen() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const order = useLoad(() => loadOrder(id), [id]);

  return (
    <section className="stack">
      <PageHeader
        title={
          <>
            <Link to="/orders" className="back">
              ← {t("nav.orders")}
            </Link>{" "}
            {order.data && t("screens.orders.orderTitle", { number: order.data.number })}{" "}
            {order.data && <OrderStatusBadge status={order.data.status} delivery={order.data.delivery} />}
          </>
        }
      />
      {order.loading && !order.data ? (
        <Loading />
      ) : order.error || !order.data ? (
        <Failed error={order.error} retry={order.reload} />
      ) : (
        <OrderView order={order.data} onChange={order.set} />
      )}
    </section>
  );
}

function OrderView({ order, onChange }: { order: Order; onChange(next: Order): void }) {
  const { t } = useTranslation();
  const canManage = useSession((s) => s.can("orders:manage"));

  /** Runs an action; on success reads the order again and toasts; on failure shows the API's words. */
  async function act(action: () => Promise<unknown>, success: string): Promise<FieldErrors | undefined> {
    try {
      await action();
    } catch (err) {
      notify.error(err);
      // 409: the order moved on meanwhile (another device, the payment timeout): show where it is now.
      if (err instanceof ApiFailure && err.status === 409) await refresh();
      return fieldErrorsOf(err);
    }
    notify.ok(success);
    await refresh();
    return undefined;
  }
  async function refresh() {
    const fresh = await attempt(() => loadOrder(order.id));
    if (fresh) onChange(fresh);
  }

  const param = { id: order.id };
  const number = order.number;
  return (
    <div className="order-detail">
      <div className="stack">
        <PaymentNotices
          order={order}
          canManage={canManage}
          onRetryUpload={() =>
            act(
              () => call(merchant.orders[":id"]["shipping-upload"].$post({ param })),
              t("screens.orders.upload.retried", { number }),
            )
          }
        />
        {canManage && (
          <OrderActions
            order={order}
            onShip={(carrier, trackingNo) =>
              act(
                () => call(merchant.orders[":id"].ship.$post({ param, json: { carrier, trackingNo } })),
                t("screens.orders.shipped", { number }),
              )
            }
            onReady={() =>
              act(
                () => call(merchant.orders[":id"].ship.$post({ param, json: {} })),
                t("screens.orders.markedReady", { number }),
              )
            }
            onHandOver={(code) =>
              act(
                () => call(merchant.orders[":id"].pickup.$post({ param, json: { code } })),
                t("screens.orders.handedOver", { number }),
              )
            }
            onCancel={(reason) =>
              act(
                () => call(merchant.orders[":id"].cancel.$post({ param, json: reason ? { reason } : {} })),
                t("screens.orders.cancelled", { number }),
              )
            }
          />
        )}
        <Lines order={order} />
        <Delivery order={order} />
        <Timeline order={order} />
      </div>
      <div className="stack">
        <Facts order={order} />
        <Payment order={order} />
        <Remark order={order} canManage={canManage} onSaved={onChange} />
      </div>
    </div>
  );
}

function OrderActions({
  order,
  onShip,
  onReady,
  onHandOver,
  onCancel,
}: {
  order: Order;
  onShip(carrier: string, trackingNo: string): Promise<FieldErrors | undefined>;
  onReady(): Promise<unknown>;
  onHandOver(code: string): Promise<FieldErrors | undefined>;
  onCancel(reason: string): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");

  async function run<T>(action: () => Promise<T>): Promise<T> {
    setBusy(true);
    try {
      return await action();
    } finally {
      setBusy(false);
    }
  }

  if (order.status === "paid" && order.delivery === "express") {
    return (
      <div className="card">
        <h2>{t("screens.orders.ship")}</h2>
        <ShipForm busy={busy} onShip={(c, n) => run(() => onShip(c, n))} />
      </div>
    );
  }
  if (order.status === "paid" && order.delivery === "pickup") {
    return (
      <div className="card">
        <h2>{t("screens.orders.actions")}</h2>
        <p className="muted">{t("screens.orders.pickupHint")}</p>
        <button type="button" className="primary" disabled={busy} onClick={() => void run(onReady)}>
          {t("screens.orders.markReady")}
        </button>
      </div>
    );
  }
  if (order.status === "shipped" && order.delivery === "pickup") {
    return (
      <div className="card">
        <h2>{t("screens.orders.handOver")}</h2>
        <HandOverForm busy={busy} onHandOver={(code) => run(() => onHandOver(code))} />
      </div>
    );
  }
  if (order.status === "pending_payment") {
    return (
      <div className="card">
        <h2>{t("screens.orders.actions")}</h2>
        <p className="muted">{t("screens.orders.cancelHint")}</p>
        <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
          {t("screens.orders.cancel")}
        </button>
        {confirming && (
          <ConfirmDialog
            title={t("screens.orders.cancelTitle", { number: order.number })}
            danger
            busy={busy}
            confirmLabel={t("screens.orders.cancel")}
            onClose={() => setConfirming(false)}
            onConfirm={() => {
              void run(() => onCancel(reason.trim())).then(() => setConfirming(false));
            }}
          >
            <div className="stack">
              <p>{t("screens.orders.cancelBody")}</p>
              <Field label={t("screens.orders.cancelReasonField")}>
                <textarea rows={2} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
              </Field>
            </div>
          </ConfirmDialog>
        )}
      </div>
    );
  }
  return null;
}

function ShipForm({
  busy,
  onShip,
}: {
  busy: boolean;
  onShip(carrier: string, trackingNo: string): Promise<FieldErrors | undefined>;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<string>(CARRIERS[0]);
  const [other, setOther] = useState("");
  const [trackingNo, setTrackingNo] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const carrier = (choice === OTHER ? other : choice).trim();
    const number = trackingNo.trim();
    const local: FieldErrors = {};
    if (!carrier) local.carrier = t("screens.orders.problems.carrier");
    if (!TRACKING_NO.test(number)) local.trackingNo = t("screens.orders.problems.trackingNo");
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setErrors((await onShip(carrier, number)) ?? {});
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted">{t("screens.orders.shipHint")}</p>
      <div className="grid-2">
        <Field label={t("screens.orders.carrier")}>
          <select value={choice} onChange={(e) => setChoice(e.target.value)}>
            {CARRIERS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            <option value={OTHER}>{t("screens.orders.otherCarrier")}</option>
          </select>
          {choice !== OTHER && <FieldError message={errors.carrier} />}
        </Field>
        {choice === OTHER && (
          <Field label={t("screens.orders.carrierName")}>
            <input
              value={other}
              maxLength={40}
              aria-invalid={errors.carrier ? true : undefined}
              onChange={(e) => setOther(e.target.value)}
            />
            <FieldError message={errors.carrier} />
          </Field>
        )}
        <Field label={t("screens.orders.trackingNo")}>
          <input
            value={trackingNo}
            maxLength={60}
            autoComplete="off"
            aria-invalid={errors.trackingNo ? true : undefined}
            onChange={(e) => setTrackingNo(e.target.value)}
          />
          <FieldError message={errors.trackingNo} />
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t("screens.orders.ship")}
        </button>
      </div>
    </form>
  );
}

function HandOverForm({
  busy,
  onHandOver,
}: {
  busy: boolean;
  onHandOver(code: string): Promise<FieldErrors | undefined>;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = code.trim();
    if (!/^\d{6}$/.test(value)) {
      setError(t("screens.orders.problems.code"));
      return;
    }
    setError(undefined);
    const errors = await onHandOver(value);
    setError(errors?.code);
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted">{t("screens.orders.handOverHint")}</p>
      <div className="row">
        <Field label={t("screens.orders.pickupCode")}>
          <input
            className="pickup-code"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            value={code}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
          />
          <FieldError message={error} />
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t("screens.orders.handOver")}
        </button>
      </div>
    </form>
  );
}

function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error" role="alert">
      {message}
    </span>
  );
}

function Lines({ order }: { order: Order }) {
  const { t } = useTranslation();
  return (
    <div className="card flush">
      <h2 className="pad">{t("screens.orders.lines")}</h2>
      <table>
        <thead>
          <tr>
            <th>{t("screens.orders.goods")}</th>
            <th>{t("screens.orders.unitPrice")}</th>
            <th>{t("screens.orders.quantity")}</th>
            <th>{t("screens.orders.subtotal")}</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.id}>
              <td>
                <div className="product-cell">
                  {l.image ? <img src={l.image} alt="" /> : <span className="no-image" aria-hidden />}
                  <div>
                    {l.productId ? <Link to={`/products/${l.productId}`}>{l.title}</Link> : l.title}
                    {l.specValues.length > 0 && <div className="muted small">{l.specValues.join(" / ")}</div>}
                  </div>
                </div>
              </td>
              <td>{formatPrice(l.unitPrice)}</td>
              <td>× {l.quantity}</td>
              <td>{formatPrice(l.unitPrice * l.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts order-totals pad">
        <dt>{t("screens.orders.itemsTotal")}</dt>
        <dd>{formatPrice(order.itemsTotal)}</dd>
        <dt>{t("screens.orders.shippingFee")}</dt>
        <dd>{formatPrice(order.shippingFee)}</dd>
        <dt>{t("screens.orders.grandTotal")}</dt>
        <dd>
          <strong>{formatPrice(order.total)}</strong>
        </dd>
        {order.refundedTotal > 0 && (
          <>
            <dt>{t("screens.orders.refundedTotal")}</dt>
            <dd>{formatPrice(order.refundedTotal)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function Delivery({ order }: { order: Order }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>
        {t("screens.orders.deliveryTitle")} · {t(`screens.orders.deliveries.${order.delivery}`)}
      </h2>
      <dl className="facts">
        {order.address && (
          <>
            <dt>{t("screens.orders.recipient")}</dt>
            <dd>{order.address.recipient}</dd>
            <dt>{t("screens.orders.phone")}</dt>
            <dd>{order.address.phone}</dd>
            <dt>{t("screens.orders.address")}</dt>
            <dd>
              {order.address.region} {order.address.detail}
            </dd>
          </>
        )}
        {order.pickup && (
          <>
            <dt>{t("screens.orders.pickupPoint")}</dt>
            <dd>{order.pickup.name}</dd>
            {order.pickup.address && (
              <>
                <dt>{t("screens.orders.pickupAddress")}</dt>
                <dd>{order.pickup.address}</dd>
              </>
            )}
          </>
        )}
        {order.carrier && (
          <>
            <dt>{t("screens.orders.carrier")}</dt>
            <dd>{order.carrier}</dd>
          </>
        )}
        {order.trackingNo && (
          <>
            <dt>{t("screens.orders.trackingNo")}</dt>
            <dd>
              <code>{order.trackingNo}</code>
            </dd>
          </>
        )}
        {order.note && (
          <>
            <dt>{t("screens.orders.shopperNote")}</dt>
            <dd>{order.note}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function Facts({ order }: { order: Order }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t("screens.orders.info")}</h2>
      <dl className="facts">
        <dt>{t("screens.orders.number")}</dt>
        <dd>
          <code>{order.number}</code>
        </dd>
        <dt>{t("screens.orders.status")}</dt>
        <dd>
          <OrderStatusBadge status={order.status} delivery={order.delivery} />
        </dd>
        <dt>{t("screens.orders.placedAt")}</dt>
        <dd>{formatTime(order.createdAt)}</dd>
        {order.status === "pending_payment" && (
          <>
            <dt>{t("screens.orders.payBy")}</dt>
            <dd>{formatTime(order.payBy)}</dd>
          </>
        )}
        {order.paidAt && (
          <>
            <dt>{t("screens.orders.paidAt")}</dt>
            <dd>{formatTime(order.paidAt)}</dd>
          </>
        )}
        {order.shippedAt && (
          <>
            <dt>{t("screens.orders.shippedAt")}</dt>
            <dd>{formatTime(order.shippedAt)}</dd>
          </>
        )}
        {order.cancelledAt && (
          <>
            <dt>{t("screens.orders.cancelledAt")}</dt>
            <dd>{formatTime(order.cancelledAt)}</dd>
          </>
        )}
        {order.cancelReason && (
          <>
            <dt>{t("screens.orders.cancelReason")}</dt>
            <dd>{order.cancelReason}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

const UPLOAD_BADGES: Record<NonNullable<Order["shippingUpload"]>["status"], string> = {
  pending: "badge home",
  uploaded: "badge ok",
  failed: "badge danger",
  not_needed: "badge",
};
type Refund = NonNullable<Order["payment"]>["refunds"][number];
const REFUND_BADGES: Record<Refund["status"], string> = {
  pending: "badge home",
  processing: "badge home",
  succeeded: "badge ok",
  failed: "badge danger",
};

/** What needs the merchant's eye about the money: a late payment refunded, a failed shipping-info upload. */
function PaymentNotices({
  order,
  canManage,
  onRetryUpload,
}: {
  order: Order;
  canManage: boolean;
  onRetryUpload(): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const upload = order.shippingUpload;
  const failed = order.payment?.provider === "wechat" && upload?.status === "failed";
  if (!order.payment?.late && !failed) return null;
  return (
    <>
      {order.payment?.late && (
        <div className="notice warn" role="alert">
          <strong>{t("screens.orders.payment.late")}</strong>
          <div className="small">{t("screens.orders.payment.lateHint")}</div>
        </div>
      )}
      {failed && (
        <div className="notice danger row" role="alert">
          <div className="grow">
            <strong>
              {upload.error
                ? t("screens.orders.upload.failed", { error: upload.error })
                : t("screens.orders.upload.failedNoReason")}
            </strong>
            <div className="small">{t("screens.orders.upload.failedHint")}</div>
          </div>
          {canManage && (
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void onRetryUpload().finally(() => setBusy(false));
              }}
            >
              {t("screens.orders.upload.retry")}
            </button>
          )}
        </div>
      )}
    </>
  );
}

function Payment({ order }: { order: Order }) {
  const { t } = useTranslation();
  const payment = order.payment;
  const upload = order.shippingUpload;
  // Paid before payments were recorded: nothing to show.
  if (!payment && order.paidAt) return null;
  return (
    <div className="card">
      <h2>{t("screens.orders.payment.title")}</h2>
      {!payment ? (
        <p className="muted">{t("screens.orders.payment.none")}</p>
      ) : (
        <div className="stack">
          <dl className="facts">
            <dt>{t("screens.orders.payment.provider")}</dt>
            <dd>{t(`screens.orders.payment.providers.${payment.provider}`)}</dd>
            <dt>{t("screens.orders.payment.status")}</dt>
            <dd>
              <span className={payment.late ? "badge warn" : payment.status === "paid" ? "badge ok" : "badge"}>
                {t(`screens.orders.payment.statuses.${payment.status}`, { defaultValue: payment.status })}
              </span>
            </dd>
            {payment.provider === "wechat" && (
              <>
                <dt>{t("screens.orders.payment.transactionId")}</dt>
                <dd>{payment.transactionId ? <code className="break">{payment.transactionId}</code> : "—"}</dd>
              </>
            )}
          </dl>
          {payment.refunds.length > 0 && (
            <div className="stack tight">
              <h3 className="section-title">{t("screens.orders.payment.refunds")}</h3>
              <ul className="refund-list" aria-label={t("screens.orders.payment.refunds")}>
                {payment.refunds.map((r) => (
                  <li key={`${r.createdAt}-${r.amount}`}>
                    <div className="row">
                      <strong className="grow">{formatPrice(r.amount)}</strong>
                      <span className={REFUND_BADGES[r.status]}>
                        {t(`screens.orders.payment.refundStatuses.${r.status}`)}
                      </span>
                    </div>
                    <div className="muted small">{formatTime(r.createdAt)}</div>
                    {r.error && <div className="danger small">{r.error}</div>}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {/* Only a shipment has shipping info: none for an order cancelled before it shipped. */}
          {payment.provider === "wechat" && (upload || order.status === "paid") && (
            <div className="stack tight">
              <h3 className="section-title">{t("screens.orders.upload.title")}</h3>
              <div className="row">
                {upload ? (
                  <span className={UPLOAD_BADGES[upload.status]}>
                    {t(`screens.orders.upload.statuses.${upload.status}`)}
                  </span>
                ) : (
                  <span className="muted">{t("screens.orders.upload.afterShipping")}</span>
                )}
                {upload?.uploadedAt && (
                  <span className="muted small">
                    {t("screens.orders.upload.uploadedAt")} {formatTime(upload.uploadedAt)}
                  </span>
                )}
              </div>
              <span className="field-hint">{t("screens.orders.upload.hint")}</span>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function Timeline({ order }: { order: Order }) {
  const { t } = useTranslation();
  const label = (s: Order["status"]) =>
    s === "shipped" && order.delivery === "pickup"
      ? t("screens.orders.readyForPickup")
      : t(`screens.orders.statuses.${s}`, { defaultValue: s });
  return (
    <div className="card">
      <h2>{t("screens.orders.timeline")}</h2>
      <ol className="timeline" aria-label={t("screens.orders.timeline")}>
        {order.history.map((h) => (
          <li key={`${h.at}-${h.to}`}>
            <span className="muted small">{formatTime(h.at)}</span>
            <span>
              {h.from ? `${label(h.from)} → ${label(h.to)}` : `${t("screens.orders.placed")} · ${label(h.to)}`}
            </span>
            <span className="muted small">
              {t(`screens.orders.actors.${h.actor}`)}
              {h.note ? ` · ${h.note}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Remark({ order, canManage, onSaved }: { order: Order; canManage: boolean; onSaved(next: Order): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(order.merchantRemark ?? "");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // When the saved remark changes (saved here, or the order read again), the box shows it. Adjusted
  // while rendering rather than in an effect: an effect's reset could land after the first keystroke.
  const [shown, setShown] = useState(order.merchantRemark);
  if (shown !== order.merchantRemark) {
    setShown(order.merchantRemark);
    setText(order.merchantRemark ?? "");
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const remark = text.trim();
      const saved = await call(
        merchant.orders[":id"].$patch({ param: { id: order.id }, json: { remark: remark === "" ? null : remark } }),
      );
      setError(undefined);
      onSaved(saved);
      notify.ok(t("app.saved"));
    } catch (err) {
      setError(fieldErrorsOf(err).remark);
      notify.error(err);
    } finally {
      setBusy(false);
    }
  }

  if (!canManage) {
    return (
      <div className="card">
        <h2>{t("screens.orders.remark")}</h2>
        <p className={order.merchantRemark ? undefined : "muted"}>
          {order.merchantRemark ?? t("screens.orders.noRemark")}
        </p>
      </div>
    );
  }
  return (
    <form className="card stack" onSubmit={(e) => void save(e)}>
      <h2 id="order-remark">{t("screens.orders.remark")}</h2>
      <textarea
        rows={3}
        maxLength={500}
        aria-labelledby="order-remark"
        aria-describedby="order-remark-hint"
        aria-invalid={error ? true : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <FieldError message={error} />
      <span id="order-remark-hint" className="field-hint">
        {t("screens.orders.remarkHint")}
      </span>
      <div className="row end">
        <button type="submit" disabled={busy || text.trim() === (order.merchantRemark ?? "")}>
          {t("screens.orders.saveRemark")}
        </button>
      </div>
    </form>
  );
}
