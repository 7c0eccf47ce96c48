// Sign-in, password reset, invitation acceptance: for merchants, and sign-in for platform admins.
import { ZChooseTenantDetails } from "@mallwright/schema";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiFailure, call, merchant, platform } from "../api/client.ts";
import { LanguageSwitch } from "./language-switch.tsx";
import { useSession } from "./session.ts";
import { attempt, notify } from "./toast.ts";
import { Field } from "./ui.tsx";

function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <span className="logo" aria-hidden>
            M
          </span>
          {t("app.name")}
          <LanguageSwitch />
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}

export function LoginScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useSession((s) => s.refresh);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [tenant, setTenant] = useState("");
  const [choices, setChoices] = useState<{ key: string; name: string }[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent, key = tenant) {
    e.preventDefault();
    setBusy(true);
    try {
      await call(merchant.auth.login.$post({ json: { email, password, ...(key ? { tenant: key } : {}) } }));
      await refresh();
      navigate("/");
    } catch (err) {
      const tenants = err instanceof ApiFailure ? choicesOf(err.details) : [];
      if (tenants.length > 0) setChoices(tenants);
      else notify.error(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title={t("auth.title")}>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <Field label={t("auth.email")}>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label={t("auth.password")}>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {choices.length > 0 && (
          <fieldset className="choices">
            <legend>{t("auth.chooseStore")}</legend>
            {choices.map((c) => (
              <button
                key={c.key}
                type="button"
                onClick={(e) => {
                  setTenant(c.key);
                  void submit(e, c.key);
                }}
              >
                {c.name} <small>{c.key}</small>
              </button>
            ))}
          </fieldset>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t("auth.signIn")}
        </button>
        <div className="auth-links">
          <Link to="/reset-password">{t("auth.forgot")}</Link>
          <Link to="/admin/login">{t("auth.asAdmin")}</Link>
        </div>
      </form>
    </AuthCard>
  );
}

/** The stores to choose from when an account belongs to several (the 403's details). */
function choicesOf(details: unknown): { key: string; name: string }[] {
  const parsed = ZChooseTenantDetails.safeParse(details);
  return parsed.success ? parsed.data.tenants : [];
}

export function AdminLoginScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refreshAdmin = useSession((s) => s.refreshAdmin);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await attempt(() => call(platform.auth.login.$post({ json: { email, password } })));
    if (!ok) return;
    await refreshAdmin();
    navigate("/admin");
  }
  return (
    <AuthCard title={t("auth.adminTitle")}>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <Field label={t("auth.email")}>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label={t("auth.password")}>
          <input type="password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" className="primary">
          {t("auth.signIn")}
        </button>
        <div className="auth-links">
          <Link to="/login">{t("auth.asMerchant")}</Link>
        </div>
      </form>
    </AuthCard>
  );
}

export function ResetPasswordScreen() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get("token");
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [sent, setSent] = useState(false);
  async function request(e: FormEvent) {
    e.preventDefault();
    const ok = await attempt(() => call(merchant.auth["password-reset"].$post({ json: { email } })));
    if (ok) setSent(true);
  }
  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!token) return;
    const ok = await attempt(
      () => call(merchant.auth["password-reset"].confirm.$post({ json: { token, password } })),
      t("auth.passwordSet"),
    );
    if (ok) navigate("/login");
  }
  return (
    <AuthCard title={t("auth.resetTitle")}>
      {token ? (
        <form onSubmit={(e) => void confirm(e)} className="stack">
          <Field label={t("auth.newPassword")}>
            <input
              type="password"
              autoComplete="new-password"
              required
              minLength={8}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <button type="submit" className="primary">
            {t("auth.setPassword")}
          </button>
        </form>
      ) : sent ? (
        <p className="notice">{t("auth.linkSent")}</p>
      ) : (
        <form onSubmit={(e) => void request(e)} className="stack">
          <Field label={t("auth.email")}>
            <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <button type="submit" className="primary">
            {t("auth.sendLink")}
          </button>
        </form>
      )}
      <div className="auth-links">
        <Link to="/login">{t("auth.signIn")}</Link>
      </div>
    </AuthCard>
  );
}

export function AcceptInviteScreen() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const refresh = useSession((s) => s.refresh);
  const tenant = params.get("tenant") ?? "";
  const token = params.get("token") ?? "";
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  async function accept(e: FormEvent) {
    e.preventDefault();
    const ok = await attempt(() =>
      call(
        merchant.auth.invites.accept.$post({
          json: { tenant, token, ...(password ? { password } : {}), ...(name ? { name } : {}) },
        }),
      ),
    );
    if (!ok) return;
    await refresh();
    navigate("/");
  }
  return (
    <AuthCard title={t("auth.inviteTitle")}>
      <form onSubmit={(e) => void accept(e)} className="stack">
        <p className="muted">{tenant}</p>
        <Field label={t("auth.name")}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t("auth.password")}>
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <button type="submit" className="primary">
          {t("auth.acceptInvite")}
        </button>
      </form>
    </AuthCard>
  );
}
