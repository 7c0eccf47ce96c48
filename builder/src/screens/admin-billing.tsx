// Platform admin: a store's billing in a dialog from the tenants screen. Its state (plan, billing
// status, trial, past due and suspension dates, the override), Stripe's ids, usage, the transitions,
// and two forms: a plan override (a comp, for a while or until removed; or removing it) and a trial
// extension. Both need a reason, which the audit log keeps.
import { PLANS, type TPlan, type TTenant } from "@mallwright/schema";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { call, platform } from "../api/client.ts";
import { notify } from "../shell/toast.ts";
import { Failed, Field, Loading } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import "./billing-messages.ts";
import { BillingStatusBadge, UsageBars } from "./billing-parts.tsx";
import { Modal } from "./dialog.tsx";
import { type FieldErrors, useFormSubmit } from "./field-errors.ts";
import { formatDate, formatTime } from "./format.ts";
import "./messages.ts";
import "./screens.css";

type Detail = Awaited<ReturnType<typeof loadDetail>>;

function loadDetail(id: string) {
  return call(platform.tenants[":id"].billing.$get({ param: { id } }));
}

/** The end of a China calendar day, as the API takes it: 2025-02-01 -> 2025-02-01T23:59:59+08:00. */
export function endOfChinaDay(date: string): string {
  return `${date}T23:59:59+08:00`;
}

/** Today in China, as a date input's value (its `min`). */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function TenantBillingDialog({
  tenant,
  onClose,
  onChanged,
}: {
  tenant: TTenant;
  onClose(): void;
  /** The store's plan or state may have changed: the list looks again. */
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const detail = useLoad(() => loadDetail(tenant.id), [tenant.id]);
  const d = detail.data;
  function updated(next: Detail) {
    detail.set(next);
    onChanged();
  }
  return (
    <Modal title={t("billing.admin.dialogTitle", { name: tenant.name })} onClose={onClose} wide>
      {detail.loading && !d ? (
        <Loading />
      ) : detail.error || !d ? (
        <Failed error={detail.error} retry={detail.reload} />
      ) : (
        <div className="stack tenant-billing">
          <div className="grid-2">
            <section className="stack tight" aria-labelledby="tb-state">
              <h3 id="tb-state">{t("billing.admin.state")}</h3>
              <BillingFacts detail={d} />
            </section>
            <section className="stack tight" aria-labelledby="tb-usage">
              <h3 id="tb-usage">{t("billing.admin.usage")}</h3>
              <UsageBars usage={d.usage} compact />
            </section>
          </div>
          <div className="grid-2">
            <OverrideForm tenant={tenant} detail={d} onDone={updated} />
            <TrialForm tenant={tenant} onDone={updated} />
          </div>
          <Transitions items={d.transitions} />
          <div className="row">
            <Link className="grow small" to={`/admin/audit-log?tenantId=${tenant.id}`}>
              {t("billing.admin.auditLink")}
            </Link>
            <button type="button" onClick={onClose}>
              {t("app.close")}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}

function BillingFacts({ detail: d }: { detail: Detail }) {
  const { t } = useTranslation();
  const dash = t("billing.admin.none");
  const o = d.override;
  return (
    <dl className="facts small">
      <dt>{t("billing.admin.plan")}</dt>
      <dd>
        {t(`screens.plans.${d.plan}`)} <BillingStatusBadge status={d.status} />
      </dd>
      <dt>{t("billing.admin.override")}</dt>
      <dd>
        {o ? (
          <>
            {t("billing.admin.overrideValue", {
              plan: t(`screens.plans.${o.plan}`),
              until: o.until
                ? t("billing.current.overrideUntil", { date: formatDate(o.until) })
                : t("billing.current.overrideForever"),
            })}
            {o.reason && <div className="muted">{o.reason}</div>}
          </>
        ) : (
          t("billing.admin.noOverride")
        )}
      </dd>
      {d.trialEndsAt && (
        <>
          <dt>{t("billing.admin.trialEndsAt")}</dt>
          <dd>{formatTime(d.trialEndsAt)}</dd>
        </>
      )}
      {d.pastDueSince && (
        <>
          <dt>{t("billing.admin.pastDueSince")}</dt>
          <dd>{formatTime(d.pastDueSince)}</dd>
          <dt>{t("billing.admin.graceEndsAt")}</dt>
          <dd className={d.status === "past_due" ? "warn-text" : undefined}>{formatTime(d.graceEndsAt)}</dd>
        </>
      )}
      <dt>{t("billing.admin.interval")}</dt>
      <dd>{d.interval ? t(`billing.intervals.${d.interval}`) : dash}</dd>
      <dt>{t("billing.admin.periodEnd")}</dt>
      <dd>
        {d.currentPeriodEnd ? formatDate(d.currentPeriodEnd) : dash}
        {d.cancelAtPeriodEnd && <span className="badge warn">{t("billing.admin.cancelAtPeriodEnd")}</span>}
      </dd>
      <dt>{t("billing.admin.customer")}</dt>
      <dd>{d.stripeCustomerId ? <code>{d.stripeCustomerId}</code> : dash}</dd>
      <dt>{t("billing.admin.subscriptionId")}</dt>
      <dd>{d.stripeSubscriptionId ? <code>{d.stripeSubscriptionId}</code> : dash}</dd>
      <dt>{t("billing.admin.subscriptionStatus")}</dt>
      <dd>{d.subscriptionStatus ? <code>{d.subscriptionStatus}</code> : dash}</dd>
    </dl>
  );
}

function OverrideForm({ tenant, detail, onDone }: { tenant: TTenant; detail: Detail; onDone(next: Detail): void }) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState<TPlan | "none">(detail.override?.plan ?? "pro");
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  const { errors, setErrors, busy, run } = useFormSubmit();
  const removing = plan === "none";

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setErrors({ reason: t("billing.admin.reasonRequired") });
      return;
    }
    setErrors({});
    const next = await run(() =>
      call(
        platform.tenants[":id"]["plan-override"].$post({
          param: { id: tenant.id },
          json:
            plan === "none"
              ? { plan: null, reason: reason.trim() }
              : { plan, until: until ? endOfChinaDay(until) : null, reason: reason.trim() },
        }),
      ),
    );
    if (next) {
      notify.ok(
        removing
          ? t("billing.admin.overrideEnded", { name: tenant.name })
          : t("billing.admin.overrideApplied", { name: tenant.name, plan: t(`screens.plans.${plan}`) }),
      );
      setReason("");
      setUntil("");
      if (removing) setPlan("pro");
      onDone(next);
    }
  }

  return (
    <form className="card stack tight" aria-labelledby="tb-override" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="tb-override">{t("billing.admin.overrideTitle")}</h3>
      <p className="muted small">{t("billing.admin.overrideHint")}</p>
      <div className="grid-2">
        <Field label={t("billing.admin.overridePlan")}>
          <select
            value={plan}
            onChange={(e) => {
              const v = e.target.value;
              setPlan(v === "none" ? "none" : (PLANS.find((p) => p === v) ?? "pro"));
            }}
          >
            {PLANS.map((p) => (
              <option key={p} value={p}>
                {t(`screens.plans.${p}`)}
              </option>
            ))}
            <option value="none" disabled={!detail.override}>
              {t("billing.admin.removeOverride")}
            </option>
          </select>
          {errors.plan && <span className="field-error">{errors.plan}</span>}
        </Field>
        <Field label={t("billing.admin.until")} hint={t("billing.admin.untilHint")}>
          <input
            type="date"
            min={chinaToday()}
            value={until}
            disabled={removing}
            aria-invalid={errors.until ? true : undefined}
            onChange={(e) => setUntil(e.target.value)}
          />
          {errors.until && <span className="field-error">{errors.until}</span>}
        </Field>
      </div>
      <ReasonField value={reason} error={errors.reason} onChange={setReason} />
      <div className="row end">
        <button type="submit" className={removing ? "primary danger-fill" : "primary"} disabled={busy}>
          {removing ? t("billing.admin.endOverride") : t("billing.admin.applyOverride")}
        </button>
      </div>
    </form>
  );
}

function TrialForm({ tenant, onDone }: { tenant: TTenant; onDone(next: Detail): void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState("14");
  const [plan, setPlan] = useState<"" | TPlan>("");
  const [reason, setReason] = useState("");
  const { errors, setErrors, busy, run } = useFormSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldErrors = {};
    const n = Number(days.trim());
    if (!/^\d+$/.test(days.trim()) || n < 1 || n > 365) local.days = t("billing.admin.daysInvalid");
    if (!reason.trim()) local.reason = t("billing.admin.reasonRequired");
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const next = await run(() =>
      call(
        platform.tenants[":id"].trial.$post({
          param: { id: tenant.id },
          json: { days: n, ...(plan ? { plan } : {}), reason: reason.trim() },
        }),
      ),
    );
    if (!next) return;
    notify.ok(t("billing.admin.trialExtended", { name: tenant.name, days: n }));
    setReason("");
    onDone(next);
  }

  return (
    <form className="card stack tight" aria-labelledby="tb-trial" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="tb-trial">{t("billing.admin.trialTitle")}</h3>
      <p className="muted small">{t("billing.admin.trialHint")}</p>
      <div className="grid-2">
        <Field label={t("billing.admin.days")}>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            value={days}
            aria-invalid={errors.days ? true : undefined}
            onChange={(e) => setDays(e.target.value)}
          />
          {errors.days && <span className="field-error">{errors.days}</span>}
        </Field>
        <Field label={t("billing.admin.trialPlan")}>
          <select value={plan} onChange={(e) => setPlan(PLANS.find((p) => p === e.target.value) ?? "")}>
            <option value="">{t("billing.admin.keepTrialPlan")}</option>
            {PLANS.filter((p) => p !== "free").map((p) => (
              <option key={p} value={p}>
                {t(`screens.plans.${p}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ReasonField value={reason} error={errors.reason} onChange={setReason} />
      <div className="row end">
        <button type="submit" className="primary" disabled={busy}>
          {t("billing.admin.extend")}
        </button>
      </div>
    </form>
  );
}

function Transitions({ items }: { items: Detail["transitions"] }) {
  const { t } = useTranslation();
  const status = (s: string | null) => (s ? t(`billing.statuses.${s}`, { defaultValue: s }) : "—");
  const plan = (p: string | null) => (p ? t(`screens.plans.${p}`, { defaultValue: p }) : "—");
  return (
    <section className="stack tight" aria-labelledby="tb-transitions">
      <h3 id="tb-transitions" className="section-title">
        {t("billing.admin.transitions")}
      </h3>
      {items.length === 0 ? (
        <p className="muted small">{t("billing.admin.noTransitions")}</p>
      ) : (
        <table className="compact" aria-label={t("billing.admin.transitions")}>
          <thead>
            <tr>
              <th>{t("billing.admin.at")}</th>
              <th>{t("billing.admin.statusChange")}</th>
              <th>{t("billing.admin.planChange")}</th>
              <th>{t("billing.admin.cause")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((x) => (
              <tr key={`${x.at}:${x.toStatus}:${x.toPlan}:${x.cause}`}>
                <td className="muted">{formatTime(x.at)}</td>
                <td>
                  {x.fromStatus === x.toStatus ? status(x.toStatus) : `${status(x.fromStatus)} → ${status(x.toStatus)}`}
                </td>
                <td>{x.fromPlan === x.toPlan ? plan(x.toPlan) : `${plan(x.fromPlan)} → ${plan(x.toPlan)}`}</td>
                <td>{x.cause}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The reason every admin action asks for (it goes into the audit log). */
function ReasonField({ value, error, onChange }: { value: string; error?: string; onChange(v: string): void }) {
  const { t } = useTranslation();
  return (
    <Field label={t("billing.admin.reason")}>
      <textarea
        rows={2}
        maxLength={500}
        value={value}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && <span className="field-error">{error}</span>}
    </Field>
  );
}
