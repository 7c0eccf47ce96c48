// The store's hot search words: what shoppers searched most in the last 30 days, normalized
// (trimmed, spaces collapsed, lower-cased). Only searches that found something count, so typos and
// text typed over and over to deface the list (the search API is public) stay out.
import type { THotSearchWords } from "@mallwright/schema";
import { sql, type TenantReader } from "../../db/read.ts";

export const HOT_WORDS = 10;
export const HOT_WORDS_DAYS = 30;

export async function listHotWords(reader: TenantReader, tenantId: string): Promise<THotSearchWords> {
  const [words] = await reader.read(tenantId, [
    sql<{ text: string; count: number }>`
      SELECT lower(regexp_replace(btrim(query), '\\s+', ' ', 'g')) AS text, count(*)::int AS count
      FROM search_log
      WHERE tenant_id = ${tenantId}::uuid AND created_at > now() - make_interval(days => ${HOT_WORDS_DAYS}::int)
        AND results > 0
      GROUP BY 1
      ORDER BY count DESC, text
      LIMIT ${HOT_WORDS}::int`,
  ]);
  return { words };
}
