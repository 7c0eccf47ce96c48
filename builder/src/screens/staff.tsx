// Store staff (员工): members and their roles, open invitations; invite by email with a role,
// revoke, change a role, remove a member, hand the store to another member (owner only).
import type { TTenantRole } from "@mallwright/schema";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, merchant } from "../api/client.ts";
import { useSession } from "../shell/session.ts";
import { attempt, notify } from "../shell/toast.ts";
import { Empty, Failed, Field, Loading, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { ConfirmDialog, Modal } from "./dialog.tsx";
import { formatTime } from "./format.ts";
import "./messages.ts";
import "./screens.css";

const RANK: Record<TTenantRole, number> = { staff: 0, admin: 1, owner: 2 };

type Member = { id: string; userId: string; email: string; name: string | null; role: TTenantRole };

export function StaffScreen() {
  const { t } = useTranslation();
  const me = useSession((s) => s.merchant.me);
  const can = useSession((s) => s.can);
  const refresh = useSession((s) => s.refresh);
  const staff = useLoad(() => call(merchant.staff.$get()), []);
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member>();
  const [transferring, setTransferring] = useState(false);
  const [inviteUrl, setInviteUrl] = useState<string>();

  const canManage = can("staff:manage");
  const myRank = me ? RANK[me.role] : -1;
  const mayManage = (m: Member) => canManage && m.userId !== me?.user.id && RANK[m.role] < myRank;

  async function changeRole(m: Member, role: "admin" | "staff") {
    const ok = await attempt(
      () => call(merchant.staff[":id"].$patch({ param: { id: m.id }, json: { role } })),
      t("screens.staff.roleChanged", { who: m.name ?? m.email }),
    );
    if (ok) staff.reload();
  }
  async function remove(m: Member) {
    const ok = await attempt(
      () => call(merchant.staff[":id"].$delete({ param: { id: m.id } })),
      t("screens.staff.removed", { who: m.name ?? m.email }),
    );
    setRemoving(undefined);
    if (ok) staff.reload();
  }
  async function revoke(id: string, email: string) {
    const ok = await attempt(
      () => call(merchant.staff.invites[":id"].$delete({ param: { id } })),
      t("screens.staff.revoked", { email }),
    );
    if (ok) staff.reload();
  }

  const members = staff.data?.members ?? [];
  const invites = staff.data?.invites ?? [];
  return (
    <section>
      <PageHeader
        title={t("screens.staff.title")}
        actions={
          <>
            {can("store:transfer") && members.length > 1 && (
              <button type="button" onClick={() => setTransferring(true)}>
                {t("screens.staff.transfer")}
              </button>
            )}
            {canManage && (
              <button type="button" className="primary" onClick={() => setInviting(true)}>
                {t("screens.staff.invite")}
              </button>
            )}
          </>
        }
      />
      {staff.loading ? (
        <Loading />
      ) : staff.error ? (
        <Failed error={staff.error} retry={staff.reload} />
      ) : (
        <div className="stack">
          {inviteUrl && (
            <div className="notice row">
              <span className="grow">
                {t("screens.staff.inviteLink")} <code className="break">{inviteUrl}</code>
              </span>
              <button
                type="button"
                onClick={() =>
                  void navigator.clipboard?.writeText(inviteUrl).then(() => notify.ok(t("screens.staff.copied")))
                }
              >
                {t("screens.staff.copy")}
              </button>
            </div>
          )}
          <div className="card flush">
            <h2 className="pad">{t("screens.staff.members")}</h2>
            {members.length === 0 ? (
              <Empty>{t("screens.staff.noMembers")}</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>{t("screens.staff.person")}</th>
                    <th>{t("screens.staff.role")}</th>
                    <th>{t("screens.staff.joined")}</th>
                    <th>{t("app.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {members.map((m) => (
                    <tr key={m.id}>
                      <td>
                        <div>{m.name ?? m.email}</div>
                        {m.name && <div className="muted small">{m.email}</div>}
                        {m.userId === me?.user.id && <span className="badge">{t("screens.staff.you")}</span>}
                      </td>
                      <td>
                        {mayManage(m) ? (
                          <select
                            aria-label={t("screens.staff.roleOf", { who: m.name ?? m.email })}
                            value={m.role}
                            onChange={(e) => {
                              const role = e.target.value;
                              if (role === "admin" || role === "staff") void changeRole(m, role);
                            }}
                          >
                            {(["admin", "staff"] as const)
                              .filter((r) => RANK[r] < myRank || r === m.role)
                              .map((r) => (
                                <option key={r} value={r}>
                                  {t(`screens.staff.roles.${r}`)}
                                </option>
                              ))}
                          </select>
                        ) : (
                          <span className={m.role === "owner" ? "badge ok" : "badge"}>
                            {t(`screens.staff.roles.${m.role}`)}
                          </span>
                        )}
                      </td>
                      <td className="muted">{formatTime(m.createdAt)}</td>
                      <td>
                        {mayManage(m) && (
                          <button type="button" className="link danger" onClick={() => setRemoving(m)}>
                            {t("screens.staff.remove")}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div className="card flush">
            <h2 className="pad">{t("screens.staff.invites")}</h2>
            {invites.length === 0 ? (
              <Empty>{t("screens.staff.noInvites")}</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>{t("screens.staff.email")}</th>
                    <th>{t("screens.staff.role")}</th>
                    <th>{t("screens.staff.expires")}</th>
                    <th>{t("app.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {invites.map((i) => (
                    <tr key={i.id}>
                      <td>{i.email}</td>
                      <td>{t(`screens.staff.roles.${i.role}`)}</td>
                      <td className="muted">{formatTime(i.expiresAt)}</td>
                      <td>
                        {canManage && (
                          <button type="button" className="link danger" onClick={() => void revoke(i.id, i.email)}>
                            {t("screens.staff.revoke")}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      )}
      {inviting && (
        <InviteDialog
          myRole={me?.role ?? "staff"}
          onClose={() => setInviting(false)}
          onInvited={(url) => {
            setInviting(false);
            setInviteUrl(url);
            staff.reload();
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t("screens.staff.remove")}
          danger
          confirmLabel={t("screens.staff.remove")}
          onClose={() => setRemoving(undefined)}
          onConfirm={() => void remove(removing)}
        >
          <p>{t("screens.staff.removeBody", { who: removing.name ?? removing.email })}</p>
        </ConfirmDialog>
      )}
      {transferring && (
        <TransferDialog
          members={members.filter((m) => m.userId !== me?.user.id)}
          onClose={() => setTransferring(false)}
          onDone={async () => {
            setTransferring(false);
            staff.reload();
            await refresh().catch(() => undefined);
          }}
        />
      )}
    </section>
  );
}

function InviteDialog({
  myRole,
  onClose,
  onInvited,
}: {
  myRole: TTenantRole;
  onClose(): void;
  onInvited(url: string): void;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const roles = (["admin", "staff"] as const).filter((r) => RANK[r] < RANK[myRole]);
  const [role, setRole] = useState<"admin" | "staff">(roles.includes("staff") ? "staff" : (roles[0] ?? "staff"));
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const created = await attempt(
      () => call(merchant.staff.invites.$post({ json: { email, role } })),
      t("screens.staff.invited", { email }),
    );
    setBusy(false);
    if (created) onInvited(created.inviteUrl);
  }
  return (
    <Modal title={t("screens.staff.invite")} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <Field label={t("screens.staff.email")}>
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t("screens.staff.role")} hint={t(`screens.staff.roleHints.${role}`)}>
          <select
            value={role}
            onChange={(e) => {
              const r = roles.find((x) => x === e.target.value);
              if (r) setRole(r);
            }}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`screens.staff.roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="row end">
          <button type="button" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t("screens.staff.sendInvite")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function TransferDialog({ members, onClose, onDone }: { members: Member[]; onClose(): void; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const [memberId, setMemberId] = useState("");
  const [busy, setBusy] = useState(false);
  const target = members.find((m) => m.id === memberId);
  async function submit() {
    if (!target) return;
    setBusy(true);
    const ok = await attempt(
      () => call(merchant.staff["transfer-ownership"].$post({ json: { memberId } })),
      t("screens.staff.transferred", { who: target.name ?? target.email }),
    );
    setBusy(false);
    if (ok) await onDone();
  }
  return (
    <Modal
      title={t("screens.staff.transfer")}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button
            type="button"
            className="primary danger-fill"
            disabled={!target || busy}
            onClick={() => void submit()}
          >
            {t("screens.staff.transferConfirm")}
          </button>
        </>
      }
    >
      <div className="stack">
        <p className="warn-text">{t("screens.staff.transferBody")}</p>
        <Field label={t("screens.staff.newOwner")}>
          <select value={memberId} onChange={(e) => setMemberId(e.target.value)}>
            <option value="">{t("screens.staff.chooseMember")}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name ? `${m.name} <${m.email}>` : m.email}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </Modal>
  );
}
