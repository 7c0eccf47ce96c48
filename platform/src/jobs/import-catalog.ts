// catalog.import: runs one uploaded catalog CSV (services/catalog-csv/run-catalog-import.ts) in its
// store's scope. Idempotent: only an import still `queued` is run, and it is claimed atomically; the
// writes are one transaction that also marks the import done.
import { ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { runCatalogImport } from "../services/catalog-csv/run-catalog-import.ts";
import { defineJob, type RetryPolicy } from "./define.ts";

export const ZImportCatalogPayload = z.object({ importId: ZUuid });
export type TImportCatalogPayload = z.infer<typeof ZImportCatalogPayload>;

const RETRY: RetryPolicy = { attempts: 3, backoffMs: 10_000 };

export const importCatalogJob = defineJob({
  name: "catalog.import",
  version: 1,
  payload: ZImportCatalogPayload,
  retry: RETRY,
  handler: async (payload, ctx) => {
    if (!ctx.tenantId) throw new Error("catalog.import needs a store: the outbox row has no tenant");
    await runCatalogImport(ctx.db, ctx.log, ctx.tenantId, payload.importId, {
      lastAttempt: ctx.attempt >= RETRY.attempts,
    });
  },
});
