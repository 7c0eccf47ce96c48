// Plan & billing (套餐与账单): the store's plan and billing state (trial days left, past due with the
// day it will be suspended, suspended, canceled, a platform comp), usage against each quota, the plans
// with their prices by month or year and the way to change (Stripe Checkout, or in place for a live
// subscription), the Billing Portal (card, invoices, cancellation) and the invoices. Checkout comes
// back to /billing?checkout=success|cancelled.
import { FEATURES, QUOTAS, type TPlan } from "@mallwright/schema";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { call, merchant } from "../api/client.ts";
import { type Billing, useBilling } from "../shell/billing-state.ts";
import { useSession } from "../shell/session.ts";
import { attempt, notify } from "../shell/toast.ts";
import { Failed, Loading, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import "./billing-messages.ts";
import { BillingStatusBadge, quotaAmount, UsageBars } from "./billing-parts.tsx";
import { ConfirmDialog } from "./dialog.tsx";
import { formatCount, formatDate } from "./format.ts";
import "./messages.ts";
import { formatPrice } from "./money.ts";
import "./screens.css";

type Interval = "month" | "year";
type PaidPlan = "growth" | "pro";
type PlanOffer = Billing["plans"][number];
type Invoice = Awaited<ReturnType<typeof loadInvoices>>["items"][number];

const RANK: Record<TPlan, number> = { free: 0, growth: 1, pro: 2 };
const DAY = 86_400_000;

function loadInvoices() {
  return call(merchant.billing.invoices.$get());
}

/** A plan's price: whole yuan without decimals (¥99, ¥2,990), else to the fen. */
export function planPrice(fen: number): string {
  return fen % 100 === 0 ? `¥${formatCount(fen / 100)}` : formatPrice(fen);
}

/** An invoice amount: yuan for CNY, else the amount and its currency. */
function invoiceAmount(fen: number, currency: string): string {
  return currency.toLowerCase() === "cny" ? formatPrice(fen) : `${(fen / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

export function BillingScreen() {
  const { t } = useTranslation();
  const tenantId = useSession((s) => s.merchant.me?.tenant.id);
  const canManage = useSession((s) => s.can("billing:manage"));
  const put = useBilling((s) => s.put);
  const billing = useLoad(() => call(merchant.billing.$get()), []);
  const invoices = useLoad(loadInvoices, []);
  const [params, setParams] = useSearchParams();
  const [returned] = useState(() => {
    const c = params.get("checkout");
    return c === "success" || c === "cancelled" ? c : undefined;
  });
  const [period, setPeriod] = useState<Interval>("month");
  const [confirming, setConfirming] = useState<{ plan: PaidPlan; interval: Interval }>();
  const [busy, setBusy] = useState(false);
  const b = billing.data;

  // What this page loads is what the banners show.
  useEffect(() => {
    if (b && tenantId) put(tenantId, b);
  }, [b, tenantId, put]);
  // The toggle starts at the subscription's own interval.
  useEffect(() => {
    if (b?.interval) setPeriod(b.interval);
  }, [b?.interval]);

  // Back from Checkout: say so once, and drop the query so a reload does not say it again.
  const told = useRef(false);
  useEffect(() => {
    if (!returned || told.current) return;
    told.current = true;
    if (returned === "success") notify.ok(t("billing.checkoutSuccess"));
    else notify.info(t("billing.checkoutCancelled"));
    const next = new URLSearchParams(params);
    next.delete("checkout");
    setParams(next, { replace: true });
  }, [returned, params, setParams, t]);
  // Stripe's webhook lands within seconds of a paid checkout: look again once.
  const reloadBilling = billing.reload;
  const reloadInvoices = invoices.reload;
  useEffect(() => {
    if (returned !== "success") return;
    const timer = setTimeout(() => {
      reloadBilling();
      reloadInvoices();
    }, 4000);
    return () => clearTimeout(timer);
  }, [returned, reloadBilling, reloadInvoices]);

  async function checkout(plan: PaidPlan, every: Interval) {
    setBusy(true);
    try {
      const out = await call(merchant.billing.checkout.$post({ json: { plan, interval: every } }));
      if (out.url) {
        window.location.assign(out.url);
        return; // leaving for Stripe: stay busy
      }
      if (out.changed) {
        notify.ok(t("billing.plans.changed", { plan: t(`screens.plans.${plan}`) }));
        billing.reload();
        invoices.reload();
      }
    } catch (err) {
      notify.error(err);
    }
    setBusy(false);
  }

  async function portal() {
    setBusy(true);
    const out = await attempt(() => call(merchant.billing.portal.$post()));
    if (out) window.location.assign(out.url);
    else setBusy(false);
  }

  function choose(plan: PaidPlan) {
    if (!b) return;
    // A live subscription changes in place (and is charged the difference): confirm first.
    if (b.subscribed) setConfirming({ plan, interval: period });
    else void checkout(plan, period);
  }

  const mayPortal = Boolean(b?.stripeConfigured && canManage);
  return (
    <section className="stack billing-page">
      <PageHeader
        title={t("billing.title")}
        actions={
          mayPortal && (
            <button type="button" onClick={() => void portal()} disabled={busy} title={t("billing.portalHint")}>
              {t("billing.portal")}
            </button>
          )
        }
      />
      {returned && (
        <p className={returned === "success" ? "notice ok" : "notice"} role="status">
          {returned === "success" ? t("billing.checkoutSuccess") : t("billing.checkoutCancelled")}
        </p>
      )}
      {billing.loading && !b ? (
        <Loading />
      ) : billing.error || !b ? (
        <Failed error={billing.error} retry={billing.reload} />
      ) : (
        <>
          {!b.stripeConfigured && <p className="notice">{t("billing.notConfigured")}</p>}
          <div className="billing-top">
            <CurrentPlan billing={b} canPay={mayPortal} busy={busy} onPortal={() => void portal()} />
            <section className="card" aria-labelledby="billing-usage">
              <h2 id="billing-usage">{t("billing.usage.title")}</h2>
              <UsageBars usage={b.usage} />
            </section>
          </div>
          <section className="card" aria-labelledby="billing-plans">
            <div className="row plans-head">
              <h2 id="billing-plans" className="grow">
                {t("billing.plans.title")}
              </h2>
              <div className="segmented" role="radiogroup" aria-label={t("billing.plans.interval")}>
                {(["month", "year"] as const).map((i) => (
                  // biome-ignore lint/a11y/useSemanticElements: a two-choice segmented control of buttons
                  <button key={i} type="button" role="radio" aria-checked={period === i} onClick={() => setPeriod(i)}>
                    {t(`billing.intervals.${i}`)}
                  </button>
                ))}
              </div>
            </div>
            {b.stripeConfigured && !canManage && <p className="muted small">{t("billing.plans.ownerOnly")}</p>}
            <div className="plan-cards">
              {b.plans.map((p) => (
                <PlanCard
                  key={p.id}
                  offer={p}
                  billing={b}
                  interval={period}
                  canManage={canManage}
                  busy={busy}
                  onChoose={choose}
                />
              ))}
            </div>
          </section>
          {(b.stripeConfigured || (invoices.data?.items.length ?? 0) > 0) && (
            <section className="card flush" aria-labelledby="billing-invoices">
              <h2 id="billing-invoices" className="pad">
                {t("billing.invoices.title")}
              </h2>
              {invoices.loading ? (
                <Loading />
              ) : invoices.error || !invoices.data ? (
                <Failed error={invoices.error} retry={invoices.reload} />
              ) : (
                <Invoices items={invoices.data.items} />
              )}
            </section>
          )}
        </>
      )}
      {confirming && b && (
        <ConfirmDialog
          title={t("billing.plans.confirmTitle", {
            plan: t(`screens.plans.${confirming.plan}`),
            interval: t(`billing.every.${confirming.interval}`),
          })}
          busy={busy}
          onClose={() => setConfirming(undefined)}
          onConfirm={() => {
            const { plan, interval: every } = confirming;
            setConfirming(undefined);
            void checkout(plan, every);
          }}
        >
          <p>
            {t("billing.plans.confirmBody", {
              plan: t(`screens.plans.${confirming.plan}`),
              price: planPrice(b.plans.find((p) => p.id === confirming.plan)?.amounts[confirming.interval] ?? 0),
              per: t(`billing.per.${confirming.interval}`),
            })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** What the store is on, in what state, and what that means for it. */
function CurrentPlan({
  billing: b,
  canPay,
  busy,
  onPortal,
}: {
  billing: Billing;
  canPay: boolean;
  busy: boolean;
  onPortal(): void;
}) {
  const { t } = useTranslation();
  const plan = t(`screens.plans.${b.plan}`);
  let explain: { text: string; className: string } | undefined;
  if (b.status === "trialing") {
    const ends = b.trialEndsAt ? new Date(b.trialEndsAt).getTime() : Date.now();
    const days = Math.max(0, Math.ceil((ends - Date.now()) / DAY));
    const date = formatDate(b.trialEndsAt);
    const key = days === 0 ? "trialToday" : days === 1 ? "trialOne" : "trial";
    explain = { text: t(`billing.current.${key}`, { count: days, date, plan }), className: "notice" };
  } else if (b.status === "past_due") {
    explain = {
      text: b.graceEndsAt
        ? t("billing.current.pastDue", { date: formatDate(b.graceEndsAt) })
        : t("billing.current.pastDueNoDate"),
      className: "notice warn",
    };
  } else if (b.status === "suspended") {
    explain = { text: t("billing.current.suspended"), className: "notice danger" };
  } else if (b.status === "canceled") {
    explain = { text: t("billing.current.canceled"), className: "notice" };
  } else if (b.subscribed && b.currentPeriodEnd) {
    explain = {
      text: b.cancelAtPeriodEnd
        ? t("billing.current.cancelsAt", { date: formatDate(b.currentPeriodEnd) })
        : t("billing.current.renews", {
            interval: b.interval ? t(`billing.every.${b.interval}`) : "",
            date: formatDate(b.currentPeriodEnd),
          }),
      className: b.cancelAtPeriodEnd ? "notice warn" : "muted",
    };
  } else if (b.plan === "free" && !b.override) {
    explain = { text: t("billing.current.freePlan"), className: "muted" };
  }
  const o = b.override;
  return (
    <section className="card current-plan stack" aria-labelledby="billing-current">
      <h2 id="billing-current">{t("billing.current.title")}</h2>
      <div className="row">
        <span className="plan-name">{plan}</span>
        <BillingStatusBadge status={b.status} />
      </div>
      {explain && <p className={explain.className}>{explain.text}</p>}
      {o && (
        <div className="notice ok override">
          <div>
            {t("billing.current.override", {
              plan: t(`screens.plans.${o.plan}`),
              until: o.until
                ? t("billing.current.overrideUntil", { date: formatDate(o.until) })
                : t("billing.current.overrideForever"),
            })}
          </div>
          {o.reason && <div className="small">{t("billing.current.overrideReason", { reason: o.reason })}</div>}
          <div className="small muted">{t("billing.current.overrideNote")}</div>
        </div>
      )}
      <dl className="facts">
        <dt>{t("billing.current.subscription")}</dt>
        <dd>{b.subscribed ? t("billing.current.subscribed") : t("billing.current.notSubscribed")}</dd>
        {b.interval && (
          <>
            <dt>{t("billing.current.interval")}</dt>
            <dd>{t(`billing.intervals.${b.interval}`)}</dd>
          </>
        )}
        {b.currentPeriodEnd && (
          <>
            <dt>{t("billing.current.periodEnd")}</dt>
            <dd>{formatDate(b.currentPeriodEnd)}</dd>
          </>
        )}
      </dl>
      {canPay && (b.status === "past_due" || b.status === "suspended") && (
        <div>
          <button type="button" className="primary" disabled={busy} onClick={onPortal}>
            {b.status === "past_due" ? t("billing.current.updatePayment") : t("billing.current.payInvoice")}
          </button>
        </div>
      )}
    </section>
  );
}

function PlanCard({
  offer: p,
  billing: b,
  interval,
  canManage,
  busy,
  onChoose,
}: {
  offer: PlanOffer;
  billing: Billing;
  interval: Interval;
  canManage: boolean;
  busy: boolean;
  onChoose(plan: PaidPlan): void;
}) {
  const { t } = useTranslation();
  const name = t(`screens.plans.${p.id}`);
  const current = p.id === b.plan;
  const amount = p.amounts[interval];
  const intervalName = t(`billing.every.${interval}`);

  // `why`: what keeps the button disabled (its tooltip); `hint`: said under it.
  let action: { label: string; plan?: PaidPlan; why?: string; hint?: string } | undefined;
  if (p.id === "free") {
    if (!current) {
      // Back to free is a cancellation, in the Billing Portal.
      const hint = b.subscribed && b.stripeConfigured && canManage ? t("billing.plans.freeHint") : undefined;
      action = { label: t("billing.plans.downgrade"), why: hint ?? "", hint };
    }
  } else if (!(current && b.subscribed && b.interval === interval)) {
    const label =
      current && b.subscribed
        ? t("billing.plans.switchTo", { interval: intervalName })
        : current
          ? t("billing.plans.subscribe")
          : RANK[p.id] > RANK[b.plan]
            ? t("billing.plans.upgrade")
            : t("billing.plans.downgrade");
    const notSold = p.purchasable[interval] ? undefined : t("billing.plans.notSold", { interval: intervalName });
    // Without Stripe the page's notice explains; without billing:manage, the note above the plans.
    const why = !b.stripeConfigured ? "" : !canManage ? t("billing.plans.ownerOnly") : notSold;
    action = { label, plan: p.id, why, hint: b.stripeConfigured && canManage ? notSold : undefined };
  }
  const enabled = action?.plan !== undefined && action.why === undefined && !busy;
  const plan = action?.plan;

  return (
    <article className={current ? "plan-card current" : "plan-card"} aria-label={name}>
      <header className="row">
        <h3 className="grow">{name}</h3>
        {current && <span className="badge home">{t("billing.plans.currentBadge")}</span>}
      </header>
      <div className="plan-price">
        {p.id === "free" ? (
          <strong>{t("billing.plans.free")}</strong>
        ) : amount === null ? (
          <span className="muted">{t("billing.plans.notSold", { interval: intervalName })}</span>
        ) : (
          <>
            <strong>{planPrice(amount)}</strong>
            <span className="muted">{t(`billing.per.${interval}`)}</span>
          </>
        )}
      </div>
      <div className="muted small plan-sub">
        {p.id !== "free" && interval === "year" && amount !== null
          ? t("billing.plans.yearlyMonthly", { price: formatPrice(Math.round(amount / 12)) })
          : "\u00a0"}
      </div>
      <ul className="plan-limits">
        {QUOTAS.map((q) => {
          const limit = p.limits[q];
          return (
            <li key={q}>
              {limit === null || limit === undefined
                ? t(`billing.unlimitedOf.${q}`)
                : t(`billing.limits.${q}`, { n: quotaAmount(q, limit) })}
            </li>
          );
        })}
      </ul>
      <ul className="plan-features">
        {FEATURES.map((f) => (
          <li key={f} className={p.features[f] ? "yes" : "no"}>
            <span aria-hidden>{p.features[f] ? "✓" : "–"}</span> {t(`billing.features.${f}`)}
          </li>
        ))}
      </ul>
      <div className="plan-action">
        {action ? (
          <button
            type="button"
            className={plan && RANK[p.id] >= RANK[b.plan] ? "primary" : undefined}
            disabled={!enabled}
            title={action.why || undefined}
            onClick={() => plan && onChoose(plan)}
          >
            {action.label}
          </button>
        ) : (
          <button type="button" disabled>
            {t("billing.plans.currentBadge")}
          </button>
        )}
        {action?.hint && <p className="muted small">{action.hint}</p>}
      </div>
    </article>
  );
}

const INVOICE_BADGES: Record<string, string> = {
  paid: "badge ok",
  open: "badge warn",
  uncollectible: "badge danger",
};

function Invoices({ items }: { items: readonly Invoice[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="pad muted">{t("billing.invoices.empty")}</p>;
  return (
    <table aria-label={t("billing.invoices.title")}>
      <thead>
        <tr>
          <th>{t("billing.invoices.number")}</th>
          <th>{t("billing.invoices.period")}</th>
          <th>{t("billing.invoices.amount")}</th>
          <th>{t("billing.invoices.status")}</th>
          <th>{t("billing.invoices.links")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id}>
            <td>{i.number ? <code>{i.number}</code> : "—"}</td>
            <td>
              {formatDate(i.periodStart)} – {formatDate(i.periodEnd)}
            </td>
            <td>
              {invoiceAmount(i.amountDue, i.currency)}
              {i.status === "open" && i.amountPaid > 0 && (
                <div className="muted small">
                  {t("billing.invoices.paidOf", { paid: invoiceAmount(i.amountPaid, i.currency) })}
                </div>
              )}
            </td>
            <td>
              <span className={INVOICE_BADGES[i.status] ?? "badge"}>
                {t(`billing.invoices.statuses.${i.status}`, { defaultValue: i.status })}
              </span>
            </td>
            <td>
              <div className="row tight">
                {i.hostedUrl && (
                  <a href={i.hostedUrl} target="_blank" rel="noopener noreferrer">
                    {t("billing.invoices.view")}
                  </a>
                )}
                {i.pdfUrl && (
                  <a href={i.pdfUrl} target="_blank" rel="noopener noreferrer">
                    {t("billing.invoices.pdf")}
                  </a>
                )}
                {!i.hostedUrl && !i.pdfUrl && "—"}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
