// Platform admin: the audit log (审计日志) of every admin action, newest first: who, what (in words),
// which store, why, when, and what changed (before → after, only what differs). "Load more" pages on;
// ?tenantId= shows one store's entries (the tenants screen opens it so).
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { call, platform } from "../api/client.ts";
import { attempt } from "../shell/toast.ts";
import { Empty, Failed, Loading, LoadMore, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import "./billing-messages.ts";
import "./billing.css";
import { formatTime } from "./format.ts";
import "./messages.ts";
import "./screens.css";

type AuditPage = Awaited<ReturnType<typeof loadPage>>;
type Entry = AuditPage["items"][number];

const PAGE = "30";

function loadPage(tenantId: string, cursor?: string) {
  return call(
    platform["audit-log"].$get({
      query: { limit: PAGE, ...(tenantId ? { tenantId } : {}), ...(cursor ? { cursor } : {}) },
    }),
  );
}

export function AuditLogScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tenantId = params.get("tenantId") ?? "";
  const [extra, setExtra] = useState<AuditPage>();
  const log = useLoad(async () => {
    setExtra(undefined);
    return loadPage(tenantId);
  }, [tenantId]);
  const items = [...(log.data?.items ?? []), ...(extra?.items ?? [])];
  const nextCursor = extra ? extra.nextCursor : log.data?.nextCursor;
  const names = useTenantNames([tenantId, ...items.map((i) => i.tenantId)]);

  async function loadMore() {
    if (!nextCursor) return;
    const page = await attempt(() => loadPage(tenantId, nextCursor));
    if (page) setExtra({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
  }
  const storeName = (id: string) => names.get(id)?.name ?? id.slice(0, 8);

  return (
    <section>
      <PageHeader title={t("billing.audit.title")} />
      {tenantId && (
        <div className="toolbar">
          <span className="filter-chip">
            {t("billing.audit.filteredBy", { name: storeName(tenantId) })}
            <button type="button" className="link" onClick={() => setParams({})}>
              {t("billing.audit.showAll")}
            </button>
          </span>
        </div>
      )}
      {log.loading ? (
        <Loading />
      ) : log.error ? (
        <Failed error={log.error} retry={log.reload} />
      ) : items.length === 0 ? (
        <Empty>{t("billing.audit.empty")}</Empty>
      ) : (
        <div className="card flush">
          <table className="audit-log" aria-label={t("billing.audit.title")}>
            <thead>
              <tr>
                <th>{t("billing.audit.at")}</th>
                <th>{t("billing.audit.actor")}</th>
                <th>{t("billing.audit.action")}</th>
                <th>{t("billing.audit.store")}</th>
                <th>{t("billing.audit.reason")}</th>
                <th>{t("billing.audit.change")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.id}>
                  <td className="muted nowrap">{formatTime(entry.at)}</td>
                  <td>{entry.actor}</td>
                  <td>
                    <span className="badge">
                      {t(`billing.audit.actions.${entry.action}`, { defaultValue: entry.action })}
                    </span>
                  </td>
                  <td>
                    {entry.tenantId ? (
                      entry.tenantId === tenantId ? (
                        <StoreLabel store={names.get(entry.tenantId)} id={entry.tenantId} />
                      ) : (
                        <Link to={`/admin/audit-log?tenantId=${entry.tenantId}`}>
                          <StoreLabel store={names.get(entry.tenantId)} id={entry.tenantId} />
                        </Link>
                      )
                    ) : (
                      <span className="muted">{t("billing.audit.platformWide")}</span>
                    )}
                  </td>
                  <td>{entry.reason ?? <span className="muted">—</span>}</td>
                  <td>
                    <Change before={entry.before} after={entry.after} />
                  </td>
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

function StoreLabel({ store, id }: { store: { name: string; key: string } | null | undefined; id: string }) {
  if (!store) return <code className="small">{id.slice(0, 8)}</code>;
  return (
    <>
      <div>{store.name}</div>
      <code className="muted small">{store.key}</code>
    </>
  );
}

/** Store names by id, fetched once each (GET /tenants/{id}); null for one that could not be read. */
function useTenantNames(ids: readonly (string | null)[]): Map<string, { name: string; key: string } | null> {
  const [names, setNames] = useState(() => new Map<string, { name: string; key: string } | null>());
  const asked = useRef(new Set<string>());
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort().join(",");
  useEffect(() => {
    for (const id of wanted ? wanted.split(",") : []) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      call(platform.tenants[":id"].$get({ param: { id } })).then(
        (t) => setNames((m) => new Map(m).set(id, { name: t.name, key: t.key })),
        () => setNames((m) => new Map(m).set(id, null)),
      );
    }
  }, [wanted]);
  return names;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return ISO.test(v) ? formatTime(v) : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/**
 * What changed between `before` and `after`: for records, the keys of `after` whose value differs
 * (a key only `before` has was not recorded after, so it is left out), each from → to; other values
 * whole.
 */
export function changesOf(before: unknown, after: unknown): { key: string; from: unknown; to: unknown }[] {
  if (isRecord(after)) {
    const b = isRecord(before) ? before : {};
    return Object.keys(after)
      .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(after[k] ?? null))
      .map((k) => ({ key: k, from: b[k], to: after[k] }));
  }
  if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return [];
  return [{ key: "", from: before, to: after }];
}

function Change({ before, after }: { before: Entry["before"]; after: Entry["after"] }) {
  const { t } = useTranslation();
  const changes = changesOf(before, after);
  if (changes.length === 0) return <span className="muted small">{t("billing.audit.noChange")}</span>;
  return (
    <ul className="audit-diff">
      {changes.map((c) => (
        <li key={c.key}>
          {c.key && <code>{c.key}</code>}{" "}
          {c.from !== undefined && (
            <>
              <span className="from">{show(c.from)}</span>
              {" → "}
            </>
          )}
          <span className="to">{show(c.to)}</span>
        </li>
      ))}
    </ul>
  );
}
