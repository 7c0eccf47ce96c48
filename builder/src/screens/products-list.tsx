// The product list (商品管理): status tabs with counts, filters (category, search words, stock),
// sorting, "load more" cursor pages, row selection with bulk actions, CSV import with progress and
// its error report, and CSV export of what the filters show.
import {
  type TCatalogImport,
  type TCategoryTree,
  type TListProductsQuery,
  type TProductCounts,
  type TProductListItem,
  ZCatalogImport,
} from "@mallwright/schema";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { call, merchant, request } from "../api/client.ts";
import { useSession } from "../shell/session.ts";
import { attempt, notify } from "../shell/toast.ts";
import { Empty, Failed, Field, Loading, LoadMore, PageHeader, StatusTabs } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { parseErrorReport, type ReportLine } from "./csv-report.ts";
import { ConfirmDialog, Modal } from "./dialog.tsx";
import { formatTime } from "./format.ts";
import { formatPrice, yuanToFen } from "./money.ts";
import "./messages.ts";
import "./screens.css";

type Tab = "all" | "on_shelf" | "off_shelf" | "draft" | "deleted";
const TABS: Tab[] = ["all", "on_shelf", "off_shelf", "draft", "deleted"];
type Sort = TListProductsQuery["sort"];
const SORTS: Sort[] = ["-createdAt", "createdAt", "-price", "price", "-stock", "stock", "-sales", "title"];

interface Filters {
  tab: Tab;
  categoryId: string;
  q: string;
  lowStock: boolean;
  sort: Sort;
}

function queryOf(f: Filters, cursor?: string) {
  return {
    limit: "20",
    sort: f.sort,
    ...(f.tab !== "all" ? { status: f.tab } : {}),
    ...(f.categoryId ? { categoryId: f.categoryId } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.lowStock ? { lowStock: "true" as const } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** The export link for the filters (the export never includes the recycle bin). */
export function exportUrl(f: Pick<Filters, "tab" | "categoryId" | "q">): string {
  const params = new URLSearchParams();
  if (f.tab !== "all" && f.tab !== "deleted") params.set("status", f.tab);
  if (f.categoryId) params.set("categoryId", f.categoryId);
  if (f.q) params.set("q", f.q);
  const qs = params.toString();
  return `/merchant/v1/products/export.csv${qs ? `?${qs}` : ""}`;
}

export function ProductsScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useSession((s) => s.can("catalog:manage"));
  const [filters, setFilters] = useState<Filters>({
    tab: "all",
    categoryId: "",
    q: "",
    lowStock: false,
    sort: "-createdAt",
  });
  const [draftQ, setDraftQ] = useState("");
  const [extra, setExtra] = useState<{ items: TProductListItem[]; nextCursor: string | null }>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<"import" | "price" | "stock" | "purge" | "delete">();
  const [purging, setPurging] = useState<TProductListItem>();
  const categories = useLoad(() => call(merchant.categories.$get()), []);
  const list = useLoad(async () => {
    setExtra(undefined);
    setSelected(new Set());
    return call(merchant.products.$get({ query: queryOf(filters) }));
  }, [filters.tab, filters.categoryId, filters.q, filters.lowStock, filters.sort]);

  const items = [...(list.data?.items ?? []), ...(extra?.items ?? [])];
  const nextCursor = extra ? extra.nextCursor : list.data?.nextCursor;
  const counts = list.data?.counts;
  const inBin = filters.tab === "deleted";
  const categoryName = categoryNames(categories.data);

  async function loadMore() {
    if (!nextCursor) return;
    const page = await attempt(() => call(merchant.products.$get({ query: queryOf(filters, nextCursor) })));
    if (page) setExtra({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
  }

  async function bulk(
    body:
      | { action: "on_shelf" | "off_shelf" | "delete" | "restore"; ids: string[] }
      | { action: "move_category"; ids: string[]; categoryId: string | null }
      | { action: "adjust_price"; ids: string[]; mode: "delta" | "percent" | "set"; value: number }
      | { action: "adjust_stock"; ids: string[]; mode: "delta" | "set"; value: number },
  ): Promise<boolean> {
    const out = await attempt(() => call(merchant.products.bulk.$post({ json: body })));
    if (!out) return false;
    notify.ok(t("screens.products.bulkDone", { count: out.updated }));
    list.reload();
    return true;
  }

  async function purge(p: TProductListItem) {
    const ok = await attempt(
      () => call(merchant.products[":id"].forever.$delete({ param: { id: p.id } })),
      t("screens.products.purged", { title: p.title }),
    );
    setPurging(undefined);
    if (ok) list.reload();
  }

  function toggle(id: string) {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }
  const allSelected = items.length > 0 && items.every((p) => selected.has(p.id));
  const ids = [...selected];

  return (
    <section>
      <PageHeader
        title={t("screens.products.title")}
        actions={
          <>
            <a className="button" href={exportUrl(filters)} download>
              {t("screens.products.export")}
            </a>
            {canManage && (
              <button type="button" onClick={() => setDialog("import")}>
                {t("screens.products.import")}
              </button>
            )}
            {canManage && (
              <button type="button" className="primary" onClick={() => navigate("/products/new")}>
                {t("screens.products.create")}
              </button>
            )}
          </>
        }
      />
      <StatusTabs
        tabs={TABS}
        current={filters.tab}
        label={(tab) => t(`screens.products.tabs.${tab}`)}
        count={counts ? (tab) => counts[tab satisfies keyof TProductCounts] : undefined}
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
          placeholder={t("screens.products.searchPlaceholder")}
          value={draftQ}
          onChange={(e) => setDraftQ(e.target.value)}
        />
        <button type="submit">{t("app.search")}</button>
        <select
          aria-label={t("screens.products.category")}
          value={filters.categoryId}
          onChange={(e) => setFilters({ ...filters, categoryId: e.target.value })}
        >
          <option value="">{t("screens.products.allCategories")}</option>
          <CategoryOptions tree={categories.data} />
        </select>
        <select
          aria-label={t("screens.products.stockFilter")}
          value={filters.lowStock ? "low" : ""}
          onChange={(e) => setFilters({ ...filters, lowStock: e.target.value === "low" })}
        >
          <option value="">{t("screens.products.anyStock")}</option>
          <option value="low">
            {t("screens.products.lowStockOnly")}
            {counts ? ` (${counts.lowStock})` : ""}
          </option>
        </select>
        <select
          aria-label={t("screens.products.sort")}
          value={filters.sort}
          onChange={(e) => {
            const sort = SORTS.find((s) => s === e.target.value);
            if (sort) setFilters({ ...filters, sort });
          }}
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`screens.products.sorts.${s}`)}
            </option>
          ))}
        </select>
      </form>
      {canManage && selected.size > 0 && (
        <div className="bulk-bar" role="toolbar" aria-label={t("screens.products.bulk")}>
          <span>{t("screens.products.selected", { count: selected.size })}</span>
          {inBin ? (
            <button type="button" onClick={() => void bulk({ action: "restore", ids })}>
              {t("screens.products.restore")}
            </button>
          ) : (
            <>
              <button type="button" onClick={() => void bulk({ action: "on_shelf", ids })}>
                {t("screens.products.onShelf")}
              </button>
              <button type="button" onClick={() => void bulk({ action: "off_shelf", ids })}>
                {t("screens.products.offShelf")}
              </button>
              <select
                aria-label={t("screens.products.moveCategory")}
                value=""
                onChange={(e) => {
                  const v = e.target.value;
                  if (v === "") return;
                  void bulk({ action: "move_category", ids, categoryId: v === "none" ? null : v });
                }}
              >
                <option value="">{t("screens.products.moveCategory")}</option>
                <option value="none">{t("screens.products.noCategory")}</option>
                <CategoryOptions tree={categories.data} />
              </select>
              <button type="button" onClick={() => setDialog("price")}>
                {t("screens.products.adjustPrice")}
              </button>
              <button type="button" onClick={() => setDialog("stock")}>
                {t("screens.products.adjustStock")}
              </button>
              <button type="button" className="danger" onClick={() => setDialog("delete")}>
                {t("screens.products.toBin")}
              </button>
            </>
          )}
          <button type="button" className="link" onClick={() => setSelected(new Set())}>
            {t("screens.products.clearSelection")}
          </button>
        </div>
      )}
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <Failed error={list.error} retry={list.reload} />
      ) : items.length === 0 ? (
        <Empty
          action={
            canManage &&
            !inBin &&
            counts?.all === 0 && (
              <button type="button" className="primary" onClick={() => navigate("/products/new")}>
                {t("screens.products.create")}
              </button>
            )
          }
        >
          {inBin
            ? t("screens.products.binEmpty")
            : counts?.all === 0
              ? t("screens.products.empty")
              : t("screens.products.noMatch")}
        </Empty>
      ) : (
        <div className="card flush">
          <table className="products">
            <thead>
              <tr>
                {canManage && (
                  <th className="check">
                    <input
                      type="checkbox"
                      aria-label={t("screens.products.selectAll")}
                      checked={allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((p) => p.id)))}
                    />
                  </th>
                )}
                <th>{t("screens.products.product")}</th>
                <th>{t("screens.products.price")}</th>
                <th>{t("screens.products.stock")}</th>
                <th>{t("screens.products.sales")}</th>
                <th>{t("screens.products.status")}</th>
                <th>{inBin ? t("screens.products.deletedAt") : t("screens.products.updatedAt")}</th>
                <th>{t("app.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} className={selected.has(p.id) ? "selected" : undefined}>
                  {canManage && (
                    <td className="check">
                      <input
                        type="checkbox"
                        aria-label={t("screens.products.select", { title: p.title })}
                        checked={selected.has(p.id)}
                        onChange={() => toggle(p.id)}
                      />
                    </td>
                  )}
                  <td>
                    <div className="product-cell">
                      {p.image ? (
                        <img src={p.image.thumbUrl ?? p.image.url} alt="" />
                      ) : (
                        <span className="no-image" aria-hidden />
                      )}
                      <div>
                        <Link to={`/products/${p.id}`}>{p.title}</Link>
                        <div className="muted small">
                          {p.categoryId ? (categoryName.get(p.categoryId) ?? "") : t("screens.products.noCategory")}
                          {p.skuCount > 1 ? ` · ${t("screens.products.skuCount", { count: p.skuCount })}` : ""}
                        </div>
                      </div>
                    </div>
                  </td>
                  <td>{formatPrice(p.priceMin, p.priceMax)}</td>
                  <td>
                    {p.stockTotal}{" "}
                    {p.stockTotal === 0 ? (
                      <span className="badge danger">{t("screens.products.soldOut")}</span>
                    ) : (
                      p.lowStock && <span className="badge warn">{t("screens.products.lowStock")}</span>
                    )}
                  </td>
                  <td>{p.salesCount}</td>
                  <td>
                    {p.deletedAt ? (
                      <span className="badge danger">{t("screens.products.tabs.deleted")}</span>
                    ) : (
                      <span className={p.status === "on_shelf" ? "badge ok" : "badge"}>
                        {t(`screens.products.statuses.${p.status}`)}
                      </span>
                    )}
                  </td>
                  <td className="muted">{formatTime(p.deletedAt ?? p.updatedAt)}</td>
                  <td>
                    <div className="row tight">
                      <Link to={`/products/${p.id}`}>
                        {canManage && !inBin ? t("app.edit") : t("screens.products.view")}
                      </Link>
                      {canManage && !inBin && p.status !== "on_shelf" && (
                        <button
                          type="button"
                          className="link"
                          onClick={() => void bulk({ action: "on_shelf", ids: [p.id] })}
                        >
                          {t("screens.products.onShelf")}
                        </button>
                      )}
                      {canManage && !inBin && p.status === "on_shelf" && (
                        <button
                          type="button"
                          className="link"
                          onClick={() => void bulk({ action: "off_shelf", ids: [p.id] })}
                        >
                          {t("screens.products.offShelf")}
                        </button>
                      )}
                      {canManage && inBin && (
                        <>
                          <button
                            type="button"
                            className="link"
                            onClick={() => void bulk({ action: "restore", ids: [p.id] })}
                          >
                            {t("screens.products.restore")}
                          </button>
                          <button type="button" className="link danger" onClick={() => setPurging(p)}>
                            {t("screens.products.purge")}
                          </button>
                        </>
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
      {dialog === "import" && <ImportDialog onClose={() => setDialog(undefined)} onImported={list.reload} />}
      {(dialog === "price" || dialog === "stock") && (
        <AdjustDialog
          what={dialog}
          count={ids.length}
          onClose={() => setDialog(undefined)}
          onApply={async (mode, value) => {
            const ok =
              dialog === "price"
                ? await bulk({ action: "adjust_price", ids, mode, value })
                : await bulk({ action: "adjust_stock", ids, mode: mode === "percent" ? "delta" : mode, value });
            if (ok) setDialog(undefined);
          }}
        />
      )}
      {dialog === "delete" && (
        <ConfirmDialog
          title={t("screens.products.toBin")}
          danger
          confirmLabel={t("screens.products.toBin")}
          onClose={() => setDialog(undefined)}
          onConfirm={() => {
            setDialog(undefined);
            void bulk({ action: "delete", ids });
          }}
        >
          <p>{t("screens.products.toBinBody", { count: ids.length })}</p>
        </ConfirmDialog>
      )}
      {purging && (
        <ConfirmDialog
          title={t("screens.products.purge")}
          danger
          confirmLabel={t("screens.products.purge")}
          onClose={() => setPurging(undefined)}
          onConfirm={() => void purge(purging)}
        >
          <p>{t("screens.products.purgeBody", { title: purging.title })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function categoryNames(tree: TCategoryTree | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of tree?.items ?? []) {
    out.set(c.id, c.name);
    for (const child of c.children) out.set(child.id, `${c.name} / ${child.name}`);
  }
  return out;
}

export function CategoryOptions({ tree }: { tree: TCategoryTree | undefined }) {
  return (
    <>
      {tree?.items.flatMap((c) => [
        <option key={c.id} value={c.id}>
          {c.name}
        </option>,
        ...c.children.map((child) => (
          <option key={child.id} value={child.id}>
            {"\u00a0\u00a0— "}
            {child.name}
          </option>
        )),
      ])}
    </>
  );
}

function AdjustDialog({
  what,
  count,
  onClose,
  onApply,
}: {
  what: "price" | "stock";
  count: number;
  onClose(): void;
  onApply(mode: "delta" | "percent" | "set", value: number): Promise<void>;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"delta" | "percent" | "set">("set");
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  function parse(): number | null {
    const v = text.trim();
    const negative = v.startsWith("-");
    const digits = negative ? v.slice(1) : v;
    if (what === "price" && mode !== "percent") {
      if (negative && mode === "set") return null;
      const fen = yuanToFen(digits);
      return fen === null ? null : negative ? -fen : fen;
    }
    if (!/^\d{1,8}$/.test(digits) || (negative && mode === "set")) return null;
    return negative ? -Number(digits) : Number(digits);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = parse();
    if (value === null) {
      setError(
        what === "price" && mode !== "percent"
          ? t("screens.editor.problems.money")
          : t("screens.editor.problems.integer"),
      );
      return;
    }
    setError(undefined);
    setBusy(true);
    await onApply(mode, value);
    setBusy(false);
  }

  const modes = what === "price" ? (["set", "delta", "percent"] as const) : (["set", "delta"] as const);
  return (
    <Modal
      title={what === "price" ? t("screens.products.adjustPrice") : t("screens.products.adjustStock")}
      onClose={onClose}
    >
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <p className="muted">{t("screens.products.adjustHint", { count })}</p>
        <div className="row" role="radiogroup">
          {modes.map((m) => (
            <label key={m} className="row tight">
              <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} />
              {t(`screens.products.adjustModes.${what}.${m}`)}
            </label>
          ))}
        </div>
        <Field label={t(`screens.products.adjustValue.${what}.${mode}`)}>
          <input inputMode="decimal" required value={text} onChange={(e) => setText(e.target.value)} />
          {error && <span className="field-error">{error}</span>}
        </Field>
        <div className="row end">
          <button type="button" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t("screens.products.apply")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

const POLL_MS = 800;

function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File>();
  const [job, setJob] = useState<TCatalogImport>();
  const [report, setReport] = useState<ReportLine[]>();
  const [busy, setBusy] = useState(false);
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;

  async function upload(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    const form = new FormData();
    form.append("file", file);
    const started = await attempt(async () => {
      const res = await request("/merchant/v1/products/import", { method: "POST", body: form });
      return ZCatalogImport.parse(await res.json());
    });
    setBusy(false);
    if (started) setJob(started);
  }

  const id = job?.id;
  const finished = job?.status === "done" || job?.status === "failed";
  useEffect(() => {
    if (!id) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const next = await attempt(() => call(merchant.products.imports[":id"].$get({ param: { id } })));
      if (!live || !next) return;
      setJob(next);
      if (next.status === "done") {
        onImportedRef.current();
        return;
      }
      if (next.status === "failed") {
        const lines = await attempt(async () => {
          const res = await request(`/merchant/v1/products/imports/${id}/errors.csv`);
          return parseErrorReport(await res.text());
        });
        if (live) setReport(lines ?? []);
        return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id]);

  const percent =
    job && job.totalRows > 0 ? Math.round((job.processedRows / job.totalRows) * 100) : job?.status === "done" ? 100 : 0;

  return (
    <Modal title={t("screens.products.importTitle")} onClose={onClose} wide>
      {!job ? (
        <form className="stack" onSubmit={(e) => void upload(e)}>
          <p>{t("screens.products.importHint")}</p>
          <Field label={t("screens.products.csvFile")}>
            <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? undefined)} />
          </Field>
          <p className="muted small">{t("screens.products.importTip")}</p>
          <div className="row end">
            <button type="button" onClick={onClose}>
              {t("app.cancel")}
            </button>
            <button type="submit" className="primary" disabled={!file || busy}>
              {t("screens.products.startImport")}
            </button>
          </div>
        </form>
      ) : (
        <div className="stack">
          <div>
            <strong>{job.filename}</strong>{" "}
            <span className="badge">{t(`screens.products.importStatus.${job.status}`)}</span>
          </div>
          <progress max={100} value={percent} aria-label={t("screens.products.importProgress")} />
          <span className="muted">
            {t("screens.products.importRows", { processed: job.processedRows, total: job.totalRows })}
          </span>
          {job.status === "done" && (
            <p className="notice ok" role="status">
              {t("screens.products.importDone", { created: job.createdCount, updated: job.updatedCount })}
            </p>
          )}
          {job.status === "failed" && (
            <div className="notice danger" role="alert">
              <p>{t("screens.products.importFailed", { count: job.errorCount })}</p>
              <a href={`/merchant/v1/products/imports/${job.id}/errors.csv`} download>
                {t("screens.products.downloadReport")}
              </a>
              {report && report.length > 0 && (
                <table className="compact">
                  <thead>
                    <tr>
                      <th>{t("screens.products.reportRow")}</th>
                      <th>{t("screens.products.reportField")}</th>
                      <th>{t("screens.products.reportMessage")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.slice(0, 200).map((line, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: report lines have no identity of their own
                      <tr key={i}>
                        <td>{line.row}</td>
                        <td>{line.field}</td>
                        <td>{line.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          )}
          <div className="row end">
            {finished && (
              <button
                type="button"
                onClick={() => {
                  setJob(undefined);
                  setReport(undefined);
                  setFile(undefined);
                }}
              >
                {t("screens.products.importAnother")}
              </button>
            )}
            <button type="button" className="primary" onClick={onClose}>
              {finished ? t("app.close") : t("screens.products.runInBackground")}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
