// The media library: newest first, cursor pages, filters (kind, folder, tag), name search,
// with the tenant's usage and quota alongside; and one item by id.
import type { TListMediaQuery, TMedia } from "@mallwright/schema";
import { z } from "zod";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { type MediaUsageTotals, mediaTotals } from "./media-quota.ts";
import { presentMedia } from "./present-media.ts";

const ZCursor = z.object({ c: z.iso.datetime(), id: z.uuid() });

function encodeCursor(m: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ c: m.createdAt.toISOString(), id: m.id })).toString("base64url");
}

function decodeCursor(cursor: string): z.infer<typeof ZCursor> {
  try {
    return ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new ApiError("validation_failed", "cursor is not one this API gave out", [
      { path: "cursor", message: "invalid cursor", in: "query" },
    ]);
  }
}

export async function listMedia(
  db: Database,
  env: Env,
  tenantId: string,
  q: TListMediaQuery,
): Promise<{ items: TMedia[]; nextCursor: string | null; usage: Omit<MediaUsageTotals, "plan"> }> {
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const where: Prisma.MediaWhereInput = {
    AND: [
      // The store's own uploads: shoppers' after-sales photos are seen with their requests.
      { shopperId: null },
      q.kind ? { kind: q.kind } : {},
      q.folder !== undefined ? { folder: q.folder } : {},
      q.tag ? { tags: { has: q.tag } } : {},
      // Prisma passes `contains` to ILIKE as is: escape its wildcards so `%` and `_` match themselves.
      q.q ? { name: { contains: q.q.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" } } : {},
      after
        ? {
            OR: [{ createdAt: { lt: new Date(after.c) } }, { createdAt: new Date(after.c), id: { lt: after.id } }],
          }
        : {},
    ],
  };
  return db.withTenant(tenantId, async (tx) => {
    const rows = await tx.media.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: page.map((m) => presentMedia(env, m)),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
      usage: await mediaTotals(tx, tenantId).then(({ bytes, count, quotaBytes }) => ({ bytes, count, quotaBytes })),
    };
  });
}

export async function getMedia(db: Database, env: Env, tenantId: string, id: string): Promise<TMedia> {
  const m = await db.withTenant(tenantId, (tx) => tx.media.findUnique({ where: { id } }));
  if (!m) throw notFound("media");
  return presentMedia(env, m);
}
