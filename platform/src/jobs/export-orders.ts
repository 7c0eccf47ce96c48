// orders.export: makes one order export (services/orders/export-orders.ts) in its store's scope.
// Idempotent: a finished export is left alone; a rerun starts the export again from its first
// order. The last failed try marks the export failed, so the back office stops waiting for it.
import { ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { failOrderExport, runOrderExport } from "../services/orders/export-orders.ts";
import { defineJob, type RetryPolicy } from "./define.ts";

export const ZExportOrdersPayload = z.object({ exportId: ZUuid });

const RETRY: RetryPolicy = { attempts: 3, backoffMs: 10_000 };

export const exportOrdersJob = defineJob({
  name: "orders.export",
  version: 1,
  payload: ZExportOrdersPayload,
  retry: RETRY,
  handler: async (payload, ctx) => {
    if (!ctx.tenantId) throw new Error("orders.export needs a store: the outbox row has no tenant");
    try {
      await runOrderExport(ctx.db, ctx.env, ctx.tenantId, payload.exportId);
    } catch (err) {
      if (ctx.attempt >= RETRY.attempts) await failOrderExport(ctx.db, ctx.tenantId, payload.exportId);
      throw err;
    }
  },
});
