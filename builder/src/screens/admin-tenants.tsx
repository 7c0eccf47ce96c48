// Platform admin: tenants (租户管理). Search, status, plan and billing-state filters, "load more"
// pages; each store's billing state and usage; create a tenant (name, key, owner email, plan,
// template); set a plan (an admin override, a comp); suspend with a reason, resume. A store's billing
// (override, trial, transitions) in a dialog, and its entries in the audit log.
// WeChat: what the platform has configured (top card), and per store its sub-merchant, mini-program,
// onboarding status and authorizer refresh token (write-only), with its last bill reconciliations.
import {
  PLANS,
  type TBillingStatus,
  type TOnboardingStatus,
  type TTenant,
  type TTenantWechat,
} from "@mallwright/schema";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiFailure, call, messageOf, platform } from "../api/client.ts";
import { attempt, notify } from "../shell/toast.ts";
import { Empty, Failed, Field, Loading, LoadMore, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { TenantBillingDialog } from "./admin-billing.tsx";
import "./billing-messages.ts";
import "./billing.css";
import { BillingStatusBadge } from "./billing-parts.tsx";
import { Modal } from "./dialog.tsx";
import { detailsOf, type FieldErrors, fieldErrorsOf, useFormSubmit } from "./field-errors.ts";
import { formatTime } from "./format.ts";
import "./messages.ts";
import "./screens.css";
import { BillRuns, ONBOARDING_STATUSES, OnboardingBadge } from "./wechat.tsx";

type Plan = (typeof PLANS)[number];
const BILLING_STATUSES: readonly TBillingStatus[] = ["trialing", "active", "past_due", "suspended", "canceled"];
/** The templates shipped in tenant-templates/ (the platform API has no list of them). */
export const TENANT_TEMPLATES = ["blank", "fashion", "beauty", "fresh-food"] as const;

interface Filters {
  q: string;
  status: "" | "active" | "suspended";
  plan: "" | Plan;
  billingStatus: "" | TBillingStatus;
}

function queryOf(f: Filters, cursor?: string) {
  return {
    limit: "20",
    ...(f.q ? { q: f.q } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.plan ? { plan: f.plan } : {}),
    ...(f.billingStatus ? { billingStatus: f.billingStatus } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export function AdminTenantsScreen() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ q: "", status: "", plan: "", billingStatus: "" });
  const [draftQ, setDraftQ] = useState("");
  const [extra, setExtra] = useState<{ items: TTenant[]; nextCursor: string | null }>();
  const [creating, setCreating] = useState(false);
  const [suspending, setSuspending] = useState<TTenant>();
  const [wechatOf, setWechatOf] = useState<TTenant>();
  const [billingOf, setBillingOf] = useState<TTenant>();
  const [created, setCreated] = useState<{ key: string; email: string; inviteUrl: string | null }>();
  const list = useLoad(async () => {
    setExtra(undefined);
    return call(platform.tenants.$get({ query: queryOf(filters) }));
  }, [filters.q, filters.status, filters.plan, filters.billingStatus]);

  const items = [...(list.data?.items ?? []), ...(extra?.items ?? [])];
  const nextCursor = extra ? extra.nextCursor : list.data?.nextCursor;
  const filtered = filters.q !== "" || filters.status !== "" || filters.plan !== "" || filters.billingStatus !== "";

  async function loadMore() {
    if (!nextCursor) return;
    const page = await attempt(() => call(platform.tenants.$get({ query: queryOf(filters, nextCursor) })));
    if (page) setExtra({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
  }
  async function resume(tenant: TTenant) {
    const ok = await attempt(
      () => call(platform.tenants[":id"].resume.$post({ param: { id: tenant.id } })),
      t("screens.tenants.resumed", { name: tenant.name }),
    );
    if (ok) list.reload();
  }
  async function changePlan(tenant: TTenant, plan: Plan) {
    const ok = await attempt(
      () => call(platform.tenants[":id"].$patch({ param: { id: tenant.id }, json: { plan } })),
      t("billing.admin.planOverridden", { name: tenant.name }),
    );
    if (ok) list.reload();
  }

  return (
    <section>
      <PageHeader
        title={t("screens.tenants.title")}
        actions={
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t("screens.tenants.create")}
          </button>
        }
      />
      {created && (
        <div className="notice row">
          <span className="grow">
            {t("screens.tenants.createdNotice", { key: created.key, email: created.email })}{" "}
            {created.inviteUrl ? (
              <>
                {t("screens.tenants.inviteLink")} <code className="break">{created.inviteUrl}</code>
              </>
            ) : (
              t("screens.tenants.ownerExists")
            )}
          </span>
          <button type="button" className="link" onClick={() => setCreated(undefined)}>
            {t("app.close")}
          </button>
        </div>
      )}
      <WechatPlatformCard />
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...filters, q: draftQ.trim() });
        }}
      >
        <input
          type="search"
          aria-label={t("app.search")}
          placeholder={t("screens.tenants.searchPlaceholder")}
          value={draftQ}
          onChange={(e) => setDraftQ(e.target.value)}
        />
        <button type="submit">{t("app.search")}</button>
        <select
          aria-label={t("screens.tenants.status")}
          value={filters.status}
          onChange={(e) => {
            const v = e.target.value;
            setFilters({ ...filters, status: v === "active" || v === "suspended" ? v : "" });
          }}
        >
          <option value="">{t("screens.tenants.allStatuses")}</option>
          <option value="active">{t("screens.tenantStatus.active")}</option>
          <option value="suspended">{t("screens.tenantStatus.suspended")}</option>
        </select>
        <select
          aria-label={t("screens.tenants.plan")}
          value={filters.plan}
          onChange={(e) => setFilters({ ...filters, plan: PLANS.find((p) => p === e.target.value) ?? "" })}
        >
          <option value="">{t("screens.tenants.allPlans")}</option>
          {PLANS.map((p) => (
            <option key={p} value={p}>
              {t(`screens.plans.${p}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t("billing.admin.billingStatus")}
          value={filters.billingStatus}
          onChange={(e) =>
            setFilters({ ...filters, billingStatus: BILLING_STATUSES.find((s) => s === e.target.value) ?? "" })
          }
        >
          <option value="">{t("billing.admin.allBillingStatuses")}</option>
          {BILLING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`billing.statuses.${s}`)}
            </option>
          ))}
        </select>
      </form>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <Failed error={list.error} retry={list.reload} />
      ) : items.length === 0 ? (
        <Empty>{filtered ? t("screens.tenants.noMatch") : t("screens.tenants.empty")}</Empty>
      ) : (
        <div className="card flush">
          <table>
            <thead>
              <tr>
                <th>{t("screens.tenants.store")}</th>
                <th title={t("billing.admin.planOverrideHint")}>{t("billing.admin.planOverride")}</th>
                <th>{t("billing.admin.billingStatus")}</th>
                <th className="num">{t("billing.admin.usageProducts")}</th>
                <th className="num">{t("billing.admin.usagePages")}</th>
                <th className="num">{t("billing.admin.usageStaff")}</th>
                <th className="num">{t("billing.admin.usageOrders")}</th>
                <th>{t("screens.tenants.status")}</th>
                <th>{t("screens.tenants.template")}</th>
                <th>{t("screens.tenants.createdAt")}</th>
                <th>{t("app.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((tenant) => (
                <tr key={tenant.id}>
                  <td>
                    <div>{tenant.name}</div>
                    <code className="muted small">{tenant.key}</code>
                  </td>
                  <td>
                    <select
                      aria-label={t("billing.admin.planOverrideOf", { name: tenant.name })}
                      value={tenant.plan}
                      onChange={(e) => {
                        const plan = PLANS.find((p) => p === e.target.value);
                        if (plan && plan !== tenant.plan) void changePlan(tenant, plan);
                      }}
                    >
                      {PLANS.map((p) => (
                        <option key={p} value={p}>
                          {t(`screens.plans.${p}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <BillingStatusBadge status={tenant.billingStatus} />
                  </td>
                  <td className="num">{tenant.usage?.products ?? "—"}</td>
                  <td className="num">{tenant.usage?.pages ?? "—"}</td>
                  <td className="num">{tenant.usage?.staff ?? "—"}</td>
                  <td className="num">{tenant.usage?.ordersThisMonth ?? "—"}</td>
                  <td>
                    <span className={tenant.status === "active" ? "badge ok" : "badge danger"}>
                      {t(`screens.tenantStatus.${tenant.status}`)}
                    </span>
                    {tenant.status === "suspended" && (
                      <div className="muted small">
                        {formatTime(tenant.suspendedAt)}
                        {tenant.suspendReason ? ` · ${tenant.suspendReason}` : ""}
                      </div>
                    )}
                  </td>
                  <td>{tenant.template ?? "—"}</td>
                  <td className="muted">{formatTime(tenant.createdAt)}</td>
                  <td>
                    <div className="row tight">
                      <button
                        type="button"
                        className="link"
                        aria-label={t("screens.wechat.openFor", { name: tenant.name })}
                        onClick={() => setWechatOf(tenant)}
                      >
                        {t("screens.wechat.open")}
                      </button>
                      <button
                        type="button"
                        className="link"
                        aria-label={t("billing.admin.openFor", { name: tenant.name })}
                        onClick={() => setBillingOf(tenant)}
                      >
                        {t("billing.admin.open")}
                      </button>
                      <Link
                        to={`/admin/audit-log?tenantId=${tenant.id}`}
                        aria-label={t("billing.audit.openFor", { name: tenant.name })}
                      >
                        {t("billing.audit.open")}
                      </Link>
                      {tenant.status === "active" ? (
                        <button type="button" className="link danger" onClick={() => setSuspending(tenant)}>
                          {t("screens.tenants.suspend")}
                        </button>
                      ) : (
                        <button type="button" className="link" onClick={() => void resume(tenant)}>
                          {t("screens.tenants.resume")}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore more={Boolean(nextCursor)} onLoad={() => void loadMore()} />
        </div>
      )}
      {creating && (
        <CreateTenantDialog
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
            list.reload();
          }}
        />
      )}
      {wechatOf && <WechatDialog tenant={wechatOf} onClose={() => setWechatOf(undefined)} />}
      {billingOf && (
        <TenantBillingDialog tenant={billingOf} onClose={() => setBillingOf(undefined)} onChanged={list.reload} />
      )}
      {suspending && (
        <SuspendDialog
          tenant={suspending}
          onClose={() => setSuspending(undefined)}
          onDone={() => {
            setSuspending(undefined);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

function SuspendDialog({ tenant, onClose, onDone }: { tenant: TTenant; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const ok = await attempt(
      () =>
        call(
          platform.tenants[":id"].suspend.$post({
            param: { id: tenant.id },
            json: reason.trim() ? { reason: reason.trim() } : {},
          }),
        ),
      t("screens.tenants.suspended", { name: tenant.name }),
    );
    setBusy(false);
    if (ok) onDone();
  }
  return (
    <Modal title={t("screens.tenants.suspendTitle", { name: tenant.name })} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <p className="warn-text">{t("screens.tenants.suspendBody")}</p>
        <Field label={t("screens.tenants.reason")}>
          <textarea maxLength={500} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div className="row end">
          <button type="button" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="submit" className="primary danger-fill" disabled={busy}>
            {t("screens.tenants.suspend")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function CreateTenantDialog({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(result: { key: string; email: string; inviteUrl: string | null }): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [ownerEmail, setOwnerEmail] = useState("");
  const [plan, setPlan] = useState<Plan>("free");
  const [template, setTemplate] = useState<string>("blank");
  const { errors, busy, run } = useFormSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const out = await run(() =>
      call(
        platform.tenants.$post({
          json: { name, key: key.trim(), ownerEmail, plan, ...(template ? { template } : {}) },
        }),
      ),
    );
    if (!out) return;
    notify.ok(t("screens.tenants.created", { name: out.tenant.name }));
    onCreated({ key: out.tenant.key, email: out.owner.email, inviteUrl: out.owner.inviteUrl });
  }

  return (
    <Modal title={t("screens.tenants.create")} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <Field label={t("screens.tenants.name")}>
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          {errors.name && <span className="field-error">{errors.name}</span>}
        </Field>
        <Field label={t("screens.tenants.key")} hint={t("screens.tenants.keyHint")}>
          <input
            required
            minLength={3}
            maxLength={32}
            pattern="[a-z][a-z0-9]*(-[a-z0-9]+)*"
            value={key}
            onChange={(e) => setKey(e.target.value.toLowerCase())}
          />
          {errors.key && <span className="field-error">{errors.key}</span>}
        </Field>
        <Field label={t("screens.tenants.ownerEmail")} hint={t("screens.tenants.ownerHint")}>
          <input type="email" required value={ownerEmail} onChange={(e) => setOwnerEmail(e.target.value)} />
          {errors.ownerEmail && <span className="field-error">{errors.ownerEmail}</span>}
        </Field>
        <div className="grid-2">
          <Field label={t("screens.tenants.plan")}>
            <select value={plan} onChange={(e) => setPlan(PLANS.find((p) => p === e.target.value) ?? "free")}>
              {PLANS.map((p) => (
                <option key={p} value={p}>
                  {t(`screens.plans.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("screens.tenants.template")}>
            <select value={template} onChange={(e) => setTemplate(e.target.value)}>
              <option value="">{t("screens.tenants.noTemplate")}</option>
              {TENANT_TEMPLATES.map((name) => (
                <option key={name} value={name}>
                  {t(`screens.tenants.templates.${name}`)}
                </option>
              ))}
            </select>
            {errors.template && <span className="field-error">{errors.template}</span>}
          </Field>
        </div>
        <div className="row end">
          <button type="button" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t("app.create")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** component_verify_ticket arrives every 10 minutes; one older than this means the push is not reaching us. */
const TICKET_STALE_MS = 30 * 60_000;

/** What the platform has configured for WeChat Pay and the third-party platform (no secrets). */
function WechatPlatformCard() {
  const { t } = useTranslation();
  const status = useLoad(() => call(platform.wechat.$get()), []);
  const title = t("screens.wechat.platform.title");
  if (status.loading) return null;
  if (status.error || !status.data) {
    return (
      <section className="card wechat-platform" aria-label={title}>
        <div className="row">
          <span className="danger grow">
            {title}: {messageOf(status.error)}
          </span>
          <button type="button" className="link" onClick={status.reload}>
            {t("app.retry")}
          </button>
        </div>
      </section>
    );
  }
  const { pay, component } = status.data;
  const ticketAge = component.ticketAt ? Date.now() - new Date(component.ticketAt).getTime() : undefined;
  const badge = (on: boolean) => (
    <span className={on ? "badge ok" : "badge warn"}>
      {on ? t("screens.wechat.platform.configured") : t("screens.wechat.platform.notConfigured")}
    </span>
  );
  return (
    <section className="card wechat-platform" aria-label={title}>
      <div className="grid-2">
        <div className="stack tight">
          <h2>
            {t("screens.wechat.platform.pay")} {badge(pay.configured)}
          </h2>
          {pay.configured ? (
            <dl className="facts small">
              <dt>{t("screens.wechat.platform.spMchid")}</dt>
              <dd>
                <code>{pay.spMchid}</code>
              </dd>
              <dt>{t("screens.wechat.platform.spAppid")}</dt>
              <dd>
                <code>{pay.spAppid}</code>
              </dd>
              <dt>{t("screens.wechat.platform.verification")}</dt>
              <dd>
                {pay.verification.length > 0
                  ? pay.verification.map((v) => t(`screens.wechat.platform.verifications.${v}`)).join(" / ")
                  : "—"}
              </dd>
              <dt>{t("screens.wechat.platform.notifyUrl")}</dt>
              <dd>
                <code className="break">{pay.notifyUrl ?? "—"}</code>
              </dd>
            </dl>
          ) : (
            <p className="muted small">{t("screens.wechat.platform.payMissing")}</p>
          )}
        </div>
        <div className="stack tight">
          <h2>
            {t("screens.wechat.platform.component")} {badge(component.configured)}
          </h2>
          {component.configured ? (
            <dl className="facts small">
              <dt>{t("screens.wechat.platform.appId")}</dt>
              <dd>
                <code>{component.appId}</code>
              </dd>
              <dt>{t("screens.wechat.platform.ticketAt")}</dt>
              <dd>
                {component.ticketAt ? formatTime(component.ticketAt) : t("screens.wechat.platform.ticketNever")}
                {(ticketAge === undefined || ticketAge > TICKET_STALE_MS) && (
                  <div className="warn-text">{t("screens.wechat.platform.ticketStale")}</div>
                )}
              </dd>
              <dt>{t("screens.wechat.platform.tokenExpiresAt")}</dt>
              <dd>{formatTime(component.tokenExpiresAt)}</dd>
            </dl>
          ) : (
            <p className="muted small">{t("screens.wechat.platform.componentMissing")}</p>
          )}
        </div>
      </div>
    </section>
  );
}

const SUB_MCHID = /^[0-9]{8,32}$/;
const APPID = /^wx[0-9a-f]{16}$/;

/** A store's WeChat settings (loaded, edited, saved) and its last bill reconciliations. */
function WechatDialog({ tenant, onClose }: { tenant: TTenant; onClose(): void }) {
  const { t } = useTranslation();
  const param = { id: tenant.id };
  const settings = useLoad(() => call(platform.tenants[":id"].wechat.$get({ param })), [tenant.id]);
  const bills = useLoad(() => call(platform.tenants[":id"].bills.$get({ param })), [tenant.id]);
  return (
    <Modal title={t("screens.wechat.dialogTitle", { name: tenant.name })} onClose={onClose} wide>
      <div className="stack">
        {settings.loading ? (
          <Loading />
        ) : settings.error || !settings.data ? (
          <Failed error={settings.error} retry={settings.reload} />
        ) : (
          <WechatForm tenant={tenant} saved={settings.data} onSaved={settings.set} onClose={onClose} />
        )}
        <section className="stack tight" aria-label={t("screens.wechat.bills.title")}>
          <h3 className="section-title">{t("screens.wechat.bills.title")}</h3>
          {bills.loading ? (
            <Loading />
          ) : bills.error || !bills.data ? (
            <Failed error={bills.error} retry={bills.reload} />
          ) : (
            <BillRuns runs={bills.data.items} />
          )}
        </section>
      </div>
    </Modal>
  );
}

function WechatForm({
  tenant,
  saved,
  onSaved,
  onClose,
}: {
  tenant: TTenant;
  saved: TTenantWechat;
  onSaved(next: TTenantWechat): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [subMchid, setSubMchid] = useState(saved.subMchid ?? "");
  const [subAppid, setSubAppid] = useState(saved.subAppid ?? "");
  const [status, setStatus] = useState<TOnboardingStatus>(saved.onboardingStatus);
  const [note, setNote] = useState(saved.onboardingNote ?? "");
  const [token, setToken] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const form = {
    subMchid: subMchid.trim() || null,
    subAppid: subAppid.trim() || null,
    onboardingStatus: status,
    onboardingNote: note.trim() || null,
  };
  const changed =
    token.trim() !== "" ||
    form.subMchid !== saved.subMchid ||
    form.subAppid !== saved.subAppid ||
    form.onboardingStatus !== saved.onboardingStatus ||
    form.onboardingNote !== (saved.onboardingNote ?? null);
  const forgetsToken = saved.authorized && form.subAppid !== saved.subAppid && token.trim() === "";

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldErrors = {};
    if (form.subMchid && !SUB_MCHID.test(form.subMchid)) local.subMchid = t("screens.wechat.problems.subMchid");
    if (form.subAppid && !APPID.test(form.subAppid)) local.subAppid = t("screens.wechat.problems.subAppid");
    if (status === "active") {
      if (!form.subMchid) local.subMchid ??= t("screens.wechat.problems.activeNeeds");
      if (!form.subAppid) local.subAppid ??= t("screens.wechat.problems.activeNeeds");
    }
    const refreshToken = token.trim();
    if (refreshToken && (refreshToken.length < 8 || refreshToken.length > 512)) {
      local.authorizerRefreshToken = t("screens.wechat.problems.refreshToken");
    }
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const next = await call(
        platform.tenants[":id"].wechat.$put({
          param: { id: tenant.id },
          // The token only when one was typed: it is write-only, and leaving it out keeps the one on file.
          json: { ...form, ...(refreshToken ? { authorizerRefreshToken: refreshToken } : {}) },
        }),
      );
      notify.ok(t("screens.wechat.saved", { name: tenant.name }));
      setSubMchid(next.subMchid ?? "");
      setSubAppid(next.subAppid ?? "");
      setStatus(next.onboardingStatus);
      setNote(next.onboardingNote ?? "");
      setToken("");
      onSaved(next);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      // 409: another store has this sub-merchant or mini-program; the API names the field.
      if (err instanceof ApiFailure && err.status === 409) {
        for (const d of detailsOf(err)) fields[d.path.replace(/^body\./, "")] = t("screens.wechat.problems.taken");
      }
      setErrors(fields);
      notify.error(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <div className="grid-2">
        <Field label={t("screens.wechat.subMchid")}>
          <input
            inputMode="numeric"
            autoComplete="off"
            maxLength={32}
            placeholder="1900000109"
            value={subMchid}
            aria-invalid={errors.subMchid ? true : undefined}
            onChange={(e) => setSubMchid(e.target.value)}
          />
          {errors.subMchid && <span className="field-error">{errors.subMchid}</span>}
        </Field>
        <Field label={t("screens.wechat.subAppid")}>
          <input
            autoComplete="off"
            spellCheck={false}
            maxLength={18}
            placeholder="wx0123456789abcdef"
            value={subAppid}
            aria-invalid={errors.subAppid ? true : undefined}
            onChange={(e) => setSubAppid(e.target.value)}
          />
          {errors.subAppid && <span className="field-error">{errors.subAppid}</span>}
          {forgetsToken && <span className="field-hint warn-text">{t("screens.wechat.appidChangeForgets")}</span>}
        </Field>
      </div>
      <Field label={t("screens.wechat.onboardingStatus")} hint={t(`screens.wechat.adminExplain.${status}`)}>
        <select
          value={status}
          onChange={(e) => setStatus(ONBOARDING_STATUSES.find((s) => s === e.target.value) ?? status)}
        >
          {ONBOARDING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`screens.wechat.onboarding.${s}`)}
            </option>
          ))}
        </select>
        {errors.onboardingStatus && <span className="field-error">{errors.onboardingStatus}</span>}
      </Field>
      <Field label={t("screens.wechat.note")} hint={t("screens.wechat.noteHint")}>
        <textarea
          rows={2}
          maxLength={500}
          value={note}
          aria-invalid={errors.onboardingNote ? true : undefined}
          onChange={(e) => setNote(e.target.value)}
        />
        {errors.onboardingNote && <span className="field-error">{errors.onboardingNote}</span>}
      </Field>
      <Field
        label={
          <>
            {t("screens.wechat.refreshToken")}{" "}
            <span className={saved.authorized ? "badge ok" : "badge"}>
              {saved.authorized ? t("screens.wechat.authorized") : t("screens.wechat.notAuthorized")}
            </span>
          </>
        }
        hint={saved.authorized ? t("screens.wechat.refreshTokenSaved") : t("screens.wechat.refreshTokenMissing")}
      >
        <input
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          maxLength={512}
          value={token}
          aria-invalid={errors.authorizerRefreshToken ? true : undefined}
          onChange={(e) => setToken(e.target.value)}
        />
        {errors.authorizerRefreshToken && <span className="field-error">{errors.authorizerRefreshToken}</span>}
      </Field>
      <div className="row">
        <span className="muted small grow">
          {t("screens.wechat.inEffect")} <OnboardingBadge status={saved.onboardingStatus} />
          {saved.updatedAt && ` · ${t("screens.wechat.updatedAt")} ${formatTime(saved.updatedAt)}`}
        </span>
        <button type="button" onClick={onClose}>
          {t("app.close")}
        </button>
        <button type="submit" className="primary" disabled={busy || !changed}>
          {t("app.save")}
        </button>
      </div>
    </form>
  );
}
