// Rename a media item, move it to a folder, set its tags. The file itself never changes.
import type { TMedia, ZUpdateMediaRequest } from "@mallwright/schema";
import type { z } from "zod";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { notFound } from "../../http/errors.ts";
import { presentMedia } from "./present-media.ts";

export async function updateMedia(
  db: Database,
  env: Env,
  tenantId: string,
  id: string,
  input: z.infer<typeof ZUpdateMediaRequest>,
): Promise<TMedia> {
  return db.withTenant(tenantId, async (tx) => {
    const found = await tx.media.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw notFound("media");
    const m = await tx.media.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.folder !== undefined ? { folder: input.folder } : {}),
        ...(input.tags !== undefined ? { tags: [...new Set(input.tags)] } : {}),
      },
    });
    return presentMedia(env, m);
  });
}
