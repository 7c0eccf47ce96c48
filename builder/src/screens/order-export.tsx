// The orders list's export: asks the API for a CSV of the orders the current filters show, follows
// the job's progress (polling once a second), then offers the file. Contact details come masked
// for roles without orders:contact (the API decides).
import type { TOrderExport, TOrderExportRequest } from "@mallwright/schema";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, merchant } from "../api/client.ts";
import { attempt } from "../shell/toast.ts";

const POLL_MS = 1_000;

export function OrderExportButton({ filters }: { filters: TOrderExportRequest }) {
  const { t } = useTranslation();
  const [job, setJob] = useState<TOrderExport>();
  const [busy, setBusy] = useState(false);
  const working = job?.status === "queued" || job?.status === "running";

  useEffect(() => {
    if (!job || !working) return;
    const timer = setTimeout(async () => {
      const next = await attempt(() => call(merchant.orders.exports[":id"].$get({ param: { id: job.id } })));
      if (next) setJob(next);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, working]);

  async function start() {
    setBusy(true);
    const created = await attempt(() => call(merchant.orders.exports.$post({ json: filters })));
    setBusy(false);
    if (created) setJob(created);
  }

  return (
    <span className="order-export" aria-live="polite">
      <button type="button" onClick={() => void start()} disabled={busy || working}>
        {t("screens.orders.exportCsv")}
      </button>
      {job && working && (
        <span className="muted">
          {t("screens.orders.exporting", {
            percent: Math.round(job.progress * 100),
            done: job.processedOrders,
            total: job.totalOrders,
          })}
        </span>
      )}
      {job?.status === "done" && job.downloadPath && (
        <a href={job.downloadPath} download>
          {t("screens.orders.exportReady", { count: job.rowCount })}
        </a>
      )}
      {job?.status === "failed" && <span className="error-text">{job.error ?? t("screens.orders.exportFailed")}</span>}
    </span>
  );
}
