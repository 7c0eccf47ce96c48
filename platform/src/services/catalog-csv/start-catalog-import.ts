// Accepts an uploaded catalog CSV: decodes it (size and encoding are checked before anything is
// stored), records a queued import and enqueues its job in the same store transaction. CSV import
// is a plan feature.

import type { TCatalogImport } from "@mallwright/schema";
import type { Database } from "../../db/types.ts";
import { importCatalogJob } from "../../jobs/import-catalog.ts";
import { enqueue } from "../../jobs/outbox.ts";
import { assertFeature } from "../billing/quota.ts";
import type { CatalogActor } from "../catalog/actor.ts";
import { decodeCsvUpload } from "./decode-csv-upload.ts";
import { presentCatalogImport } from "./list-catalog-imports.ts";

/** A file name fit for display: no folders, no control characters, at most 200 characters. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = [...base.replace(/[\u0000-\u001f\u007f]/g, "").trim()].slice(0, 200).join("");
  return clean === "" ? "import.csv" : clean;
}

export async function startCatalogImport(
  db: Database,
  actor: CatalogActor,
  file: { bytes: Uint8Array; filename: string | undefined },
): Promise<TCatalogImport> {
  const { text } = decodeCsvUpload(file.bytes);
  return db.withTenant(actor.tenantId, async (tx) => {
    await assertFeature(tx, actor.tenantId, "csvImport");
    const row = await tx.catalogImport.create({
      data: {
        tenantId: actor.tenantId,
        filename: cleanFilename(file.filename),
        content: text,
        createdBy: actor.membershipId,
      },
    });
    await enqueue(tx, importCatalogJob, { importId: row.id });
    return presentCatalogImport(row);
  });
}
