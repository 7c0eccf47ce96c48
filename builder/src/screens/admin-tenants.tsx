// Platform admin: tenants (租户管理). Search, status and plan filters, "load more" pages; create a
// tenant (name, key, owner email, plan, template); change plan; suspend with a reason, resume.
import { PLANS, type TTenant } from "@mallwright/schema";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, platform } from "../api/client.ts";
import { attempt, notify } from "../shell/toast.ts";
import { Empty, Failed, Field, Loading, LoadMore, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { Modal } from "./dialog.tsx";
import { type FieldErrors, fieldErrorsOf } from "./field-errors.ts";
import { formatTime } from "./format.ts";
import "./messages.ts";
import "./screens.css";

type Plan = (typeof PLANS)[number];
/** The templates shipped in tenant-templates/ (the platform API has no list of them). */
export const TENANT_TEMPLATES = ["blank", "fashion", "beauty", "fresh-food"] as const;

interface Filters {
  q: string;
  status: "" | "active" | "suspended";
  plan: "" | Plan;
}

function queryOf(f: Filters, cursor?: string) {
  return {
    limit: "20",
    ...(f.q ? { q: f.q } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.plan ? { plan: f.plan } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export function AdminTenantsScreen() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ q: "", status: "", plan: "" });
  const [draftQ, setDraftQ] = useState("");
  const [extra, setExtra] = useState<{ items: TTenant[]; nextCursor: string | null }>();
  const [creating, setCreating] = useState(false);
  const [suspending, setSuspending] = useState<TTenant>();
  const [created, setCreated] = useState<{ key: string; email: string; inviteUrl: string | null }>();
  const list = useLoad(async () => {
    setExtra(undefined);
    return call(platform.tenants.$get({ query: queryOf(filters) }));
  }, [filters.q, filters.status, filters.plan]);

  const items = [...(list.data?.items ?? []), ...(extra?.items ?? [])];
  const nextCursor = extra ? extra.nextCursor : list.data?.nextCursor;
  const filtered = filters.q !== "" || filters.status !== "" || filters.plan !== "";

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
      t("screens.tenants.planChanged", { name: tenant.name }),
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
                <th>{t("screens.tenants.plan")}</th>
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
                      aria-label={t("screens.tenants.planOf", { name: tenant.name })}
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
                    {tenant.status === "active" ? (
                      <button type="button" className="link danger" onClick={() => setSuspending(tenant)}>
                        {t("screens.tenants.suspend")}
                      </button>
                    ) : (
                      <button type="button" className="link" onClick={() => void resume(tenant)}>
                        {t("screens.tenants.resume")}
                      </button>
                    )}
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const out = await call(
        platform.tenants.$post({
          json: { name, key: key.trim(), ownerEmail, plan, ...(template ? { template } : {}) },
        }),
      );
      notify.ok(t("screens.tenants.created", { name: out.tenant.name }));
      onCreated({ key: out.tenant.key, email: out.owner.email, inviteUrl: out.owner.inviteUrl });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      notify.error(err);
    } finally {
      setBusy(false);
    }
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
