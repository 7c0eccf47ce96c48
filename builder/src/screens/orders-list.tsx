// The order list (订单): status tabs with counts, search (order number, a phone's last 4 digits,
// product words), a date range, and "load more" cursor pages, newest first.
import type { TOrderStatus } from "@mallwright/schema";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { call, merchant } from "../api/client.ts";
import { attempt } from "../shell/toast.ts";
import { Empty, Failed, Loading, LoadMore, PageHeader, StatusTabs } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { formatTime } from "./format.ts";
import { formatPrice } from "./money.ts";
import { OrderExportButton } from "./order-export.tsx";
import { OrderStatusBadge } from "./order-status.tsx";
import "./messages.ts";
import "./screens.css";

type Tab = "all" | TOrderStatus;
const TABS: Tab[] = ["all", "pending_payment", "paid", "shipped", "delivered", "completed", "cancelled"];

interface Filters {
  tab: Tab;
  q: string;
  /** YYYY-MM-DD or "" */
  from: string;
  to: string;
}

/** What the API filters by: the list's query and the export's body. */
function filtersOf(f: Filters) {
  return {
    ...(f.tab !== "all" ? { status: f.tab } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

function queryOf(f: Filters, cursor?: string) {
  return { limit: "20", ...filtersOf(f), ...(cursor ? { cursor } : {}) };
}

function loadPage(f: Filters, cursor?: string) {
  return call(merchant.orders.$get({ query: queryOf(f, cursor) }));
}
type OrderPage = Awaited<ReturnType<typeof loadPage>>;

export function OrdersScreen() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ tab: "all", q: "", from: "", to: "" });
  const [draftQ, setDraftQ] = useState("");
  const [extra, setExtra] = useState<Pick<OrderPage, "items" | "nextCursor">>();
  const list = useLoad(() => {
    setExtra(undefined);
    return loadPage(filters);
  }, [filters.tab, filters.q, filters.from, filters.to]);

  const items = [...(list.data?.items ?? []), ...(extra?.items ?? [])];
  const nextCursor = extra ? extra.nextCursor : list.data?.nextCursor;
  const counts = list.data?.counts;
  const filtered = filters.q !== "" || filters.from !== "" || filters.to !== "";

  async function loadMore() {
    if (!nextCursor) return;
    const page = await attempt(() => loadPage(filters, nextCursor));
    if (page) setExtra({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
  }

  return (
    <section>
      <PageHeader title={t("screens.orders.title")} actions={<OrderExportButton filters={filtersOf(filters)} />} />
      <StatusTabs
        tabs={TABS}
        current={filters.tab}
        label={(tab) => t(`screens.orders.tabs.${tab}`)}
        count={counts ? (tab) => counts[tab] ?? 0 : undefined}
        onSelect={(tab) => setFilters({ ...filters, tab })}
      />
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
          placeholder={t("screens.orders.searchPlaceholder")}
          maxLength={60}
          value={draftQ}
          onChange={(e) => setDraftQ(e.target.value)}
        />
        <button type="submit">{t("app.search")}</button>
        <input
          type="date"
          aria-label={t("screens.orders.from")}
          title={t("screens.orders.from")}
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => setFilters({ ...filters, from: e.target.value })}
        />
        <span className="muted">–</span>
        <input
          type="date"
          aria-label={t("screens.orders.to")}
          title={t("screens.orders.to")}
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => setFilters({ ...filters, to: e.target.value })}
        />
        {(filters.from || filters.to) && (
          <button type="button" className="link" onClick={() => setFilters({ ...filters, from: "", to: "" })}>
            {t("screens.orders.clearDates")}
          </button>
        )}
      </form>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <Failed error={list.error} retry={list.reload} />
      ) : items.length === 0 ? (
        <Empty>{counts?.all === 0 && !filtered ? t("screens.orders.empty") : t("screens.orders.noMatch")}</Empty>
      ) : (
        <div className="card flush">
          <table className="orders">
            <thead>
              <tr>
                <th>{t("screens.orders.number")}</th>
                <th>{t("screens.orders.placedAt")}</th>
                <th>{t("screens.orders.goods")}</th>
                <th>{t("screens.orders.total")}</th>
                <th>{t("screens.orders.delivery")}</th>
                <th>{t("screens.orders.status")}</th>
                <th>{t("screens.orders.recipient")}</th>
                <th>{t("app.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => {
                const first = o.lines[0];
                const quantity = o.lines.reduce((n, l) => n + l.quantity, 0);
                return (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/orders/${o.id}`}>
                        <code>{o.number}</code>
                      </Link>
                    </td>
                    <td className="muted">{formatTime(o.createdAt)}</td>
                    <td>
                      <div className="product-cell">
                        {first?.image ? <img src={first.image} alt="" /> : <span className="no-image" aria-hidden />}
                        <div>
                          <div className="order-goods">{first?.title ?? "—"}</div>
                          <div className="muted small">{t("screens.orders.itemCount", { count: quantity })}</div>
                        </div>
                      </div>
                    </td>
                    <td>{formatPrice(o.total)}</td>
                    <td>
                      {t(`screens.orders.deliveries.${o.delivery}`)}
                      {o.pickup && <div className="muted small">{o.pickup.name}</div>}
                    </td>
                    <td>
                      <OrderStatusBadge status={o.status} delivery={o.delivery} />
                    </td>
                    <td>
                      {o.address ? (
                        <>
                          {o.address.recipient}
                          <div className="muted small">{o.address.phone}</div>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      <Link to={`/orders/${o.id}`}>{t("screens.orders.view")}</Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <LoadMore more={Boolean(nextCursor)} onLoad={() => void loadMore()} />
        </div>
      )}
    </section>
  );
}
