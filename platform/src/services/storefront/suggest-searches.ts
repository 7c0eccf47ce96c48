// Search suggestions while the shopper types: tags and product titles of on-shelf products that
// start with or contain what was typed, case-insensitively, prefix matches first. One statement.
import type { TSearchSuggestions } from "@mallwright/schema";
import { sql, type TenantReader } from "../../db/read.ts";
import { containsPattern, prefixPattern } from "./search-text.ts";

export const MAX_SUGGESTIONS = 8;
/** Tags are short, query-like completions; a few of them, then titles that lead to a product. */
const MAX_TAG_SUGGESTIONS = 3;

interface SuggestionRow {
  text: string;
  product_id: string | null;
  prefix: boolean;
  kind: number;
  sales: number;
}

export async function suggestSearches(
  reader: TenantReader,
  tenantId: string,
  typed: string,
): Promise<TSearchSuggestions> {
  const q = typed.trim();
  if (q === "") return { suggestions: [] };
  const contains = containsPattern(q);
  const prefix = prefixPattern(q);
  const [rows] = await reader.read(tenantId, [
    sql<SuggestionRow>`
      (SELECT min(t) AS text, NULL::uuid AS product_id, bool_or(t ILIKE ${prefix}) AS prefix, 0 AS kind,
              sum(p.sales_count)::int AS sales
       FROM products p CROSS JOIN LATERAL unnest(p.tags) AS t
       WHERE p.tenant_id = ${tenantId}::uuid AND p.status = 'on_shelf' AND p.deleted_at IS NULL
         AND t ILIKE ${contains}
       GROUP BY lower(t)
       ORDER BY prefix DESC, sales DESC, text
       LIMIT ${MAX_TAG_SUGGESTIONS}::int)
      UNION ALL
      (SELECT p.title, p.id, p.title ILIKE ${prefix}, 1, p.sales_count
       FROM products p
       WHERE p.tenant_id = ${tenantId}::uuid AND p.status = 'on_shelf' AND p.deleted_at IS NULL
         AND p.title ILIKE ${contains}
       ORDER BY 3 DESC, p.sales_count DESC, p.id
       LIMIT ${MAX_SUGGESTIONS}::int)`,
  ]);
  rows.sort((a, b) => Number(b.prefix) - Number(a.prefix) || a.kind - b.kind || b.sales - a.sales);
  return {
    suggestions: rows.slice(0, MAX_SUGGESTIONS).map((r) => ({ text: r.text, productId: r.product_id })),
  };
}
