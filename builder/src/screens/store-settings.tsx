// Store settings (店铺设置): the store as the session knows it (name, key, plan and the way to the
// billing page, status, your role), the catalog settings behind low-stock warnings, and WeChat Pay as
// the platform set it up (read-only: onboarding status, sub-merchant, mini-program, authorization,
// the daily bill reconciliations).
// Theme and tab bar live in the designer.
import type { TOnboardingStatus } from "@mallwright/schema";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { call, merchant } from "../api/client.ts";
import { useSession } from "../shell/session.ts";
import { notify } from "../shell/toast.ts";
import { Failed, Field, Loading, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { type FieldErrors, useFormSubmit } from "./field-errors.ts";
import { formatTime } from "./format.ts";
import "./billing-messages.ts";
import "./messages.ts";
import "./screens.css";
import { BillRuns } from "./wechat.tsx";

export function StoreSettingsScreen() {
  const { t } = useTranslation();
  const me = useSession((s) => s.merchant.me);
  const canManage = useSession((s) => s.can("catalog:manage"));
  const canSeeWechat = useSession((s) => s.can("orders:read"));
  const canSeeBilling = useSession((s) => s.can("billing:read"));
  const settings = useLoad(() => call(merchant["catalog-settings"].$get()), []);
  const [lowStock, setLowStock] = useState("");
  const [days, setDays] = useState("");
  const { errors, setErrors, busy, run } = useFormSubmit();

  useEffect(() => {
    if (!settings.data) return;
    setLowStock(String(settings.data.lowStockDefault));
    setDays(String(settings.data.replenishmentDays));
  }, [settings.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!/^\d+$/.test(lowStock.trim())) local.lowStockDefault = t("screens.editor.problems.integer");
    if (!/^\d+$/.test(days.trim())) local.replenishmentDays = t("screens.editor.problems.integer");
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const saved = await run(() =>
      call(
        merchant["catalog-settings"].$patch({
          json: { lowStockDefault: Number(lowStock), replenishmentDays: Number(days) },
        }),
      ),
    );
    if (!saved) return;
    settings.set(saved);
    notify.ok(t("app.saved"));
  }

  return (
    <section className="stack">
      <PageHeader title={t("screens.settings.title")} />
      {me && (
        <div className="card">
          <h2>{t("screens.settings.store")}</h2>
          <dl className="facts">
            <dt>{t("screens.settings.name")}</dt>
            <dd>{me.tenant.name}</dd>
            <dt>{t("screens.settings.key")}</dt>
            <dd>
              <code>{me.tenant.key}</code>
            </dd>
            <dt>{t("screens.settings.plan")}</dt>
            <dd>
              <span>{t(`screens.plans.${me.tenant.plan}`, { defaultValue: me.tenant.plan })}</span>
              {canSeeBilling && (
                <>
                  {" · "}
                  <Link to="/billing">{t("billing.title")}</Link>
                </>
              )}
            </dd>
            <dt>{t("screens.settings.status")}</dt>
            <dd>
              <span className={me.tenant.status === "active" ? "badge ok" : "badge danger"}>
                {t(`screens.tenantStatus.${me.tenant.status}`, { defaultValue: me.tenant.status })}
              </span>
            </dd>
            <dt>{t("screens.settings.yourRole")}</dt>
            <dd>{t(`screens.staff.roles.${me.role}`)}</dd>
          </dl>
        </div>
      )}
      <div className="card">
        <h2>{t("screens.settings.catalog")}</h2>
        {settings.loading ? (
          <Loading />
        ) : settings.error ? (
          <Failed error={settings.error} retry={settings.reload} />
        ) : (
          <form className="stack narrow" onSubmit={(e) => void save(e)}>
            <fieldset disabled={!canManage} className="plain stack">
              <Field label={t("screens.settings.lowStockDefault")} hint={t("screens.settings.lowStockHint")}>
                <input
                  inputMode="numeric"
                  value={lowStock}
                  aria-invalid={errors.lowStockDefault ? true : undefined}
                  onChange={(e) => setLowStock(e.target.value)}
                />
                {errors.lowStockDefault && <span className="field-error">{errors.lowStockDefault}</span>}
              </Field>
              <Field label={t("screens.settings.replenishmentDays")} hint={t("screens.settings.replenishmentHint")}>
                <input
                  inputMode="numeric"
                  value={days}
                  aria-invalid={errors.replenishmentDays ? true : undefined}
                  onChange={(e) => setDays(e.target.value)}
                />
                {errors.replenishmentDays && <span className="field-error">{errors.replenishmentDays}</span>}
              </Field>
              {canManage && (
                <div>
                  <button type="submit" className="primary" disabled={busy}>
                    {t("app.save")}
                  </button>
                </div>
              )}
            </fieldset>
          </form>
        )}
      </div>
      {canSeeWechat && <WechatSection />}
      <div className="card">
        <h2>{t("screens.settings.appearance")}</h2>
        <p className="muted">{t("screens.settings.appearanceHint")}</p>
        <Link to="/pages">{t("screens.settings.toPages")}</Link>
      </div>
    </section>
  );
}

const EXPLAIN_NOTICE: Record<TOnboardingStatus, string> = {
  not_started: "notice",
  submitted: "notice",
  active: "notice ok",
  rejected: "notice danger",
  suspended: "notice warn",
};

/** WeChat Pay as the platform set it up for this store: nothing here can be changed by the store. */
function WechatSection() {
  const { t } = useTranslation();
  const wechat = useLoad(() => call(merchant.wechat.$get()), []);
  const w = wechat.data;
  return (
    <section className="card wechat-settings" aria-labelledby="settings-wechat">
      <h2 id="settings-wechat">{t("screens.wechat.title")}</h2>
      {wechat.loading ? (
        <Loading />
      ) : wechat.error || !w ? (
        <Failed error={wechat.error} retry={wechat.reload} />
      ) : (
        <div className="stack">
          <p className={EXPLAIN_NOTICE[w.onboardingStatus]}>{t(`screens.wechat.explain.${w.onboardingStatus}`)}</p>
          <dl className="facts">
            <dt>{t("screens.wechat.subMchid")}</dt>
            <dd>
              {w.subMchid ? <code>{w.subMchid}</code> : <span className="muted">{t("screens.wechat.notSet")}</span>}
            </dd>
            <dt>{t("screens.wechat.subAppid")}</dt>
            <dd>
              {w.subAppid ? <code>{w.subAppid}</code> : <span className="muted">{t("screens.wechat.notSet")}</span>}
            </dd>
            <dt>{t("screens.wechat.authorization")}</dt>
            <dd>
              <span className={w.authorized ? "badge ok" : "badge"}>
                {w.authorized ? t("screens.wechat.authorized") : t("screens.wechat.notAuthorized")}
              </span>{" "}
              <span className="muted small">
                {w.authorized ? t("screens.wechat.authorizedHint") : t("screens.wechat.notAuthorizedHint")}
              </span>
            </dd>
            {w.onboardingNote && (
              <>
                <dt>{t("screens.wechat.platformNote")}</dt>
                <dd>{w.onboardingNote}</dd>
              </>
            )}
            {w.updatedAt && (
              <>
                <dt>{t("screens.wechat.updatedAt")}</dt>
                <dd>{formatTime(w.updatedAt)}</dd>
              </>
            )}
          </dl>
          <p className="muted small">{t("screens.wechat.managedByPlatform")}</p>
          <div className="stack tight">
            <h3 className="section-title">{t("screens.wechat.bills.title")}</h3>
            <p className="muted small">{t("screens.wechat.bills.hint")}</p>
            <BillRuns runs={w.bills} />
          </div>
        </div>
      )}
    </section>
  );
}
