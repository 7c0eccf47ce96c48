// The merchant back office frame: navigation, store switch, language, sign out. Screens render in
// the outlet, under the billing banners (past due, suspended). Signed-out visitors go to /login.
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, NavLink, Outlet, useNavigate } from "react-router";
import { call, merchant, platform } from "../api/client.ts";
import { BillingBanner } from "./billing-banner.tsx";
import { useBilling } from "./billing-state.ts";
import { LanguageSwitch } from "./language-switch.tsx";
import { useSession } from "./session.ts";
import { attempt, setToastNavigator } from "./toast.ts";
import { Failed, Loading } from "./ui.tsx";

const NAV = [
  { to: "/pages", key: "nav.pages", permission: "pages:read" },
  { to: "/products", key: "nav.products", permission: "catalog:read" },
  { to: "/categories", key: "nav.categories", permission: "catalog:read" },
  { to: "/media", key: "nav.media", permission: "catalog:read" },
  { to: "/orders", key: "nav.orders", permission: "orders:read" },
  { to: "/after-sales", key: "nav.afterSales", permission: "orders:read" },
  { to: "/staff", key: "nav.staff", permission: "staff:read" },
  { to: "/settings", key: "nav.settings", permission: "store:read" },
  { to: "/billing", key: "nav.billing", permission: "billing:read" },
] as const;

export function MerchantLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { merchant: session, refresh, can } = useSession();
  const loadBilling = useBilling((s) => s.load);
  const resetBilling = useBilling((s) => s.reset);
  useEffect(() => {
    if (session.status === "loading") void refresh().catch(() => undefined);
  }, [session.status, refresh]);
  useEffect(() => setToastNavigator(navigate), [navigate]);
  // The banners' state: loaded per store, for those who may see billing.
  const tenantId = session.me?.tenant.id;
  const canReadBilling = session.me?.permissions.includes("billing:read") ?? false;
  useEffect(() => {
    if (!tenantId) return;
    if (canReadBilling) void loadBilling(tenantId);
    else resetBilling();
  }, [tenantId, canReadBilling, loadBilling, resetBilling]);
  if (session.status === "loading") return <Loading />;
  if (session.status === "signed-out" || !session.me) return <Navigate to="/login" replace />;
  const me = session.me;

  async function switchTo(key: string) {
    const ok = await attempt(() => call(merchant.auth.switch.$post({ json: { tenant: key } })));
    if (!ok) return;
    await refresh();
    navigate("/pages");
  }
  async function signOut() {
    await attempt(() => call(merchant.auth.logout.$post()));
    await refresh();
    navigate("/login");
  }

  return (
    <div className="app-frame">
      <aside className="sidebar">
        <div className="brand">
          <span className="logo" aria-hidden>
            M
          </span>
          <span>{me.tenant.name}</span>
        </div>
        <nav aria-label={t("nav.main")}>
          {NAV.filter((n) => can(n.permission)).map((n) => (
            <NavLink key={n.to} to={n.to}>
              {t(n.key)}
            </NavLink>
          ))}
        </nav>
        <div className="sidebar-foot">
          {me.memberships.length > 1 && (
            <select
              aria-label={t("nav.switchStore")}
              value={me.tenant.key}
              onChange={(e) => void switchTo(e.target.value)}
            >
              {me.memberships.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
          <LanguageSwitch />
          <div className="who">
            <span>{me.user.name ?? me.user.email}</span>
            <button type="button" className="link" onClick={() => void signOut()}>
              {t("app.signOut")}
            </button>
          </div>
        </div>
      </aside>
      <main className="content">
        <BillingBanner />
        <Outlet />
      </main>
    </div>
  );
}

export function AdminLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { admin: session, refreshAdmin } = useSession();
  useEffect(() => {
    if (session.status === "loading") void refreshAdmin().catch(() => undefined);
  }, [session.status, refreshAdmin]);
  if (session.status === "loading") return <Loading />;
  if (session.status === "signed-out" || !session.me) return <Navigate to="/admin/login" replace />;
  const adminMe = session.me;
  async function signOut() {
    await attempt(() => call(platform.auth.logout.$post()));
    await refreshAdmin();
    navigate("/admin/login");
  }
  return (
    <div className="app-frame admin">
      <aside className="sidebar">
        <div className="brand">
          <span className="logo" aria-hidden>
            M
          </span>
          <span>{t("nav.platform")}</span>
        </div>
        <nav aria-label={t("nav.admin")}>
          <NavLink to="/admin/tenants">{t("nav.tenants")}</NavLink>
          <NavLink to="/admin/audit-log">{t("nav.auditLog")}</NavLink>
        </nav>
        <div className="sidebar-foot">
          <LanguageSwitch />
          <div className="who">
            <span>{adminMe.user.email}</span>
            <button type="button" className="link" onClick={() => void signOut()}>
              {t("app.signOut")}
            </button>
          </div>
        </div>
      </aside>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}

export function RouteError({ error }: { error: unknown }) {
  return <Failed error={error} />;
}
